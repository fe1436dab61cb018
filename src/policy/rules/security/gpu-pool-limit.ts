import type { PolicyRule, RawFinding } from '../../rule.js';
import { asList, objectRef } from '../../terraform-view.js';
import { InstanceCatalog } from '../../../catalog/instance-catalog.js';

let catalog: { types: Set<string>; families: Set<string> } | undefined;

/** True when a NodePool's requirements or taints select GPU instances. */
function selectsGpus(spec: Record<string, any>): boolean {
  catalog ??= { types: new Set(InstanceCatalog.gpuTypes().map((s) => s.name)), families: new Set(InstanceCatalog.gpuTypes().map((s) => s.family)) };
  const { types: gpuTypes, families: gpuFamilies } = catalog;
  const template = spec?.template?.spec ?? {};
  for (const r of asList(template.requirements) as Array<Record<string, any>>) {
    const key = String(r?.key ?? '');
    const values = asList(r?.values).map(String);
    if (r?.operator === 'DoesNotExist' || r?.operator === 'NotIn') continue;
    if (key.startsWith('karpenter.k8s.aws/instance-gpu-')) {
      if (key === 'karpenter.k8s.aws/instance-gpu-count' && ['Lt', 'Lte'].includes(r.operator) && Number(values[0]) <= 1) continue;
      return true;
    }
    if (key === 'node.kubernetes.io/instance-type' && values.some((v) => gpuTypes.has(v))) return true;
    if (key === 'karpenter.k8s.aws/instance-family' && values.some((v) => gpuFamilies.has(v))) return true;
  }
  return asList(template.taints).some((t: Record<string, any>) => t?.key === 'nvidia.com/gpu');
}

/**
 * A GPU NodePool without `limits: { nvidia.com/gpu }` can grow until the account's quota stops it:
 * no worst-case cost, no bound on a runaway scale-out.
 */
export const GpuPoolLimit: PolicyRule = {
  id: 'gpu-pool-limit',
  area: 'security',
  level: 'error',
  description: 'Karpenter NodePools that select GPU instances must limit nvidia.com/gpu.',
  fix: 'set spec.limits["nvidia.com/gpu"] on the NodePool (GpuNodePool: gpuLimit)',
  evaluate(ctx) {
    const findings: RawFinding[] = [];
    for (const { object, path } of ctx.terraform.kubernetesObjects()) {
      if (object.kind !== 'NodePool' || !String(object.apiVersion).startsWith('karpenter.sh/')) continue;
      if (!selectsGpus(object.spec ?? {})) continue;
      const limit = object.spec?.limits?.['nvidia.com/gpu'];
      if (limit === undefined || limit === null || String(limit).trim() === '') {
        findings.push({ constructPath: path, message: `${objectRef(object)} selects GPU instances but spec.limits has no nvidia.com/gpu` });
      }
    }
    return findings;
  },
};
