/**
 * The informational baseline of `npm run bench`: a bare cdktf app declaring, with the real
 * provider classes (deep imports) and no library code, every provider, data source, resource and
 * output that the example synthesized, stack by stack — read from $BARE_FROM (the example's
 * outdir and its manifest.json). Attributes are passed as the camelCase config the provider
 * classes take, so cdktf does the same work on both sides. Cross-stack inputs (local
 * `terraform_remote_state`) are rebuilt with cdktf's own class. A block kind it cannot rebuild makes
 * it fail, and the bench leaves the baseline out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, DataTerraformRemoteStateLocal, TerraformOutput, TerraformStack } from 'cdktf';

const from = process.env.BARE_FROM!;
const manifest = JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
type Blocks = Record<string, Record<string, Record<string, unknown>>>;

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
  const provider = type.slice(0, type.indexOf('_'));
  const rest = type.slice(provider.length + 1);
  const module = data ? `data-${type.replace(/_/g, '-')}` : rest.replace(/_/g, '-');
  const name = data ? `Data${pascal(type)}` : pascal(rest);
  let Class: unknown;
  try {
    Class = (require(`@cdktf/provider-${provider}/lib/${module}/index.js`) as Record<string, unknown>)[name];
  } catch {
    Class = undefined;
  }
  if (typeof Class !== 'function') throw new Error(`no provider class for ${data ? 'data source' : 'resource'} ${type}`);
  return Class as new (scope: TerraformStack, id: string, config: unknown) => unknown;
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
for (const [stackName, { synthesizedStackPath }] of Object.entries(manifest.stacks)) {
  const json = JSON.parse(readFileSync(join(from, synthesizedStackPath), 'utf8')) as Blocks;
  const stack = new TerraformStack(app, `bare-${stackName}`);
  for (const [type, configs] of Object.entries(json.provider ?? {})) {
    const Provider = (require(`@cdktf/provider-${type}/lib/provider/index.js`) as Record<string, never>)[`${pascal(type)}Provider`] as new (s: TerraformStack, id: string, c: unknown) => unknown;
    (configs as unknown as unknown[]).forEach((c, i) => new Provider(stack, `${type}-${i}`, toConfig(c)));
  }
  for (const [kind, data] of [['data', true], ['resource', false]] as const) {
    for (const [type, byName] of Object.entries(json[kind] ?? {})) {
      if (type === 'terraform_remote_state') {
        for (const [name, config] of Object.entries(byName as Record<string, { backend: string; config: { path: string } }>)) {
          if (config.backend !== 'local') throw new Error(`no rebuild for a ${config.backend} remote state`);
          new DataTerraformRemoteStateLocal(stack, name, { path: config.config.path });
        }
        continue;
      }
      const Class = classOf(type, data);
      for (const [name, config] of Object.entries(byName)) new Class(stack, `${type}-${name}`, toConfig(config));
    }
  }
  for (const [name, output] of Object.entries(json.output ?? {})) new TerraformOutput(stack, name, { value: output.value, sensitive: output.sensitive as boolean | undefined });
}
app.synth();
