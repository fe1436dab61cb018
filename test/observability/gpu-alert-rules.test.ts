import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { GENERIC_TEMPLATE_PATH } from '../../src/core/generic-chart.js';
import { GpuAlertRules } from '../../src/observability/gpu-alert-rules.js';
import { kubeStateMetricsValues, ksmLabel } from '../../src/observability/kube-state-metrics.js';
import { promqlProblems } from '../../src/observability/promql.js';
import { newStack, synthJson } from '../support/synth.js';
import { alertStack, release, releaseObjects, rulesFile } from './support.js';
import { errorOf } from '../support/errors.js';

describe('GpuAlertRules: given a stack with a g6e.12xlarge node group, when synthesized', () => {
  const { stack } = alertStack();
  const json = synthJson(stack);
  const [rule] = releaseObjects(json);
  const file = rulesFile(json);
  const alerts = file.groups.flatMap((g) => g.rules.filter((r) => r.alert));

  test('one PrometheusRule, labelled for kube-prometheus-stack, in the monitoring namespace', () => {
    expect(releaseObjects(json)).toHaveLength(1);
    expect(rule!.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(rule!.metadata).toEqual({ name: 'gpu-alerts', namespace: 'monitoring', labels: { release: 'kube-prometheus-stack', 'app.kubernetes.io/part-of': 'cdktf-gpu-cluster' } });
    expect(release(json, 'gpu-alert-rules').namespace).toBe('monitoring');
  });

  test('it validates against the copied prometheus-operator CRD (checked by a separate ajv)', () => {
    const crd = parse(readFileSync(join(__dirname, '../../src/observability/crds/monitoring.coreos.com_prometheusrules.yaml'), 'utf8'));
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(crd.spec.versions[0].schema.openAPIV3Schema);
    expect(validate(rule)).toBe(true);
  });

  test('the groups are health, capacity, efficiency, exporter and cost', () => {
    expect(file.groups.map((g) => g.name)).toEqual(['gpu-health', 'gpu-capacity', 'gpu-efficiency', 'gpu-exporter', 'gpu-cost']);
  });

  test('every alert has for, a severity, summary, description; no runbook_url without runbookBaseUrl, and synth says where the runbooks are', () => {
    for (const a of alerts) {
      expect(a.for).toMatch(/^\d+[smh]$/);
      expect(['critical', 'warning', 'info']).toContain(a.labels.severity);
      expect(a.annotations.summary).toBeTruthy();
      expect(a.annotations.description).toBeTruthy();
      expect(a.annotations.runbook_url).toBeUndefined();
    }
    const info = stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === '@cdktf/info').map((m) => String(m.data));
    expect(info).toContainEqual(expect.stringMatching(/no runbook_url.*docs\/runbooks.*set runbookBaseUrl/));
  });

  test('with runbookBaseUrl every alert links <base>/<Alert>.md, a runbook docs/runbooks holds', () => {
    const runbooks = readdirSync(join(__dirname, '../../docs/runbooks/'));
    const hosted = rulesFile(synthJson(alertStack({ runbookBaseUrl: 'https://wiki.example.com/gpu/runbooks' }).stack)).groups.flatMap((g) => g.rules.filter((r) => r.alert));
    expect(hosted.length).toBe(alerts.length);
    for (const a of hosted) {
      expect(a.annotations.runbook_url).toBe(`https://wiki.example.com/gpu/runbooks/${a.alert}.md`);
      expect(runbooks).toContain(`${a.alert}.md`);
    }
  });

  test('GPU alerts name node, GPU (index, UUID, model) and pod in their description', () => {
    for (const a of alerts.filter((x) => /DCGM_FI_/.test(x.expr) && x.alert !== 'DcgmExporterSeriesMissing')) {
      expect(a.annotations.description).toEqual(expect.stringContaining('{{ $labels.Hostname }}'));
      expect(a.annotations.description).toEqual(expect.stringContaining('{{ $labels.UUID }}'));
      expect(a.annotations.description).toEqual(expect.stringContaining('{{ $labels.modelName }}'));
      expect(a.annotations.description).toEqual(expect.stringContaining('$labels.pod'));
    }
  });

  test('severities: XID 79 and uncorrectable ECC / row-remap failure critical, XID 13/31/43 info', () => {
    const sev = (name: string) => alerts.find((a) => a.alert === name)!.labels.severity;
    expect(sev('GpuXidFallenOffBus')).toBe('critical');
    expect(sev('GpuUncorrectableEccErrors')).toBe('critical');
    expect(sev('GpuRowRemapFailure')).toBe('critical');
    expect(sev('GpuXidApplicationFault')).toBe('info');
    expect(alerts.find((a) => a.alert === 'GpuXidApplicationFault')!.expr).toBe('(DCGM_FI_DEV_XID_ERRORS == 13 or DCGM_FI_DEV_XID_ERRORS == 31 or DCGM_FI_DEV_XID_ERRORS == 43) and on(UUID, gpu) changes(DCGM_FI_DEV_XID_ERRORS[10m]) > 0');
  });

  test('memory use is used / (used + free), not used / free', () => {
    expect(alerts.find((a) => a.alert === 'GpuMemoryAlmostFull')!.expr).toBe('DCGM_FI_DEV_FB_USED / (DCGM_FI_DEV_FB_USED + DCGM_FI_DEV_FB_FREE) * 100 > 95');
  });

  test('the node group alert carries the group max (6) and the pool label kube-state-metrics exports', () => {
    expect(alerts.find((a) => a.alert === 'GpuNodeGroupAtLimit')!.expr).toBe('count by (label_cdktf_gpu_cluster_pool) (kube_node_labels{label_cdktf_gpu_cluster_pool="inference"}) >= 6');
  });

  test('the cost rules price only the stack\'s types: one on-demand g6e.12xlarge price, per node and per GPU', () => {
    const cost = file.groups.find((g) => g.name === 'gpu-cost')!.rules;
    const constants = cost.filter((r) => /^vector\(/.test(r.expr));
    expect(constants).toEqual([
      { record: 'cdktf_gpu_cluster:instance_price_usd_per_hour', expr: 'vector(10.49264)', labels: { instance_type: 'g6e.12xlarge', capacity_type: 'on-demand', price_source: 'on-demand us-east-1' } },
      { record: 'cdktf_gpu_cluster:instance_gpu_price_usd_per_hour', expr: 'vector(2.62316)', labels: { instance_type: 'g6e.12xlarge', capacity_type: 'on-demand', price_source: 'on-demand us-east-1' } },
    ]);
  });

  test("Prometheus template text reaches the release values as written, with Terraform's ${ escaped", () => {
    const values = release(json, 'gpu-alert-rules').values[0] as string;
    expect(values).toContain('{{ $labels.Hostname }}');
    expect(values).toContain('"$1"'); // label_replace's $1 is not a Terraform sequence: left as is
    expect(values).not.toMatch(/[^$]\$\{/);
  });

  test('the chart holds only the generic template', () => {
    const chart = Object.values((json as any).resource.helm_release).find((r: any) => r.name === 'gpu-alert-rules') as any;
    expect(chart.chart).toMatch(/^\.\/assets\//);
    expect(GENERIC_TEMPLATE_PATH).toBe('templates/objects.yaml');
  });
});

describe('GpuAlertRules props', () => {
  test('selector labels are configurable and replace the default', () => {
    const { stack } = alertStack({ ruleSelectorLabels: { prometheus: 'gpu' } });
    expect(releaseObjects(synthJson(stack))[0]!.metadata.labels).toEqual({ prometheus: 'gpu', 'app.kubernetes.io/part-of': 'cdktf-gpu-cluster' });
  });

  test('thresholds reach the expressions; MIG rules use GR_ENGINE_ACTIVE as a 0-1 ratio', () => {
    const { rules } = alertStack({ mig: true, thresholds: { gpuTempWarningC: 75, idleUtilizationPercent: 30, idleFor: '2h' } });
    const all = rules.groups().flatMap((g) => g.rules) as any[];
    expect(all.find((r) => r.alert === 'GpuTemperatureHigh').expr).toBe('DCGM_FI_DEV_GPU_TEMP >= 75 < 90');
    expect(all.find((r) => r.alert === 'GpuMigInstanceIdle').expr).toBe('avg_over_time(DCGM_FI_PROF_GR_ENGINE_ACTIVE{pod!="", GPU_I_PROFILE!=""}[2h]) < 0.3');
    expect(all.find((r) => r.alert === 'GpuAllocatedButIdle').expr).toBe('avg_over_time(DCGM_FI_DEV_GPU_UTIL{pod!=""}[2h]) < 30');
  });

  test('hostnameLabel: hostname follows dcgm-exporter\'s rename', () => {
    const { rules } = alertStack({ hostnameLabel: 'hostname' });
    const missing = rules.groups().find((g) => g.name === 'gpu-exporter')!.rules.find((r: any) => r.alert === 'DcgmExporterSeriesMissing')!;
    expect(missing.expr).toContain('max by (hostname) (DCGM_FI_DEV_GPU_TEMP), "node", "$1", "hostname", "(.+)"');
  });

  test('extra rules join a gpu-extra group', () => {
    const { rules } = alertStack({ extraRules: [{ alert: 'MyGpuAlert', expr: 'DCGM_FI_DEV_GPU_TEMP > 70', summary: 's', description: 'd' }] });
    expect(rules.groups().at(-1)).toEqual({ name: 'gpu-extra', rules: [{ alert: 'MyGpuAlert', expr: 'DCGM_FI_DEV_GPU_TEMP > 70', for: '5m', labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd' } }] });
  });

  test.each([
    ['thresholds.gpuTempCriticalC', { thresholds: { gpuTempCriticalC: 130 } }, 130, 'a number from 0 to 120'],
    ['thresholds.idleUtilizationPercent', { thresholds: { idleUtilizationPercent: 150 } }, 150, 'a number from 1 to 100'],
    ['thresholds.memoryUsedPercent', { thresholds: { memoryUsedPercent: Number.NaN } }, Number.NaN, 'a number from 1 to 100'],
    ['thresholds.gpuTempWarningC', { thresholds: { gpuTempWarningC: 95 } }, 95, 'a warning temperature below the critical one'],
    ['ruleSelectorLabels', { ruleSelectorLabels: {} }, {}, 'a non-empty map'],
    ['ruleSelectorLabels["release"]', { ruleSelectorLabels: { release: '' } }, '', 'a non-empty map'],
    ['thresholds.idleFor', { thresholds: { idleFor: '1 hour' } }, '1 hour', 'units y, w, d, h, m, s, ms'],
    ['extraRules[0].for', { extraRules: [{ alert: 'A', expr: 'up', for: '5 minutes', summary: 's', description: 'd' }] }, '5 minutes', 'units y, w, d, h, m, s, ms'],
  ])('bad input: %s', (prop, props, value, allowed) => {
    const { stack } = newStack();
    const e = errorOf(() => new GpuAlertRules(stack, 'alerts', props as any));
    expect(e.prop).toBe(prop);
    expect(e.value).toEqual(value);
    expect(e.allowed).toContain(allowed);
    expect(e.fix).toBeTruthy();
    expect(e.message).toContain('[test/alerts]');
  });

  test('an extra rule that does not parse is an error naming line and column', () => {
    const { stack } = newStack();
    const e = errorOf(() => new GpuAlertRules(stack, 'alerts', { extraRules: [{ alert: 'Bad', expr: 'sum(rate(foo[5m])', summary: 's', description: 'd' }] }));
    expect(e.code).toBe('INVALID_PROMQL');
    expect(e.prop).toBe('extraRules[0].expr');
    expect(e.message).toMatch(/line 1, column \d+/);
  });

  test('a missing price is a synth error naming the type, never $0', () => {
    // ap-southeast-4 sells no g6e.12xlarge.
    const { stack } = alertStack({}, true, 'ap-southeast-4');
    expect(() => synthJson(stack)).toThrow(/GpuClusterError NO_PRICE_IN_REGION.*g6e\.12xlarge|g6e\.12xlarge.*NO_PRICE/s);
  });

  test('exportedDcgmFields: a rule reading a field the exporter lacks fails synth, naming it', () => {
    const { stack } = alertStack({ exportedDcgmFields: ['DCGM_FI_DEV_GPU_TEMP'] });
    expect(() => synthJson(stack)).toThrow(/DCGM_FIELD_NOT_EXPORTED.*DCGM_FI_DEV_XID_ERRORS/s);
  });
});

describe('PromQL parsing', () => {
  test('syntax errors carry line and column; 3.x-only functions are refused', () => {
    expect(promqlProblems('up')).toEqual([]);
    expect(promqlProblems('rate(up[5m]) +\n  ')).toEqual([expect.objectContaining({ line: 2, message: 'ends too early' })]);
    expect(promqlProblems('limitk(2, up)')).toEqual([expect.objectContaining({ column: 1, message: 'uses limitk, which Prometheus 2.42 does not have' })]);
  });
});

describe('kube-state-metrics', () => {
  test('label names as kube-state-metrics writes them, and the allowlist values', () => {
    expect(ksmLabel('eks.amazonaws.com/capacityType')).toBe('label_eks_amazonaws_com_capacity_type');
    expect(ksmLabel('karpenter.sh/capacity-type')).toBe('label_karpenter_sh_capacity_type');
    expect(kubeStateMetricsValues(['a/b', 'c.d/e'])).toEqual({ 'kube-state-metrics': { metricLabelsAllowlist: ['nodes=[a/b,c.d/e]'] } });
  });
});
