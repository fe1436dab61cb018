/**
 * The price lock file (`gpu-prices.lock.json`): prices for one region that `gpu-tco prices fetch`
 * wrote and the user committed. Checked against the JSON schema shipped in src/catalog/schema.
 */
import { readFileSync } from 'node:fs';
import { GpuClusterError } from '../base/errors.js';
import type { FixedPriceItem } from './price-quote.js';

/** The lock file, as written by `gpu-tco prices fetch`. */
export interface PriceLockFile {
  readonly schemaVersion: 1;
  readonly region: string;
  /** When the prices were fetched (UTC, ISO 8601). */
  readonly fetchedAt: string;
  readonly source: string;
  /** The Price List API endpoint region the fetch used. */
  readonly pricingEndpointRegion?: 'us-east-1' | 'eu-central-1' | 'ap-south-1';
  /** The spot price history window read. */
  readonly spotWindow?: { readonly start: string; readonly end: string };
  readonly onDemand: Readonly<Record<string, number>>;
  readonly spot: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly fixed?: Readonly<Partial<Record<FixedPriceItem, number>>>;
}

/** A lock file read and checked, with the name it is reported under. */
export interface LoadedLockFile {
  readonly lock: PriceLockFile;
  /** The path given, or `lock file (in code)` for a parsed object. */
  readonly label: string;
}

/** Lock files older than this many days draw a warning. */
export const LOCK_FILE_MAX_AGE_DAYS = 90;

type Validate = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; params: Record<string, unknown> }> | null };
let validate: Validate | undefined;

/**
 * The schema's validator, compiled ahead of time by scripts/generate-lock-validator.ts (ajv
 * standalone code): loaded on first use, so synth never loads or compiles ajv itself.
 */
function validator(): Validate {
  return (validate ??= require('./schema/gpu-prices.lock.validate.cjs') as Validate);
}
/**
 * Reads (for a path) and checks a lock file for `region`. Throws a GpuClusterError naming the file
 * and the field when it fails the schema, and when it holds another region's prices.
 */
export function loadLockFile(source: string | PriceLockFile, region: string): LoadedLockFile {
  const label = typeof source === 'string' ? source : 'lock file (in code)';
  let data: unknown = source;
  if (typeof source === 'string') {
    let text: string;
    try {
      text = readFileSync(source, 'utf8');
    } catch (e) {
      throw new GpuClusterError({
        code: 'PRICE_LOCK_FILE_UNREADABLE',
        prop: 'lockFile',
        value: source,
        problem: `cannot read the price lock file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        fix: `run \`gpu-tco prices fetch --region ${region} --out ${source}\`, or point lockFile at an existing file`,
      });
    }
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new GpuClusterError({
        code: 'INVALID_PRICE_LOCK_FILE',
        prop: 'lockFile',
        value: source,
        problem: `${source} is not JSON (${(e as Error).message})`,
        fix: `fetch it again with \`gpu-tco prices fetch --region ${region} --out ${source}\``,
      });
    }
  }
  const check = validator();
  if (!check(data)) {
    const err = check.errors![0]!;
    const field = fieldName(err.instancePath, err.params);
    throw new GpuClusterError({
      code: 'INVALID_PRICE_LOCK_FILE',
      prop: field,
      value: valueAt(data, err.instancePath),
      problem: `${label} fails the gpu-prices.lock.json schema at ${field}: ${err.message ?? 'invalid'}`,
      allowed: 'a file written by `gpu-tco prices fetch` (schema: src/catalog/schema/gpu-prices.lock.schema.json)',
      fix: `fetch it again with \`gpu-tco prices fetch --region ${region}\`, or correct ${field}`,
    });
  }
  const lock = data as PriceLockFile;
  if (lock.region !== region) {
    throw new GpuClusterError({
      code: 'PRICE_LOCK_REGION_MISMATCH',
      prop: 'lockFile',
      value: lock.region,
      problem: `${label} holds prices for ${lock.region}, but the stack is priced in ${region}`,
      fix: `run \`gpu-tco prices fetch --region ${region} --out <file>\` and set PriceBookSettings.of(stack).lockFile('<file>') for this stack, or lockFile(false) to use the bundled snapshot`,
    });
  }
  return { lock, label };
}

/**
 * The staleness warning for a lock file, or undefined. States the fetch date read from the file and
 * the rule, never a computed age, so the text is the same on every synth that emits it.
 */
export function staleLockWarning(loaded: LoadedLockFile, now: Date): string | undefined {
  const fetched = Date.parse(loaded.lock.fetchedAt);
  if (now.getTime() - fetched <= LOCK_FILE_MAX_AGE_DAYS * 86_400_000) return undefined;
  return (
    `${loaded.label} was fetched on ${loaded.lock.fetchedAt.slice(0, 10)}, more than ${LOCK_FILE_MAX_AGE_DAYS} days before this synth: ` +
    `refresh it with \`gpu-tco prices fetch --region ${loaded.lock.region}\``
  );
}

/**
 * The reference date for the staleness check: SOURCE_DATE_EPOCH (reproducible builds) when set,
 * else the clock. It only decides whether the warning appears; no date from it reaches any output.
 */
export function referenceDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
}

function fieldName(pointer: string, params: Record<string, unknown>): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (typeof params.missingProperty === 'string') parts.push(params.missingProperty);
  if (typeof params.additionalProperty === 'string') parts.push(params.additionalProperty);
  if (typeof params.propertyName === 'string') parts.push(params.propertyName);
  if (parts.length === 0) return '(root)';
  return parts.map((p, i) => (/^[A-Za-z_$][\w$]*$/.test(p) ? (i === 0 ? p : `.${p}`) : `[${JSON.stringify(p)}]`)).join('');
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur: unknown = data;
  for (const p of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}
