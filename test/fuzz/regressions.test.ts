import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { GpuCluster } from '../../src/cluster/gpu-cluster.js';
import { BudgetBasis } from '../../src/policy/cost-budget.js';
// Crashes the fuzzers found, kept as plain cases: each must be a GpuClusterError naming the prop.
import { GpuNodePool } from '../../src/karpenter/gpu-node-pool.js';
import type { GpuNodePoolProps } from '../../src/karpenter/gpu-node-pool.js';
import { NodeOverlay } from '../../src/karpenter/node-overlay.js';
import type { NodeOverlayProps } from '../../src/karpenter/node-overlay.js';
import { errorOf, karpenterStack, tags } from '../karpenter/support.js';
import { all, synthJson } from '../support/synth.js';
import { helmStack } from '../gpu/support.js';
import { withExistingMonitoring } from '../support/synth.js';
import { GpuOperator } from '../../src/gpu/gpu-operator.js';
import { DcgmExporter } from '../../src/gpu/dcgm-exporter.js';
import { Karpenter } from '../../src/karpenter/karpenter.js';
import { GpuAlertRules } from '../../src/observability/gpu-alert-rules.js';
import { GpuDashboard } from '../../src/observability/gpu-dashboard.js';
import { CostPolicy } from '../../src/policy/acknowledgements.js';
import { justify } from '../../src/core/justifications.js';
import { PriceBookSettings } from '../../src/policy/price-settings.js';

const pool = { gpuNames: ['l40s'], gpuLimit: 8, amiAlias: 'al2023@v20260714', disruption: { consolidateAfter: '10m' }, costTags: tags };

describe('fuzz regressions', () => {
  test.each([0, {}, 'In', [null], [[]]])('GpuNodePool requirements %j is a GpuClusterError, not a TypeError', (requirements) => {
    const { stack, karpenter } = karpenterStack();
    const e = errorOf(() => new GpuNodePool(stack, 'p', { karpenter, ...pool, requirements } as unknown as GpuNodePoolProps));
    expect(e.code).toBe('INVALID_REQUIREMENT');
    expect(e.message).toContain('requirements');
  });

  test.each([{}, 'x', [null], [{ key: 'example.com/x' }]])('NodeOverlay requirements %j is a GpuClusterError at construction', (requirements) => {
    const { stack, karpenter } = karpenterStack();
    const e = errorOf(() => new NodeOverlay(stack, 'o', { karpenter, capacity: { 'example.com/fpga': 1 }, requirements } as unknown as NodeOverlayProps));
    expect(e.code).toMatch(/^INVALID_(REQUIREMENT|CHOICE)$/);
    expect(e.message).toContain('requirements');
  });
});

describe('fuzz regressions: ManifestBundle', () => {
  test.each([null, 5, 'x', [], {}, { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }])('add(%j) is a GpuClusterError, not a TypeError or a broken chart', (object) => {
    const { stack, karpenter } = karpenterStack();
    const e = errorOf(() => karpenter.manifests.add(object as never));
    expect(e.code).toBe('INVALID_KUBERNETES_OBJECT');
    expect(e.message).toContain('[test/karpenter/objects] add(object):');
    expect(stack).toBeDefined();
  });

  test('a producer returning a non-object is reported at synth', () => {
    const { stack, karpenter } = karpenterStack();
    karpenter.manifests.add(() => null as never);
    expect(() => synthJson(stack)).toThrow(/GpuClusterError INVALID_KUBERNETES_OBJECT: object added to test\/karpenter\/objects: is not an object/);
  });
});

describe('fuzz regressions: Helm releases and objects that clash in one stack', () => {
  test('two GpuOperators with the default release name: DUPLICATE_HELM_RELEASE at synth, not a release that fails at apply', () => {
    const stack = helmStack();
    new GpuOperator(stack, 'gpu-operator');
    new GpuOperator(stack, 'gpu-operator-2');
    expect(() => synthJson(stack)).toThrow(/\[test\/gpu-operator-2\] GpuClusterError DUPLICATE_HELM_RELEASE: releaseName: names the same Helm release as test\/gpu-operator\/release.*Given: "gpu-operator\/gpu-operator"/);
  });

  test('two standalone DcgmExporters in one namespace: the exporter release clashes (prop namespace)', () => {
    const stack = helmStack();
    new DcgmExporter(stack, 'dcgm');
    new DcgmExporter(stack, 'dcgm-2');
    expect(() => synthJson(stack)).toThrow(/\[test\/dcgm-2\] GpuClusterError DUPLICATE_HELM_RELEASE: namespace: .*"gpu-monitoring\/dcgm-exporter"/);
  });

  test('two GpuDashboards with their own releases but one ConfigMap: DUPLICATE_KUBERNETES_OBJECT names the other bundle', () => {
    const stack = helmStack();
    withExistingMonitoring(stack);
    new GpuDashboard(stack, 'a');
    new GpuDashboard(stack, 'b', { releaseName: 'other-dashboard' });
    expect(() => synthJson(stack)).toThrow(/\[test\/b\/objects\] GpuClusterError DUPLICATE_KUBERNETES_OBJECT: objects: is also carried by test\/a\/objects \(release gpu-dashboard\)/);
  });

  test('the same objects in other namespaces or under other names synthesize', () => {
    const stack = helmStack();
    withExistingMonitoring(stack, ['monitoring', 'grafana']);
    new GpuDashboard(stack, 'a');
    new GpuDashboard(stack, 'b', { namespace: 'grafana' });
    new GpuAlertRules(stack, 'rules', { costRules: false });
    new GpuAlertRules(stack, 'rules-2', { costRules: false, releaseName: 'more-rules', name: 'more-alerts' });
    expect(all(synthJson(stack), 'helm_release').map((r) => `${r.namespace}/${r.name}`).sort()).toEqual(['grafana/gpu-dashboard', 'monitoring/gpu-alert-rules', 'monitoring/gpu-dashboard', 'monitoring/more-rules']);
  });
});

describe('fuzz regressions: additionalValues must be plain data', () => {
  test.each([
    ['GpuOperator', { operator: { resources: { limits: { cpu: NaN } } } }, 'additionalValues.operator.resources.limits.cpu'],
    ['GpuOperator', { daemonsets: { rollingUpdate: { maxUnavailable: Infinity } } }, 'additionalValues.daemonsets.rollingUpdate.maxUnavailable'],
    ['GpuOperator', { toolkit: { env: [{ name: 'X', value: undefined }] } }, 'additionalValues.toolkit.env[0].value'],
    ['DcgmExporter', { resources: { limits: { cpu: NaN } } }, 'additionalValues.resources.limits.cpu'],
    ['Karpenter', { logLevel: undefined }, 'additionalValues.logLevel'],
    ['Karpenter', 'x', 'additionalValues'],
    ['Karpenter', [1, 2], 'additionalValues'],
  ] as const)('%s additionalValues %j is INVALID_HELM_VALUES at %s (was .nan/.inf in the chart values, or garbage keys)', (construct, additionalValues, prop) => {
    const stack = helmStack();
    const e = errorOf(() => {
      if (construct === 'GpuOperator') new GpuOperator(stack, 'op', { additionalValues: additionalValues as never });
      else if (construct === 'DcgmExporter') new DcgmExporter(stack, 'dcgm', { additionalValues: additionalValues as never });
      else new Karpenter(stack, 'karpenter', { clusterName: 'ml-prod', costTags: tags, additionalValues: additionalValues as never });
    });
    expect([e.code, e.prop]).toEqual(['INVALID_HELM_VALUES', prop]);
  });

  test('Karpenter irsa: null is a GpuClusterError, not a TypeError', () => {
    expect(errorOf(() => new Karpenter(helmStack(), 'karpenter', { clusterName: 'ml-prod', irsa: null as never })).code).toBe('INVALID_IRSA');
  });
});

describe('fuzz regressions: GpuAlertRules and GpuDashboard', () => {
  // Each of these synthesized before and made promtool refuse the whole rule file.
  test.each([
    ['summary', 'GPU {{ $labels.gpu'],
    ['description', '{{ x }}'],
    ['runbookUrl', 'https://x.example/{{'],
  ])('extraRules[0].%s %j is INVALID_TEMPLATE (Prometheus parses annotations as Go templates)', (key, text) => {
    const rule = { alert: 'GpuCustom', expr: 'up == 0', summary: 's', description: 'd', [key]: text };
    const e = errorOf(() => new GpuAlertRules(helmStack(), 'alerts', { extraRules: [rule] }));
    expect([e.code, e.prop]).toEqual(['INVALID_TEMPLATE', `extraRules[0].${key}`]);
  });

  test('runbookBaseUrl with an unclosed template is INVALID_TEMPLATE; templates Prometheus knows pass', () => {
    expect(errorOf(() => new GpuAlertRules(helmStack(), 'alerts', { runbookBaseUrl: 'https://x.example/{{' })).code).toBe('INVALID_TEMPLATE');
    const rule = { alert: 'GpuCustom', expr: 'up == 0', summary: 'GPU {{ $labels.gpu }} at {{ $value | humanize }}', description: '{{ with query "up" }}{{ . | first | value }}{{ end }}' };
    expect(() => new GpuAlertRules(helmStack(), 'alerts', { extraRules: [rule] })).not.toThrow();
  });

  test("thresholds.idleFor '0' is INVALID_DURATION (it is the range of avg_over_time; promtool refused [0])", () => {
    const e = errorOf(() => new GpuAlertRules(helmStack(), 'alerts', { thresholds: { idleFor: '0' } }));
    expect([e.code, e.prop]).toEqual(['INVALID_DURATION', 'thresholds.idleFor']);
  });

  test.each([0, 'x', {}])('extraRules %j is a GpuClusterError, not a TypeError', (extraRules) => {
    expect(errorOf(() => new GpuAlertRules(helmStack(), 'alerts', { extraRules: extraRules as never })).prop).toBe('extraRules');
  });

  test.each([[['']], [[5]]])('costScopes %j is INVALID_SCOPES at construction, not a TypeError at synth', (costScopes) => {
    expect(errorOf(() => new GpuAlertRules(helmStack(), 'alerts', { costScopes: costScopes as never })).code).toBe('INVALID_SCOPES');
  });

  test.each([null, 5, []])('GpuDashboard props %j is a GpuClusterError', (props) => {
    expect(errorOf(() => new GpuDashboard(helmStack(), 'dashboard', props as never)).code).toBe('INVALID_PROPS');
  });

  test('GpuDashboard sidecarLabels as a list is refused (it became the label "0")', () => {
    expect(errorOf(() => new GpuDashboard(helmStack(), 'dashboard', { sidecarLabels: ['grafana_dashboard'] as never })).code).toBe('EMPTY_SIDECAR_LABEL');
  });
});

describe('fuzz regressions: policy and price settings', () => {
  test.each([undefined, null, 'x', {}])('CostPolicy.acknowledge(%j, ...) is INVALID_CONSTRUCT (was a WeakMap TypeError)', (target) => {
    expect(errorOf(() => CostPolicy.acknowledge(target as never, { rule: 'budget-exceeded', reason: 'approved by finance FIN-221' })).code).toBe('INVALID_CONSTRUCT');
  });

  test.each([
    [null, 'imds-hop-limit', 'pods read instance metadata', 'construct'],
    ['stack', '', 'pods read instance metadata', 'rule'],
    ['stack', 'imds-hop-limit', NaN, 'reason'],
  ])('justify(%j, %j, %j) is a GpuClusterError naming %s', (target, rule, reason, prop) => {
    const stack = helmStack();
    expect(errorOf(() => justify((target === 'stack' ? stack : target) as never, rule as string, reason as never)).prop).toBe(prop);
  });

  test('PriceBookSettings.of(a non-construct) and strictPrices("yes") are GpuClusterErrors', () => {
    expect(errorOf(() => PriceBookSettings.of(0 as never)).code).toBe('INVALID_CONSTRUCT');
    expect(errorOf(() => PriceBookSettings.of(helmStack()).strictPrices('yes' as never)).code).toBe('INVALID_BOOLEAN');
  });
});

describe('fuzz regressions: GpuCluster', () => {
  const existing = () => {
    const stack = new TerraformStack(new App({ outdir: mkdtempSync(join(tmpdir(), 'reg-')) }), 'platform');
    return GpuCluster.fromExisting(stack, 'gpu', { clusterName: 'ml-prod', region: 'us-east-1', costTags: tags, subnetIds: ['subnet-0a1b2c3d'] });
  };

  test.each([0, {}, Object.create(null)])('addBudget id %p is a GpuClusterError, not a TypeError', (id) => {
    expect(() => existing().addBudget(id as never, { monthlyLimitUsd: 10, basis: BudgetBasis.EXPECTED })).toThrow(/GpuClusterError INVALID_STRING: .*addBudget\(<(number|object)>\)\] id/);
  });

  test('a pool named like the cluster construct in its stack is a DUPLICATE_NAME, not a construct clash', () => {
    expect(() => existing().addSpotPool('gpu', { gpuNames: ['l40s'], gpuLimit: 8 })).toThrow(/GpuClusterError DUPLICATE_NAME: .*addSpotPool\(gpu\)\] id/);
    expect(() => existing().addNodeGroup('karpenter', { instanceTypes: ['g6e.xlarge'], scaling: { min: 0, desired: 0, max: 1 } })).toThrow(/DUPLICATE_NAME/);
  });
});
