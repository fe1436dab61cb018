import fc from 'fast-check';
import type { MigGpuModelSpec } from '../../src/catalog/mig-gpu-model.js';
import { MigGpuModels } from '../../src/catalog/mig-gpu-models.js';
import { MigLayout } from '../../src/catalog/mig-layout.js';
import type { MigPlacement } from '../../src/catalog/mig-placement.js';
import { profilesJson } from './mig-fixtures.js';

/**
 * Independent brute force: every way to lay instances left to right over the memory slices
 * (each slice either free or the start of an instance allowed there), kept when within the
 * compute slices and with at most one +me instance. The set of their profile counts is exactly
 * the set of placeable layouts.
 */
function placeableSets(model: MigGpuModelSpec): Set<string> {
  const out = new Set<string>();
  const walk = (slice: number, picked: string[]): void => {
    if (slice >= model.memorySlices) {
      const specs = picked.map((n) => model.profiles.find((p) => p.name === n)!);
      const compute = specs.reduce((a, p) => a + p.computeSlices, 0);
      const media = specs.filter((p) => p.mediaExtensions).length;
      if (picked.length > 0 && compute <= model.computeSlices && media <= 1) out.add(keyOf(countsOf(picked)));
      return;
    }
    walk(slice + 1, picked);
    for (const p of model.profiles) {
      if (p.starts.includes(slice) && slice + p.memorySlices <= model.memorySlices) walk(slice + p.memorySlices, [...picked, p.name]);
    }
  };
  walk(0, []);
  return out;
}

function countsOf(names: readonly string[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const n of names) c[n] = (c[n] ?? 0) + 1;
  return c;
}

function keyOf(counts: Record<string, number>): string {
  return JSON.stringify(Object.keys(counts).filter((k) => counts[k]! > 0).sort().map((k) => [k, counts[k]]));
}

/** Why the placement breaks the rules (offsets, overlap, counts, compute, +me), or '' when it keeps them. */
function violation(model: MigGpuModelSpec, counts: Record<string, number>, placement: MigPlacement): string {
  let used = 0;
  for (const inst of placement.instances) {
    const spec = model.profiles.find((p) => p.name === inst.profile)!;
    if (!spec.starts.includes(inst.start)) return `${inst.profile} at ${inst.start}`;
    if (inst.size !== spec.memorySlices || inst.start + inst.size > model.memorySlices) return `${inst.profile} size ${inst.size}`;
    const mask = ((1 << inst.size) - 1) << inst.start;
    if (used & mask) return `overlap at ${inst.start}`;
    used |= mask;
  }
  if (keyOf(countsOf(placement.instances.map((i) => i.profile))) !== keyOf(counts)) return 'counts differ';
  if (placement.computeSlicesUsed > model.computeSlices) return 'compute';
  if (placement.instances.filter((i) => i.profile.includes('+me')).length > 1) return 'two +me';
  return '';
}

const models = MigGpuModels.all();
const truth = new Map(models.map((m) => [m.id, placeableSets(m)]));

describe('MIG placement: the validator against an independent brute force', () => {
  test('brute force sanity: the H100 has 4g.40gb + 3g.40gb and not 2 x 3g.40gb + 1g.10gb', () => {
    const h100 = truth.get('H100-SXM5-80GB')!;
    expect(h100.has(keyOf({ '4g.40gb': 1, '3g.40gb': 1 }))).toBe(true);
    expect(h100.has(keyOf({ '3g.40gb': 2, '1g.10gb': 1 }))).toBe(false);
    expect(h100.has(keyOf({ '1g.10gb+me': 2 }))).toBe(false);
  });

  test('property: accepted layouts have a placement that respects the offsets without overlap; rejected ones have none', () => {
    const arbitrary = fc.constantFrom(...models).chain((model) =>
      fc.tuple(
        fc.constant(model),
        fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 7 }) }), {
          minLength: model.profiles.length,
          maxLength: model.profiles.length,
        }),
      ),
    );
    fc.assert(
      fc.property(arbitrary, ([model, ns]) => {
        const counts: Record<string, number> = {};
        model.profiles.forEach((p, i) => {
          if (ns[i]! > 0) counts[p.name] = ns[i]!;
        });
        fc.pre(Object.keys(counts).length > 0);
        const placement = MigLayout.mixed(counts).placementFor(model);
        expect(placement !== undefined).toBe(truth.get(model.id)!.has(keyOf(counts)));
        if (placement) expect(violation(model, counts, placement)).toBe('');
      }),
      { numRuns: 3000, seed: 20260822 },
    );
  });

  test.each(models.filter((m) => ['H100-SXM5-80GB', 'A100-SXM4-40GB'].includes(m.id)).map((m) => [m.id, m] as const))(
    'exhaustive on %s: every count vector up to one past each profile maximum agrees with the brute force',
    (_id, model) => {
      const maxCounts = new Map(profilesJson().gpus.find((g) => g.gpuModel === model.id)!.profiles.map((p) => [p.name, p.maxCount]));
      let checked = 0;
      const visit = (i: number, counts: Record<string, number>): void => {
        if (i === model.profiles.length) {
          if (Object.keys(counts).length === 0) return;
          checked++;
          const placement = MigLayout.mixed(counts).placementFor(model);
          if ((placement !== undefined) !== truth.get(model.id)!.has(keyOf(counts))) throw new Error(`disagree on ${keyOf(counts)}`);
          const broken = placement ? violation(model, counts, placement) : '';
          if (broken) throw new Error(`placement of ${keyOf(counts)} breaks a rule: ${broken}`);
          return;
        }
        const p = model.profiles[i]!;
        const max = Math.min(7, maxCounts.get(p.name)! + 1);
        for (let n = 0; n <= max; n++) visit(i + 1, n ? { ...counts, [p.name]: n } : counts);
      };
      visit(0, {});
      expect(checked).toBe(8 * 3 * 6 * 5 * 4 * 3 * 3 - 1);
    },
  );
});
