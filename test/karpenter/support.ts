import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import type { TerraformStack } from 'cdktf';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider/index.js';
import { Karpenter } from '../../src/karpenter/karpenter.js';
import type { KarpenterProps } from '../../src/karpenter/karpenter.js';
import { newStack, all } from '../support/synth.js';
import type { SynthResult } from '../support/synth.js';
export { errorOf } from '../support/errors.js';

export const tags = { team: 'search', costCenter: 'cc-1234', environment: 'prod' };

/** A stack with a Karpenter controller for cluster ml-prod. */
export function karpenterStack(props: Partial<KarpenterProps> = {}): { stack: TerraformStack; karpenter: Karpenter } {
  const { stack } = newStack();
  new HelmProvider(stack, 'helm', {});
  const karpenter = new Karpenter(stack, 'karpenter', { clusterName: 'ml-prod', costTags: tags, ...props });
  return { stack, karpenter };
}

/** The helm_release named `name`. */
export function release(json: SynthResult, name: string): Record<string, any> {
  const found = all(json, 'helm_release').filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one helm_release ${name}, found ${found.length}`);
  return found[0]!;
}

/** The objects in the karpenter-objects release values (Terraform escapes undone, as Terraform would). */
export function bundleObjects(json: SynthResult): Array<Record<string, any>> {
  const values = release(json, 'karpenter-objects').values[0] as string;
  return (parse(values.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')) as { objects: Array<Record<string, any>> }).objects;
}

export function objectOf(json: SynthResult, kind: string, name?: string): Record<string, any> {
  const found = bundleObjects(json).filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0]!;
}

// An ajv of the test's own over the copied CRDs, independent of the library's validator.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
const CRDS: Record<string, [string, string]> = {
  NodePool: ['karpenter.sh_nodepools.yaml', 'v1'],
  EC2NodeClass: ['karpenter.k8s.aws_ec2nodeclasses.yaml', 'v1'],
  NodeOverlay: ['karpenter.sh_nodeoverlays.yaml', 'v1alpha1'],
};

/** ajv errors of `object` against its CRD's openAPIV3Schema (empty: valid). */
export function crdErrors(object: Record<string, any>): string[] {
  const [file, version] = CRDS[object.kind]!;
  let validate = validators.get(object.kind);
  if (!validate) {
    const crd = parse(readFileSync(join(__dirname, `../../src/karpenter/crds/${file}`), 'utf8'));
    const v = crd.spec.versions.find((x: any) => x.name === version);
    expect(`${crd.spec.group}/${version}`).toBe(object.apiVersion);
    validate = ajv.compile(v.schema.openAPIV3Schema);
    validators.set(object.kind, validate);
  }
  return validate(object) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

