/**
 * Infracost's inputs, written at synth: per stack an Infracost usage file (the usage the cost engine
 * assumed, keyed by the addresses Infracost gives resources of cdk.tf.json) and infracost-map.json
 * (for `gpu-tco check`); in the outdir an infracost.yml listing every stack directory.
 *
 * Addresses: Infracost parses `.tf.json` as HCL JSON and names a root-module resource
 * `<type>.<label>` (infracost/infracost internal/hcl/block.go FullName, @95ba4f49); in cdk.tf.json
 * the label is the element's logical id (`friendlyUniqueId`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformResource, TerraformStack } from '../core/cdktf.js';
import type { IConstruct } from '../core/cdktf.js';
import type { CostProfile, FixedCostItem } from '../cost/cost-profile.js';
import { HOURS_PER_MONTH } from '../cost/cost-profile.js';
import { INFRACOST_MAP_FILE, INFRACOST_MAP_VERSION, INFRACOST_USAGE_FILE, mappedLines } from '../cost/infracost-map.js';
import type { CostLine } from '../cost/tco-engine.js';
import type { Commitment } from '../cost/commitments.js';
import type { CostCategory, InfracostMap, MappedConstruct } from '../cost/infracost-map.js';
import { compareText } from '../base/text-order.js';

/** Usage values of one resource, as Infracost's usage keys name them. */
export type ResourceUsage = Readonly<Record<string, number | string>>;

export interface StackInfracostFiles {
  /** Address -> usage, sorted by address. */
  readonly usage: ReadonlyArray<{ address: string; usage: ResourceUsage; comment: string }>;
  readonly map: InfracostMap;
}

/** Which Terraform resource type Infracost prices a fixed item from, and the usage it needs. */
const FIXED_ITEMS: Partial<Record<FixedCostItem, { type: string; usage?: (quantity: number) => ResourceUsage }>> = {
  'eks-control-plane': { type: 'aws_eks_cluster' },
  'nat-gateway': { type: 'aws_nat_gateway' },
  'nat-gateway-data-gb': { type: 'aws_nat_gateway', usage: (q) => ({ monthly_data_processed_gb: q }) },
  'sqs-requests-million': { type: 'aws_sqs_queue', usage: (q) => ({ monthly_requests: Math.round(q * 1e6) }) },
  'kms-key': { type: 'aws_kms_key' },
};

const addressOf = (r: TerraformResource) => `${r.terraformResourceType}.${r.friendlyUniqueId}`;

function resourcesUnder(construct: IConstruct): TerraformResource[] {
  return construct.node.findAll().filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c));
}

/**
 * The usage file entries and the map of one stack, from its cost-bearing constructs, its priced
 * lines before commitments and its commitments.
 */
export function stackInfracostFiles(
  stackName: string,
  profiles: ReadonlyArray<{ construct: IConstruct; profile: CostProfile }>,
  priced: { lines: readonly CostLine[]; commitments: readonly Commitment[] } = { lines: [], commitments: [] },
): StackInfracostFiles {
  const usage: Array<{ address: string; usage: ResourceUsage; comment: string }> = [];
  const constructs: MappedConstruct[] = [];
  for (const { construct, profile: p } of profiles) {
    const resources = resourcesUnder(construct);
    const ofType = (type: string) => resources.filter((r) => r.terraformResourceType === type);
    if (p.kind === 'eks-node-group') {
      const groups = ofType('aws_eks_node_group');
      const priced = [...groups, ...ofType('aws_launch_template')].map(addressOf).sort();
      for (const g of groups) {
        // `monthly_hrs` is in Infracost's node group usage schema but not applied where the group has a
        // launch template (internal/resources/aws/launch_template.go): written as the engine's figure.
        usage.push({ address: addressOf(g), usage: { instances: p.nodes.desired, monthly_hrs: p.hoursPerMonth, operating_system: 'linux' }, comment: `desired nodes of ${p.constructPath}` });
      }
      const prices: CostCategory[] = ['storage'];
      const libraryOnly: string[] = [];
      if (p.capacityType === 'SPOT') {
        libraryOnly.push('rework: spot interruption rework is the library\'s estimate', 'compute: Infracost prices a node group with a launch template at on-demand (it reads the template\'s market type, not capacity_type)');
      } else if (p.hoursPerMonth !== HOURS_PER_MONTH) {
        libraryOnly.push(`compute: the nodes run ${p.hoursPerMonth} h/month; Infracost prices ${HOURS_PER_MONTH} h per instance`);
      } else {
        prices.unshift('compute');
      }
      constructs.push({ constructPath: p.constructPath, kind: p.kind, addresses: groups.length ? priced : [], infracostPrices: groups.length ? prices : [], libraryOnly: groups.length ? libraryOnly : ['no aws_eks_node_group under the construct'] });
    } else if (p.kind === 'karpenter-node-pool') {
      constructs.push({ constructPath: p.constructPath, kind: p.kind, addresses: [], infracostPrices: [], libraryOnly: ['Karpenter launches these nodes at run time: Terraform declares no instance for Infracost to price'] });
    } else {
      const item = FIXED_ITEMS[p.item];
      const found = item ? ofType(item.type) : [];
      if (item?.usage) for (const r of found) usage.push({ address: addressOf(r), usage: item.usage(p.quantity), comment: p.description });
      constructs.push({
        constructPath: p.constructPath,
        kind: p.kind,
        addresses: found.map(addressOf).sort(),
        infracostPrices: found.length ? ['fixed'] : [],
        libraryOnly: found.length ? [] : [`${p.item}: ${item ? `no ${item.type} under the construct` : 'no Terraform resource Infracost prices'}`],
      });
    }
  }
  usage.sort((a, b) => compareText(a.address, b.address));
  return {
    usage,
    map: { schemaVersion: INFRACOST_MAP_VERSION, stack: stackName, usageFile: INFRACOST_USAGE_FILE, constructs, lines: mappedLines(priced.lines), commitments: priced.commitments },
  };
}

const yamlKey = (k: string) => (/^[A-Za-z0-9_.-]+$/.test(k) ? k : JSON.stringify(k));
const yamlValue = (v: number | string) => (typeof v === 'number' ? String(v) : /^[A-Za-z0-9_./-]+$/.test(v) && !/^[\d.]+$/.test(v) ? v : JSON.stringify(v));

/** The usage file (version "0.1", quoted as Infracost's own files write it as a string). */
export function renderUsageFile(files: StackInfracostFiles): string {
  const out = [
    '# Infracost usage file written by cdktf-gpu-cluster at synth: the usage its cost engine assumed.',
    '# Regenerated by every synth; change the constructs\' props, not this file.',
    'version: "0.1"',
  ];
  if (files.usage.length === 0) out.push('resource_usage: {}');
  else out.push('resource_usage:');
  for (const { address, usage, comment } of files.usage) {
    out.push(`  # ${comment.replace(/\n/g, ' ')}`, `  ${yamlKey(address)}:`);
    for (const [k, v] of Object.entries(usage)) out.push(`    ${yamlKey(k)}: ${yamlValue(v)}`);
  }
  return out.join('\n') + '\n';
}

/**
 * infracost.yml: one project per stack directory. Infracost resolves a project's paths against its
 * own working directory, not the config file's (internal/providers/detect.go stats `project.Path`
 * as given, @95ba4f49), so the paths are relative to the outdir and Infracost runs there.
 */
export function renderInfracostConfig(stacks: ReadonlyArray<{ name: string; dir: string; usageFile?: string }>): string {
  const out = [
    '# Written by cdktf-gpu-cluster at synth: one Infracost project per cdktf stack. Paths are relative',
    '# to this directory: run `infracost breakdown --config-file infracost.yml` in it.',
    'version: "0.1"',
  ];
  out.push(stacks.length ? 'projects:' : 'projects: []');
  for (const s of stacks) {
    out.push(`  - path: ${yamlValue(s.dir)}`, `    name: ${yamlValue(s.name)}`);
    if (s.usageFile) out.push(`    usage_file: ${yamlValue(s.usageFile)}`);
  }
  return out.join('\n') + '\n';
}

/**
 * Writes the stack's usage file and map into `stackDir`, and the app's infracost.yml into the
 * outdir: synth writes nothing outside the outdir.
 */
export function writeInfracostFiles(stack: TerraformStack, outdir: string, stackDir: string, files: StackInfracostFiles): void {
  mkdirSync(stackDir, { recursive: true });
  writeFileSync(join(stackDir, INFRACOST_USAGE_FILE), renderUsageFile(files));
  writeFileSync(join(stackDir, INFRACOST_MAP_FILE), JSON.stringify(files.map, null, 2) + '\n');
  const stacks = stack.node.root.node
    .findAll()
    .filter((s): s is TerraformStack => TerraformStack.isStack(s))
    .map((s) => {
      const dir = `stacks/${s.node.id}`;
      // Every stack whose gate exists writes a usage file (the gate is created with the first cost-bearing construct).
      const gated = s.node.tryFindChild('CostGate') !== undefined;
      return { name: s.node.id, dir, ...(gated ? { usageFile: `${dir}/${INFRACOST_USAGE_FILE}` } : {}) };
    })
    .sort((a, b) => compareText(a.name, b.name));
  writeFileSync(join(outdir, 'infracost.yml'), renderInfracostConfig(stacks));
}
