import type { MigGpuModelSpec, MigProfileSpec } from './mig-gpu-model.js';
import { compareText } from '../base/text-order.js';

/** Profile name -> instances per GPU. */
export type MigProfileCounts = Readonly<Record<string, number>>;

/** One GPU instance of a placement: its profile and the memory slices it occupies. */
export interface MigInstancePlacement {
  readonly profile: string;
  /** First memory slice (an offset the profile allows). */
  readonly start: number;
  /** Memory slices occupied: `start` .. `start + size - 1`. */
  readonly size: number;
  readonly computeSlices: number;
}

/** Where every instance of a layout sits on one GPU. */
export interface MigPlacement {
  /** GPU model id. */
  readonly gpuModel: string;
  /** Instances ordered by start offset. */
  readonly instances: readonly MigInstancePlacement[];
  readonly computeSlicesUsed: number;
  readonly memorySlicesUsed: number;
}

/** Larger profiles first, so the search fills the constrained offsets before the flexible ones. */
export function bySizeDescending(a: MigProfileSpec, b: MigProfileSpec): number {
  return b.memorySlices - a.memorySlices || b.computeSlices - a.computeSlices || compareText(a.name, b.name);
}

/**
 * Exact search for a placement of `counts` on one GPU of `model`: backtracking over each
 * profile's allowed start offsets, largest profiles first, deterministic. Returns undefined when
 * no placement exists. Every profile in `counts` must exist on `model`.
 */
export function findPlacement(model: MigGpuModelSpec, counts: MigProfileCounts): MigPlacement | undefined {
  const specs = Object.keys(counts)
    .filter((name) => counts[name]! > 0)
    .map((name) => {
      const spec = model.profiles.find((p) => p.name === name);
      if (!spec) throw new RangeError(`profile ${name} is not a ${model.label} profile`);
      return spec;
    })
    .sort(bySizeDescending);
  const wanted: MigProfileSpec[] = specs.flatMap((s) => Array.from({ length: counts[s.name]! }, () => s));
  if (wanted.filter((s) => s.mediaExtensions).length > 1) return undefined;
  if (sum(wanted, (s) => s.computeSlices) > model.computeSlices) return undefined;
  if (sum(wanted, (s) => s.memorySlices) > model.memorySlices) return undefined;

  const chosen: number[] = [];
  const place = (i: number, used: number): boolean => {
    if (i === wanted.length) return true;
    const spec = wanted[i]!;
    // Identical instances are interchangeable: only try offsets after the previous one's.
    const after = i > 0 && wanted[i - 1] === spec ? chosen[i - 1]! : -1;
    for (const start of spec.starts) {
      if (start <= after) continue;
      const mask = ((1 << spec.memorySlices) - 1) << start;
      if (start + spec.memorySlices > model.memorySlices || (used & mask) !== 0) continue;
      chosen[i] = start;
      if (place(i + 1, used | mask)) return true;
    }
    return false;
  };
  if (!place(0, 0)) return undefined;

  const instances = wanted
    .map((s, i) => ({ profile: s.name, start: chosen[i]!, size: s.memorySlices, computeSlices: s.computeSlices }))
    .sort((a, b) => a.start - b.start);
  return {
    gpuModel: model.id,
    instances,
    computeSlicesUsed: sum(instances, (p) => p.computeSlices),
    memorySlicesUsed: sum(instances, (p) => p.size),
  };
}

/** The most instances of `profile` that fit on one GPU of `model` alone (0 if none). */
export function maxInstances(model: MigGpuModelSpec, profile: MigProfileSpec): number {
  for (let n = Math.floor(model.memorySlices / profile.memorySlices); n > 0; n--) {
    if (findPlacement(model, { [profile.name]: n })) return n;
  }
  return 0;
}

/** Why `counts` has no placement on `model`, in one sentence (call only when findPlacement failed). */
export function explainNoPlacement(model: MigGpuModelSpec, counts: MigProfileCounts): string {
  const specs = profilesOf(model, counts);
  const media = specs.filter((s) => s.mediaExtensions).reduce((n, s) => n + counts[s.name]!, 0);
  if (media > 1) {
    return `it asks for ${media} instances with media extensions (+me), and the ${model.label} has one set of media engines, so at most one +me instance fits`;
  }
  const compute = specs.reduce((n, s) => n + s.computeSlices * counts[s.name]!, 0);
  if (compute > model.computeSlices) {
    return `it needs ${compute} compute slices and the ${model.label} has ${model.computeSlices}`;
  }
  const memory = specs.reduce((n, s) => n + s.memorySlices * counts[s.name]!, 0);
  if (memory > model.memorySlices) {
    return `it needs ${memory} memory slices and the ${model.label} has ${model.memorySlices}`;
  }
  const rules = specs.map((s) => `${s.name} starts only at ${s.starts.join(',')} (size ${s.memorySlices})`).join('; ');
  return `its ${memory} memory slices fit in ${model.memorySlices}, but not at the offsets the GPU allows: ${rules}`;
}

/**
 * A placeable layout close to `counts` on `model`: the fewest edits (up to two), each dropping one
 * instance or replacing one by a profile no larger in compute and memory (e.g. `1g.10gb+me` by
 * `1g.10gb`), preferring the most compute then memory slices kept; beyond two edits, instances are
 * dropped one at a time, the one that most reduces the excess first. Undefined only for empty counts.
 */
export function closestPlaceable(model: MigGpuModelSpec, counts: MigProfileCounts): Record<string, number> | undefined {
  let frontier: Record<string, number>[] = [normalize(counts)];
  const seen = new Set<string>([key(frontier[0]!)]);
  for (let depth = 0; depth < 2; depth++) {
    const next: Record<string, number>[] = [];
    for (const c of frontier) {
      for (const edit of edits(model, c)) {
        const k = key(edit);
        if (seen.has(k)) continue;
        seen.add(k);
        next.push(edit);
      }
    }
    const best = bestOf(model, next.filter((c) => Object.keys(c).length > 0 && findPlacement(model, c)));
    if (best) return best;
    frontier = next;
  }
  let c = normalize(counts);
  while (Object.keys(c).length > 0 && !findPlacement(model, c)) {
    const drops = profilesOf(model, c).map((p) => normalize({ ...c, [p.name]: c[p.name]! - 1 }));
    const fitting = bestOf(model, drops.filter((d) => Object.keys(d).length > 0 && findPlacement(model, d)));
    c = fitting ?? drops.sort((a, b) => excess(model, a) - excess(model, b) || score(model, b)[0] - score(model, a)[0] || compareText(key(a), key(b)))[0]!;
  }
  return Object.keys(c).length > 0 ? c : undefined;
}

function bestOf(model: MigGpuModelSpec, candidates: Record<string, number>[]): Record<string, number> | undefined {
  return candidates.sort((a, b) => {
    const [ca, ma] = score(model, a);
    const [cb, mb] = score(model, b);
    return cb - ca || mb - ma || compareText(key(a), key(b));
  })[0];
}

/** Compute and memory slices a layout uses. */
function score(model: MigGpuModelSpec, counts: MigProfileCounts): [number, number] {
  return profilesOf(model, counts).reduce<[number, number]>(([c, m], s) => [c + s.computeSlices * counts[s.name]!, m + s.memorySlices * counts[s.name]!], [0, 0]);
}

/** How far over the GPU's compute, memory and media limits a layout is. */
function excess(model: MigGpuModelSpec, counts: MigProfileCounts): number {
  const [c, m] = score(model, counts);
  const media = profilesOf(model, counts).filter((s) => s.mediaExtensions).reduce((n, s) => n + counts[s.name]!, 0);
  return Math.max(0, c - model.computeSlices) + Math.max(0, m - model.memorySlices) + Math.max(0, media - 1);
}

function edits(model: MigGpuModelSpec, counts: Record<string, number>): Record<string, number>[] {
  const out: Record<string, number>[] = [];
  for (const from of profilesOf(model, counts)) {
    out.push(normalize({ ...counts, [from.name]: counts[from.name]! - 1 }));
    for (const to of model.profiles) {
      if (to === from || to.computeSlices > from.computeSlices || to.memorySlices > from.memorySlices) continue;
      out.push(normalize({ ...counts, [from.name]: counts[from.name]! - 1, [to.name]: (counts[to.name] ?? 0) + 1 }));
    }
  }
  return out;
}

function profilesOf(model: MigGpuModelSpec, counts: MigProfileCounts): MigProfileSpec[] {
  return model.profiles.filter((p) => (counts[p.name] ?? 0) > 0).sort(bySizeDescending);
}

function normalize(counts: MigProfileCounts): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of Object.keys(counts).sort()) if (counts[name]! > 0) out[name] = counts[name]!;
  return out;
}

function key(counts: MigProfileCounts): string {
  return JSON.stringify(normalize(counts));
}

function sum<T>(items: readonly T[], f: (t: T) => number): number {
  return items.reduce((n, t) => n + f(t), 0);
}
