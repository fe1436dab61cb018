import { parse } from 'yaml';
import type { TerraformStack } from 'cdktf';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider/index.js';
import { newStack, all } from '../support/synth.js';
import type { SynthResult } from '../support/synth.js';

/** A stack with AWS and Helm providers. */
export function helmStack(): TerraformStack {
  const { stack } = newStack();
  new HelmProvider(stack, 'helm', {});
  return stack;
}

/** The helm_release named `name`, or undefined. */
export function findRelease(json: SynthResult, name: string): Record<string, any> | undefined {
  const found = all(json, 'helm_release').filter((r) => r.name === name);
  if (found.length > 1) throw new Error(`several helm_release ${name}`);
  return found[0];
}

/** The helm_release named `name`. */
export function release(json: SynthResult, name: string): Record<string, any> {
  const r = findRelease(json, name);
  if (!r) throw new Error(`no helm_release ${name}; have ${all(json, 'helm_release').map((x) => x.name).join(', ')}`);
  return r;
}

/** A release's values, parsed (Terraform escapes undone, as Terraform would). */
export function valuesOf(json: SynthResult, name: string): Record<string, any> {
  const r = release(json, name);
  expect(r.values).toHaveLength(1);
  return parse((r.values[0] as string).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')) as Record<string, any>;
}

/** The objects of a generated-chart release. */
export function objectsOf(json: SynthResult, name: string): Array<Record<string, any>> {
  return valuesOf(json, name).objects as Array<Record<string, any>>;
}

/** The ConfigMap `name` in the generated-chart release `releaseName`. */
export function configMapOf(json: SynthResult, releaseName: string, name: string): Record<string, any> {
  const found = objectsOf(json, releaseName).filter((o) => o.kind === 'ConfigMap' && o.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ConfigMap ${name} in ${releaseName}, found ${found.length}`);
  return found[0]!;
}

export { errorOf } from '../support/errors.js';

/** The message of the validation error synth reports. */
export function synthError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected synth to fail');
}
