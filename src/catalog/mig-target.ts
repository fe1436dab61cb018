import { GpuInstanceType, unknownType } from './gpu-instance-type.js';
import { InstanceCatalog } from './instance-catalog.js';
import type { GpuInstanceSpec } from './instance-spec.js';
import type { MigGpuModelSpec } from './mig-gpu-model.js';
import { MigGpuModels } from './mig-gpu-models.js';

/** What a MIG layout is checked against: a GPU model (spec or id) or a catalog instance type. */
export type MigTarget = string | GpuInstanceType | MigGpuModelSpec;

/** Where a layout is used, for error messages: the construct path and the prop. */
export interface MigWhere {
  readonly path?: string;
  /** @default 'migLayout' */
  readonly prop?: string;
}

/** A target resolved against the catalog. */
export interface ResolvedMigTarget {
  /** The MIG GPU model; undefined when the GPU has no MIG. */
  readonly model?: MigGpuModelSpec;
  /** The instance type, when the target was one. */
  readonly instanceType?: string;
  readonly spec?: GpuInstanceSpec;
  /** For messages, e.g. `p5.48xlarge (NVIDIA H100)` or `H100 80GB`. */
  readonly label: string;
}

/** Resolves `target`; an unknown name is a GpuClusterError (UNKNOWN_INSTANCE_TYPE) at `where`. */
export function resolveMigTarget(target: MigTarget, where?: MigWhere): ResolvedMigTarget {
  if (target instanceof GpuInstanceType) return resolveMigTarget(target.name, where);
  if (typeof target === 'object' && target !== null && Array.isArray((target as MigGpuModelSpec).profiles)) {
    return { model: target, label: target.label };
  }
  if (typeof target === 'string') {
    const model = MigGpuModels.byId(target);
    if (model) return { model, label: model.label };
    const spec = InstanceCatalog.gpu(target);
    if (spec) {
      return { model: MigGpuModels.forInstanceType(target), instanceType: target, spec, label: `${target} (${spec.gpuModel})` };
    }
  }
  throw unknownType(target, where?.prop ?? 'instanceTypes', where?.path);
}
