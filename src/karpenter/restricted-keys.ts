/**
 * Tag keys an EC2NodeClass must not set. The v1.14.1 CRD (CEL rules a JSON Schema validator cannot
 * evaluate) rejects empty keys, `eks:eks-cluster-name`, keys starting `kubernetes.io/cluster` and
 * exactly `karpenter.sh/nodepool`, `karpenter.sh/nodeclaim`, `karpenter.k8s.aws/ec2nodeclass`.
 * The library is stricter: every `karpenter.sh/` and `karpenter.k8s.aws/` key is Karpenter's to
 * set (its IAM policy scopes the controller by them), so none may come from cost tags.
 */
export function restrictedTagKeyProblem(key: string): string | undefined {
  if (key === '') return 'is empty';
  if (key === 'eks:eks-cluster-name') return 'is set by Karpenter and EKS (eks:eks-cluster-name)';
  if (key.startsWith('kubernetes.io/cluster')) return 'starts with kubernetes.io/cluster, which Karpenter sets to mark cluster ownership';
  if (key.startsWith('karpenter.sh/')) return 'starts with karpenter.sh/, a prefix Karpenter reserves for its own tags (the CRD rejects karpenter.sh/nodepool and karpenter.sh/nodeclaim; this library rejects the whole prefix)';
  if (key.startsWith('karpenter.k8s.aws/')) return 'starts with karpenter.k8s.aws/, a prefix Karpenter reserves for its own tags (the CRD rejects karpenter.k8s.aws/ec2nodeclass; this library rejects the whole prefix)';
  return undefined;
}

/** The prefixes and keys refused, for error messages. */
export const RESTRICTED_TAG_KEYS_ALLOWED = 'any non-empty key except eks:eks-cluster-name and keys starting with kubernetes.io/cluster, karpenter.sh/ or karpenter.k8s.aws/';
