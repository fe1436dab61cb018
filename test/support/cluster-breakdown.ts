/**
 * An Infracost breakdown (schema 0.2) of a synthesized GpuCluster out dir, built by hand the way
 * Infracost prices its resources (@95ba4f49; see test/fixtures/infracost/SOURCES.md): node groups
 * with a launch template at on-demand, instances x 730 h plus gp3 per instance; the EKS cluster,
 * NAT gateways and KMS keys per hour or month; SQS per million requests of the usage file.
 * Instance prices are read from the bundled catalog of the stack's region (Infracost prices the
 * same AWS list); the fixed rates are us-west-2's list prices, the region the example runs in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

type Json = Record<string, any>;
/** us-west-2 list prices (USD): EKS cluster-hour, NAT gateway-hour, KMS key-month, gp3 GB-month, SQS per million. */
export const US_WEST_2 = { eks: 0.1, nat: 0.045, kms: 1, gp3: 0.08, sqs: 0.4 } as const;

const dec = (n: number) => String(Math.round(n * 1e10) / 1e10);
const component = (name: string, unit: string, monthlyQty: number, price: number) => ({
  name, unit, hourlyQuantity: dec(monthlyQty / 730), monthlyQuantity: dec(monthlyQty), price: dec(price), hourlyCost: dec((monthlyQty * price) / 730), monthlyCost: dec(monthlyQty * price), priceNotFound: false,
});
function withTotals(r: Json): Json {
  const sum = (x: Json): number => (x.costComponents ?? []).reduce((s: number, c: Json) => s + Number(c.monthlyCost), 0) + (x.subresources ?? []).reduce((s: number, y: Json) => s + sum(y), 0);
  for (const s of r.subresources ?? []) withTotals(s);
  const m = sum(r);
  return { ...r, hourlyCost: dec(m / 730), monthlyCost: dec(m) };
}

export interface BreakdownOptions {
  /** Multiplies the instance hours of a node group (by Terraform address). */
  readonly scaleInstances?: Readonly<Record<string, number>>;
  /** The breakdown's currency and how many of it one USD buys. @default USD at 1 */
  readonly currency?: { readonly code: string; readonly perUsd: number };
}

/** The on-demand price of `type` in `region`, from the bundled catalog. */
export function catalogOnDemand(region: string, type: string): number {
  const data = JSON.parse(readFileSync(join(__dirname, `../../src/catalog/data/prices/${region}.json`), 'utf8'));
  const usd = data.onDemand[type];
  if (typeof usd !== 'number') throw new Error(`no ${type} in ${region}`);
  return usd;
}

function project(outdir: string, stack: string, region: string, o: BreakdownOptions): Json {
  const dir = join(outdir, 'stacks', stack);
  const tf = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')) as Json;
  const usage = ((parse(readFileSync(join(dir, 'infracost-usage.yml'), 'utf8')) as Json).resource_usage ?? {}) as Json;
  const fx = o.currency?.perUsd ?? 1;
  const resources: Json[] = [];
  const free: Json[] = [];
  const simple = (address: string, type: string, body: Json, components: Json[]) =>
    resources.push(withTotals({ name: address, resourceType: type, tags: body.tags ?? {}, providerSupportsDefaultTags: true, metadata: {}, costComponents: components }));
  for (const [type, byName] of Object.entries(tf.resource as Json)) {
    for (const [name, body] of Object.entries(byName as Json)) {
      const address = `${type}.${name}`;
      if (type === 'aws_eks_node_group') {
        const n = (usage[address]?.instances ?? body.scaling_config.desired_size) * (o.scaleInstances?.[address] ?? 1);
        const lt = /\$\{aws_launch_template\.([^.]+)\.id\}/.exec(body.launch_template.id)![1]!;
        const ebs = tf.resource.aws_launch_template[lt].block_device_mappings[0].ebs;
        const instanceType = body.instance_types[0] as string;
        resources.push(withTotals({
          name: address, resourceType: type, tags: body.tags ?? {}, providerSupportsDefaultTags: true, metadata: {}, costComponents: [],
          subresources: [{
            name: `aws_launch_template.${lt}`, metadata: {},
            costComponents: [component(`Instance usage (Linux/UNIX, on-demand, ${instanceType})`, 'hours', 730 * n, catalogOnDemand(region, instanceType) * fx)],
            subresources: [{ name: 'block_device_mapping[0]', metadata: {}, costComponents: [component('Storage (general purpose SSD, gp3)', 'GB', ebs.volume_size * n, US_WEST_2.gp3 * fx)] }],
          }],
        }));
      } else if (type === 'aws_eks_cluster') simple(address, type, body, [component('EKS cluster', 'hours', 730, US_WEST_2.eks * fx)]);
      else if (type === 'aws_nat_gateway') simple(address, type, body, [component('NAT gateway', 'hours', 730, US_WEST_2.nat * fx)]);
      else if (type === 'aws_kms_key') simple(address, type, body, [component('Customer master key', 'months', 1, US_WEST_2.kms * fx)]);
      else if (type === 'aws_sqs_queue') simple(address, type, body, [component('Requests', '1M requests', (usage[address]?.monthly_requests ?? 0) / 1e6, US_WEST_2.sqs * fx)]);
      else if (type !== 'aws_launch_template') free.push({ name: address, resourceType: type, tags: {}, metadata: {} });
    }
  }
  const total = resources.reduce((s, r) => s + Number(r.monthlyCost), 0);
  const breakdown = { resources, freeResources: free, totalHourlyCost: dec(total / 730), totalMonthlyCost: dec(total), totalMonthlyUsageCost: '0' };
  const empty = { resources: [], totalHourlyCost: '0', totalMonthlyCost: '0', totalMonthlyUsageCost: '0' };
  return {
    name: stack, displayName: stack, metadata: { path: `cdktf.out/stacks/${stack}`, type: 'terraform_dir', providers: [{ name: 'aws' }] },
    pastBreakdown: empty, breakdown, diff: breakdown,
    summary: { totalDetectedResources: resources.length + free.length, totalSupportedResources: resources.length, totalUnsupportedResources: 0, totalUsageBasedResources: 0, totalNoPriceResources: free.length, unsupportedResourceCounts: {}, noPriceResourceCounts: {} },
  };
}

/** The breakdown of `stacks` in `outdir` (every stack in `region`). */
export function clusterBreakdown(outdir: string, stacks: readonly string[], region: string, o: BreakdownOptions = {}): Json {
  const projects = stacks.map((s) => project(outdir, s, region, o));
  const total = projects.reduce((s, p) => s + Number(p.breakdown.totalMonthlyCost), 0);
  return {
    version: '0.2',
    metadata: { infracostCommand: 'breakdown', vcsBranch: 'main', vcsCommitSha: '0000000000000000000000000000000000000000', vcsCommitAuthorName: 'fixture', vcsCommitAuthorEmail: 'fixture@example.com', vcsCommitTimestamp: '2026-08-20T12:00:00Z', vcsCommitMessage: 'fixture', configFilePath: 'infracost.yml', configFileHasUsageFile: true },
    currency: o.currency?.code ?? 'USD',
    projects,
    totalHourlyCost: dec(total / 730), totalMonthlyCost: dec(total), totalMonthlyUsageCost: '0',
    pastTotalHourlyCost: '0', pastTotalMonthlyCost: '0', pastTotalMonthlyUsageCost: '0',
    diffTotalHourlyCost: dec(total / 730), diffTotalMonthlyCost: dec(total), diffTotalMonthlyUsageCost: '0',
    timeGenerated: '2026-08-20T12:00:00Z',
    summary: { totalDetectedResources: 0, totalSupportedResources: 0, totalUnsupportedResources: 0, totalUsageBasedResources: 0, totalNoPriceResources: 0, unsupportedResourceCounts: {}, noPriceResourceCounts: {} },
  };
}
