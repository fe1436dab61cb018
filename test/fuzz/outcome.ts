/**
 * What every fuzzed construct must do: synthesize to clean Terraform JSON, or fail with a
 * GpuClusterError (thrown at construction, or as `[path] GpuClusterError CODE:` lines of cdktf's
 * aggregated validation error). Never another error type, never `undefined`, `NaN`, `Infinity`,
 * `[object Object]` or an unresolved token in the output, never a Karpenter object its CRD rejects.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

export type Outcome = { kind: 'synth'; json: Record<string, any> } | { kind: 'error'; error: Error };

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
  expectCleanJson(json);
  return { kind: 'synth', json };
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

/** No leaked placeholders anywhere (strings included, Helm values parsed), no nulls, CRD-valid Karpenter objects. */
export function expectCleanJson(json: Record<string, any>): void {
  const problems: string[] = [];
  scan(json, '', problems);
  for (const [name, r] of Object.entries<Record<string, any>>(json.resource?.helm_release ?? {})) {
    for (const v of r.values ?? []) {
      const values = parse(String(v).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')) as { objects?: Array<Record<string, any>> } | null;
      for (const o of values?.objects ?? []) {
        if (KARPENTER_KINDS.has(o.kind)) problems.push(...crdErrors(o).map((e) => `helm_release.${name} ${o.kind}/${o.metadata?.name}: ${e}`));
      }
    }
  }
  if (problems.length) throw new Error(`synthesized output is broken:\n${problems.slice(0, 10).join('\n')}`);
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
