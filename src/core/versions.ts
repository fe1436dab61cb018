/**
 * Every Helm chart the library installs, pinned. One table so an upgrade is one reviewed change;
 * later constructs (GPU Operator, kube-prometheus-stack, ...) add their rows here.
 */
export interface PinnedChart {
  /** Helm repository (`oci://...` for OCI registries). */
  readonly repository: string;
  /** Chart name in that repository. */
  readonly chart: string;
  /** Exact chart version. */
  readonly version: string;
}

export const CHART_VERSIONS = {
  /** Karpenter controller (aws/karpenter-provider-aws, tag v1.14.1). */
  karpenter: { repository: 'oci://public.ecr.aws/karpenter', chart: 'karpenter', version: '1.14.1' },
  /** Karpenter CRDs as templates, so `helm upgrade` upgrades them (Helm never upgrades a chart's crds/ folder). */
  karpenterCrd: { repository: 'oci://public.ecr.aws/karpenter', chart: 'karpenter-crd', version: '1.14.1' },
  /** NVIDIA GPU Operator (NVIDIA/gpu-operator, tag v26.7.0; the published chart's appVersion pins the operator image). */
  gpuOperator: { repository: 'https://helm.ngc.nvidia.com/nvidia', chart: 'gpu-operator', version: 'v26.7.0' },
  /** Standalone DCGM exporter, for clusters without the GPU Operator (NVIDIA/dcgm-exporter deployment/Chart.yaml, image 4.5.3-4.8.2). */
  dcgmExporter: { repository: 'https://nvidia.github.io/dcgm-exporter/helm-charts', chart: 'dcgm-exporter', version: '4.8.2' },
  /** kube-prometheus-stack: Prometheus Operator, Prometheus, Alertmanager, Grafana (prometheus-community/helm-charts, tag kube-prometheus-stack-88.5.3). */
  kubePrometheusStack: { repository: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '88.5.3' },
} as const satisfies Record<string, PinnedChart>;
