import type { IConstruct, TerraformStack } from '../core/cdktf.js';
import type { HelmValuesSource } from '../core/helm-values-record.js';
import { ManifestBundle } from '../core/manifest-bundle.js';
import { resolvedTerraform } from '../core/resolved-terraform.js';
import { WrittenHelmValues } from './written-helm-values.js';

/** One resource or data source as it is written to cdk.tf.json (snake_case, tokens resolved). */
export interface TerraformBlock {
  readonly kind: 'resource' | 'data';
  readonly type: string;
  /** The logical name in cdk.tf.json. */
  readonly name: string;
  /** The construct path (from the block's `//` metadata). */
  readonly path: string;
  readonly attrs: Readonly<Record<string, any>>;
}

/** A Kubernetes object found in a helm_release's values or a kubernetes_manifest. */
export interface KubernetesObjectFound {
  readonly object: Readonly<Record<string, any>>;
  /** The construct that added it (a ManifestBundle's owner), else the resource's path. */
  readonly path: string;
  /** Path of the helm_release or kubernetes_manifest carrying it. */
  readonly carrier: string;
}

/**
 * The synthesized Terraform of one stack, for security rules: they check what is written, so they
 * cover every construct, including ones added after the rule and raw provider resources.
 */
export class TerraformView {
  private readonly blocks: TerraformBlock[] = [];
  private helm?: Array<{ block: TerraformBlock; values: unknown[] }>;
  private objects?: KubernetesObjectFound[];
  private readonly helmSources: readonly HelmValuesSource[];

  private readonly json: Record<string, unknown>;
  private text?: string;

  constructor(private readonly stack: IConstruct) {
    // Within a synthesis, cdktf writes this same resolution to cdk.tf.json (resolved-terraform.ts).
    const resolved = resolvedTerraform(stack as TerraformStack);
    const tf = resolved.json as Record<string, Record<string, Record<string, Record<string, any>>>>;
    this.helmSources = resolved.helmValues;
    this.json = tf;
    for (const kind of ['resource', 'data'] as const) {
      for (const [type, byName] of Object.entries(tf[kind] ?? {})) {
        for (const [name, attrs] of Object.entries(byName)) {
          const path = String(attrs['//']?.metadata?.path ?? `${stack.node.path}/${name}`);
          this.blocks.push({ kind, type, name, path, attrs });
        }
      }
    }
  }

  /** The stack's Terraform as JSON text: equal texts, equal findings (built on first use). */
  get fingerprint(): string {
    return (this.text ??= JSON.stringify(this.json));
  }

  /** The stack's `terraform.backend` block (e.g. `{ local: { path } }`), if any. */
  backend(): Record<string, Record<string, unknown>> | undefined {
    return (this.json.terraform as { backend?: Record<string, Record<string, unknown>> } | undefined)?.backend;
  }

  /** Resources of `type`, in cdk.tf.json order. */
  resources(type: string): TerraformBlock[] {
    return this.blocks.filter((b) => b.kind === 'resource' && b.type === type);
  }

  /** Data sources of `type`. */
  data(type: string): TerraformBlock[] {
    return this.blocks.filter((b) => b.kind === 'data' && b.type === type);
  }

  /** Every helm_release with its inline values parsed (Terraform's `$${` / `%%{` escapes undone). */
  helmValues(): Array<{ block: TerraformBlock; values: unknown[] }> {
    if (this.helm) return this.helm;
    const written = new WrittenHelmValues(this.stack, this.helmSources);
    return (this.helm = this.resources('helm_release').map((block) => ({
      block,
      values: asList(block.attrs.values).flatMap((v) => (typeof v === 'string' ? written.read(v) : [])),
    })));
  }

  /** Kubernetes objects delivered through Helm values (e.g. ManifestBundle) or kubernetes_manifest. */
  kubernetesObjects(): KubernetesObjectFound[] {
    if (this.objects) return this.objects;
    const bundles = new Map<string, ManifestBundle>();
    for (const c of this.stack.node.findAll()) if (c instanceof ManifestBundle) bundles.set(c.release.node.path, c);
    const found: KubernetesObjectFound[] = [];
    for (const { block, values } of this.helmValues()) {
      const bundle = bundles.get(block.path);
      const byRef = bundle ? ownersByRef(bundle, values) : undefined;
      for (const v of values) {
        walk(v, (o) => {
          if (!isKubernetesObject(o)) return false;
          found.push({ object: o, path: byRef?.get(objectKey(o)) ?? block.path, carrier: block.path });
          return true;
        });
      }
    }
    for (const block of this.resources('kubernetes_manifest')) {
      if (isKubernetesObject(block.attrs.manifest)) found.push({ object: block.attrs.manifest, path: block.path, carrier: block.path });
    }
    return (this.objects = found);
  }
}

/** Owner path by object, for a ManifestBundle's release: its written `objects` are the bundle's, in order. */
function ownersByRef(bundle: ManifestBundle, values: readonly unknown[]): Map<string, string> {
  const byRef = new Map<string, string>();
  const owners = bundle.ownerPaths;
  const written = (values[0] as { objects?: unknown } | undefined)?.objects;
  if (values.length === 1 && Array.isArray(written) && written.length === owners.length) {
    written.forEach((o, i) => {
      if (isKubernetesObject(o)) byRef.set(objectKey(o), owners[i]!);
    });
  } else {
    for (const { object, ownerPath } of bundle.ownedObjects) byRef.set(objectKey(object), ownerPath);
  }
  return byRef;
}

/** Terraform writes a single nested block as an object or a one-element list; both read as a list. */
export function asList(value: unknown): any[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first (single) nested block, or undefined. */
export function single(value: unknown): Record<string, any> | undefined {
  const [first] = asList(value);
  return first !== null && typeof first === 'object' ? (first as Record<string, any>) : undefined;
}

/** `Kind/name` or `Kind/namespace/name`. */
export function objectRef(o: Readonly<Record<string, any>>): string {
  return `${o.kind}/${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
}

function objectKey(o: Readonly<Record<string, any>>): string {
  return `${o.apiVersion} ${objectRef(o)}`;
}

function isKubernetesObject(o: unknown): o is Record<string, any> {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return false;
  const r = o as Record<string, unknown>;
  return typeof r.apiVersion === 'string' && typeof r.kind === 'string' && r.metadata !== null && typeof r.metadata === 'object';
}

/** Depth-first over objects; `visit` returns true to stop descending into that object. */
function walk(value: unknown, visit: (o: Record<string, any>) => boolean): void {
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value !== null && typeof value === 'object') {
    if (visit(value as Record<string, any>)) return;
    Object.values(value).forEach((v) => walk(v, visit));
  }
}
