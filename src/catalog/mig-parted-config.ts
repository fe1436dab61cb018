import { GpuClusterError } from '../base/errors.js';
import type { GpuInstanceType } from './gpu-instance-type.js';
import type { MigGpuModelSpec } from './mig-gpu-model.js';
import { MigGpuModels } from './mig-gpu-models.js';
import type { MigLayoutShape } from './mig-layout-shape.js';
import { migCapableSummary } from './mig-errors.js';
import { resolveMigTarget } from './mig-target.js';
import { compareText } from '../base/text-order.js';

/** A layout and the instance types it runs on (MigPartedTarget, declared with MigLayout, is one). */
export interface MigPartedEntry {
  readonly layout: MigLayoutShape;
  readonly instanceTypes: ReadonlyArray<string | GpuInstanceType>;
}

/** One entry of a mig-parted config, keys as mig-parted spells them. */
export interface MigPartedDeviceConfig {
  /** PCI device ids the entry applies to; absent: every GPU. */
  readonly 'device-filter'?: readonly string[];
  readonly devices: 'all';
  readonly 'mig-enabled': boolean;
  readonly 'mig-devices'?: Readonly<Record<string, number>>;
}

/** mig-parted's config file (`config.yaml` of the mig-manager ConfigMap). */
export interface MigPartedConfig {
  readonly version: 'v1';
  readonly 'mig-configs': Readonly<Record<string, readonly MigPartedDeviceConfig[]>>;
}

/**
 * Renders mig-parted's config for `layouts`, in the shape of the GPU Operator's
 * default-mig-parted-config: `all-disabled` first (the operator's default `migManager.config.default`),
 * then one config per layout name. A layout whose devices are the same on every GPU it targets is
 * one `devices: all` entry; one that differs by GPU (a uniform layout without a count: 1g.10gb is 7
 * on an H100, 4 on an A100 40GB) gets one entry per GPU model with a `device-filter` of PCI ids, as
 * the default config's `all-1g.10gb` does. A bare layout targets every GPU model it fits; a
 * `{ layout, instanceTypes }` entry only those types' GPUs.
 */
export function renderMigPartedConfig(entries: ReadonlyArray<MigLayoutShape | MigPartedEntry>): MigPartedConfig {
  const byName = new Map<string, { layout: MigLayoutShape; models: Set<MigGpuModelSpec> }>();
  for (const entry of entries) {
    const layout = 'layout' in entry ? entry.layout : entry;
    const models = 'layout' in entry ? modelsOfTypes(layout, entry.instanceTypes) : modelsFitting(layout);
    const known = byName.get(layout.name);
    if (known && !known.layout.equals(layout)) {
      throw new GpuClusterError({
        code: 'DUPLICATE_MIG_LAYOUT_NAME',
        prop: 'layouts',
        value: layout.name,
        problem: `two different MIG layouts are named ${layout.name} (${known.layout.describe()} and ${layout.describe()}); the name selects the layout on a node`,
        allowed: 'one layout per name',
        fix: 'give one of them another name (MigLayout.mixed({...}, { name }))',
      });
    }
    const slot = known ?? { layout, models: new Set<MigGpuModelSpec>() };
    for (const m of models) slot.models.add(m);
    byName.set(layout.name, slot);
  }

  const configs: Record<string, MigPartedDeviceConfig[]> = { 'all-disabled': [{ devices: 'all', 'mig-enabled': false }] };
  for (const [name, { layout, models }] of byName) {
    const groups = new Map<string, { ids: string[]; devices: Record<string, number> }>();
    for (const model of MigGpuModels.all().filter((m) => models.has(m))) {
      const devices = ascending(model, layout.countsFor(model));
      const key = JSON.stringify(devices);
      const group = groups.get(key) ?? { ids: [], devices };
      group.ids.push(...model.pciDeviceIds);
      groups.set(key, group);
    }
    configs[name] =
      groups.size === 1
        ? [{ devices: 'all', 'mig-enabled': true, 'mig-devices': [...groups.values()][0]!.devices }]
        : [...groups.values()].map((g) => ({ 'device-filter': g.ids, devices: 'all', 'mig-enabled': true, 'mig-devices': g.devices }));
  }
  return { version: 'v1', 'mig-configs': configs };
}

function modelsOfTypes(layout: MigLayoutShape, types: ReadonlyArray<string | GpuInstanceType>): MigGpuModelSpec[] {
  return types.map((t, i) => {
    const name = resolveMigTarget(t, { prop: `instanceTypes[${i}]` }).instanceType ?? String(t);
    layout.validateFor(name, { prop: `instanceTypes[${i}]` });
    return MigGpuModels.forInstanceType(name)!;
  });
}

function modelsFitting(layout: MigLayoutShape): MigGpuModelSpec[] {
  const models = MigGpuModels.all().filter((m) => layout.supports(m));
  if (models.length === 0) {
    throw new GpuClusterError({
      code: 'MIG_LAYOUT_FITS_NO_GPU',
      prop: 'layouts',
      value: layout.name,
      problem: `MIG layout ${layout.name} (${layout.describe()}) fits no MIG GPU model`,
      allowed: `layouts of one GPU model's profiles (${migCapableSummary()})`,
      fix: `check it with layout.validateFor('<instance type>') to see why`,
    });
  }
  return models;
}

/** Smallest profiles first, as NVIDIA's default config lists them. */
function ascending(model: MigGpuModelSpec, counts: Readonly<Record<string, number>>): Record<string, number> {
  const specs = model.profiles.filter((p) => (counts[p.name] ?? 0) > 0);
  specs.sort((a, b) => a.memorySlices - b.memorySlices || a.computeSlices - b.computeSlices || compareText(a.name, b.name));
  return Object.fromEntries(specs.map((p) => [p.name, counts[p.name]!]));
}
