import { GpuClusterError } from '../base/errors.js';
import type { MigGpuModelSpec } from './mig-gpu-model.js';
import { MigGpuModels } from './mig-gpu-models.js';
import type { MigLayoutShape } from './mig-layout-shape.js';
import { bySizeDescending, closestPlaceable, explainNoPlacement } from './mig-placement.js';
import type { MigProfileCounts } from './mig-placement.js';
import type { MigWhere, ResolvedMigTarget } from './mig-target.js';

/** `2 x 3g.40gb + 1 x 1g.10gb`, largest first; `1g.10gb x as many as fit` for a filling uniform layout. */
export function describeLayout(counts: MigProfileCounts, fillsGpu = false): string {
  const names = Object.keys(counts);
  if (fillsGpu) return `${names[0]} x as many as fit`;
  return names.map((p) => `${counts[p]} x ${p}`).join(' + ');
}

/** The code that builds a layout with these counts, for "use ... instead". */
export function layoutCode(counts: MigProfileCounts, fillsGpu = false, kind: 'uniform' | 'mixed' = 'mixed'): string {
  const names = Object.keys(counts);
  if (fillsGpu) return `MigLayout.uniform('${names[0]}')`;
  if (names.length === 1 && kind === 'uniform') return `MigLayout.uniform('${names[0]}', ${counts[names[0]!]})`;
  return `MigLayout.mixed({ ${names.map((p) => `'${p}': ${counts[p]}`).join(', ')} })`;
}

/** `p5.4xlarge, p5.48xlarge (H100 80GB); ...` for every MIG-capable catalog type. */
export function migCapableSummary(filter: (instanceType: string) => boolean = () => true): string {
  return MigGpuModels.all()
    .map((m) => [m, MigGpuModels.instanceTypesOf(m).filter(filter)] as const)
    .filter(([, types]) => types.length > 0)
    .map(([m, types]) => `${types.join(', ')} (${m.label})`)
    .join('; ');
}

function base(where: MigWhere | undefined, layout: MigLayoutShape) {
  return { path: where?.path, prop: where?.prop ?? 'migLayout', layoutName: layout.name };
}

/** MIG asked of a GPU without MIG: names the MIG-capable instance types instead. */
export function migNotSupported(layout: MigLayoutShape, target: ResolvedMigTarget, where?: MigWhere): GpuClusterError {
  const b = base(where, layout);
  return new GpuClusterError({
    code: 'MIG_NOT_SUPPORTED',
    path: b.path,
    prop: b.prop,
    value: target.instanceType ?? target.label,
    problem: `MIG layout ${layout.name} asks for MIG, and ${target.label} has no MIG (only A100, H100, H200, B200, B300 and RTX PRO 6000 GPUs partition with MIG)`,
    allowed: `MIG-capable instance types: ${migCapableSummary()}`,
    fix: 'run this layout on one of those instance types, or drop the MIG layout and share the GPU with time-slicing or MPS',
  });
}

/** A profile the GPU model does not offer (e.g. the A100 40GB's 1g.5gb on an H100). */
export function unknownProfile(layout: MigLayoutShape, model: MigGpuModelSpec, label: string, profile: string, where?: MigWhere): GpuClusterError {
  const b = base(where, layout);
  const owners = MigGpuModels.modelsWithProfile(profile);
  const foreign = owners[0]?.profiles.find((p) => p.name === profile);
  const same = foreign && model.profiles.find((p) => p.computeSlices === foreign.computeSlices && p.memorySlices === foreign.memorySlices && p.mediaExtensions === foreign.mediaExtensions);
  const belongs = owners.length > 0 ? ` (${profile} belongs to the ${owners.map((m) => m.label).join(' / ')})` : '';
  return new GpuClusterError({
    code: 'UNKNOWN_MIG_PROFILE',
    path: b.path,
    prop: b.prop,
    value: profile,
    problem: `MIG layout ${layout.name}: the ${model.label} GPU of ${label} has no ${profile} profile${belongs}`,
    allowed: `${model.label} profiles: ${model.profiles.map((p) => p.name).join(', ')}`,
    fix: same
      ? `use ${same.name}, the same share of the ${model.label} (${same.computeSlices} of ${model.computeSlices} compute, ${same.memorySlices} of ${model.memorySlices} memory slices)`
      : `use ${model.label} profiles, or give this layout its own pool of ${owners.map((m) => m.label).join(' / ') || 'matching'} instance types`,
  });
}

/** A layout whose profiles exist but cannot be placed together: the reason and a close valid layout. */
export function unplaceable(layout: MigLayoutShape, model: MigGpuModelSpec, counts: MigProfileCounts, where?: MigWhere): GpuClusterError {
  const b = base(where, layout);
  const close = closestPlaceable(model, counts);
  const rules = [...model.profiles]
    .sort(bySizeDescending)
    .map((p) => `${p.name} at ${p.starts.join(',')} (size ${p.memorySlices})`)
    .join(', ');
  const ordered = Object.fromEntries(Object.keys(counts).map((p) => [p, counts[p]!]));
  return new GpuClusterError({
    code: 'MIG_LAYOUT_UNPLACEABLE',
    path: b.path,
    prop: b.prop,
    value: ordered,
    problem: `MIG layout ${layout.name} (${describeLayout(ordered)}) does not fit on one ${model.label}: ${explainNoPlacement(model, counts)}`,
    allowed: `at most ${model.computeSlices} compute and ${model.memorySlices} memory slices, at most one +me instance, each instance starting at an offset its profile allows: ${rules}`,
    fix: close
      ? `use ${layoutCode(sortedCounts(model, close), false, layout.kind)} (${describeLayout(sortedCounts(model, close))}), which fits`
      : 'use fewer or smaller instances',
  });
}

/** Narrowing left no instance type: names the types the layout fits and the pool's own profiles. */
export function noInstanceTypeLeft(
  layout: MigLayoutShape,
  dropped: ReadonlyArray<{ readonly instanceType: string; readonly reason: string }>,
  where?: MigWhere,
): GpuClusterError {
  const b = base(where, layout);
  const fitting = migCapableSummary((t) => layout.supports(t));
  const poolModels = [...new Set(dropped.map((d) => MigGpuModels.forInstanceType(d.instanceType)).filter((m) => m !== undefined))];
  const own = poolModels.map((m) => `${m.label}: ${m.profiles.map((p) => p.name).join(', ')}`).join('; ');
  return new GpuClusterError({
    code: 'MIG_LAYOUT_NO_INSTANCE_TYPE',
    path: b.path,
    prop: b.prop,
    value: dropped.map((d) => d.instanceType),
    problem: `no instance type of the pool can run MIG layout ${layout.name} (${layout.describe()}): ${dropped.map((d) => `${d.instanceType}: ${d.reason}`).join('; ')}`,
    allowed: fitting ? `instance types this layout fits: ${fitting}` : 'no catalog instance type fits this layout',
    fix: own ? `add such instance types to the pool, or use profiles of the pool's GPUs (${own})` : 'add such instance types to the pool',
  });
}

function sortedCounts(model: MigGpuModelSpec, counts: MigProfileCounts): Record<string, number> {
  return Object.fromEntries(
    model.profiles
      .filter((p) => (counts[p.name] ?? 0) > 0)
      .sort(bySizeDescending)
      .map((p) => [p.name, counts[p.name]!]),
  );
}
