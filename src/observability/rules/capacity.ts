import type { ResolvedThresholds } from '../thresholds.js';
import { ksmLabel } from '../kube-state-metrics.js';
import { gpuText } from './rule-types.js';
import type { AlertingRule, LabelContext, RuleGroup } from './rule-types.js';

/** A managed node group as the alert sees it: the `cdktf-gpu-cluster/pool` label value and its max size. */
export interface NodeGroupLimit {
  readonly pool: string;
  readonly maxNodes: number;
}

/** GPU resources as kube-state-metrics names them (`nvidia.com/gpu` -> `nvidia_com_gpu`, MIG slices too). */
export const KSM_GPU_RESOURCES = 'nvidia_com_gpu|nvidia_com_mig_.+';

/**
 * Capacity: memory almost full, pods pending for a GPU, NodePools and node groups at their limit.
 * Karpenter's NodePool metrics need its ServiceMonitor (the Karpenter construct enables it). A
 * managed node group's max size is not a metric anywhere in the cluster, so the rule carries the
 * max the construct set and counts the group's nodes by their `cdktf-gpu-cluster/pool` label
 * (kube-state-metrics must allow-list it).
 */
export function capacityGroup(t: ResolvedThresholds, l: LabelContext, nodeGroups: readonly NodeGroupLimit[]): RuleGroup {
  const poolLabel = ksmLabel('cdktf-gpu-cluster/pool');
  const rules: AlertingRule[] = [
    {
      alert: 'GpuMemoryAlmostFull',
      // used / (used + free): dividing by free alone (as dashboards often do) is not a share.
      expr: `DCGM_FI_DEV_FB_USED / (DCGM_FI_DEV_FB_USED + DCGM_FI_DEV_FB_FREE) * 100 > ${t.memoryUsedPercent}`,
      for: '10m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'GPU memory {{ $value | printf "%.0f" }} % full on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu(l)} has used more than ${t.memoryUsedPercent} % of its framebuffer for 10 minutes; the next allocation may fail with out-of-memory.`,
      },
    },
    {
      alert: 'GpuPodPendingTooLong',
      expr: `max by (namespace, pod) (kube_pod_status_phase{phase="Pending"}) == 1 and on(namespace, pod) max by (namespace, pod) (kube_pod_container_resource_requests{resource=~"${KSM_GPU_RESOURCES}"}) > 0`,
      for: t.pendingGpuPodFor,
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} has waited {{ "' + t.pendingGpuPodFor + '" }} for a GPU',
        description: `Pod {{ $labels.namespace }}/{{ $labels.pod }} asks for a GPU and has been Pending for more than ${t.pendingGpuPodFor}. No node can take it: pools at their limit, no capacity for the instance types, or a missing toleration.`,
      },
    },
    {
      alert: 'GpuNodePoolAtLimit',
      expr: `karpenter_nodepools_usage{resource_type="nvidia.com/gpu"} / (karpenter_nodepools_limit{resource_type="nvidia.com/gpu"} > 0) * 100 >= ${t.poolLimitPercent}`,
      for: '15m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'NodePool {{ $labels.nodepool }} is at {{ $value | printf "%.0f" }} % of its GPU limit',
        description: `Karpenter NodePool {{ $labels.nodepool }} has provisioned at least ${t.poolLimitPercent} % of its nvidia.com/gpu limit for 15 minutes; it launches no more GPU nodes and new GPU pods stay Pending.`,
      },
    },
    ...nodeGroups.map(
      (g): AlertingRule => ({
        alert: 'GpuNodeGroupAtLimit',
        expr: `count by (${poolLabel}) (kube_node_labels{${poolLabel}="${g.pool}"}) >= ${Math.max(1, Math.ceil((g.maxNodes * t.poolLimitPercent) / 100))}`,
        for: '15m',
        labels: { severity: 'warning', pool: g.pool },
        annotations: {
          summary: `Node group ${g.pool} is at its max size (${g.maxNodes} nodes)`,
          description: `Managed node group ${g.pool} has had {{ $value }} nodes for 15 minutes, at least ${t.poolLimitPercent} % of its max size of ${g.maxNodes}; the cluster autoscaler cannot add GPU nodes to it.`,
        },
      }),
    ),
  ];
  return { name: 'gpu-capacity', rules };
}

function gpu(l: LabelContext): string {
  return gpuText(l);
}
