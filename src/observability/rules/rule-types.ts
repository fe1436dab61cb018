/** An alerting rule as a PrometheusRule holds it. */
export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: { readonly severity: 'critical' | 'warning' | 'info'; readonly [k: string]: string };
  readonly annotations: { readonly summary: string; readonly description: string; readonly runbook_url?: string; readonly [k: string]: string | undefined };
}

/** A recording rule. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export type Rule = AlertingRule | RecordingRule;

/** A rule group. */
export interface RuleGroup {
  readonly name: string;
  readonly interval?: string;
  readonly rules: readonly Rule[];
}

export function isAlertingRule(rule: Rule): rule is AlertingRule {
  return 'alert' in rule;
}

/** What every group builder needs to know about the exporter's labels. */
export interface LabelContext {
  /** The node-name label of DCGM series (`Hostname`; `hostname` after dcgm-exporter's rename). */
  readonly hostname: string;
}

/** `GPU 3 (NVIDIA H100 80GB HBM3, GPU-...) on node ip-10-0-1-2, pod ns/name` as alert text. */
export function gpuText(l: LabelContext): string {
  return `GPU {{ $labels.gpu }} ({{ $labels.modelName }}, {{ $labels.UUID }}) on node {{ $labels.${l.hostname} }}, ${podText()}`;
}

/** The pod on the GPU, or that there is none (dcgm-exporter sets pod only while one holds the GPU). */
export function podText(): string {
  return '{{ if $labels.pod }}pod {{ $labels.namespace }}/{{ $labels.pod }}{{ else }}no pod assigned{{ end }}';
}
