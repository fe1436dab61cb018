import { GpuClusterError } from '../base/errors.js';
import { isLabelValue } from '../base/labels.js';
import { fitLabelValue } from '../base/label-value-fit.js';
import { GpuInstanceType, unknownType } from './gpu-instance-type.js';
import { InstanceCatalog } from './instance-catalog.js';
import type { MigLayout, MigStrategy } from './mig-layout.js';
import type { MigWhere } from './mig-target.js';

/** How the device plugin shares each GPU (or MIG device) between containers. */
export type GpuSharingKind = 'time-slicing' | 'mps';

/** Options of `GpuSharing.timeSlicing`. */
export interface TimeSlicingOptions {
  /** Shared accesses granted per GPU (or per MIG device): an integer from 2 to 64. */
  readonly replicas: number;
  /**
   * Advertise the shared resource as `<name>.shared` (`nvidia.com/gpu.shared`) instead of
   * `<name>`, so pods ask for a shared GPU explicitly and Karpenter can be told about it (a
   * NodeOverlay adds resources, it cannot change `nvidia.com/gpu`).
   * @default false (the device plugin's default)
   */
  readonly renameByDefault?: boolean;
  /**
   * Refuse containers that request more than one shared resource (a request of 2 buys no more
   * GPU time). NVIDIA recommends true; the device plugin keeps false for compatibility.
   * @default false (the device plugin's default)
   */
  readonly failRequestsGreaterThanOne?: boolean;
  /**
   * Name of the device-plugin config: the key of the device plugin's ConfigMap and the value of
   * the `nvidia.com/device-plugin.config` node label (a Kubernetes label value).
   * @default derived: `time-slicing-4`, `time-slicing-4-renamed-strict`; with a MIG layout, the layout name is appended
   */
  readonly name?: string;
}

/** Options of `GpuSharing.mps`. */
export interface MpsOptions {
  /** MPS clients per GPU, each limited to 1/replicas of its memory and compute: an integer from 2 to 48. */
  readonly replicas: number;
  /**
   * Advertise `nvidia.com/gpu.shared` instead of `nvidia.com/gpu`.
   * @default false (the device plugin's default)
   */
  readonly renameByDefault?: boolean;
  /**
   * Name of the device-plugin config and `nvidia.com/device-plugin.config` label value.
   * @default derived: `mps-4`, `mps-4-renamed`
   */
  readonly name?: string;
}

/** Where a sharing config runs: an instance type, its MIG layout, and the cluster's MIG strategy. */
export interface GpuSharingTarget {
  /** The MIG layout of the nodes. @default - no MIG */
  readonly migLayout?: MigLayout;
  /**
   * The device plugin's MIG strategy on the nodes (one setting per cluster in the GPU Operator).
   * @default the layout's own strategy
   */
  readonly strategy?: MigStrategy;
  /** Construct path and prop, for errors. @default - none */
  readonly where?: MigWhere;
}

/** The device plugin's config file for a sharing setup (`version: v1`, `sharing: ...`). */
export interface DevicePluginSharingConfig {
  readonly version: 'v1';
  readonly sharing: {
    readonly timeSlicing?: ReplicatedResources;
    readonly mps?: ReplicatedResources;
  };
}

interface ReplicatedResources {
  readonly renameByDefault?: true;
  readonly failRequestsGreaterThanOne?: true;
  readonly resources: ReadonlyArray<{ readonly name: string; readonly replicas: number }>;
}

const MAX_TIME_SLICING_REPLICAS = 64;
/** CUDA MPS serves at most 48 client contexts per GPU on Volta and later. */
const MAX_MPS_REPLICAS = 48;
const GPU = 'nvidia.com/gpu';
const SHARED_SUFFIX = '.shared';

/**
 * GPU sharing through the NVIDIA device plugin, selected per node by the
 * `nvidia.com/device-plugin.config` label: `GpuSharing.timeSlicing({ replicas: 4 })` or
 * `GpuSharing.mps({ replicas: 4 })`. A plain value: it renders the device plugin's config and
 * says what a node advertises, given its instance type and MIG layout.
 *
 * What the device plugin (v0.20) supports, and so what this class allows:
 * - time-slicing shares `nvidia.com/gpu` (no MIG, or MIG under the single strategy, where every
 *   MIG device is an `nvidia.com/gpu`) or the `nvidia.com/mig-<profile>` resources of the mixed
 *   strategy. Under the mixed strategy there is no `nvidia.com/gpu` to share, and the plugin
 *   silently skips a resource it does not find, so the config names the MIG resources instead;
 * - MPS shares whole GPUs only: MPS on MIG devices is refused by the plugin
 *   ("sharing using MPS is not supported for MIG devices"), and so is MPS with the mixed strategy;
 * - time-slicing with renameByDefault false under the single strategy is supported (GFD then
 *   labels the product `<GPU>-MIG-<profile>-SHARED`), so it is allowed.
 */
export class GpuSharing {
  /** CUDA time-slicing: `replicas` containers interleave on each GPU, with no memory or fault isolation. */
  static timeSlicing(options: TimeSlicingOptions): GpuSharing {
    const o = checkOptions('GpuSharing.timeSlicing', options);
    const replicas = checkReplicas('GpuSharing.timeSlicing', o.replicas, MAX_TIME_SLICING_REPLICAS, 'time-slicing');
    const rename = checkFlag('GpuSharing.timeSlicing', 'renameByDefault', o.renameByDefault);
    const strict = checkFlag('GpuSharing.timeSlicing', 'failRequestsGreaterThanOne', o.failRequestsGreaterThanOne);
    return new GpuSharing('time-slicing', replicas, rename, strict, o.name);
  }

  /** CUDA MPS: `replicas` clients per GPU, each limited to an equal share of memory and compute. Whole GPUs only (no MIG). */
  static mps(options: MpsOptions): GpuSharing {
    const o = checkOptions('GpuSharing.mps', options);
    if ('failRequestsGreaterThanOne' in o) {
      throw new GpuClusterError({
        code: 'INVALID_GPU_SHARING',
        prop: 'GpuSharing.mps.failRequestsGreaterThanOne',
        value: (o as { failRequestsGreaterThanOne?: unknown }).failRequestsGreaterThanOne,
        problem: 'is a time-slicing option; the device plugin always refuses MPS requests for more than one replica',
        allowed: 'replicas, renameByDefault, name',
        fix: 'remove failRequestsGreaterThanOne',
      });
    }
    const replicas = checkReplicas('GpuSharing.mps', o.replicas, MAX_MPS_REPLICAS, 'MPS');
    const rename = checkFlag('GpuSharing.mps', 'renameByDefault', o.renameByDefault);
    return new GpuSharing('mps', replicas, rename, false, o.name);
  }

  readonly kind: GpuSharingKind;
  /** Shared accesses per GPU or MIG device. */
  readonly replicas: number;
  readonly renameByDefault: boolean;
  readonly failRequestsGreaterThanOne: boolean;
  /** The config name without a MIG layout (see `configName`). */
  readonly name: string;
  private readonly explicitName: boolean;

  private constructor(kind: GpuSharingKind, replicas: number, rename: boolean, strict: boolean, name?: string) {
    this.kind = kind;
    this.replicas = replicas;
    this.renameByDefault = rename;
    this.failRequestsGreaterThanOne = strict;
    this.explicitName = name !== undefined;
    this.name = name === undefined ? [kind, String(replicas), ...(rename ? ['renamed'] : []), ...(strict ? ['strict'] : [])].join('-') : checkName(name);
  }

  /**
   * The config name (and `nvidia.com/device-plugin.config` value) on nodes with `migLayout`: a
   * derived name gets the layout's name appended, since the config shares that layout's
   * resources; a given name is used as it is.
   */
  configName(migLayout?: MigLayout): string {
    if (!migLayout || this.explicitName) return this.name;
    return fitLabelValue(`${this.name}-${migLayout.name}`);
  }

  /** Throws a GpuClusterError where the device plugin cannot run this sharing on `target`. */
  checkSupported(target: GpuSharingTarget = {}): void {
    const { migLayout, where } = target;
    if (this.kind === 'mps' && migLayout) {
      throw new GpuClusterError({
        code: 'MPS_WITH_MIG',
        path: where?.path,
        prop: where?.prop ?? 'sharing',
        value: `${this.name} with MIG layout ${migLayout.name}`,
        problem: 'the NVIDIA device plugin does not support MPS on MIG devices (it refuses to start: "sharing using MPS is not supported for MIG devices")',
        allowed: 'MPS on whole GPUs (no migLayout), or time-slicing with a MIG layout',
        fix: `drop migLayout, or use GpuSharing.timeSlicing({ replicas: ${this.replicas} }) to share the MIG devices`,
      });
    }
  }

  /** The resources the config shares: `nvidia.com/gpu`, or each MIG profile's resource under the mixed strategy. */
  sharedResources(target: GpuSharingTarget = {}): string[] {
    this.checkSupported(target);
    const { migLayout } = target;
    if (!migLayout || (target.strategy ?? migLayout.strategy) === 'single') return [GPU];
    return migLayout.profiles.map((p) => `nvidia.com/mig-${p.replace(/\+/g, '.')}`);
  }

  /** The device plugin's config file, as in NVIDIA's README (`version: v1`, `sharing.timeSlicing|mps`). */
  devicePluginConfig(target: GpuSharingTarget = {}): DevicePluginSharingConfig {
    const replicated: ReplicatedResources = {
      ...(this.renameByDefault ? { renameByDefault: true as const } : {}),
      ...(this.failRequestsGreaterThanOne ? { failRequestsGreaterThanOne: true as const } : {}),
      resources: this.sharedResources(target).map((name) => ({ name, replicas: this.replicas })),
    };
    return { version: 'v1', sharing: this.kind === 'mps' ? { mps: replicated } : { timeSlicing: replicated } };
  }

  /**
   * What one node of `instanceType` advertises to Kubernetes under this sharing, resource name
   * to count: e.g. `{ 'nvidia.com/gpu.shared': 32 }` for 8 GPUs x 4 replicas renamed, or
   * `{ 'nvidia.com/mig-1g.10gb': 112 }` for 8 H100s x 7 slices x 2 replicas (mixed strategy).
   */
  advertisedResourcesPerNode(instanceType: string | GpuInstanceType, target: GpuSharingTarget = {}): Record<string, number> {
    this.checkSupported(target);
    const { migLayout, where } = target;
    const name = instanceType instanceof GpuInstanceType ? instanceType.name : instanceType;
    const spec = InstanceCatalog.gpu(name);
    if (!spec) throw unknownType(instanceType, where?.prop ?? 'instanceTypes', where?.path);
    let devices: Record<string, number>;
    if (!migLayout) {
      // Fractional-GPU types (g6f, gr6f) expose their share of an L4 as one device.
      devices = { [GPU]: Math.max(1, Math.floor(spec.gpuCount)) };
    } else {
      const slices = migLayout.slicesPerNode(name, where);
      devices = (target.strategy ?? migLayout.strategy) === 'mixed' ? slices : { [GPU]: Object.values(slices).reduce((a, b) => a + b, 0) };
    }
    const out: Record<string, number> = {};
    for (const [resource, n] of Object.entries(devices)) out[this.renameByDefault ? `${resource}${SHARED_SUFFIX}` : resource] = n * this.replicas;
    return out;
  }

  /** Shared replicas one node of `instanceType` offers (every advertised resource counted), for cost per replica-hour. */
  replicasPerNode(instanceType: string | GpuInstanceType, target: GpuSharingTarget = {}): number {
    return Object.values(this.advertisedResourcesPerNode(instanceType, target)).reduce((a, b) => a + b, 0);
  }

  toJSON(): { kind: GpuSharingKind; name: string; replicas: number; renameByDefault: boolean; failRequestsGreaterThanOne: boolean } {
    return { kind: this.kind, name: this.name, replicas: this.replicas, renameByDefault: this.renameByDefault, failRequestsGreaterThanOne: this.failRequestsGreaterThanOne };
  }

  toString(): string {
    return this.name;
  }
}

function checkOptions<T>(where: string, options: T): T {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new GpuClusterError({
      code: 'INVALID_GPU_SHARING',
      prop: where,
      value: options,
      problem: 'needs an options object',
      allowed: '{ replicas, renameByDefault?, name? }',
      fix: `call ${where}({ replicas: 4 })`,
    });
  }
  return options;
}

function checkReplicas(where: string, n: unknown, max: number, what: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 2 || n > max) {
    throw new GpuClusterError({
      code: 'INVALID_SHARING_REPLICAS',
      prop: `${where}.replicas`,
      value: n,
      problem: n === 1 ? 'is 1: one replica shares nothing (the device plugin requires at least 2)' : `is not a valid ${what} replica count`,
      allowed: `an integer from 2 to ${max}${what === 'MPS' ? ' (CUDA MPS serves at most 48 clients per GPU)' : ''}`,
      fix: n === 1 ? 'leave sharing out for exclusive GPUs, or set replicas to 2 or more' : `set replicas to an integer from 2 to ${max}`,
    });
  }
  return n;
}

function checkFlag(where: string, prop: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    throw new GpuClusterError({ code: 'INVALID_GPU_SHARING', prop: `${where}.${prop}`, value, problem: 'must be true or false', allowed: 'true or false', fix: `set ${prop} to true or false, or leave it out` });
  }
  return value;
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name === '' || !isLabelValue(name)) {
    throw new GpuClusterError({
      code: 'INVALID_SHARING_NAME',
      prop: 'name',
      value: name,
      problem: 'must be a Kubernetes label value: it becomes the nvidia.com/device-plugin.config node label and the device-plugin ConfigMap key',
      allowed: "1 to 63 characters, letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
      fix: "pick a name such as 'inference-shared', or leave name out for a derived one",
    });
  }
  return name;
}
