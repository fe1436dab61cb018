import { GpuClusterError } from '../base/errors.js';
import { isLabelValue } from '../base/labels.js';
import { fitLabelValue } from '../base/label-value-fit.js';
import { GpuInstanceType, unknownType } from './gpu-instance-type.js';
import { describeLayout, layoutCode, migNotSupported, noInstanceTypeLeft, unknownProfile, unplaceable } from './mig-errors.js';
import type { MigGpuModelSpec } from './mig-gpu-model.js';
import { MigGpuModels } from './mig-gpu-models.js';
import { renderMigPartedConfig } from './mig-parted-config.js';
import type { MigPartedConfig } from './mig-parted-config.js';
import type { MigLayoutShape } from './mig-layout-shape.js';
import { findPlacement, maxInstances } from './mig-placement.js';
import type { MigPlacement, MigProfileCounts } from './mig-placement.js';
import { resolveMigTarget } from './mig-target.js';
import type { MigTarget, MigWhere } from './mig-target.js';
import { compareText } from '../base/text-order.js';

/** The device plugin's MIG strategy: `single` exposes every slice as `nvidia.com/gpu`, `mixed` per profile. */
export type MigStrategy = 'single' | 'mixed';

/** A layout and the instance types it runs on (its pool's types, already narrowed). */
export interface MigPartedTarget {
  readonly layout: MigLayout;
  readonly instanceTypes: ReadonlyArray<string | GpuInstanceType>;
}

/** Options of a MIG layout. */
export interface MigLayoutOptions {
  /**
   * Name of the layout: the mig-parted config name and the value of the `nvidia.com/mig.config`
   * node label, so a valid Kubernetes label value (63 characters at most).
   * @default derived from the profiles: `all-1g.10gb`, `4x1g.10gb`, `1x3g.40gb_1x2g.20gb_1x1g.10gb`
   */
  readonly name?: string;
}

/** The result of narrowing a pool's instance types to those a layout fits. */
export interface MigNarrowing {
  /** Instance types whose GPU offers the layout's profiles and can place them, in input order. */
  readonly kept: string[];
  /** The others, each with the reason. */
  readonly dropped: ReadonlyArray<{ readonly instanceType: string; readonly reason: string }>;
  /** A warning naming the dropped types, when some were dropped and some kept. */
  readonly warning?: string;
  /** The error to throw or report when none remain. */
  readonly error?: GpuClusterError;
}

const PROFILE = /^\d+g\.\d+gb([+-][a-z]+(\.[a-z]+)*)?$/;
const MAX_INSTANCES = 7;
const RESERVED_NAMES = ['all-disabled'];

/**
 * How each GPU of a node is partitioned with MIG: `MigLayout.uniform('1g.10gb')` (as many
 * instances of one profile as fit), `MigLayout.uniform('1g.10gb', 4)`, or
 * `MigLayout.mixed({ '3g.40gb': 1, '2g.20gb': 1, '1g.10gb': 1 })`. A plain value: validated
 * against a GPU model or instance type with `validateFor`, rendered into mig-parted's config with
 * `MigLayout.renderMigPartedConfig`.
 */
export class MigLayout implements MigLayoutShape {
  /** Every GPU gets `count` instances of `profile` (default: as many as fit on that GPU). */
  static uniform(profile: string, count?: number | MigLayoutOptions, options?: MigLayoutOptions): MigLayout {
    const opts = typeof count === 'object' && count !== null ? count : options;
    const n = typeof count === 'object' && count !== null ? undefined : count;
    checkProfileName(profile, 'MigLayout.uniform');
    if (n !== undefined) checkCount(profile, n, 'MigLayout.uniform');
    return new MigLayout('uniform', { [profile]: n ?? 0 }, n === undefined, opts?.name);
  }

  /** Every GPU gets these instances, e.g. `{ '3g.40gb': 1, '4g.40gb': 1 }`. */
  static mixed(counts: Readonly<Record<string, number>>, options?: MigLayoutOptions): MigLayout {
    if (typeof counts !== 'object' || counts === null || Array.isArray(counts) || Object.keys(counts).length === 0) {
      throw invalid('MigLayout.mixed', counts, 'needs at least one profile with a count', "an object of profile -> count, e.g. { '3g.40gb': 1, '1g.10gb': 2 }");
    }
    for (const [profile, n] of Object.entries(counts)) {
      checkProfileName(profile, 'MigLayout.mixed');
      checkCount(profile, n, 'MigLayout.mixed');
    }
    return new MigLayout('mixed', counts, false, options?.name);
  }

  /** mig-parted's config for `layouts` (see renderMigPartedConfig), `all-disabled` included. */
  static renderMigPartedConfig(layouts: ReadonlyArray<MigLayout | MigPartedTarget>): MigPartedConfig {
    return renderMigPartedConfig(layouts);
  }

  /** The operator's `mig.strategy` for a cluster: one setting for all nodes, so `mixed` if any layout is. */
  static clusterStrategy(layouts: readonly MigLayout[]): MigStrategy {
    return layouts.some((l) => l.strategy === 'mixed') ? 'mixed' : 'single';
  }

  /** `nvidia.com/mig.config=<name>` on the nodes selects this layout. */
  readonly name: string;
  readonly kind: 'uniform' | 'mixed';
  /** `single` for uniform layouts, `mixed` otherwise. */
  readonly strategy: MigStrategy;
  /** Profiles of the layout, largest first. */
  readonly profiles: readonly string[];
  private readonly counts: Readonly<Record<string, number>>;
  /** Uniform with no count: as many as fit, which depends on the GPU. */
  private readonly fillsGpu: boolean;

  private constructor(kind: 'uniform' | 'mixed', counts: Readonly<Record<string, number>>, fillsGpu: boolean, name?: string) {
    this.kind = kind;
    this.strategy = kind === 'uniform' ? 'single' : 'mixed';
    this.fillsGpu = fillsGpu;
    this.profiles = sortProfiles(Object.keys(counts));
    this.counts = Object.freeze(Object.fromEntries(this.profiles.map((p) => [p, counts[p]!])));
    this.name = name === undefined ? defaultName(kind, this.counts, fillsGpu) : checkName(name);
  }

  /** Instances per GPU on `target`'s GPU (for a uniform layout without a count, as many as fit). */
  countsFor(target: MigTarget, where?: MigWhere): Record<string, number> {
    const { model } = this.modelOf(target, where);
    return this.resolvedCounts(model);
  }

  /**
   * The placement of this layout on one GPU of `target` (a GPU model id, an instance type or a
   * model spec). Throws a GpuClusterError naming `where.path` and `where.prop` when the GPU has no
   * MIG, lacks a profile, or cannot place the layout (with the reason and a close valid layout).
   */
  validateFor(target: MigTarget, where?: MigWhere): MigPlacement {
    const { model } = this.modelOf(target, where);
    const counts = this.resolvedCounts(model);
    const placement = findPlacement(model, counts);
    if (!placement) throw unplaceable(this, model, counts, where);
    return placement;
  }

  /**
   * The placement on `target`, or undefined where the GPU has no MIG, lacks a profile or cannot
   * place the layout. An unknown instance type still throws: that is a typo, not a misfit.
   */
  placementFor(target: MigTarget): MigPlacement | undefined {
    const { model } = resolveMigTarget(target);
    if (!model || this.profiles.some((p) => !MigGpuModels.profile(model, p))) return undefined;
    return findPlacement(model, this.resolvedCounts(model));
  }

  /** Whether `instanceType`'s GPU offers every profile of the layout and can place it. */
  supports(instanceType: MigTarget): boolean {
    return this.placementFor(instanceType) !== undefined;
  }

  /**
   * Narrows a pool's instance types to those that support the layout (issue 13: a layout narrows
   * the pool, with a warning naming the dropped types; an error only when none remain). Returns
   * data: the caller warns with `warning` and throws or reports `error`.
   */
  narrow(instanceTypes: ReadonlyArray<string | GpuInstanceType>, where?: MigWhere): MigNarrowing {
    const kept: string[] = [];
    const dropped: Array<{ instanceType: string; reason: string }> = [];
    instanceTypes.forEach((t, i) => {
      const at = { path: where?.path, prop: `instanceTypes[${i}]` };
      const resolved = resolveMigTarget(t, at);
      if (resolved.instanceType === undefined) throw unknownType(t, at.prop, at.path);
      const name = resolved.instanceType;
      const model = resolved.model;
      const missing = model && this.profiles.find((p) => !MigGpuModels.profile(model, p));
      if (!model) dropped.push({ instanceType: name, reason: `${resolved.label} has no MIG` });
      else if (missing) dropped.push({ instanceType: name, reason: `${model.label} has no ${missing} profile` });
      else if (!findPlacement(model, this.resolvedCounts(model))) dropped.push({ instanceType: name, reason: `the layout does not fit on one ${model.label}` });
      else kept.push(name);
    });
    if (kept.length === 0) return { kept, dropped, error: noInstanceTypeLeft(this, dropped, where) };
    if (dropped.length === 0) return { kept, dropped };
    const warning =
      `MIG layout ${this.name} (${describeLayout(this.counts, this.fillsGpu)}) narrows the pool's instance types to ${kept.join(', ')}; ` +
      `dropped ${dropped.map((d) => `${d.instanceType} (${d.reason})`).join('; ')}`;
    return { kept, dropped, warning };
  }

  /**
   * MIG devices per GPU under the mixed strategy's resource names,
   * e.g. `{ 'nvidia.com/mig-3g.40gb': 1, 'nvidia.com/mig-1g.10gb': 2 }`. A uniform layout without
   * a count needs the GPU (`target`) to know how many fit.
   */
  slicesPerGpu(target?: MigTarget, where?: MigWhere): Record<string, number> {
    if (target === undefined) {
      if (this.fillsGpu) {
        throw new GpuClusterError({
          code: 'MIG_LAYOUT_NEEDS_GPU',
          prop: where?.prop ?? 'migLayout',
          path: where?.path,
          value: this.name,
          problem: `how many ${this.profiles[0]} instances fit depends on the GPU model`,
          allowed: 'slicesPerGpu(instanceType) or a uniform layout with a count',
          fix: `call slicesPerGpu('<instance type>') or use MigLayout.uniform('${this.profiles[0]}', <count>)`,
        });
      }
      return this.toResources(this.counts, (p) => `nvidia.com/mig-${p.replace(/\+/g, '.')}`, 1);
    }
    const { model } = this.modelOf(target, where);
    this.validateFor(model, where);
    return this.toResources(this.resolvedCounts(model), (p) => MigGpuModels.profile(model, p)!.resourceName, 1);
  }

  /** MIG devices per node of `instanceType` (per GPU times GPUs), mixed-strategy resource names. */
  slicesPerNode(instanceType: string | GpuInstanceType, where?: MigWhere): Record<string, number> {
    const { model, spec } = this.modelOf(instanceType, where);
    this.validateFor(model, where);
    const gpus = spec!.gpuCount;
    return this.toResources(this.resolvedCounts(model), (p) => MigGpuModels.profile(model, p)!.resourceName, gpus);
  }

  /**
   * What the device plugin advertises per node under this layout's strategy: `nvidia.com/gpu`
   * counting every MIG device (single) or the per-profile resources (mixed).
   */
  advertisedResourcesPerNode(instanceType: string | GpuInstanceType, where?: MigWhere): Record<string, number> {
    const slices = this.slicesPerNode(instanceType, where);
    if (this.strategy === 'mixed') return slices;
    return { 'nvidia.com/gpu': Object.values(slices).reduce((a, b) => a + b, 0) };
  }

  /** e.g. `2 x 3g.40gb + 1 x 1g.10gb`, or `1g.10gb x as many as fit`. */
  describe(): string {
    return describeLayout(this.counts, this.fillsGpu);
  }

  /** Same profiles, counts and name. */
  equals(other: MigLayout): boolean {
    return other.name === this.name && other.kind === this.kind && layoutCode(other.counts, other.fillsGpu, other.kind) === layoutCode(this.counts, this.fillsGpu, this.kind);
  }

  toJSON(): { name: string; kind: 'uniform' | 'mixed'; strategy: MigStrategy; profiles: Record<string, number | 'max'> } {
    const profiles: Record<string, number | 'max'> = {};
    for (const p of this.profiles) profiles[p] = this.fillsGpu ? 'max' : this.counts[p]!;
    return { name: this.name, kind: this.kind, strategy: this.strategy, profiles };
  }

  toString(): string {
    return this.name;
  }

  private modelOf(target: MigTarget, where?: MigWhere) {
    const resolved = resolveMigTarget(target, where);
    if (!resolved.model) throw migNotSupported(this, resolved, where);
    const missing = this.profiles.find((p) => !MigGpuModels.profile(resolved.model!, p));
    if (missing) throw unknownProfile(this, resolved.model, resolved.label, missing, where);
    return { ...resolved, model: resolved.model };
  }

  private resolvedCounts(model: MigGpuModelSpec): Record<string, number> {
    if (!this.fillsGpu) return { ...this.counts };
    const profile = this.profiles[0]!;
    return { [profile]: maxInstances(model, MigGpuModels.profile(model, profile)!) };
  }

  private toResources(counts: MigProfileCounts, name: (p: string) => string, gpus: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const p of sortProfiles(Object.keys(counts))) out[name(p)] = counts[p]! * gpus;
    return out;
  }
}

/** Largest first: compute slices, then the memory in the name, then the name. */
function sortProfiles(names: readonly string[]): string[] {
  const parse = (n: string) => {
    const m = /^(\d+)g\.(\d+)gb/.exec(n);
    return m ? [Number(m[1]), Number(m[2])] : [0, 0];
  };
  return [...names].sort((a, b) => {
    const [ca, ma] = parse(a);
    const [cb, mb] = parse(b);
    return cb! - ca! || mb! - ma! || compareText(a, b);
  });
}

function labelOf(profile: string): string {
  return profile.replace(/\+/g, '.');
}

function defaultName(kind: 'uniform' | 'mixed', counts: MigProfileCounts, fillsGpu: boolean): string {
  const profiles = sortProfiles(Object.keys(counts));
  const name =
    kind === 'uniform' && fillsGpu
      ? `all-${labelOf(profiles[0]!)}`
      : profiles.map((p) => `${counts[p]}x${labelOf(p)}`).join('_');
  return fitLabelValue(name);
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name === '' || !isLabelValue(name) || RESERVED_NAMES.includes(name)) {
    throw new GpuClusterError({
      code: 'INVALID_MIG_LAYOUT_NAME',
      prop: 'name',
      value: name,
      problem: 'must be a Kubernetes label value: it becomes the nvidia.com/mig.config node label and the mig-parted config name',
      allowed: `1 to 63 characters, letters, digits, '-', '_' and '.', starting and ending with a letter or digit; not ${RESERVED_NAMES.join(', ')}`,
      fix: "pick a name such as 'inference-mixed', or leave name out for a derived one",
    });
  }
  return name;
}

function checkProfileName(profile: unknown, where: string): void {
  if (typeof profile !== 'string' || !PROFILE.test(profile)) {
    throw invalid(where, profile, 'is not a MIG profile name', "a profile such as '1g.10gb', '3g.40gb' or '1g.10gb+me' (see nvidia-smi mig -lgip)");
  }
}

function checkCount(profile: string, n: unknown, where: string): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_INSTANCES) {
    throw new GpuClusterError({
      code: 'INVALID_MIG_LAYOUT',
      prop: `${where}['${profile}']`,
      value: n,
      problem: 'is not a valid instance count',
      allowed: `an integer from 1 to ${MAX_INSTANCES} (a GPU has at most ${MAX_INSTANCES} MIG instances)`,
      fix: `give ${profile} a count from 1 to 7, or leave the profile out`,
    });
  }
}

function invalid(where: string, value: unknown, problem: string, allowed: string): GpuClusterError {
  return new GpuClusterError({ code: 'INVALID_MIG_LAYOUT', prop: where, value, problem, allowed, fix: `pass ${allowed}` });
}
