import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { TerraformStack } from 'cdktf';
import { GpuAlertRules } from '../../src/observability/gpu-alert-rules.js';
import type { GpuAlertRulesProps } from '../../src/observability/gpu-alert-rules.js';
import { GpuDashboard } from '../../src/observability/gpu-dashboard.js';
import type { GpuDashboardProps } from '../../src/observability/gpu-dashboard.js';
import { GpuNodeGroup } from '../../src/compute/gpu-node-group.js';
import { MigLayout } from '../../src/catalog/mig-layout.js';
import { DcgmExporter } from '../../src/gpu/dcgm-exporter.js';
import { CostBudget } from '../../src/policy/cost-budget.js';
import { DCGM_EXPORTER_METRICS } from '../../src/gpu/dcgm-counters.js';
import { annotationText, corrupted, dnsName, fuzzParams, labelKey, nested, promDuration, rarely } from './arbitraries.js';
import { expectSomeSynth, firstProblem, fuzzStack, outcomeOf } from './outcome.js';
import { withExistingMonitoring } from '../support/synth.js';
import type { Outcome } from './outcome.js';

const tags = { team: 'search', costCenter: 'cc-1234', environment: 'prod' };

/** What else the stack holds: node groups (MIG or not) and a budget feed the capacity and cost rules, an exporter the field check. */
const context = fc.record({ group: fc.constantFrom('none', 'plain', 'mig'), budget: fc.boolean(), exporter: fc.boolean() });
/** The cluster runs kube-prometheus-stack, in the namespace the props name (a valid one; a bad one is the props' error). */
function declareMonitoringFor(stack: TerraformStack, props: unknown): void {
  const ns = (props as { namespace?: unknown } | null)?.namespace;
  withExistingMonitoring(stack, typeof ns === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns) ? ['monitoring', ns] : ['monitoring']);
}

function contextStack(c: { group: string; budget: boolean; exporter: boolean }): TerraformStack {
  const stack = fuzzStack();
  if (c.group !== 'none') {
    new GpuNodeGroup(stack, 'group', {
      clusterName: 'ml-prod',
      subnetIds: ['subnet-a'],
      instanceTypes: [c.group === 'mig' ? 'p5.48xlarge' : 'g6e.12xlarge'],
      scaling: { min: 0, desired: 1, max: 4 },
      costTags: tags,
      ...(c.group === 'mig' ? { migLayout: MigLayout.uniform('3g.40gb') } : {}),
    });
  }
  if (c.budget) new CostBudget(stack, 'budget', { monthlyLimitUsd: 10_000_000, basis: 'WORST_CASE' });
  if (c.exporter) new DcgmExporter(stack, 'dcgm', {});
  return stack;
}

const percent = (min: number) => fc.oneof(fc.integer({ min, max: 100 }), fc.double({ min, max: 100, noNaN: true }));
const thresholds = fc.record(
  {
    gpuTempWarningC: fc.integer({ min: 40, max: 85 }),
    gpuTempCriticalC: fc.integer({ min: 86, max: 120 }),
    memoryTempWarningC: fc.oneof(fc.integer({ min: 40, max: 90 }), fc.double({ min: 40, max: 90, noNaN: true })),
    memoryTempCriticalC: fc.integer({ min: 91, max: 120 }),
    memoryUsedPercent: percent(1),
    powerPercentOfLimit: percent(1),
    thermalThrottlePercent: percent(0),
    powerThrottlePercent: percent(0),
    nvlinkErrorsPer15m: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0, max: 1e9, noNaN: true })),
    idleUtilizationPercent: percent(1),
    idleFor: promDuration,
    pendingGpuPodFor: promDuration,
    poolLimitPercent: percent(1),
  },
  { requiredKeys: [] },
);
const THRESHOLD_KEYS = ['gpuTempWarningC', 'gpuTempCriticalC', 'memoryTempWarningC', 'memoryTempCriticalC', 'memoryUsedPercent', 'powerPercentOfLimit', 'thermalThrottlePercent', 'powerThrottlePercent', 'nvlinkErrorsPer15m', 'idleUtilizationPercent', 'idleFor', 'pendingGpuPodFor', 'poolLimitPercent'];

// PromQL as users write it (with `${1}` that Terraform must not evaluate), and some that does not parse.
const expr = fc.oneof(
  { arbitrary: fc.constantFrom('up == 0', 'DCGM_FI_DEV_GPU_TEMP > 85', 'sum by (Hostname) (DCGM_FI_DEV_FB_USED) > 1e6', 'rate(DCGM_FI_DEV_XID_ERRORS[5m]) > 0', 'absent(up{job="dcgm"})', 'label_replace(up, "a", "${1}", "job", "(.*)") == 0', 'up{job=~"a|b"} == 0'), weight: 5 },
  { arbitrary: fc.constantFrom('sum(', 'up ==', 'mad_over_time(up[5m]) > 1', 'up{job="x"', 'DCGM_FI_DEV_NOT_EXPORTED > 0'), weight: 1 },
);
const extraRule = fc.record(
  {
    alert: fc.constantFrom('GpuCustomA', 'TrainingStalled', 'GpuTemperatureHigh', '_x'),
    expr,
    for: promDuration,
    severity: fc.constantFrom('critical', 'warning', 'info'),
    summary: annotationText,
    description: annotationText,
    runbookUrl: fc.constantFrom('https://runbooks.example.com/gpu/custom.md', 'http://wiki.local/{{ $labels.alertname }}', 'https://x.example/{{'),
  },
  { requiredKeys: ['alert', 'expr', 'summary', 'description'] },
);
const EXTRA_KEYS = ['alert', 'expr', 'for', 'severity', 'summary', 'description', 'runbookUrl'];

const alertProps = fc.record(
  {
    ruleSelectorLabels: fc.dictionary(labelKey, dnsName, { minKeys: 1, maxKeys: 2 }),
    namespace: dnsName,
    name: dnsName,
    releaseName: dnsName,
    runbookBaseUrl: fc.oneof({ arbitrary: fc.constantFrom('https://runbooks.example.com/gpu', 'http://wiki.local/x'), weight: 6 }, { arbitrary: fc.webUrl({ withQueryParameters: true }), weight: 3 }, { arbitrary: fc.constantFrom('https://x.example/{{', 'https://x.example/a/', 'https://x.example/{{ $labels.x }}'), weight: 1 }),
    thresholds: nested(thresholds, THRESHOLD_KEYS),
    mig: fc.boolean(),
    hostnameLabel: fc.constantFrom('Hostname', 'hostname'),
    dcgmExporterJob: fc.oneof({ arbitrary: fc.constantFrom('nvidia-dcgm-exporter', 'dcgm-exporter', 'gpu/dcgm', 'gpu job ${x}'), weight: 12 }, { arbitrary: fc.constant('gpu "job"'), weight: 1 }),
    costRules: fc.boolean(),
    exportedDcgmFields: rarely(fc.subarray([...DCGM_EXPORTER_METRICS]), 6),
    extraRules: fc.array(nested(extraRule, EXTRA_KEYS), { maxLength: 3 }),
  },
  { requiredKeys: ['exportedDcgmFields'] },
);
const ALERT_KEYS = ['ruleSelectorLabels', 'namespace', 'name', 'releaseName', 'runbookBaseUrl', 'thresholds', 'mig', 'hostnameLabel', 'dcgmExporterJob', 'costScopes', 'costRules', 'exportedDcgmFields', 'extraRules', 'dependsOn'];

describe('fuzz: GpuAlertRules', () => {
  test('random props, thresholds and extraRules (two rule sets sometimes) synthesize to rules Prometheus loads, or fail with a GpuClusterError', () => {
    const seen: Outcome['kind'][] = [];
    // promtool runs once at the end over every synthesized rule file (one process, not one per run).
    const files: Array<{ input: unknown; spec: unknown }> = [];
    fc.assert(
      fc.property(fc.oneof({ arbitrary: corrupted(alertProps, ALERT_KEYS), weight: 19 }, { arbitrary: fc.constantFrom<unknown>(null, 5, 'x'), weight: 1 }), context, fc.constantFrom('once', 'once', 'once', 'once', 'twice', 'renamed'), (props, c, twice) => {
        const outcome = outcomeOf(() => {
          const stack = contextStack(c);
          declareMonitoringFor(stack, props);
          new GpuAlertRules(stack, 'alerts', props as GpuAlertRulesProps);
          // A second rule set: the same props (clashing release and rule), or its own release and rule name.
          if (twice === 'twice') new GpuAlertRules(stack, 'alerts-2', props as GpuAlertRulesProps);
          if (twice === 'renamed') new GpuAlertRules(stack, 'alerts-2', { ...(props as GpuAlertRulesProps), releaseName: 'more-gpu-rules', name: 'more-gpu-alerts' });
          return stack;
        });
        seen.push(outcome.kind);
        if (outcome.kind === 'synth') for (const o of outcome.objects) if (o.kind === 'PrometheusRule') files.push({ input: { props, c, twice }, spec: o.spec });
        if (process.env.FUZZ_DEBUG && outcome.kind === 'error') console.log(firstProblem(outcome.error));
      }),
      fuzzParams,
    );
    expectSomeSynth(seen);
    expect(promtoolFailures(files)).toEqual([]);
  });
});

/** Inputs whose rule file `promtool check rules` refuses (none when promtool is not installed). */
function promtoolFailures(files: Array<{ input: unknown; spec: unknown }>): Array<{ input: unknown; output: string }> {
  if (spawnSync('promtool', ['--version']).status !== 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-rules-'));
  const names = files.map((f, i) => {
    writeFileSync(join(dir, `r${i}.yaml`), stringify(f.spec, { lineWidth: 0 }));
    return `r${i}.yaml`;
  });
  const r = spawnSync('promtool', ['check', 'rules', ...names], { cwd: dir, encoding: 'utf8' });
  if (r.status === 0) return [];
  // promtool names the file on each line of a refusal: "rN.yaml: group ..., rule ...: <reason>".
  const refused = new Map<number, string[]>();
  for (const m of `${r.stdout}\n${r.stderr}`.matchAll(/^r(\d+)\.yaml: (.*)$/gm)) refused.set(Number(m[1]), [...(refused.get(Number(m[1])) ?? []), m[2]!]);
  if (refused.size === 0) return [{ input: 'promtool failed', output: `${r.stdout}\n${r.stderr}`.slice(0, 600) }];
  return [...refused].slice(0, 3).map(([i, lines]) => ({ input: files[i]!.input, output: lines.slice(0, 3).join('\n') }));
}

const dashboardProps = fc.record(
  {
    namespace: dnsName,
    name: dnsName,
    sidecarLabels: fc.dictionary(labelKey, fc.oneof(dnsName, fc.constant('1')), { minKeys: 1, maxKeys: 2 }),
    hostnameLabel: fc.constantFrom('Hostname', 'hostname'),
    idleUtilizationPercent: percent(1),
    releaseName: dnsName,
  },
  { requiredKeys: [] },
);
const DASHBOARD_KEYS = ['namespace', 'name', 'sidecarLabels', 'hostnameLabel', 'idleUtilizationPercent', 'releaseName', 'dependsOn'];

describe('fuzz: GpuDashboard', () => {
  test('random props (two dashboards sometimes) synthesize to a ConfigMap holding dashboard JSON, or fail with a GpuClusterError', () => {
    const seen: Outcome['kind'][] = [];
    fc.assert(
      fc.property(fc.oneof({ arbitrary: corrupted(dashboardProps, DASHBOARD_KEYS), weight: 9 }, { arbitrary: fc.constantFrom<unknown>(null, 5, 'x', []), weight: 1 }), fc.integer({ min: 0, max: 3 }).map((n) => n === 0), (props, twice) => {
        const outcome = outcomeOf(() => {
          const stack = fuzzStack();
          declareMonitoringFor(stack, props);
          new GpuDashboard(stack, 'dashboard', props as GpuDashboardProps);
          if (twice) new GpuDashboard(stack, 'dashboard-2', props as GpuDashboardProps);
          return stack;
        });
        seen.push(outcome.kind);
        if (outcome.kind === 'synth') {
          // The dashboard travels as JSON text inside the ConfigMap: it must parse, with its panels.
          expect(outcome.objects.length).toBe(twice ? 2 : 1);
          for (const o of outcome.objects) expect((JSON.parse(o.data['gpu-cluster.json']) as { panels: unknown[] }).panels.length).toBeGreaterThan(0);
        }
        if (process.env.FUZZ_DEBUG && outcome.kind === 'error') console.log(firstProblem(outcome.error));
      }),
      fuzzParams,
    );
    expectSomeSynth(seen);
  });
});
