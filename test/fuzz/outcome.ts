/**
 * What every fuzzed construct must do: synthesize to clean Terraform JSON, or fail with a
 * GpuClusterError (thrown at construction, or as `[path] GpuClusterError CODE:` lines of cdktf's
 * aggregated validation error). Never another error type, never `undefined`, `NaN`, `Infinity`,
 * `[object Object]` or an unresolved token in the output (Helm values included, parsed), never a
 * Karpenter object or PrometheusRule its CRD rejects, never a ConfigMap with non-string data, and
 * never two Helm releases (or two generated-chart objects) a cluster would refuse side by side.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider/index.js';
import { crdErrors } from '../karpenter/support.js';

const outdir = mkdtempSync(join(tmpdir(), 'fuzz-'));
let stacks = 0;

/** A fresh stack (own app) with AWS and Helm providers. */
export function fuzzStack(region = 'us-east-1'): TerraformStack {
  const stack = new TerraformStack(new App({ outdir }), `fuzz${++stacks}`);
  new AwsProvider(stack, 'aws', { region });
  new HelmProvider(stack, 'helm', {});
  return stack;
}

const LEAK = /undefined|NaN|Infinity|\[object Object\]|TfToken\[|\$\{Token\[/;
const KARPENTER_KINDS = new Set(['NodePool', 'EC2NodeClass', 'NodeOverlay']);

/** `objects`: the Kubernetes objects of the generated-chart releases, parsed. */
export type Outcome = { kind: 'synth'; json: Record<string, any>; objects: Array<Record<string, any>> } | { kind: 'error'; error: Error };

/** Builds and synthesizes (validations included); a failure must be a GpuClusterError. */
export function outcomeOf(build: () => TerraformStack): Outcome {
  let text: string;
  try {
    text = Testing.synth(build(), true);
  } catch (e) {
    expectGpuClusterFailure(e);
    return { kind: 'error', error: e as Error };
  }
  const json = JSON.parse(text) as Record<string, any>;
  return { kind: 'synth', json, objects: expectCleanJson(json) };
}

/**
 * Enough runs synthesized for the fuzzer to test synthesis at all: a floor under a random draw,
 * not an estimate. The GpuNodePool fuzzer synthesizes about 17 % of its runs, so at 100 runs the
 * old floor (more than 10 %) failed for about 3 % of seeds (e.g. FUZZ_SEED=15838: exactly 10 of
 * 100): that was its flaky failure. 5 % (and at least 3) sits over three standard deviations below
 * every fuzzer's mean.
 */
export function expectSomeSynth(seen: readonly string[]): void {
  expect(seen.filter((k) => k === 'synth').length).toBeGreaterThanOrEqual(Math.max(3, Math.ceil(seen.length / 20)));
}

/** The first GpuClusterError line of a failure (for FUZZ_DEBUG logs). */
export function firstProblem(e: Error): string {
  const line = e.message.split('\n').find((l) => /GpuClusterError [A-Z_]+:/.test(l)) ?? e.message;
  return line.trim().slice(0, 200);
}

/** A GpuClusterError, or cdktf's aggregated validation error made only of GpuClusterError lines. */
export function expectGpuClusterFailure(e: unknown): void {
  const err = e as Error;
  if (err?.name === 'GpuClusterError') return;
  const lines = String(err?.message ?? '').split('\n').filter((l) => /^\s+\[[^\]]*\] /.test(l));
  if (!(err instanceof Error) || !/^Validation failed with the following errors:/.test(err.message) || lines.length === 0 || !lines.every((l) => /^\s+\[[^\]]*\] GpuClusterError [A-Z_]+: /.test(l))) {
    throw new Error(`expected a GpuClusterError, got ${err?.name}: ${err?.stack ?? String(e)}`);
  }
}

/** No leaked placeholders anywhere (strings included, Helm values parsed), no nulls, CRD-valid custom resources, no clashing releases or objects. */
export function expectCleanJson(json: Record<string, any>): Array<Record<string, any>> {
  const carried: Array<Record<string, any>> = [];
  const problems: string[] = [];
  scan(json, '', problems);
  const releases = new Map<string, string>();
  const objects = new Map<string, string>();
  for (const [name, r] of Object.entries<Record<string, any>>(json.resource?.helm_release ?? {})) {
    // Helm keeps one release of a name per namespace: a second would fail at apply.
    const release = `${r.namespace ?? 'default'}/${r.name}`;
    if (releases.has(release)) problems.push(`helm_release.${name} and helm_release.${releases.get(release)} are both release ${release}`);
    releases.set(release, name);
    for (const v of r.values ?? []) {
      const values = parse(String(v).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')) as { objects?: Array<Record<string, any>> } | null;
      scanParsed(values, `helm_release.${name}.values`, problems);
      if (typeof r.chart !== 'string' || !r.chart.startsWith('./')) continue; // a published chart: values are its own
      for (const o of values?.objects ?? []) {
        // Helm refuses to install an object another release owns.
        const id = `${o.apiVersion} ${o.kind} ${o.metadata?.namespace ?? r.namespace ?? 'default'}/${o.metadata?.name}`;
        if (objects.has(id)) problems.push(`${id} is in helm_release.${name} and helm_release.${objects.get(id)}`);
        objects.set(id, name);
        carried.push(o);
        problems.push(...objectProblems(o).map((e) => `helm_release.${name} ${o.kind}/${o.metadata?.name}: ${e}`));
      }
    }
  }
  if (problems.length) throw new Error(`synthesized output is broken:\n${problems.slice(0, 10).join('\n')}`);
  return carried;
}

/** What the API server (CRD schema, or core/v1 ConfigMap rules) would refuse in `o`. */
function objectProblems(o: Record<string, any>): string[] {
  if (KARPENTER_KINDS.has(o.kind)) return crdErrors(o);
  if (o.kind === 'PrometheusRule') return prometheusRuleErrors(o);
  if (o.kind === 'ConfigMap' && o.apiVersion === 'v1') {
    const bad = Object.entries(o.data ?? {}).filter(([k, v]) => typeof v !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(k));
    return bad.map(([k, v]) => `data[${JSON.stringify(k)}] is ${typeof v}${typeof v === 'string' ? ' under an invalid key' : ''}`);
  }
  return [];
}

// The test's own ajv over the copied prometheus-operator CRD, independent of the library's validator.
let prometheusRule: ValidateFunction | undefined;
function prometheusRuleErrors(o: Record<string, any>): string[] {
  if (!prometheusRule) {
    const crd = parse(readFileSync(join(__dirname, '../../src/observability/crds/monitoring.coreos.com_prometheusrules.yaml'), 'utf8'));
    prometheusRule = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(crd.spec.versions.find((v: any) => v.name === 'v1').schema.openAPIV3Schema);
  }
  return prometheusRule(o) ? [] : (prometheusRule.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Parsed YAML: NaN and infinities (`.nan`, `.inf`) are numbers there, not nulls. */
function scanParsed(value: unknown, path: string, problems: string[]): void {
  if (typeof value === 'number' && !Number.isFinite(value)) problems.push(`${path} is ${value}`);
  else if (Array.isArray(value)) value.forEach((v, i) => scanParsed(v, `${path}[${i}]`, problems));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) scanParsed(v, `${path}.${k}`, problems);
}

function scan(value: unknown, path: string, problems: string[]): void {
  if (value === null) problems.push(`${path} is null (NaN or Infinity serialize as null)`);
  else if (typeof value === 'string') {
    if (LEAK.test(value)) problems.push(`${path} holds ${JSON.stringify(value.match(LEAK)![0])}: ${value.slice(0, 120)}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => scan(v, `${path}[${i}]`, problems));
  else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (LEAK.test(k)) problems.push(`${path} has key ${k}`);
      scan(v, `${path}.${k}`, problems);
    }
  }
}
