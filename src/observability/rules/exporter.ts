import type { AlertingRule, LabelContext, RuleGroup } from './rule-types.js';

/**
 * The exporter itself: its scrape target down, or a GPU node (one that advertises nvidia.com/gpu)
 * with no DCGM series at all (exporter not scheduled, not selected by Prometheus, or crash-looping).
 */
export function exporterGroup(l: LabelContext, job: string): RuleGroup {
  const rules: AlertingRule[] = [
    {
      alert: 'DcgmExporterDown',
      expr: `up{job="${job}"} == 0`,
      for: '5m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'dcgm-exporter {{ $labels.instance }} is down',
        description: 'Prometheus has failed to scrape dcgm-exporter at {{ $labels.instance }} (pod {{ $labels.namespace }}/{{ $labels.pod }}) for 5 minutes: the GPU alerts of that node are blind.',
      },
    },
    {
      alert: 'DcgmExporterSeriesMissing',
      expr: `max by (node) (kube_node_status_capacity{resource="nvidia_com_gpu"}) > 0 unless on(node) label_replace(max by (${l.hostname}) (DCGM_FI_DEV_GPU_TEMP), "node", "$1", "${l.hostname}", "(.+)")`,
      for: '10m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'No DCGM metrics from GPU node {{ $labels.node }}',
        description: 'Node {{ $labels.node }} advertises {{ $value }} nvidia.com/gpu but Prometheus has no DCGM series from it for 10 minutes: the GPU alerts of that node are blind.',
      },
    },
  ];
  return { name: 'gpu-exporter', rules };
}
