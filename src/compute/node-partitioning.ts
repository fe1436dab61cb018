import { Annotations, TerraformStack } from '../core/cdktf.js';
import { addSynthCheck } from '../core/synth-checks.js';
import type { IConstruct } from '../core/cdktf.js';
import { GpuClusterError } from '../base/errors.js';
import type { PropChecker } from '../core/validate.js';
import { DEVICE_PLUGIN_CONFIG_LABEL, MIG_CONFIG_LABEL, declareGpuPartition } from './gpu-partitions.js';
import { registerMigLayout, stackMigStrategy } from './mig-strategy.js';
import { GpuSharing } from '../catalog/gpu-sharing.js';
import { InstanceCatalog } from '../catalog/instance-catalog.js';
import { MigGpuModels } from '../catalog/mig-gpu-models.js';
import { MigLayout } from '../catalog/mig-layout.js';

/** How the GPUs of a node group or pool are partitioned (props shared by GpuNodeGroup and GpuNodePool). */
export interface GpuPartitioningProps {
  /**
   * MIG layout applied to every GPU of the nodes (through the `nvidia.com/mig.config` label the
   * GPU Operator's MIG manager reads).
   * @default - no MIG
   */
  readonly migLayout?: MigLayout;
  /**
   * GPU sharing (time-slicing or MPS) through the device plugin config selected by the
   * `nvidia.com/device-plugin.config` label. With a MIG layout, time-slicing shares the MIG devices.
   * @default - no sharing: one container per GPU (or MIG device)
   */
  readonly sharing?: GpuSharing;
}

/** Slice counts and cost shares for the cost profile (see ComputeCostProfile.slicesPerGpu). */
export interface PartitionCost {
  readonly slicesPerGpu: Readonly<Record<string, number>>;
  readonly sliceCostShare: Readonly<Record<string, number>>;
}

/** Extended resources the nodes of some instance types advertise beyond what EC2 reports. */
export interface AdvertisedCapacity {
  readonly instanceTypes: readonly string[];
  readonly capacity: Readonly<Record<string, number>>;
}

/** How a construct treats instance types a MIG layout does not fit. */
export type MigFitMode =
  /** A node group lists its types explicitly: any misfit is an error. */
  | 'every-type'
  /** A Karpenter pool selects types by filters: misfits are dropped with a warning. */
  | 'narrow';

/**
 * The MIG layout and GPU sharing of one node construct, resolved once for GpuNodeGroup and
 * GpuNodePool: validation against the instance types, the node labels, the partition declaration
 * the GPU Operator reads, the cost figures and the capacity Karpenter must be told about.
 */
export class NodePartitioning {
  /** Resolves `props` for `owner`, whose nodes may be `instanceTypes`. */
  static resolve(owner: IConstruct, check: PropChecker, props: GpuPartitioningProps, instanceTypes: readonly string[], mode: MigFitMode): NodePartitioning {
    const { migLayout, sharing } = props;
    if (migLayout !== undefined && !(migLayout instanceof MigLayout)) {
      check.fail('INVALID_MIG_LAYOUT', 'migLayout', migLayout, 'is not a MigLayout', "MigLayout.uniform('1g.10gb') or MigLayout.mixed({ '3g.40gb': 1, '4g.40gb': 1 })", 'build the layout with MigLayout.uniform or MigLayout.mixed');
    }
    if (sharing !== undefined && !(sharing instanceof GpuSharing)) {
      check.fail('INVALID_GPU_SHARING', 'sharing', sharing, 'is not a GpuSharing', 'GpuSharing.timeSlicing({ replicas }) or GpuSharing.mps({ replicas })', 'build the sharing config with GpuSharing.timeSlicing or GpuSharing.mps');
    }
    const where = { path: check.path, prop: 'migLayout' };
    let kept = [...instanceTypes];
    if (migLayout && mode === 'every-type') {
      // Each error names what to do instead: MIG-capable types, the GPU's own profiles, or a close layout.
      for (const t of instanceTypes) migLayout.validateFor(t, where);
    } else if (migLayout) {
      const narrowed = migLayout.narrow(instanceTypes, where);
      if (narrowed.error) throw narrowed.error;
      if (narrowed.warning) Annotations.of(owner).addWarning(narrowed.warning);
      kept = narrowed.kept;
    }
    sharing?.checkSupported({ migLayout, where: { path: check.path, prop: 'sharing' } });
    return new NodePartitioning(owner, kept, migLayout, sharing);
  }

  /** The node labels the GPU Operator and device plugin select on. */
  readonly labels: Readonly<Record<string, string>>;

  private constructor(
    readonly owner: IConstruct,
    /** Instance types the nodes may be, after MIG narrowing. */
    readonly instanceTypes: readonly string[],
    readonly migLayout: MigLayout | undefined,
    readonly sharing: GpuSharing | undefined,
  ) {
    this.labels = {
      ...(migLayout ? { [MIG_CONFIG_LABEL]: migLayout.name } : {}),
      ...(sharing ? { [DEVICE_PLUGIN_CONFIG_LABEL]: sharing.configName(migLayout) } : {}),
    };
    if (!migLayout && !sharing) return;
    if (migLayout) registerMigLayout(owner, migLayout);
    declareGpuPartition(owner, () => ({
      owner,
      instanceTypes: [...this.instanceTypes],
      migLayout,
      ...(sharing
        ? { devicePluginConfig: { name: sharing.configName(migLayout), config: sharing.devicePluginConfig({ migLayout }) as unknown as Record<string, unknown> } }
        : {}),
    }));
    addSynthCheck(owner, () => this.strategyProblems());
  }

  /** Throws when `labels` (set by the user, `prop`) holds a key this partitioning sets itself. */
  static rejectOwnLabels(check: PropChecker, prop: string, labels: Readonly<Record<string, string>>): void {
    for (const key of [MIG_CONFIG_LABEL, DEVICE_PLUGIN_CONFIG_LABEL]) {
      if (key in labels) {
        const fromProp = key === MIG_CONFIG_LABEL ? 'migLayout' : 'sharing';
        check.fail('RESERVED_LABEL', `${prop}[${JSON.stringify(key)}]`, labels[key], `is set by the construct from ${fromProp}: the GPU Operator applies the config of that name, which the construct declares and validates`, `labels other than ${MIG_CONFIG_LABEL} and ${DEVICE_PLUGIN_CONFIG_LABEL}`, `remove the label and pass ${fromProp} (${fromProp === 'migLayout' ? "MigLayout.uniform('1g.10gb', { name: '...' })" : "GpuSharing.timeSlicing({ replicas: 4, name: '...' })"})`);
      }
    }
  }

  /**
   * Per GPU of the nodes' first instance type: MIG slices (`MIG 1g.10gb slice`) and shared
   * replicas (`1g.10gb shared replica`, or `GPU shared replica` without MIG), with the share of
   * the node cost each kind carries. MIG profiles share the cost by compute slices (a 3g.40gb
   * slice costs three 1g.10gb slices); replicas split their slice's share.
   */
  cost(): PartitionCost | undefined {
    if (!this.migLayout && !this.sharing) return undefined;
    const type = this.instanceTypes[0]!;
    const replicas = this.sharing?.replicas;
    const slicesPerGpu: Record<string, number> = {};
    const sliceCostShare: Record<string, number> = {};
    if (this.migLayout) {
      const model = MigGpuModels.forInstanceType(type)!;
      const counts = this.migLayout.countsFor(type);
      const weight = (p: string) => MigGpuModels.profile(model, p)!.computeSlices * counts[p]!;
      const total = Object.keys(counts).reduce((s, p) => s + weight(p), 0);
      for (const p of this.migLayout.profiles) {
        slicesPerGpu[`MIG ${p} slice`] = counts[p]!;
        sliceCostShare[`MIG ${p} slice`] = weight(p) / total;
        if (replicas) {
          slicesPerGpu[`${p} shared replica`] = counts[p]! * replicas;
          sliceCostShare[`${p} shared replica`] = weight(p) / total;
        }
      }
    } else {
      // Fractional-GPU types (g6f, gr6f) show one device for their share of a GPU.
      const gpus = InstanceCatalog.gpu(type)!.gpuCount;
      slicesPerGpu['GPU shared replica'] = (replicas! * Math.max(1, Math.floor(gpus))) / gpus;
      sliceCostShare['GPU shared replica'] = 1;
    }
    return { slicesPerGpu, sliceCostShare };
  }

  /**
   * The `nvidia.com/gpu` a node of `type` reports once the device plugin runs: its physical GPUs
   * unpartitioned, every MIG device under the single strategy, every replica when shared without
   * renaming, none under the mixed strategy or renamed sharing. Karpenter counts this against a
   * NodePool's limits once the node registers, and the instance type's GPUs before.
   */
  reportedGpusPerNode(type: string): number {
    const all = this.sharing
      ? this.sharing.advertisedResourcesPerNode(type, { migLayout: this.migLayout })
      : this.migLayout
        ? this.migLayout.advertisedResourcesPerNode(type)
        : { 'nvidia.com/gpu': Math.max(1, Math.floor(InstanceCatalog.gpu(type)!.gpuCount)) };
    return all['nvidia.com/gpu'] ?? 0;
  }

  /**
   * Extended resources the nodes advertise that EC2 (and so Karpenter) does not know: renamed
   * shared GPUs (`nvidia.com/gpu.shared`) and MIG resources under the mixed strategy, grouped by
   * instance types with the same capacity. `nvidia.com/gpu` itself is left out: Karpenter already
   * counts it, and a NodeOverlay can add resources, not change one.
   */
  advertisedCapacity(): AdvertisedCapacity[] {
    const groups = new Map<string, { instanceTypes: string[]; capacity: Record<string, number> }>();
    for (const t of this.instanceTypes) {
      const all = this.sharing
        ? this.sharing.advertisedResourcesPerNode(t, { migLayout: this.migLayout })
        : this.migLayout?.strategy === 'mixed'
          ? this.migLayout.slicesPerNode(t)
          : {};
      const capacity = Object.fromEntries(Object.entries(all).filter(([r]) => r !== 'nvidia.com/gpu'));
      if (!Object.keys(capacity).length) continue;
      const key = JSON.stringify(capacity);
      const group = groups.get(key) ?? { instanceTypes: [], capacity };
      group.instanceTypes.push(t);
      groups.set(key, group);
    }
    return [...groups.values()];
  }

  /**
   * The GPU Operator runs one MIG strategy per cluster, mixed as soon as one layout is: a uniform
   * layout then advertises `nvidia.com/mig-<profile>` instead of `nvidia.com/gpu`, and the device
   * plugin refuses MPS altogether. Both are reported, naming the constructs that make it mixed.
   */
  private strategyProblems(): string[] {
    const stack = stackMigStrategy(TerraformStack.of(this.owner));
    if (stack.strategy !== 'mixed') return [];
    const problems: GpuClusterError[] = [];
    const path = this.owner.node.path;
    if (this.migLayout && this.migLayout.strategy === 'single') {
      const counts = this.migLayout.countsFor(this.instanceTypes[0]!);
      const code = `MigLayout.mixed({ ${Object.entries(counts).map(([p, n]) => `'${p}': ${n}`).join(', ')} })`;
      problems.push(new GpuClusterError({
        code: 'MIG_STRATEGY_CONFLICT',
        path,
        prop: 'migLayout',
        value: this.migLayout.name,
        problem: `is a uniform layout (single strategy: MIG devices advertised as nvidia.com/gpu), but the stack's MIG strategy is mixed because of ${stack.mixedBy.join(', ')}; the GPU Operator sets one strategy per cluster, so these nodes would advertise nvidia.com/mig-${this.migLayout.profiles[0]} and pods asking for nvidia.com/gpu would not fit`,
        allowed: 'mixed layouts only, once one layout in the cluster is mixed',
        fix: `use ${code} and have pods request nvidia.com/mig-${this.migLayout.profiles[0]}, or make every layout uniform`,
      }));
    }
    if (this.sharing?.kind === 'mps') {
      problems.push(new GpuClusterError({
        code: 'MPS_WITH_MIXED_STRATEGY',
        path,
        prop: 'sharing',
        value: this.sharing.name,
        problem: `is MPS, but the stack's MIG strategy is mixed because of ${stack.mixedBy.join(', ')}; the device plugin refuses to start with MPS and the mixed strategy ("using --mig-strategy=mixed is not supported with MPS"), on every node`,
        allowed: 'MPS in clusters without mixed MIG layouts; time-slicing otherwise',
        fix: `use GpuSharing.timeSlicing({ replicas: ${this.sharing.replicas} }), or run the mixed layouts in another cluster`,
      }));
    }
    return problems.map((e) => e.validationMessage);
  }
}
