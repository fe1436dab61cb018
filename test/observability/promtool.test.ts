import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { CostBudget, BudgetBasis } from '../../src/policy/cost-budget.js';
import { synthJson } from '../support/synth.js';
import { alertStack, promtool, rulesFile, runPromtool } from './support.js';

// Prometheus's own tool on the synthesized rules: `check rules`, then a unit test per alert with
// a series that fires it and one that must not. Annotations are checked in full for the alert
// whose text queries the cost rules; the per-alert cases compare labels (annotations removed
// from that copy of the file, since promtool compares them verbatim).

const G6E_12XL_ON_DEMAND = (JSON.parse(readFileSync(join(__dirname, '../../src/catalog/data/prices/us-east-1.json'), 'utf8')) as { onDemand: Record<string, number> }).onDemand['g6e.12xlarge']!;

const RUNBOOKS = 'https://wiki.example.com/gpu/runbooks';
const { stack, rules } = alertStack({ mig: true, runbookBaseUrl: RUNBOOKS });
new CostBudget(stack, 'budget', { monthlyLimitUsd: 50_000, basis: BudgetBasis.EXPECTED });
const json = synthJson(stack);
const file = rulesFile(json);
const tool = promtool();
const maybe = tool ? test : test.skip;

const GPU = { gpu: '0', UUID: 'GPU-5f2b', modelName: 'NVIDIA L40S', Hostname: 'node-a', pod: 'train-0', namespace: 'ml', container: 'trainer' };
const sel = (name: string, labels: Record<string, string>) => `${name}{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',')}}`;
const dcgm = (name: string, extra: Record<string, string> = {}) => sel(name, { ...GPU, ...extra });
const node = (name: string, extra: Record<string, string> = {}) =>
  sel('kube_node_labels', { node: name, label_node_kubernetes_io_instance_type: 'g6e.12xlarge', label_eks_amazonaws_com_capacity_type: 'ON_DEMAND', label_cdktf_gpu_cluster_pool: 'inference', label_cdktf_gpu_cluster_team: 'search', ...extra });

interface Series {
  series: string;
  values: string;
}
interface Case {
  alert: string;
  at: string;
  labels: Record<string, string>;
  fire: Series[];
  quiet: Series[];
}
const s = (series: string, values: string): Series => ({ series, values });
const gpuAlert = (severity: string) => ({ ...GPU, severity });

const CASES: Case[] = [
  ...([
    ['GpuXidFallenOffBus', 79, 13, 'critical'],
    ['GpuXidDoubleBitEcc', 48, 13, 'critical'],
    ['GpuXidRowRemapEvent', 63, 64, 'warning'],
    ['GpuXidRowRemapFailure', 64, 63, 'critical'],
    ['GpuXidContainedEcc', 94, 95, 'warning'],
    ['GpuXidUncontainedEcc', 95, 94, 'critical'],
  ] as const).map(([alert, xid, other, severity]) => ({
    alert,
    at: '5m',
    labels: gpuAlert(severity),
    fire: [s(dcgm('DCGM_FI_DEV_XID_ERRORS'), `0 ${xid}x10`)],
    quiet: [s(dcgm('DCGM_FI_DEV_XID_ERRORS'), `0 ${other}x10`)],
  })),
  // A new XID 31 fires; the same XID held for 20 minutes (nothing new) does not.
  { alert: 'GpuXidApplicationFault', at: '5m', labels: gpuAlert('info'), fire: [s(dcgm('DCGM_FI_DEV_XID_ERRORS'), '0 0 31x10')], quiet: [s(dcgm('DCGM_FI_DEV_XID_ERRORS'), '31x20')] },
  { alert: 'GpuXidError', at: '5m', labels: gpuAlert('warning'), fire: [s(dcgm('DCGM_FI_DEV_XID_ERRORS'), '0 0 74x10')], quiet: [s(dcgm('DCGM_FI_DEV_XID_ERRORS'), '0 0 79x10')] },
  { alert: 'GpuUncorrectableEccErrors', at: '5m', labels: gpuAlert('critical'), fire: [s(dcgm('DCGM_FI_DEV_ECC_DBE_VOL_TOTAL'), '0 0 1x10')], quiet: [s(dcgm('DCGM_FI_DEV_ECC_DBE_VOL_TOTAL'), '3x10')] },
  { alert: 'GpuRowRemapFailure', at: '5m', labels: gpuAlert('critical'), fire: [s(dcgm('DCGM_FI_DEV_ROW_REMAP_FAILURE'), '1x10')], quiet: [s(dcgm('DCGM_FI_DEV_ROW_REMAP_FAILURE'), '0x10')] },
  // 92 C is critical, not a warning: the warning stops where the critical alert starts.
  { alert: 'GpuTemperatureHigh', at: '8m', labels: gpuAlert('warning'), fire: [s(dcgm('DCGM_FI_DEV_GPU_TEMP'), '85x10')], quiet: [s(dcgm('DCGM_FI_DEV_GPU_TEMP'), '92x10')] },
  { alert: 'GpuTemperatureCritical', at: '5m', labels: gpuAlert('critical'), fire: [s(dcgm('DCGM_FI_DEV_GPU_TEMP'), '92x10')], quiet: [s(dcgm('DCGM_FI_DEV_GPU_TEMP'), '85x10')] },
  { alert: 'GpuMemoryTemperatureHigh', at: '8m', labels: gpuAlert('warning'), fire: [s(dcgm('DCGM_FI_DEV_MEMORY_TEMP'), '88x10')], quiet: [s(dcgm('DCGM_FI_DEV_MEMORY_TEMP'), '70x10')] },
  // DCGM's blank value on GPUs without a memory sensor is not a temperature.
  { alert: 'GpuMemoryTemperatureCritical', at: '5m', labels: gpuAlert('critical'), fire: [s(dcgm('DCGM_FI_DEV_MEMORY_TEMP'), '97x10')], quiet: [s(dcgm('DCGM_FI_DEV_MEMORY_TEMP'), '9223372036854775794x10')] },
  {
    alert: 'GpuPowerNearLimit',
    at: '20m',
    labels: gpuAlert('warning'),
    fire: [s(dcgm('DCGM_FI_DEV_POWER_USAGE'), '390x25'), s(dcgm('DCGM_FI_DEV_POWER_MGMT_LIMIT'), '400x25')],
    quiet: [s(dcgm('DCGM_FI_DEV_POWER_USAGE'), '300x25'), s(dcgm('DCGM_FI_DEV_POWER_MGMT_LIMIT'), '400x25')],
  },
  // Violation counters are nanoseconds: 12e9 ns per minute is 20 % of the time.
  { alert: 'GpuThermalThrottling', at: '20m', labels: gpuAlert('warning'), fire: [s(dcgm('DCGM_FI_DEV_THERMAL_VIOLATION'), '0+12000000000x30')], quiet: [s(dcgm('DCGM_FI_DEV_THERMAL_VIOLATION'), '0+3000000000x30')] },
  { alert: 'GpuPowerThrottling', at: '20m', labels: gpuAlert('warning'), fire: [s(dcgm('DCGM_FI_DEV_POWER_VIOLATION'), '0+42000000000x30')], quiet: [s(dcgm('DCGM_FI_DEV_POWER_VIOLATION'), '0+12000000000x30')] },
  {
    alert: 'GpuNvlinkErrors',
    at: '16m',
    labels: gpuAlert('warning'),
    fire: nvlink('0+5x20'),
    quiet: nvlink('0+0x20'),
  },
  // 47,000 MiB used of 48,000 (used + free) is 97.9 %; the seed's used / free would read 4,700 %.
  {
    alert: 'GpuMemoryAlmostFull',
    at: '15m',
    labels: gpuAlert('warning'),
    fire: [s(dcgm('DCGM_FI_DEV_FB_USED'), '47000x20'), s(dcgm('DCGM_FI_DEV_FB_FREE'), '1000x20')],
    quiet: [s(dcgm('DCGM_FI_DEV_FB_USED'), '20000x20'), s(dcgm('DCGM_FI_DEV_FB_FREE'), '28000x20')],
  },
  {
    alert: 'GpuPodPendingTooLong',
    at: '20m',
    labels: { namespace: 'ml', pod: 'train-0', severity: 'warning' },
    fire: [s(sel('kube_pod_status_phase', { namespace: 'ml', pod: 'train-0', phase: 'Pending' }), '1x30'), s(sel('kube_pod_container_resource_requests', { namespace: 'ml', pod: 'train-0', container: 'c', resource: 'nvidia_com_gpu', unit: 'integer' }), '1x30')],
    quiet: [s(sel('kube_pod_status_phase', { namespace: 'ml', pod: 'train-0', phase: 'Pending' }), '1x30'), s(sel('kube_pod_container_resource_requests', { namespace: 'ml', pod: 'train-0', container: 'c', resource: 'cpu', unit: 'core' }), '1x30')],
  },
  {
    alert: 'GpuNodePoolAtLimit',
    at: '20m',
    labels: { nodepool: 'l40s', resource_type: 'nvidia.com/gpu', severity: 'warning' },
    fire: [s(sel('karpenter_nodepools_usage', { nodepool: 'l40s', resource_type: 'nvidia.com/gpu' }), '32x30'), s(sel('karpenter_nodepools_limit', { nodepool: 'l40s', resource_type: 'nvidia.com/gpu' }), '32x30')],
    quiet: [s(sel('karpenter_nodepools_usage', { nodepool: 'l40s', resource_type: 'nvidia.com/gpu' }), '16x30'), s(sel('karpenter_nodepools_limit', { nodepool: 'l40s', resource_type: 'nvidia.com/gpu' }), '32x30')],
  },
  // The node group's max is 6: six nodes with its pool label are at the limit, five are not.
  {
    alert: 'GpuNodeGroupAtLimit',
    at: '20m',
    labels: { label_cdktf_gpu_cluster_pool: 'inference', pool: 'inference', severity: 'warning' },
    fire: [1, 2, 3, 4, 5, 6].map((i) => s(node(`n${i}`), '1x30')),
    quiet: [1, 2, 3, 4, 5].map((i) => s(node(`n${i}`), '1x30')),
  },
  { alert: 'GpuAllocatedButIdle', at: '70m', labels: gpuAlert('warning'), fire: [s(dcgm('DCGM_FI_DEV_GPU_UTIL'), '5x90')], quiet: [s(dcgm('DCGM_FI_DEV_GPU_UTIL'), '60x90')] },
  // MIG: a 0-1 ratio; 0.05 is idle, 0.5 is not.
  {
    alert: 'GpuMigInstanceIdle',
    at: '70m',
    labels: { ...gpuAlert('warning'), GPU_I_PROFILE: '3g.40gb', GPU_I_ID: '1' },
    fire: [s(dcgm('DCGM_FI_PROF_GR_ENGINE_ACTIVE', { GPU_I_PROFILE: '3g.40gb', GPU_I_ID: '1' }), '0.05x90')],
    quiet: [s(dcgm('DCGM_FI_PROF_GR_ENGINE_ACTIVE', { GPU_I_PROFILE: '3g.40gb', GPU_I_ID: '1' }), '0.5x90')],
  },
  {
    alert: 'DcgmExporterDown',
    at: '8m',
    labels: { job: 'nvidia-dcgm-exporter', instance: '10.0.0.1:9400', namespace: 'gpu-operator', pod: 'nvidia-dcgm-exporter-x', severity: 'warning' },
    fire: [s(sel('up', { job: 'nvidia-dcgm-exporter', instance: '10.0.0.1:9400', namespace: 'gpu-operator', pod: 'nvidia-dcgm-exporter-x' }), '0x10')],
    quiet: [s(sel('up', { job: 'nvidia-dcgm-exporter', instance: '10.0.0.1:9400', namespace: 'gpu-operator', pod: 'nvidia-dcgm-exporter-x' }), '1x10')],
  },
  {
    alert: 'DcgmExporterSeriesMissing',
    at: '15m',
    labels: { node: 'node-a', severity: 'warning' },
    fire: [s(sel('kube_node_status_capacity', { node: 'node-a', resource: 'nvidia_com_gpu', unit: 'integer' }), '4x20')],
    quiet: [s(sel('kube_node_status_capacity', { node: 'node-a', resource: 'nvidia_com_gpu', unit: 'integer' }), '4x20'), s(dcgm('DCGM_FI_DEV_GPU_TEMP'), '50x20')],
  },
  // 7 on-demand g6e.12xlarge nodes x 10.49264 USD/h x 730 h = 53,617 USD > 50,000; 2 nodes = 15,319.
  {
    alert: 'GpuProjectedMonthlySpendOverBudget',
    at: '70m',
    labels: { budget: 'test/budget', budget_scope: 'stack', severity: 'warning' },
    fire: [1, 2, 3, 4, 5, 6, 7].map((i) => s(node(`n${i}`), '1x80')),
    quiet: [1, 2].map((i) => s(node(`n${i}`), '1x80')),
  },
];

function nvlink(values: string): Series[] {
  return ['CRC_FLIT', 'CRC_DATA', 'REPLAY', 'RECOVERY'].map((k, i) => s(dcgm(`DCGM_FI_DEV_NVLINK_${k}_ERROR_COUNT_TOTAL`), i === 0 ? values : '0+0x20'));
}

const alertNames = file.groups.flatMap((g) => g.rules.filter((r) => r.alert).map((r) => r.alert as string));

test('every alert the rules define has a fire and a no-fire case here', () => {
  expect([...new Set(CASES.map((c) => c.alert))].sort()).toEqual([...new Set(alertNames)].sort());
});

maybe('promtool check rules accepts the synthesized rules file', () => {
  const r = runPromtool(['check', 'rules', 'rules.yaml'], { 'rules.yaml': file });
  expect(r.output).toContain(`SUCCESS: ${file.groups.reduce((n, g) => n + g.rules.length, 0)} rules found`);
  expect(r.status).toBe(0);
});

maybe('promtool test rules: each alert fires on its series and stays quiet on the other', () => {
  const bare = { groups: file.groups.map((g) => ({ ...g, rules: g.rules.map(({ annotations: _a, ...r }) => r) })) };
  const tests = CASES.flatMap((c) => [
    { interval: '1m', input_series: c.fire, alert_rule_test: [{ eval_time: c.at, alertname: c.alert, exp_alerts: [{ exp_labels: c.labels }] }] },
    { interval: '1m', input_series: c.quiet, alert_rule_test: [{ eval_time: c.at, alertname: c.alert, exp_alerts: [] }] },
  ]);
  const r = runPromtool(['test', 'rules', 'tests.yaml'], { 'rules.yaml': bare, 'tests.yaml': { rule_files: ['rules.yaml'], evaluation_interval: '1m', tests } });
  expect(r.output).toContain('SUCCESS');
  expect(r.status).toBe(0);
});

maybe('promtool test rules: node price, GPU price and team burn from the catalog; the idle alert prices its waste', () => {
  const gpuPrice = G6E_12XL_ON_DEMAND / 4; // 4 L40S per g6e.12xlarge
  const base = RUNBOOKS;
  const tests = [
    {
      interval: '1m',
      input_series: [s(node('node-a'), '1x90'), s(node('node-b', { label_cdktf_gpu_cluster_team: 'ranking' }), '1x90'), s(dcgm('DCGM_FI_DEV_GPU_UTIL'), '5x90')],
      promql_expr_test: [
        { expr: 'cdktf_gpu_cluster:node_price_usd_per_hour{node="node-a"}', eval_time: '5m', exp_samples: [{ labels: 'cdktf_gpu_cluster:node_price_usd_per_hour{node="node-a",instance_type="g6e.12xlarge",capacity_type="on-demand",team="search"}', value: G6E_12XL_ON_DEMAND }] },
        { expr: 'cdktf_gpu_cluster:node_gpu_price_usd_per_hour{node="node-a"}', eval_time: '5m', exp_samples: [{ labels: 'cdktf_gpu_cluster:node_gpu_price_usd_per_hour{node="node-a",instance_type="g6e.12xlarge",capacity_type="on-demand",team="search"}', value: gpuPrice }] },
        { expr: 'cdktf_gpu_cluster:team_burn_usd_per_hour', eval_time: '5m', exp_samples: [{ labels: 'cdktf_gpu_cluster:team_burn_usd_per_hour{team="search"}', value: G6E_12XL_ON_DEMAND }, { labels: 'cdktf_gpu_cluster:team_burn_usd_per_hour{team="ranking"}', value: G6E_12XL_ON_DEMAND }] },
        { expr: 'cdktf_gpu_cluster:burn_usd_per_hour', eval_time: '5m', exp_samples: [{ labels: 'cdktf_gpu_cluster:burn_usd_per_hour', value: 2 * G6E_12XL_ON_DEMAND }] },
      ],
      alert_rule_test: [
        {
          eval_time: '70m',
          alertname: 'GpuAllocatedButIdle',
          exp_alerts: [
            {
              exp_labels: gpuAlert('warning'),
              exp_annotations: {
                summary: 'Idle GPU held by ml/train-0 on node-a',
                description: `GPU 0 (NVIDIA L40S, GPU-5f2b) on node node-a, pod ml/train-0 averaged 5.0 % utilization over 1h (under 20 %). It wastes ${gpuPrice.toFixed(2)} USD per hour at the catalog price.`,
                runbook_url: `${base}/GpuAllocatedButIdle.md`,
              },
            },
          ],
        },
      ],
    },
  ];
  const r = runPromtool(['test', 'rules', 'tests.yaml'], { 'rules.yaml': file, 'tests.yaml': { rule_files: ['rules.yaml'], evaluation_interval: '1m', tests } });
  expect(r.output).toContain('SUCCESS');
  expect(r.status).toBe(0);
});

test('the rules object is the one the construct reports', () => {
  expect(file.groups.map((g) => g.name)).toEqual(rules.groups().map((g) => g.name));
});
