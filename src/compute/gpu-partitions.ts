import type { IConstruct } from '../core/cdktf.js';
import type { MigLayout } from '../catalog/mig-layout.js';

/** Node label the GPU Operator's MIG manager reads: the name of the mig-parted config to apply. */
export const MIG_CONFIG_LABEL = 'nvidia.com/mig.config';
/** Node label the device plugin reads: the key of its config ConfigMap to apply on this node. */
export const DEVICE_PLUGIN_CONFIG_LABEL = 'nvidia.com/device-plugin.config';

/** A named device-plugin config (one key of the device plugin's config ConfigMap). */
export interface DevicePluginConfigEntry {
  /** The key in the ConfigMap, and the value of the node's `nvidia.com/device-plugin.config` label. */
  readonly name: string;
  /** The config file body (`version: v1`, `sharing: ...`), as the device plugin reads it. */
  readonly config: Readonly<Record<string, unknown>>;
}

/**
 * How a group of GPU nodes is partitioned, declared by the construct that creates the nodes
 * (GpuNodeGroup, GpuNodePool) and read by the GPU Operator at synth, which renders the
 * mig-parted and device-plugin ConfigMaps for every declaration in its stack. The nodes carry
 * the matching labels themselves.
 */
export interface GpuPartitionDeclaration {
  /** The construct that creates the nodes (errors about the partitioning name it). */
  readonly owner: IConstruct;
  /** Instance types the nodes may be (after any MIG narrowing). */
  readonly instanceTypes: readonly string[];
  /** The MIG layout applied through the `nvidia.com/mig.config` label. */
  readonly migLayout?: MigLayout;
  /** The device-plugin config applied through the `nvidia.com/device-plugin.config` label. */
  readonly devicePluginConfig?: DevicePluginConfigEntry;
}

const producers = new WeakMap<IConstruct, () => GpuPartitionDeclaration>();

/** Declares how `owner`'s nodes are partitioned; `produce` runs at synth. */
export function declareGpuPartition(owner: IConstruct, produce: () => GpuPartitionDeclaration): void {
  producers.set(owner, produce);
}

/** Every partitioning declared under `scope` (usually a stack), in construct-tree order. */
export function collectGpuPartitions(scope: IConstruct): GpuPartitionDeclaration[] {
  const found: GpuPartitionDeclaration[] = [];
  for (const c of scope.node.findAll()) {
    const produce = producers.get(c);
    if (produce) found.push(produce());
  }
  return found;
}
