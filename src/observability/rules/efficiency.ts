import type { ResolvedThresholds } from '../thresholds.js';
import { gpuText } from './rule-types.js';
import type { AlertingRule, LabelContext, RuleGroup } from './rule-types.js';
import { NODE_GPU_PRICE } from './cost.js';

/**
 * Waste: GPUs a pod holds but does not use. Whole GPUs use DCGM_FI_DEV_GPU_UTIL (percent); MIG
 * instances do not report it, so where MIG is on their rule uses DCGM_FI_PROF_GR_ENGINE_ACTIVE
 * (a 0-1 ratio: 20 % is 0.2). The annotation prices the waste from the cost recording rules.
 */
export function efficiencyGroup(t: ResolvedThresholds, l: LabelContext, mig: boolean): RuleGroup {
  const ratio = t.idleUtilizationPercent / 100;
  const price = (what: string) =>
    `{{ with printf "${NODE_GPU_PRICE}{node=%q}" $labels.${l.hostname} | query }}{{ . | first | value | printf "%.2f" }} USD per hour ${what}{{ else }}an unknown amount (no price recorded for this node){{ end }}`;
  const rules: AlertingRule[] = [
    {
      alert: 'GpuAllocatedButIdle',
      expr: `avg_over_time(DCGM_FI_DEV_GPU_UTIL{pod!=""}[${t.idleFor}]) < ${t.idleUtilizationPercent}`,
      for: '5m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Idle GPU held by {{ $labels.namespace }}/{{ $labels.pod }} on {{ $labels.' + l.hostname + ' }}',
        description: `${gpuText(l)} averaged {{ $value | printf "%.1f" }} % utilization over ${t.idleFor} (under ${t.idleUtilizationPercent} %). It wastes ${price('at the catalog price')}.`,
      },
    },
  ];
  if (mig) {
    rules.push({
      alert: 'GpuMigInstanceIdle',
      expr: `avg_over_time(DCGM_FI_PROF_GR_ENGINE_ACTIVE{pod!="", GPU_I_PROFILE!=""}[${t.idleFor}]) < ${ratio}`,
      for: '5m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Idle MIG instance {{ $labels.GPU_I_PROFILE }} held by {{ $labels.namespace }}/{{ $labels.pod }} on {{ $labels.' + l.hostname + ' }}',
        description: `MIG instance {{ $labels.GPU_I_PROFILE }} (ID {{ $labels.GPU_I_ID }}) of ${gpuText(l)} had its graphics engine active {{ $value | humanizePercentage }} of the time over ${t.idleFor} (under ${ratio}). Its GPU costs ${price('in all')}; the slice is its share of that.`,
      },
    });
  }
  return { name: 'gpu-efficiency', rules };
}
