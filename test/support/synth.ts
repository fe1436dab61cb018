import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import type { IConstruct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';

/** A fresh app (temp outdir) and a stack with an AWS provider in `region`. */
export function newStack(region = 'us-east-1', id = 'test'): { app: App; stack: TerraformStack } {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'gpu-cluster-test-')) });
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, 'aws', { region });
  return { app, stack };
}

/** Synthesizes `stack` (aspects and validations included) and returns the parsed cdk.tf.json. */
export function synthJson(stack: TerraformStack): SynthResult {
  return JSON.parse(Testing.synth(stack, true)) as SynthResult;
}

export interface SynthResult {
  resource: Record<string, Record<string, Record<string, any>>>;
  data?: Record<string, Record<string, Record<string, any>>>;
  provider?: Record<string, any[]>;
}

/** The only resource of `type`, failing when there are none or several. */
export function only(json: SynthResult, type: string): Record<string, any> {
  const all = Object.values(json.resource[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0]!;
}

/** Every resource of `type`. */
export function all(json: SynthResult, type: string): Record<string, any>[] {
  return Object.values(json.resource[type] ?? {});
}

/** The warning annotations on `construct` itself. */
export function warningsOf(construct: IConstruct): string[] {
  return construct.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
}

/** Declares a kube-prometheus-stack the cluster already runs (CRDs; the given namespaces), as a cluster with one would have. */
export function withExistingMonitoring(stack: IConstruct, namespaces: readonly string[] = ['monitoring']): void {
  // Imported here, not at the top: the helpers above must not load the library's index.
  const { Monitoring } = require('../../src/observability/monitoring.js') as typeof import('../../src/observability/monitoring.js');
  for (const namespace of namespaces) Monitoring.existing({ release: 'kube-prometheus-stack', namespace }).declareIn(stack);
}
