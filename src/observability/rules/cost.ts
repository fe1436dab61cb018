import { ksmLabel } from '../kube-state-metrics.js';
import { scopeTag } from '../../cost/budget-evaluation.js';
import { labelSafeValue } from '../../base/labels.js';
import type { AlertingRule, RecordingRule, Rule, RuleGroup } from './rule-types.js';
import { formatEnUs } from '../../base/number-format.js';

/** Catalog price of one instance type and capacity type. */
export interface InstancePrice {
  readonly instanceType: string;
  /** As Karpenter labels nodes: `on-demand` or `spot`. */
  readonly capacityType: 'on-demand' | 'spot';
  readonly usdPerHour: number;
  /** GPU devices DCGM sees on the instance (1 for the fractional g6f / gr6f types). */
  readonly gpuDevices: number;
  /** Where the price came from (`snapshot`, `spot median`, `on-demand: no spot price`, ...). */
  readonly source: string;
}

/** A budget the projected monthly spend is compared with. */
export interface SpendBudget {
  /** Construct path of the CostBudget. */
  readonly path: string;
  readonly monthlyLimitUsd: number;
  /** `stack`, `team=<name>` or `cost-center=<name>` (BudgetScope ids). */
  readonly scope: string;
}

export const INSTANCE_PRICE = 'cdktf_gpu_cluster:instance_price_usd_per_hour';
export const INSTANCE_GPU_PRICE = 'cdktf_gpu_cluster:instance_gpu_price_usd_per_hour';
export const NODE_INFO = 'cdktf_gpu_cluster:node_capacity:info';
export const NODE_PRICE = 'cdktf_gpu_cluster:node_price_usd_per_hour';
export const NODE_GPU_PRICE = 'cdktf_gpu_cluster:node_gpu_price_usd_per_hour';
export const TEAM_BURN = 'cdktf_gpu_cluster:team_burn_usd_per_hour';
export const COST_CENTER_BURN = 'cdktf_gpu_cluster:cost_center_burn_usd_per_hour';
export const CLUSTER_BURN = 'cdktf_gpu_cluster:burn_usd_per_hour';
/** Hours in the average month (8,760 / 12), as AWS bills and the cost engine prices. */
const HOURS_PER_MONTH = 730;

/**
 * Cost: the catalog's hourly price per instance type and capacity type as constant series, joined
 * onto every node by its `node.kubernetes.io/instance-type` and capacity-type labels (Karpenter's
 * `karpenter.sh/capacity-type`, or EKS's `eks.amazonaws.com/capacityType` on managed node groups),
 * summed per team and cost-center label, and alerts when the spend projected over a month passes
 * a CostBudget. Only nodes of the priced types get a price: the stack's own.
 */
export function costGroup(prices: readonly InstancePrice[], budgets: readonly SpendBudget[]): RuleGroup {
  const constant = (record: string, value: number, p: InstancePrice): RecordingRule => ({
    record,
    expr: `vector(${round(value)})`,
    labels: { instance_type: p.instanceType, capacity_type: p.capacityType, price_source: p.source },
  });
  const karpenterCt = ksmLabel('karpenter.sh/capacity-type');
  const eksCt = ksmLabel('eks.amazonaws.com/capacityType');
  const nodeInfo = [
    `label_replace(kube_node_labels{${karpenterCt}=~"on-demand|spot"}, "capacity_type", "$1", "${karpenterCt}", "(.+)")`,
    `label_replace(kube_node_labels{${eksCt}="ON_DEMAND"}, "capacity_type", "on-demand", "${eksCt}", ".*")`,
    `label_replace(kube_node_labels{${eksCt}="SPOT"}, "capacity_type", "spot", "${eksCt}", ".*")`,
  ].join(' or ');
  const relabel = (expr: string, [to, from]: [string, string]) => `label_replace(${expr}, "${to}", "$1", "${from}", "(.+)")`;
  const withLabels = ([
    ['instance_type', ksmLabel('node.kubernetes.io/instance-type')],
    ['team', ksmLabel('cdktf-gpu-cluster/team')],
    ['cost_center', ksmLabel('cdktf-gpu-cluster/cost-center')],
  ] as Array<[string, string]>).reduce(relabel, `(${nodeInfo})`);

  const rules: Rule[] = [
    ...prices.map((p) => constant(INSTANCE_PRICE, p.usdPerHour, p)),
    ...prices.map((p) => constant(INSTANCE_GPU_PRICE, p.usdPerHour / p.gpuDevices, p)),
    { record: NODE_INFO, expr: `max by (node, instance_type, capacity_type, team, cost_center) (${withLabels})` },
    { record: NODE_PRICE, expr: `${NODE_INFO} * on(instance_type, capacity_type) group_left() max by (instance_type, capacity_type) (${INSTANCE_PRICE})` },
    { record: NODE_GPU_PRICE, expr: `${NODE_INFO} * on(instance_type, capacity_type) group_left() max by (instance_type, capacity_type) (${INSTANCE_GPU_PRICE})` },
    { record: TEAM_BURN, expr: `sum by (team) (${NODE_PRICE})` },
    { record: COST_CENTER_BURN, expr: `sum by (cost_center) (${NODE_PRICE})` },
    { record: CLUSTER_BURN, expr: `sum(${NODE_PRICE})` },
    ...budgets.map(budgetAlert),
  ];
  return { name: 'gpu-cost', rules };
}

function budgetAlert(b: SpendBudget): AlertingRule {
  const tag = scopeTag(b.scope);
  const [kind, name] = tag ? [tag.key, tag.value] : [b.scope, ''];
  // Nodes carry the label-safe form of the tag (costTagLabels): match that.
  const label = labelSafeValue(name);
  const series = kind === 'team' ? `${TEAM_BURN}{team="${label}"}` : kind === 'cost-center' ? `${COST_CENTER_BURN}{cost_center="${label}"}` : CLUSTER_BURN;
  const what = kind === 'stack' ? 'the cluster' : `${kind} ${name}`;
  const limit = formatEnUs(b.monthlyLimitUsd, 0, 2);
  return {
    alert: 'GpuProjectedMonthlySpendOverBudget',
    expr: `${series} * ${HOURS_PER_MONTH} > ${round(b.monthlyLimitUsd)}`,
    for: '1h',
    labels: { severity: 'warning', budget: b.path, budget_scope: b.scope },
    annotations: {
      summary: `GPU spend of ${what} is on course to pass its ${limit} USD monthly budget`,
      description: `The GPU nodes of ${what} cost {{ $value | printf "%.0f" }} USD per month at the current rate (hourly catalog price of the running nodes x ${HOURS_PER_MONTH} h), over the ${limit} USD budget ${b.path} for an hour. Instances only: EBS, EKS and network costs come on top.`,
    },
  };
}

/** Prices as PromQL number literals: enough digits for a cent per month, no float noise. */
function round(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}
