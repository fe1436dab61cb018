/**
 * Every Kubernetes object a synthesized stack delivers through Helm releases, and the errors of
 * the custom resources among them against their copied CRDs — with an ajv of the test's own,
 * independent of the library's validators.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const CRDS: Record<string, [string, string]> = {
  NodePool: ['karpenter/crds/karpenter.sh_nodepools.yaml', 'v1'],
  EC2NodeClass: ['karpenter/crds/karpenter.k8s.aws_ec2nodeclasses.yaml', 'v1'],
  NodeOverlay: ['karpenter/crds/karpenter.sh_nodeoverlays.yaml', 'v1alpha1'],
  PrometheusRule: ['observability/crds/monitoring.coreos.com_prometheusrules.yaml', 'v1'],
};
const validators = new Map<string, { apiVersion: string; validate: ReturnType<typeof ajv.compile> }>();

/** The objects in the `objects` list of every helm_release's values (Terraform escapes undone). */
export function releaseObjects(json: { resource?: Record<string, Record<string, any>> }): Array<Record<string, any>> {
  const out: Array<Record<string, any>> = [];
  for (const r of Object.values<Record<string, any>>(json.resource?.helm_release ?? {})) {
    for (const v of r.values ?? []) {
      const values = parse(String(v).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')) as { objects?: Array<Record<string, any>> } | null;
      out.push(...(values?.objects ?? []));
    }
  }
  return out;
}

/** Kinds with a copied CRD. */
export const CUSTOM_KINDS = Object.keys(CRDS);

/** Schema errors of a custom resource (empty: valid). */
export function customResourceErrors(object: Record<string, any>): string[] {
  const [file, version] = CRDS[object.kind]!;
  let v = validators.get(object.kind);
  if (!v) {
    const crd = parse(readFileSync(join(__dirname, `../../src/${file}`), 'utf8'));
    const served = crd.spec.versions.find((x: any) => x.name === version);
    v = { apiVersion: `${crd.spec.group}/${version}`, validate: ajv.compile(served.schema.openAPIV3Schema) };
    validators.set(object.kind, v);
  }
  if (object.apiVersion !== v.apiVersion) return [`apiVersion ${object.apiVersion} is not ${v.apiVersion}`];
  return v.validate(object) ? [] : (v.validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
