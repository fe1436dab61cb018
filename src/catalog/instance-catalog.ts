import { GPU_INSTANCE_SPECS, SYSTEM_INSTANCE_SPECS } from './data/instance-specs.js';
import type { GpuInstanceSpec, SystemInstanceSpec } from './instance-spec.js';

const gpuByName = new Map(GPU_INSTANCE_SPECS.map((s) => [s.name, s]));
const systemByName = new Map(SYSTEM_INSTANCE_SPECS.map((s) => [s.name, s]));

/** Lookups over the bundled instance specs (see data/SOURCES.md). */
export const InstanceCatalog = {
  /** Every GPU instance type, ordered by family then size. */
  gpuTypes(): readonly GpuInstanceSpec[] {
    return GPU_INSTANCE_SPECS;
  },
  /** The GPU spec of `name`, or undefined. */
  gpu(name: string): GpuInstanceSpec | undefined {
    return gpuByName.get(name);
  },
  /** Every known non-GPU (system) type. */
  systemTypes(): readonly SystemInstanceSpec[] {
    return SYSTEM_INSTANCE_SPECS;
  },
  /** The spec of a known non-GPU (system) type, or undefined. */
  system(name: string): SystemInstanceSpec | undefined {
    return systemByName.get(name);
  },
  /** GPU types whose Karpenter GPU name is `gpuName` (e.g. `h100`). */
  byGpuName(gpuName: string): GpuInstanceSpec[] {
    return GPU_INSTANCE_SPECS.filter((s) => s.gpuName === gpuName.toLowerCase());
  },
  /** GPU types of a family (e.g. `p5`). */
  byFamily(family: string): GpuInstanceSpec[] {
    return GPU_INSTANCE_SPECS.filter((s) => s.family === family);
  },
};
