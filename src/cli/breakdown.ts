/**
 * Infracost's breakdown JSON (`infracost breakdown --format json`), schema version 0.2, checked
 * against the copied schema (src/cli/schema, draft-04, compiled ahead of time; `format` keywords
 * are not enforced).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from './io.js';

export interface BreakdownCostComponent {
  readonly name: string;
  readonly unit: string;
  readonly price: string | null;
  readonly monthlyQuantity: string | null;
  readonly monthlyCost: string | null;
  readonly priceNotFound: boolean;
}

export interface BreakdownResource {
  readonly name: string;
  readonly resourceType?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly monthlyCost?: string | null;
  readonly costComponents?: readonly BreakdownCostComponent[];
  readonly subresources?: readonly BreakdownResource[];
}

export interface BreakdownProject {
  readonly name: string;
  readonly metadata: { readonly path: string; readonly type: string };
  readonly breakdown: { readonly resources: readonly BreakdownResource[]; readonly totalMonthlyCost: string | null };
}

export interface Breakdown {
  readonly version: string;
  readonly currency: string;
  readonly projects: readonly BreakdownProject[];
}

export const SUPPORTED_VERSION = '0.2';

type Validate = ((doc: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
let validator: Validate | undefined;

// Compiled ahead of time (scripts/generate-breakdown-validator.ts): no ajv at run time.
function validate(doc: unknown): Validate['errors'] {
  validator ??= require('./schema/infracost.validate.cjs') as Validate;
  return validator(doc) ? null : validator.errors;
}

/** Reads and checks a breakdown (`-`: standard input); every problem is a one-line CliError (exit 2). */
export function loadBreakdown(file: string, cwd: string, flag = '--infracost', stdin?: () => string): Breakdown {
  const hint = 'write it with `infracost breakdown --config-file infracost.yml --format json --out-file <file>`';
  let text: string;
  try {
    if (file === '-' && !stdin) throw Object.assign(new Error('no standard input'), { code: 'no standard input' });
    text = file === '-' ? stdin!() : readFileSync(resolve(cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`gpu-tco check: ${flag} ${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? (e as Error).message})`}; ${hint}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new CliError(`gpu-tco check: ${flag} ${file} is not JSON (${(e as Error).message.split('\n')[0]}); ${hint}`);
  }
  const version = doc && typeof doc === 'object' ? (doc as { version?: unknown }).version : undefined;
  if (typeof version === 'string' && version !== SUPPORTED_VERSION) {
    throw new CliError(`gpu-tco check: ${flag} ${file} is an Infracost breakdown of schema version ${version}; only ${SUPPORTED_VERSION} is supported (Infracost 0.10's \`infracost breakdown --format json\`)`);
  }
  const errors = validate(doc);
  if (errors?.length) {
    const e = errors[0]!;
    throw new CliError(`gpu-tco check: ${flag} ${file} is not an Infracost breakdown (schema ${SUPPORTED_VERSION}): ${e.instancePath || '/'} ${e.message ?? 'is invalid'}; ${hint}`);
  }
  return doc as Breakdown;
}
