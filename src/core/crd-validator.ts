import { existsSync, readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Token } from './cdktf.js';
import type { KubernetesObject, ObjectProblem, ObjectValidator } from './kubernetes-object.js';

/** Where a CRD lives: a YAML file (read on first use) and the version whose schema applies. */
export interface CrdSource {
  /** The CRD file's path. */
  readonly file: string;
  /** The served version to validate against, e.g. `v1`. */
  readonly version: string;
}

interface CrdDoc {
  spec: {
    group: string;
    names: { kind: string };
    versions: Array<{ name: string; schema?: { openAPIV3Schema?: object } }>;
  };
}

interface Compiled {
  readonly apiVersion: string;
  readonly kind: string;
  readonly validate: ValidateFunction;
}

const cache = new Map<string, Compiled>();
let ajvInstance: import('ajv').default | undefined;

/**
 * A validator that checks objects against a CRD's openAPIV3Schema with ajv. The CRD is read and
 * compiled on the first object validated (never at import). ajv runs with `strict: false` so the
 * `x-kubernetes-*` keywords are ignored; their CEL rules are not evaluated, which is why the
 * constructs check the ones a user can trip themselves. Values that are unresolved cdktf tokens
 * are not judged (they are known only at apply).
 */
export function crdValidator(source: CrdSource): ObjectValidator {
  return (object) => {
    const crd = compile(source);
    const problems: ObjectProblem[] = [];
    if (object.apiVersion !== crd.apiVersion || object.kind !== crd.kind) {
      problems.push({ path: 'apiVersion', message: `must be ${crd.apiVersion} ${crd.kind} for this schema, got ${object.apiVersion} ${object.kind}` });
      return problems;
    }
    if (!crd.validate(object)) {
      for (const error of crd.validate.errors ?? []) {
        if (isTokenValue(object, error)) continue;
        problems.push({ path: fieldPath(error), message: describe(error) });
      }
    }
    return dedupe(problems);
  };
}

/**
 * Where the validator compiled ahead of time for a CRD version lives (written by
 * scripts/generate-crd-validators.ts beside the CRD): loading it skips reading the YAML and
 * compiling the schema at synth (a few hundred milliseconds for Karpenter's CRDs).
 */
export function precompiledPath(source: CrdSource): string {
  return `${source.file.replace(/\.ya?ml$/, '')}.${source.version}.validate.cjs`;
}

function compile(source: CrdSource): Compiled {
  const key = `${source.file}#${source.version}`;
  let compiled = cache.get(key);
  if (compiled) return compiled;
  const precompiled = precompiledPath(source);
  compiled = existsSync(precompiled) ? (require(precompiled) as Compiled) : compileFromCrd(source);
  cache.set(key, compiled);
  return compiled;
}

/** The schema of a CRD version as the validator applies it (unlisted fields closed), with its apiVersion and kind. */
export function crdSchema(source: CrdSource): { apiVersion: string; kind: string; schema: object } {
  const doc = loadYaml(readFileSync(source.file, 'utf8')) as CrdDoc;
  const version = doc.spec.versions.find((v) => v.name === source.version);
  const schema = version?.schema?.openAPIV3Schema;
  if (!schema) throw new Error(`CRD ${source.file} has no schema for version ${source.version}`);
  return { apiVersion: `${doc.spec.group}/${source.version}`, kind: doc.spec.names.kind, schema: closeObjects(schema) as object };
}

/** The options every CRD validator is compiled with, at synth or ahead of time. */
export const CRD_AJV_OPTIONS = { strict: false, allErrors: true, validateFormats: false } as const;

function compileFromCrd(source: CrdSource): Compiled {
  const { apiVersion, kind, schema } = crdSchema(source);
  return { apiVersion, kind, validate: ajv().compile(schema) };
}

// ajv and yaml are loaded on first use so that importing the library stays cheap.
function ajv(): import('ajv').default {
  if (!ajvInstance) {
    const AjvClass = require('ajv') as { default: typeof import('ajv').default };
    ajvInstance = new AjvClass.default(CRD_AJV_OPTIONS);
  }
  return ajvInstance;
}

function loadYaml(text: string): unknown {
  return (require('yaml') as typeof import('yaml')).parse(text);
}


/**
 * The API server prunes fields a structural schema does not list, silently: a misspelt field
 * would vanish at apply. Validation therefore treats unlisted fields as errors, except where the
 * schema keeps unknown fields (`x-kubernetes-preserve-unknown-fields`) or lists none.
 */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'x-kubernetes-validations' ? v : closeObjects(v);
  if (out.properties && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

function isTokenValue(object: KubernetesObject, error: ErrorObject): boolean {
  let value: unknown = object;
  for (const part of error.instancePath.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    value = value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[key];
  }
  return (typeof value === 'string' || typeof value === 'number') && Token.isUnresolved(value);
}

function fieldPath(error: ErrorObject): string {
  const parts = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') parts.push(String((error.params as { missingProperty: string }).missingProperty));
  if (error.keyword === 'additionalProperties') parts.push(String((error.params as { additionalProperty: string }).additionalProperty));
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : /^[A-Za-z_][\w-]*$/.test(p) ? (acc ? `${acc}.${p}` : p) : `${acc}[${JSON.stringify(p)}]`), '') || '(object)';
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a field of this schema';
    case 'enum':
      return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return error.message ?? error.keyword;
  }
}

function dedupe(problems: ObjectProblem[]): ObjectProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.path}\0${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
