/**
 * Every pinned upstream fact the library writes, with where it comes from and the vendored
 * evidence (under data-sources/, not shipped) that shows it exists. test/cluster/pins.test.ts
 * finds each value in its evidence and fails when a constant is pinned without an entry here.
 */
import { CHART_VERSIONS } from '../core/versions.js';
import { DEFAULT_KUBERNETES_VERSION, EKS_ADDON_VERSIONS } from './eks-versions.js';
import type { CoreAddonName } from './eks-versions.js';

export interface Pin {
  /** What is pinned, e.g. `chart karpenter` or `eks add-on coredns for 1.35`. */
  readonly what: string;
  readonly value: string;
  /** Repository, path and commit or tag the value comes from. */
  readonly source: string;
  /** The evidence file under data-sources/. */
  readonly evidence: string;
  /** Text the evidence must contain for the pin to stand. */
  readonly proves: string;
}

const BLUEPRINTS = 'awslabs/cdk-eks-blueprints lib/addons/<addon>/index.ts @ 0b82904e63fdb198505f94f27726d0da40a6dbeb (2026-04-08)';
const ADDON_FILES: Record<CoreAddonName, string> = {
  'vpc-cni': 'vpc-cni',
  'kube-proxy': 'kube-proxy',
  coredns: 'coredns',
  'eks-pod-identity-agent': 'eks-pod-identity-agent',
  'aws-ebs-csi-driver': 'ebs-csi-driver',
};

/** The registry, built from the constants the constructs use (so a pin cannot drift from it). */
export function pins(defaultAmiAlias: string): Pin[] {
  const c = CHART_VERSIONS;
  const list: Pin[] = [
    { what: 'chart karpenter', value: c.karpenter.version, source: 'aws/karpenter-provider-aws charts/karpenter/Chart.yaml @ 1d927085dd81a9df9301e613f371dac5b4d16bfe (2026-08-21; release tag v1.14.1)', evidence: 'karpenter/karpenter.Chart.yaml', proves: `version: ${c.karpenter.version}` },
    { what: 'chart karpenter-crd', value: c.karpenterCrd.version, source: 'aws/karpenter-provider-aws charts/karpenter-crd/Chart.yaml @ 1d927085dd81a9df9301e613f371dac5b4d16bfe', evidence: 'karpenter/karpenter-crd.Chart.yaml', proves: `version: ${c.karpenterCrd.version}` },
    { what: 'chart gpu-operator', value: c.gpuOperator.version, source: 'NVIDIA/gpu-operator tag v26.7.0 (the published chart version is the tag)', evidence: 'gpu-operator/tags.txt', proves: `${c.gpuOperator.version} ` },
    { what: 'chart dcgm-exporter', value: c.dcgmExporter.version, source: 'NVIDIA/dcgm-exporter deployment/Chart.yaml @ d5e5f510a1b6b393f39a43293ccd9dc985defc79 (2026-05-12)', evidence: 'dcgm-exporter/Chart.yaml', proves: `version: "${c.dcgmExporter.version}"` },
    { what: 'chart kube-prometheus-stack', value: c.kubePrometheusStack.version, source: 'prometheus-community/helm-charts charts/kube-prometheus-stack/Chart.yaml @ tag kube-prometheus-stack-88.5.3 (ea930baeebeba39f56d6b44e351f23b2a072a600, 2026-08-21)', evidence: 'kube-prometheus-stack/Chart.yaml', proves: `version: ${c.kubePrometheusStack.version}` },
    { what: 'default Kubernetes version', value: DEFAULT_KUBERNETES_VERSION, source: 'awslabs/amazon-eks-ami release notes (EKS AMIs for it) @ 81fec2e895854f599974fe4d3d72f61c0a9aaffa', evidence: 'amazon-eks-ami/CHANGELOG.al2023-nvidia.extract.txt', proves: `-nvidia-${DEFAULT_KUBERNETES_VERSION}-` },
    { what: 'default AMI alias', value: defaultAmiAlias, source: 'awslabs/amazon-eks-ami tags and release notes @ 81fec2e895854f599974fe4d3d72f61c0a9aaffa', evidence: 'amazon-eks-ami/CHANGELOG.al2023-nvidia.extract.txt', proves: `# AMI Release ${defaultAmiAlias.replace(/^al2023@/, '')}\n` },
  ];
  for (const [version, addons] of Object.entries(EKS_ADDON_VERSIONS)) {
    for (const [addon, build] of Object.entries(addons) as Array<[CoreAddonName, string]>) {
      list.push({
        what: `eks add-on ${addon} for ${version}`,
        value: build,
        source: BLUEPRINTS.replace('<addon>', ADDON_FILES[addon]),
        evidence: `cdk-eks-blueprints/${ADDON_FILES[addon]}.index.ts.txt`,
        proves: `[KubernetesVersion.V1_${version.split('.')[1]}, "${build}"]`,
      });
    }
  }
  return list;
}
