import { GpuClusterError } from '../base/errors.js';
import type { GpuPartitionDeclaration } from '../compute/gpu-partitions.js';
import { MigLayout } from '../catalog/mig-layout.js';
import type { MigPartedTarget, MigStrategy } from '../catalog/mig-layout.js';
import type { MigPartedConfig } from '../catalog/mig-parted-config.js';
import { compareText } from '../base/text-order.js';

/** Key of the device plugin's config for nodes without a `nvidia.com/device-plugin.config` label. */
export const DEFAULT_DEVICE_PLUGIN_CONFIG = 'default';

/** A ConfigMap key and label value: letters, digits, `-`, `_`, `.`, at most 63. */
const CONFIG_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** What the GPU Operator renders from the partitioning its stack declares. */
export interface GpuPartitionConfig {
  /** mig-parted's config for every MIG layout, `all-disabled` first; absent without MIG layouts. */
  readonly migConfig?: MigPartedConfig;
  /** The operator's `mig.strategy`; absent without MIG layouts. */
  readonly migStrategy?: MigStrategy;
  /** Device plugin configs by name, the default one included; absent without sharing configs. */
  readonly devicePluginConfigs?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Conflicts and layouts that cannot be rendered, one error each (reported through validation). */
  readonly problems: readonly GpuClusterError[];
}

/**
 * Renders the declarations: one mig-parted entry per layout name and one device-plugin config per
 * entry name. Two declarations that use one name for different content are a problem naming both
 * owners (the node label selects by name, so one of them would get the other's partitioning); the
 * first is rendered. Never throws: the problems are reported by the operator's validation.
 */
export function renderGpuPartitionConfig(declarations: readonly GpuPartitionDeclaration[]): GpuPartitionConfig {
  const problems: GpuClusterError[] = [];
  const targets: MigPartedTarget[] = [];
  const layoutOwners = new Map<string, { layout: MigLayout; owner: string }>();
  const plugin = new Map<string, { config: Readonly<Record<string, unknown>>; owner: string }>();

  for (const d of declarations) {
    const owner = d.owner.node.path;
    if (d.migLayout) {
      const seen = layoutOwners.get(d.migLayout.name);
      if (seen && !seen.layout.equals(d.migLayout)) {
        problems.push(conflict('MIG layout', d.migLayout.name, seen.owner, seen.layout.describe(), owner, d.migLayout.describe(), 'MigLayout.mixed({...}, { name })'));
      } else {
        layoutOwners.set(d.migLayout.name, { layout: d.migLayout, owner });
        targets.push({ layout: d.migLayout, instanceTypes: d.instanceTypes });
      }
    }
    const entry = d.devicePluginConfig;
    if (entry) {
      if (typeof entry.name !== 'string' || !CONFIG_NAME.test(entry.name) || entry.name === DEFAULT_DEVICE_PLUGIN_CONFIG) {
        problems.push(
          new GpuClusterError({
            code: 'INVALID_DEVICE_PLUGIN_CONFIG_NAME',
            prop: `${owner} devicePluginConfig.name`,
            value: entry.name,
            problem: entry.name === DEFAULT_DEVICE_PLUGIN_CONFIG ? `is reserved for the config of nodes without the ${'nvidia.com/device-plugin.config'} label` : 'is not a valid ConfigMap key and node label value',
            allowed: `1-63 letters, digits, -, _ and ., starting and ending with a letter or digit, not "${DEFAULT_DEVICE_PLUGIN_CONFIG}"`,
            fix: 'rename the sharing config',
          }),
        );
        continue;
      }
      const seen = plugin.get(entry.name);
      if (seen && stableJson(seen.config) !== stableJson(entry.config)) {
        problems.push(conflict('device-plugin config', entry.name, seen.owner, stableJson(seen.config), owner, stableJson(entry.config), 'a distinct sharing config name'));
      } else if (!seen) {
        plugin.set(entry.name, { config: entry.config, owner });
      }
    }
  }

  let migConfig: MigPartedConfig | undefined;
  let migStrategy: MigStrategy | undefined;
  if (targets.length) {
    try {
      migConfig = MigLayout.renderMigPartedConfig(targets);
    } catch (e) {
      if (!(e instanceof GpuClusterError)) throw e;
      problems.push(e);
    }
    migStrategy = MigLayout.clusterStrategy(targets.map((t) => t.layout));
  }

  let devicePluginConfigs: Record<string, Readonly<Record<string, unknown>>> | undefined;
  if (plugin.size) {
    // Nodes without the label (and MIG nodes, whose strategy the operator passes to the plugin) get no sharing.
    devicePluginConfigs = { [DEFAULT_DEVICE_PLUGIN_CONFIG]: { version: 'v1', flags: { migStrategy: migStrategy ?? 'none' } } };
    for (const [name, { config }] of [...plugin].sort(([a], [b]) => compareText(a, b))) devicePluginConfigs[name] = config;
  }
  return { migConfig, migStrategy, devicePluginConfigs, problems };
}

function conflict(what: string, name: string, firstOwner: string, first: string, secondOwner: string, second: string, rename: string): GpuClusterError {
  return new GpuClusterError({
    code: 'CONFLICTING_GPU_PARTITION',
    prop: `${what} ${name}`,
    value: name,
    problem: `is declared by ${firstOwner} as ${first} and by ${secondOwner} as ${second}; nodes select it by name, so one of them would get the other's`,
    allowed: `one content per ${what} name`,
    fix: `give one of them another name (${rename}) or make them equal`,
  });
}

/** JSON with keys sorted, to compare configs whatever order their keys were written in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => compareText(a, b))) : v,
  );
}
