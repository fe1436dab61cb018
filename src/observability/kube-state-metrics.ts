/**
 * kube-state-metrics exports node labels only when they are allow-listed
 * (`--metric-labels-allowlist`); the cost and pool rules join on these. kube-prometheus-stack
 * takes the list as `kube-state-metrics.metricLabelsAllowlist`.
 */
export const COST_NODE_LABELS: readonly string[] = [
  'node.kubernetes.io/instance-type',
  'karpenter.sh/capacity-type',
  'karpenter.sh/nodepool',
  'eks.amazonaws.com/capacityType',
  'eks.amazonaws.com/nodegroup',
  'cdktf-gpu-cluster/pool',
  'cdktf-gpu-cluster/team',
  'cdktf-gpu-cluster/cost-center',
];

/**
 * The Prometheus label kube-state-metrics gives a Kubernetes label on `kube_node_labels`:
 * `label_` + the key in snake case with every other character as `_`
 * (`eks.amazonaws.com/capacityType` -> `label_eks_amazonaws_com_capacity_type`).
 */
export function ksmLabel(key: string): string {
  return `label_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
}

/**
 * The kube-prometheus-stack values that make kube-state-metrics export the node labels the
 * rules join on. Merge them into the chart's values.
 */
export function kubeStateMetricsValues(labels: readonly string[] = COST_NODE_LABELS): Record<string, unknown> {
  return { 'kube-state-metrics': { metricLabelsAllowlist: [`nodes=[${labels.join(',')}]`] } };
}
