/**
 * Shared fast-check arbitraries for fuzzing constructs: valid props of each kind, the hostile
 * values that break naive validation (empty and blank strings, NaN, Infinity, huge numbers,
 * unicode, null, wrong types), and `corrupted`, which turns a valid props arbitrary into one that
 * is valid about half the time and otherwise has one to three props replaced by hostile values.
 *
 * Strings never contain `undefined`, `NaN`, `Infinity` or `[object Object]`, so that the output
 * scan (see outcome.ts) can tell a leak from an echo of the input.
 */
import fc from 'fast-check';
import { Lazy, Token } from 'cdktf';
import { InstanceCatalog } from '../../src/catalog/instance-catalog.js';
import { MigLayout } from '../../src/catalog/mig-layout.js';
import { GpuSharing } from '../../src/catalog/gpu-sharing.js';

/** Runs per property: 100 in `npm test`, `FUZZ_RUNS` (1000 in `npm run fuzz`) otherwise. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
/** fast-check parameters: RUNS, and FUZZ_SEED to replay a failure. */
// `npm test` runs a fixed seed, so CI is reproducible; `npm run fuzz` (FUZZ_RUNS set) explores new seeds.
const SEED = process.env.FUZZ_SEED ?? (process.env.FUZZ_RUNS === undefined ? '20261123' : undefined);
export const fuzzParams: fc.Parameters<unknown> = { numRuns: RUNS, ...(SEED ? { seed: Number(SEED) } : {}) };

const LEAK = /undefined|NaN|Infinity|\[object Object\]/;
/** Any string, minus the words the output scan looks for. */
export const cleanString = (c: fc.StringConstraints = {}) => fc.string(c).filter((s) => !LEAK.test(s));
/** Unicode text (graphemes, emoji, combining marks). */
export const unicodeString = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => !LEAK.test(s));

/**
 * cdktf tokens of each kind, as a module output or a variable would give them: unresolved at
 * construction, resolved at synth. A prop that needs a literal must refuse them with
 * TOKEN_NOT_ALLOWED; one that passes through to Terraform must carry them.
 */
export const tokens = {
  number: Token.asNumber(Lazy.numberValue({ produce: () => 4 })),
  string: Lazy.stringValue({ produce: () => 'from-a-token' }),
  list: Lazy.listValue({ produce: () => ['subnet-0a1b2c3d'] }),
};
const tokenValue = fc.constantFrom<unknown>(tokens.number, tokens.string, tokens.list);

/** Values that break naive validation. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  tokenValue,
  fc.constantFrom<unknown>(undefined, null, '', ' ', '\n', '\t x ', NaN, Infinity, -Infinity, -0, 0, -1, 1.5, 1e308, 2 ** 53 + 2, true, false, [], {}, [''], '${x}', '%{x}', '{{ x }}', 'é', '名前', '🚀', 'a'.repeat(300), 'null', '-'),
  cleanString({ maxLength: 8 }),
  unicodeString,
  fc.integer(),
  fc.double(),
  fc.array(cleanString({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(cleanString({ maxLength: 4 }), fc.oneof(cleanString({ maxLength: 4 }), fc.integer(), fc.constant(null)), { maxKeys: 2 }),
);

/**
 * `valid` about half the time; otherwise with 1-3 of `keys` replaced by hostile values (a key may
 * also be deleted, which tests required props).
 */
export function corrupted<T extends object>(valid: fc.Arbitrary<T>, keys: readonly string[]): fc.Arbitrary<T> {
  const change = fc.tuple(fc.constantFrom(...keys), fc.oneof({ arbitrary: hostile, weight: 4 }, { arbitrary: fc.constant(DELETE), weight: 1 }));
  return fc.tuple(valid, fc.option(fc.array(change, { minLength: 1, maxLength: 3 }), { freq: 2 })).map(([props, changes]) => {
    const out: Record<string, unknown> = { ...(props as Record<string, unknown>) };
    for (const [k, v] of changes ?? []) {
      if (v === DELETE) delete out[k];
      else out[k] = v;
    }
    return out as T;
  });
}
const DELETE = Symbol('delete');

/** A Kubernetes-name-like token (also valid as a label value and a Helm release name). */
export const dnsName = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}[a-z0-9]$/);
/** An EKS cluster name. */
export const clusterName = fc.oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,20}$/), fc.constant('ml-prod'));

/** Letters AWS tags accept but Kubernetes labels do not (exercises label fitting). */
export const unicodeTagValue = fc.array(fc.constantFrom('é', 'ü', 'ß', '名', '前', 'a', 'z', '0', '-', '.', '_', ' ', ':', '@'), { minLength: 1, maxLength: 70 }).map((c) => c.join('')).filter((s) => s.trim() !== '');

/** Cost tags: label-friendly values mostly, unicode and long ones sometimes. */
export const costTags = fc.record({
  team: fc.oneof({ arbitrary: dnsName, weight: 4 }, { arbitrary: unicodeTagValue, weight: 1 }),
  costCenter: fc.oneof(fc.stringMatching(/^cc-[0-9]{1,6}$/), dnsName),
  environment: fc.constantFrom('prod', 'staging', 'dev'),
});

const gpuSpecs = InstanceCatalog.gpuTypes();
/** Catalog GPU instance type names of one architecture (a node group runs one AMI). */
export const instanceTypes = fc.constantFrom('x86_64', 'arm64').chain((arch) => {
  const names = gpuSpecs.filter((s) => s.architecture === arch).map((s) => s.name);
  return fc.subarray(names, { minLength: 1, maxLength: 3 });
});
/** Karpenter GPU names (`l40s`, `h100`, ...) from the catalog. */
export const gpuNames = fc.subarray([...new Set(gpuSpecs.map((s) => s.gpuName))].sort(), { minLength: 1, maxLength: 3 });
/** Instance families with GPUs. */
export const gpuFamilies = fc.subarray([...new Set(gpuSpecs.map((s) => s.family))].sort(), { minLength: 1, maxLength: 3 });

/** Node counts with min <= desired <= max, max >= 1. */
/** Node counts, all literals. */
export const literalScaling = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 40 })).map(([a, b, c]) => {
  const [min, desired, max] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
  return { min, desired, max: Math.max(max, 1) };
});
/** Node counts; now and then one of them a number token. */
export const scaling = fc.oneof(
  { arbitrary: literalScaling, weight: 9 },
  { arbitrary: fc.tuple(literalScaling, fc.constantFrom('min', 'desired', 'max')).map(([s, k]) => ({ ...s, [k]: tokens.number })), weight: 1 },
);

/** Subnet IDs; now and then a list token (a VPC module's output) or a string token among them. */
export const subnetIds = fc.oneof(
  { arbitrary: fc.uniqueArray(fc.stringMatching(/^subnet-[0-9a-f]{4,8}$/), { minLength: 1, maxLength: 3 }), weight: 8 },
  { arbitrary: fc.constant(tokens.list as string[]), weight: 1 },
  { arbitrary: fc.constant<string[]>(['subnet-0a1b', tokens.string]), weight: 1 },
);

/** A Karpenter duration (what consolidateAfter and expireAfter accept). */
export const duration = fc.oneof(fc.constantFrom('30s', '10m', '1h', '1h30m', '720h', 'Never'), fc.integer({ min: 1, max: 999 }).map((n) => `${n}m`));

/** Kubernetes label maps under the library's own prefix-free keys. */
export const labels = fc.dictionary(fc.stringMatching(/^[a-z]([a-z0-9-]{0,9}[a-z0-9])?$/), dnsName, { maxKeys: 3 });

/** A MIG layout spec: uniform with an optional count, or mixed. */
export const migSpec = fc.oneof(
  fc.record({ kind: fc.constant('uniform' as const), profile: fc.constantFrom('1g.10gb', '1g.5gb', '2g.20gb', '3g.40gb', '7g.80gb', '1g.12gb', '1g.24gb', '1g.23gb', '4g.40gb'), count: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }) }),
  fc.record({ kind: fc.constant('mixed' as const), counts: fc.dictionary(fc.constantFrom('1g.10gb', '2g.20gb', '3g.40gb', '1g.5gb', '2g.10gb', '3g.20gb'), fc.integer({ min: 1, max: 4 }), { minKeys: 1, maxKeys: 3 }) }),
);

/** A sharing spec: time-slicing or MPS with replicas. */
export const sharingSpec = fc.record({
  kind: fc.constantFrom('timeSlicing' as const, 'mps' as const),
  replicas: fc.integer({ min: 2, max: 16 }),
  renameByDefault: fc.option(fc.boolean(), { nil: undefined }),
});

/** The MigLayout a spec describes (throws GpuClusterError for specs the library refuses). */
export function toMigLayout(spec: unknown): unknown {
  const s = spec as { kind?: string; profile?: string; count?: number; counts?: Record<string, number> } | null | undefined;
  if (s?.kind === 'uniform') return s.count === undefined ? MigLayout.uniform(s.profile as string) : MigLayout.uniform(s.profile as string, s.count);
  if (s?.kind === 'mixed') return MigLayout.mixed(s.counts as Record<string, number>);
  return spec; // hostile: passed as it is
}

/** The GpuSharing a spec describes. */
export function toSharing(spec: unknown): unknown {
  const s = spec as { kind?: string; replicas?: number; renameByDefault?: boolean } | null | undefined;
  if (s?.kind === 'timeSlicing') return GpuSharing.timeSlicing({ replicas: s.replicas as number, ...(s.renameByDefault !== undefined ? { renameByDefault: s.renameByDefault } : {}) });
  if (s?.kind === 'mps') return GpuSharing.mps({ replicas: s.replicas as number, ...(s.renameByDefault !== undefined ? { renameByDefault: s.renameByDefault } : {}) });
  return spec;
}

/** `arb` one time in `1 + freq`, else undefined (for props that are valid only in some combinations). */
export const rarely = <T>(arb: fc.Arbitrary<T>, freq = 6): fc.Arbitrary<T | undefined> => fc.oneof({ arbitrary: fc.constant(undefined), weight: freq }, { arbitrary: arb, weight: 1 });

/** `valid` four times in five, else `corrupted(valid, keys)`: hostile values inside a nested prop. */
export const nested = <T extends object>(valid: fc.Arbitrary<T>, keys: readonly string[]): fc.Arbitrary<T> => fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: corrupted(valid, keys), weight: 1 });

/** A Kubernetes label key, with or without a DNS prefix. */
export const labelKey = fc.oneof(fc.stringMatching(/^[a-z]([a-z0-9_.-]{0,9}[a-z0-9])?$/), fc.stringMatching(/^[a-z]{1,6}\.(io|com)\/[a-z]([a-z0-9_.-]{0,8}[a-z0-9])?$/));

/** Tolerations of taints on GPU nodes (Equal with a value, or Exists). */
export const tolerations = fc.array(
  fc.oneof(
    fc.record({ key: labelKey, operator: fc.constant('Equal' as const), value: dnsName, effect: fc.constantFrom('NoSchedule' as const, 'PreferNoSchedule' as const, 'NoExecute' as const) }, { requiredKeys: ['key'] }),
    fc.record({ key: labelKey, operator: fc.constant('Exists' as const), effect: fc.constantFrom('NoSchedule' as const, 'NoExecute' as const) }, { requiredKeys: ['operator'] }),
  ),
  { maxLength: 2 },
);

/** A Prometheus duration (rule `for`, scrape intervals use the h/m/s subset). */
export const promDuration = fc.oneof(fc.constantFrom('0', '30s', '5m', '1h30m', '2d', '1w', '500ms', '1h'), fc.integer({ min: 1, max: 999 }).map((n) => `${n}m`));

/** Text as users write it in alert annotations: plain, unicode, Prometheus templates, and what Terraform or Helm would evaluate. */
export const annotationText = fc.oneof(
  { arbitrary: cleanString({ minLength: 1, maxLength: 30 }), weight: 2 },
  { arbitrary: unicodeString, weight: 1 },
  { arbitrary: fc.constantFrom('GPU {{ $labels.Hostname }} is hot', 'at {{ $value | humanize }}', '{{ $labels.pod }} in {{ $labels.namespace }}', '${x} per hour', '%{ if x }', 'a: b', '- x', 'two\nlines', '{{ x }}', '{{', 'a }} b', '{{ .Labels.pod }}', '{{ $labels.gpu'), weight: 2 },
);
