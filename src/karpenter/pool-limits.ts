/**
 * The NodePool limits that keep a pool at or under `gpuLimit` physical GPUs in every phase.
 *
 * Karpenter counts a NodeClaim's instance-type capacity while it launches (physical GPUs) and what
 * the node reports once the device plugin registers (kubernetes-sigs/karpenter state node
 * `Capacity()`, @6e7eab7a, the core of karpenter-provider-aws v1.14.1). Partitioned nodes report
 * something else: MIG devices or shared replicas as `nvidia.com/gpu` (more than the physical
 * GPUs), or renamed resources and no `nvidia.com/gpu` at all (mixed MIG, renamed sharing). A
 * `nvidia.com/gpu` limit alone then either stops the pool early or bounds nothing.
 *
 * CPU is counted the same in every phase and never changes with partitioning, so partitioned pools
 * also get `cpu: gpuLimit x the lowest vCPU-per-GPU of their types`: every node's vCPUs are at
 * least that ratio times its GPUs, so the vCPUs the limit admits carry at most `gpuLimit` GPUs.
 * The GPU limit is raised to what `gpuLimit` GPUs report, so that it never binds before the CPU.
 * Karpenter checks limits per scheduling pass (filterByRemainingResources); nodes being deleted
 * count nothing while still running: the cost model's `limitOverrunNodes` covers those.
 */
import type { GpuInstanceSpec } from '../catalog/instance-spec.js';

export interface PoolLimits {
  /** The NodePool's `spec.limits`. */
  readonly limits: Record<string, number>;
  /** The vCPU limit, when the pool's nodes do not report their physical GPUs. */
  readonly cpu?: number;
  /** Allowed types the CPU limit lets fill fewer than `gpuLimit` GPUs (their vCPUs per GPU are above the lowest). */
  readonly shortfall: ReadonlyArray<{ type: string; gpus: number }>;
}

export function poolLimits(specs: readonly GpuInstanceSpec[], gpuLimit: number, reportedGpus: (type: string) => number): PoolLimits {
  const reportsPhysical = specs.every((s) => reportedGpus(s.name) === Math.max(1, Math.floor(s.gpuCount)));
  if (reportsPhysical) return { limits: { 'nvidia.com/gpu': gpuLimit }, shortfall: [] };
  const cpuPerGpu = Math.min(...specs.map((s) => s.vcpu / s.gpuCount));
  const cpu = Math.floor(gpuLimit * cpuPerGpu);
  const reportedPerGpu = Math.max(1, ...specs.map((s) => reportedGpus(s.name) / s.gpuCount));
  const shortfall = specs
    .filter((s) => Math.floor(cpu / s.vcpu) < Math.floor(gpuLimit / s.gpuCount))
    .map((s) => ({ type: s.name, gpus: Math.floor(cpu / s.vcpu) * s.gpuCount }));
  return { limits: { 'nvidia.com/gpu': Math.ceil(gpuLimit * reportedPerGpu), cpu }, cpu, shortfall };
}
