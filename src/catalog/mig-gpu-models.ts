import { MIG_GPU_MODELS } from './data/mig/gpu-models.js';
import { InstanceCatalog } from './instance-catalog.js';
import type { GpuInstanceSpec } from './instance-spec.js';
import type { MigGpuModelSpec, MigProfileSpec } from './mig-gpu-model.js';

const byId = new Map(MIG_GPU_MODELS.map((m) => [m.id, m]));

// Instance types link to GPU models by Karpenter GPU name and GPU memory: both A100 types say
// `a100`, only memory tells p4d (40GB) from p4de (80GB).
function modelOfSpec(spec: GpuInstanceSpec): MigGpuModelSpec | undefined {
  return MIG_GPU_MODELS.find((m) => m.gpuName === spec.gpuName && m.gpuMemoryMiB === spec.gpuMemoryMiB);
}

/** Lookups over the MIG-capable GPU models and the catalog instance types that carry them. */
export const MigGpuModels = {
  /** Every MIG-capable GPU model offered on EC2. */
  all(): readonly MigGpuModelSpec[] {
    return MIG_GPU_MODELS;
  },
  /** The model with this id (e.g. `H100-SXM5-80GB`), or undefined. */
  byId(id: string): MigGpuModelSpec | undefined {
    return byId.get(id);
  },
  /** The MIG GPU model of a catalog instance type; undefined for unknown types and GPUs without MIG. */
  forInstanceType(name: string): MigGpuModelSpec | undefined {
    const spec = InstanceCatalog.gpu(name);
    return spec ? modelOfSpec(spec) : undefined;
  },
  /** Catalog instance types whose GPU is `model`. */
  instanceTypesOf(model: MigGpuModelSpec): string[] {
    return InstanceCatalog.gpuTypes()
      .filter((s) => modelOfSpec(s) === model)
      .map((s) => s.name);
  },
  /** Every catalog instance type with a MIG-capable GPU, in catalog order. */
  migCapableInstanceTypes(): string[] {
    return InstanceCatalog.gpuTypes()
      .filter((s) => modelOfSpec(s) !== undefined)
      .map((s) => s.name);
  },
  /** A profile of `model` by name, or undefined. */
  profile(model: MigGpuModelSpec, name: string): MigProfileSpec | undefined {
    return model.profiles.find((p) => p.name === name);
  },
  /** Models that offer a profile of this name (to say where a foreign profile belongs). */
  modelsWithProfile(name: string): MigGpuModelSpec[] {
    return MIG_GPU_MODELS.filter((m) => m.profiles.some((p) => p.name === name));
  },
};
