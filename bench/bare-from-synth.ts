/**
 * The baseline of `npm run bench`: a bare cdktf app declaring, with the real provider classes
 * (deep imports) and no library code, every resource, data source and provider that the example
 * synthesized — read from $BARE_FROM (the example's cdk.tf.json). Attributes are passed as the
 * camelCase config the provider classes take, so cdktf does the same work on both sides.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { App, TerraformStack } from 'cdktf';

const requireCjs = createRequire(import.meta.url);
const json = JSON.parse(readFileSync(process.env.BARE_FROM!, 'utf8')) as Record<string, Record<string, Record<string, unknown>>>;

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const pascal = (s: string) => camel(s).replace(/^./, (c) => c.toUpperCase());
const META = new Set(['depends_on', 'lifecycle', 'provider', '//']);

/** Snake-case keys to camelCase, recursively; single nested blocks come as one-element lists in some providers: keep shape. */
function toConfig(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toConfig);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !META.has(k)).map(([k, v]) => [camel(k), k === 'tags' || k === 'tags_all' ? v : toConfig(v)]));
  }
  return value;
}

/** `aws_eks_node_group` -> the EksNodeGroup class of @cdktf/provider-aws/lib/eks-node-group. */
function classOf(type: string, data: boolean): new (scope: TerraformStack, id: string, config: unknown) => unknown {
  const [pkg, rest] = type.startsWith('helm_') ? ['provider-helm', type.slice(5)] : ['provider-aws', type.slice(4)];
  const module = data ? `data-${type.replace(/_/g, '-')}` : rest.replace(/_/g, '-');
  const name = data ? `Data${pascal(type)}` : pascal(rest);
  return (requireCjs(`@cdktf/${pkg}/lib/${module}/index.js`) as Record<string, never>)[name];
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
const stack = new TerraformStack(app, 'bare');
for (const [type, configs] of Object.entries(json.provider ?? {})) {
  const Provider = (requireCjs(`@cdktf/provider-${type}/lib/provider/index.js`) as Record<string, never>)[`${pascal(type)}Provider`] as new (s: TerraformStack, id: string, c: unknown) => unknown;
  (configs as unknown as unknown[]).forEach((c, i) => new Provider(stack, `${type}-${i}`, toConfig(c)));
}
for (const [kind, data] of [['data', true], ['resource', false]] as const) {
  for (const [type, byName] of Object.entries(json[kind] ?? {})) {
    const Class = classOf(type, data);
    for (const [name, config] of Object.entries(byName)) new Class(stack, `${type}-${name}`, toConfig(config));
  }
}
app.synth();
