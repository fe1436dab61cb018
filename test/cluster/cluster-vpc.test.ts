import '../../src/policy/cost-gate.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformOutput, TerraformVariable, Testing } from 'cdktf';
import type { App, TerraformStack } from 'cdktf';
import { ClusterVpc } from '../../src/cluster/cluster-vpc.js';
import type { ClusterVpcProps } from '../../src/cluster/cluster-vpc.js';
import { NatGateways } from '../../src/cluster/nat-gateways.js';
import { CostTags } from '../../src/core/cost-tags.js';
import { all, newStack, only, synthJson, warningsOf } from '../support/synth.js';
import type { SynthResult } from '../support/synth.js';
import { errorOf } from '../support/errors.js';

const tags = { team: 'ml-platform', costCenter: 'cc-42', environment: 'prod' };
const awsTags = { team: 'ml-platform', 'cost-center': 'cc-42', environment: 'prod' };
import { bundledFixedPrice } from '../support/prices.js';
const r2 = (n: number) => Math.round(n * 100) / 100;

function vpcStack(props: Partial<ClusterVpcProps> = {}, region = 'us-east-1') {
  const { app, stack } = newStack(region, 'ml');
  const vpc = new ClusterVpc(stack, 'network', { clusterName: 'ml-prod', costTags: tags, ...props });
  return { app, stack, vpc };
}

/** The resource of `type` whose logical id starts with `id` (construct path below the stack, joined by _). */
function byId(json: SynthResult, type: string, id: string): Record<string, any> {
  const found = Object.entries(json.resource[type] ?? {}).filter(([k]) => k.startsWith(`${id}_`));
  if (found.length !== 1) throw new Error(`expected one ${type} ${id}, found ${found.length}`);
  return found[0]![1];
}
const ref = (json: SynthResult, type: string, id: string, attr = 'id') => {
  const key = Object.keys(json.resource[type] ?? {}).find((k) => k.startsWith(`${id}_`));
  return `\${${type}.${key}.${attr}}`;
};

function synthReports(app: App, stack: TerraformStack) {
  app.synth();
  const dir = join(app.outdir, 'stacks', stack.node.id);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { report: JSON.parse(read('cost-report.json')), policy: JSON.parse(read('policy-report.json')), map: JSON.parse(read('infracost-map.json')), usage: read('infracost-usage.yml') };
}

describe('ClusterVpc: defaults (10.0.0.0/16, 3 zones, a NAT gateway per zone)', () => {
  const { stack, vpc } = vpcStack();
  const json = synthJson(stack);
  const zones = only({ resource: json.data! }, 'aws_availability_zones');
  const zone = (i: number) => `\${element(data.aws_availability_zones.${Object.keys(json.data!.aws_availability_zones!)[0]}.names, ${i})}`;

  test('the VPC has DNS support and hostnames on, the default security group is adopted with no rules', () => {
    expect(only(json, 'aws_vpc')).toMatchObject({ cidr_block: '10.0.0.0/16', enable_dns_support: true, enable_dns_hostnames: true, tags: { ...awsTags, Name: 'ml-prod-vpc' } });
    const sg = only(json, 'aws_default_security_group');
    expect(sg.vpc_id).toBe(ref(json, 'aws_vpc', 'network_vpc'));
    expect(sg).not.toHaveProperty('ingress');
    expect(sg).not.toHaveProperty('egress');
  });

  test('zones come from the region\'s available zones that need no opt-in, with a postcondition on their number', () => {
    expect(zones).toMatchObject({ state: 'available', filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }] });
    expect(zones.lifecycle.postcondition[0].condition).toBe('${length(self.names) >= 3}');
    expect(vpc.availabilityZoneCount).toBe(3);
  });

  test('private subnets are /19s from the start, public /22s from the last quarter, one of each per zone, no public IPs on launch', () => {
    const privateCidrs = ['10.0.0.0/19', '10.0.32.0/19', '10.0.64.0/19'];
    const publicCidrs = ['10.0.192.0/22', '10.0.196.0/22', '10.0.200.0/22'];
    expect(all(json, 'aws_subnet')).toHaveLength(6);
    for (let i = 0; i < 3; i++) {
      expect(byId(json, 'aws_subnet', `network_private-subnet-${i}`)).toMatchObject({ cidr_block: privateCidrs[i], availability_zone: zone(i), map_public_ip_on_launch: false, vpc_id: ref(json, 'aws_vpc', 'network_vpc') });
      expect(byId(json, 'aws_subnet', `network_public-subnet-${i}`)).toMatchObject({ cidr_block: publicCidrs[i], availability_zone: zone(i), map_public_ip_on_launch: false });
    }
    expect(vpc.privateSubnetCidrs).toEqual(privateCidrs);
    expect(vpc.publicSubnetCidrs).toEqual(publicCidrs);
  });

  test('subnets carry the discovery tags: cluster shared on both, Karpenter and internal-elb on private, elb on public', () => {
    expect(byId(json, 'aws_subnet', 'network_private-subnet-1').tags).toEqual({
      ...awsTags,
      Name: `ml-prod-private-${zone(1)}`,
      'kubernetes.io/cluster/ml-prod': 'shared',
      'kubernetes.io/role/internal-elb': '1',
      'karpenter.sh/discovery': 'ml-prod',
    });
    expect(byId(json, 'aws_subnet', 'network_public-subnet-1').tags).toEqual({
      ...awsTags,
      Name: `ml-prod-public-${zone(1)}`,
      'kubernetes.io/cluster/ml-prod': 'shared',
      'kubernetes.io/role/elb': '1',
    });
  });

  test('each zone\'s private subnet routes 0.0.0.0/0 to the NAT gateway in its own zone\'s public subnet', () => {
    expect(all(json, 'aws_nat_gateway')).toHaveLength(3);
    expect(all(json, 'aws_eip')).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      const nat = byId(json, 'aws_nat_gateway', `network_nat-gateways_gateway-${i}`);
      expect(nat.subnet_id).toBe(ref(json, 'aws_subnet', `network_public-subnet-${i}`));
      expect(nat.allocation_id).toBe(ref(json, 'aws_eip', `network_nat-gateways_public-ipv4_eip-${i}`, 'allocation_id'));
      expect(byId(json, 'aws_route', `network_private-default-route-${i}`)).toEqual({
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: ref(json, 'aws_nat_gateway', `network_nat-gateways_gateway-${i}`),
        route_table_id: ref(json, 'aws_route_table', `network_private-route-table-${i}`),
      });
      expect(byId(json, 'aws_route_table_association', `network_private-association-${i}`)).toEqual({
        subnet_id: ref(json, 'aws_subnet', `network_private-subnet-${i}`),
        route_table_id: ref(json, 'aws_route_table', `network_private-route-table-${i}`),
      });
    }
    expect(vpc.natGatewayCount).toBe(3);
  });

  test('public subnets share one route table whose default route is the internet gateway', () => {
    const table = ref(json, 'aws_route_table', 'network_public-route-table');
    expect(byId(json, 'aws_route', 'network_public-default-route')).toEqual({ destination_cidr_block: '0.0.0.0/0', gateway_id: ref(json, 'aws_internet_gateway', 'network_internet-gateway'), route_table_id: table });
    for (let i = 0; i < 3; i++) expect(byId(json, 'aws_route_table_association', `network_public-association-${i}`)).toEqual({ subnet_id: ref(json, 'aws_subnet', `network_public-subnet-${i}`), route_table_id: table });
    expect(all(json, 'aws_route_table')).toHaveLength(4);
    expect(all(json, 'aws_route')).toHaveLength(4);
  });

  test('Elastic IPs are VPC addresses and, like the gateways, wait for the internet gateway', () => {
    const igw = `aws_internet_gateway.${Object.keys(json.resource.aws_internet_gateway!)[0]}`;
    for (const r of [...all(json, 'aws_eip'), ...all(json, 'aws_nat_gateway')]) expect(r.depends_on).toEqual([igw]);
    for (const eip of all(json, 'aws_eip')) expect(eip.domain).toBe('vpc');
  });

  test('every taggable resource carries the cost tags and a Name', () => {
    for (const type of ['aws_vpc', 'aws_subnet', 'aws_internet_gateway', 'aws_nat_gateway', 'aws_eip', 'aws_route_table', 'aws_default_security_group']) {
      for (const r of all(json, type)) expect(r.tags).toMatchObject({ ...awsTags, Name: expect.stringMatching(/^ml-prod-/) });
    }
  });

  test('the ids the cluster needs resolve to the subnets and the VPC, in zone order', () => {
    const { stack: other, vpc: ids } = vpcStack();
    new TerraformOutput(other, 'vpc', { value: ids.vpcId });
    new TerraformOutput(other, 'private', { value: ids.privateSubnetIds });
    new TerraformOutput(other, 'public', { value: ids.publicSubnetIds });
    const out = synthJson(other) as SynthResult & { output: Record<string, { value: unknown }> };
    expect(out.output.vpc!.value).toBe(ref(json, 'aws_vpc', 'network_vpc'));
    expect(out.output.private!.value).toEqual([0, 1, 2].map((i) => ref(json, 'aws_subnet', `network_private-subnet-${i}`)));
    expect(out.output.public!.value).toEqual([0, 1, 2].map((i) => ref(json, 'aws_subnet', `network_public-subnet-${i}`)));
  });
});

describe('ClusterVpc: NatGateways.SINGLE', () => {
  const { stack, vpc } = vpcStack({ natGateways: NatGateways.SINGLE, availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });
  const json = synthJson(stack);

  test('one gateway and one Elastic IP, in the first zone\'s public subnet; every private subnet routes to it', () => {
    expect(vpc.natGatewayCount).toBe(1);
    expect(only(json, 'aws_eip')).toBeDefined();
    const nat = only(json, 'aws_nat_gateway');
    expect(nat.subnet_id).toBe(ref(json, 'aws_subnet', 'network_public-subnet-0'));
    expect(nat.tags.Name).toBe('ml-prod-us-east-1a');
    const natId = ref(json, 'aws_nat_gateway', 'network_nat-gateways_gateway-0');
    for (let i = 0; i < 3; i++) expect(byId(json, 'aws_route', `network_private-default-route-${i}`).nat_gateway_id).toBe(natId);
  });

  test('literal zones: no data source, the names written as given', () => {
    expect(json.data).toBeUndefined();
    expect([0, 1, 2].map((i) => byId(json, 'aws_subnet', `network_private-subnet-${i}`).availability_zone)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(byId(json, 'aws_subnet', 'network_private-subnet-2').tags.Name).toBe('ml-prod-private-us-east-1c');
  });
});

describe('ClusterVpc: other shapes', () => {
  test('a /20 with 2 zones: /23 private and /26 public subnets', () => {
    const { stack } = vpcStack({ cidr: '10.1.0.0/20', availabilityZones: 2 });
    const json = synthJson(stack);
    expect(all(json, 'aws_subnet').map((s) => s.cidr_block).sort()).toEqual(['10.1.0.0/23', '10.1.12.0/26', '10.1.12.64/26', '10.1.2.0/23']);
    expect(all(json, 'aws_nat_gateway')).toHaveLength(2);
  });

  test('6 zones', () => {
    const { stack, vpc } = vpcStack({ availabilityZones: 6 });
    const json = synthJson(stack);
    expect(all(json, 'aws_subnet')).toHaveLength(12);
    expect(byId(json, 'aws_subnet', 'network_private-subnet-5').cidr_block).toBe('10.0.160.0/19');
    expect(byId(json, 'aws_subnet', 'network_public-subnet-5').cidr_block).toBe('10.0.212.0/22');
    expect(vpc.natGatewayCount).toBe(6);
  });

  test('a CIDR and cluster name given as tokens: subnets by cidrsubnet, Terraform checks the prefix, tag keys interpolate the name', () => {
    const { stack } = newStack('us-east-1', 'ml');
    const cidr = new TerraformVariable(stack, 'cidr', { type: 'string' });
    const name = new TerraformVariable(stack, 'name', { type: 'string' });
    new ClusterVpc(stack, 'network', { clusterName: name.stringValue, cidr: cidr.stringValue, availabilityZones: 2, costTags: tags });
    const json = synthJson(stack);
    const vpc = only(json, 'aws_vpc');
    expect(vpc.cidr_block).toBe('${var.cidr}');
    expect(vpc.lifecycle.precondition[0].condition).toBe('${contains([16, 17, 18, 19, 20, 21, 22], tonumber(element(split("/", var.cidr), 1)))}');
    expect(byId(json, 'aws_subnet', 'network_private-subnet-1').cidr_block).toBe('${cidrsubnet(var.cidr, 3, 1)}');
    expect(byId(json, 'aws_subnet', 'network_public-subnet-1').cidr_block).toBe('${cidrsubnet(var.cidr, 6, 49)}');
    expect(byId(json, 'aws_subnet', 'network_private-subnet-0').tags).toMatchObject({ 'kubernetes.io/cluster/${var.name}': 'shared', 'karpenter.sh/discovery': '${var.name}' });
  });

  test('without costTags the tags of CostTags.of(scope) apply, also when added after the construct; own tags win', () => {
    const { stack } = newStack('us-east-1', 'ml');
    new ClusterVpc(stack, 'network', { clusterName: 'ml-prod' });
    new ClusterVpc(stack, 'other', { clusterName: 'ml-dev', cidr: '10.1.0.0/16', costTags: { ...tags, team: 'research' } });
    CostTags.of(stack).addAll(tags);
    const json = synthJson(stack);
    expect(byId(json, 'aws_vpc', 'network_vpc').tags).toEqual({ ...awsTags, Name: 'ml-prod-vpc' });
    expect(byId(json, 'aws_vpc', 'other_vpc').tags).toEqual({ ...awsTags, team: 'research', Name: 'ml-dev-vpc' });
  });

  test('a public range is allowed with a warning', () => {
    const { vpc } = vpcStack({ cidr: '52.0.0.0/16' });
    expect(warningsOf(vpc).join('\n')).toMatch(/cidr 52\.0\.0\.0\/16 is not inside a private range/);
    expect(warningsOf(vpcStack().vpc)).toEqual([]);
  });
});

describe('ClusterVpc: cost report, Infracost files and policy report', () => {
  test.each([
    ['us-east-1', NatGateways.ONE_PER_AZ, 3],
    ['us-east-1', NatGateways.SINGLE, 1],
    ['eu-west-1', NatGateways.ONE_PER_AZ, 3],
  ])('%s, %s: NAT gateway and public IPv4 lines at 730 h each, nothing for data by default', (region, natGateways, gateways) => {
    const price = (item: string) => bundledFixedPrice(item, region);
    const { app, stack } = vpcStack({ natGateways }, region);
    const { report, map, usage } = synthReports(app, stack);
    const nat = report.lines.find((l: any) => l.constructPath === 'ml/network/nat-gateways');
    const ipv4 = report.lines.find((l: any) => l.constructPath === 'ml/network/nat-gateways/public-ipv4');
    expect(report.lines).toHaveLength(2);
    // By hand: gateways x 730 h x the region's USD per gateway-hour (0.045 in us-east-1, 0.048 in
    // eu-west-1), and the same count of addresses at 0.005.
    expect(nat.monthlyUsd).toEqual({ expected: r2(gateways * 730 * price('nat-gateway')), worstCase: r2(gateways * 730 * price('nat-gateway')) });
    expect(ipv4.monthlyUsd.expected).toBe(r2(gateways * 730 * price('public-ipv4')));
    expect([nat.monthlyUsd.expected, ipv4.monthlyUsd.expected]).toEqual(region === 'eu-west-1' ? [105.12, 10.95] : gateways === 3 ? [98.55, 10.95] : [32.85, 3.65]);
    expect(nat.item).toMatch(/data processing \(per GB\) is not included: set natDataProcessedGbPerMonth to price it/);
    expect(nat.tags).toEqual(awsTags);
    expect(report.totals.expected.monthly).toBe(r2(nat.monthlyUsd.expected + ipv4.monthlyUsd.expected));
    // Every region's own rate, from its source: nothing assumed, nothing borrowed.
    expect(nat.assumptions).toEqual([]);
    expect(ipv4.assumptions).toEqual([]);
    expect(nat.prices[0].source.startsWith('lamngockhuong/aws-price lib/data/pricing/natgateway.json @ ce57d15e54b2')).toBe(true);
    // Infracost prices the gateways' hours from the aws_nat_gateway resources under the hourly line's construct.
    const mapped = map.constructs.find((c: any) => c.constructPath === 'ml/network/nat-gateways');
    expect(mapped.addresses).toEqual(Object.keys(synthJson(stack).resource.aws_nat_gateway!).map((k) => `aws_nat_gateway.${k}`).sort());
    expect(mapped.infracostPrices).toEqual(['fixed']);
    expect(usage).toContain('resource_usage: {}');
  });

  test('data processing is its own line: GB x the per-GB price, claiming no gateway so gpu-tco check counts each gateway once', () => {
    const { app, stack } = vpcStack({ natDataProcessedGbPerMonth: 2500, natGateways: NatGateways.SINGLE });
    const { report, map } = synthReports(app, stack);
    const data = report.lines.find((l: any) => l.constructPath === 'ml/network/nat-gateways/data-processed');
    expect(data.monthlyUsd.expected).toBe(r2(2500 * bundledFixedPrice('nat-gateway-data-gb')));
    expect(data.monthlyUsd.expected).toBe(112.5);
    expect(data.item).toBe('NAT gateway data processing: 2,500 GB/month (natDataProcessedGbPerMonth)');
    expect(report.lines.find((l: any) => l.constructPath === 'ml/network/nat-gateways').item).toMatch(/data processing is priced on ml\/network\/nat-gateways\/data-processed/);
    expect(report.totals.expected.monthly).toBe(r2(32.85 + 3.65 + 112.5));
    const claimed = map.constructs.flatMap((c: any) => c.addresses);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(map.constructs.find((c: any) => c.constructPath === 'ml/network/nat-gateways/data-processed')).toMatchObject({ addresses: [], infracostPrices: [] });
  });

  test('a stack with only a ClusterVpc and its AwsProvider has no policy findings', () => {
    const { app, stack } = vpcStack();
    const { policy, report } = synthReports(app, stack);
    expect(policy).toEqual({ findings: [] });
    expect(report.findings).toEqual([]);
  });

  test('without cost tags anywhere, synth fails on missing-cost-tags for each NAT line', () => {
    const { app, stack } = newStack('us-east-1', 'ml');
    new ClusterVpc(stack, 'network', { clusterName: 'ml-prod' });
    expect(() => app.synth()).toThrow(/\[ml\/network\/nat-gateways\][^\n]*lacks the required cost tags team, cost-center, environment/);
  });

  test('zones outside the stack\'s region fail synth, naming them', () => {
    const { app } = vpcStack({ availabilityZones: ['eu-west-1a', 'us-east-1b'] });
    expect(() => app.synth()).toThrow(/\[ml\/network\] GpuClusterError ZONE_OUTSIDE_REGION: availabilityZones: eu-west-1a is not a zone of the stack's region us-east-1/);
  });
});

describe('ClusterVpc: bad input', () => {
  const fails = (props: Record<string, unknown>) => errorOf(() => vpcStack(props as Partial<ClusterVpcProps>));

  test.each([
    ['10.0.0.0/33', /prefix length \/33/],
    ['10.0.0/16', /is not an IPv4 CIDR/],
    ['300.0.0.0/16', /octet 300/],
    ['010.0.0.0/16', /is not an IPv4 CIDR/],
    ['10.0.0.0/8', /prefix \/8: AWS allows VPCs from \/16 to \/28/],
    ['10.0.0.0/25', /prefix \/25: past \/24 the private subnets hold too few addresses for pods/],
    ['127.0.0.0/16', /reserved range 127\.0\.0\.0\/8/],
    ['169.254.0.0/16', /reserved range 169\.254\.0\.0\/16/],
    ['224.0.0.0/16', /reserved range 224\.0\.0\.0\/3/],
  ])('cidr %j', (cidr, problem) => {
    const e = fails({ cidr });
    expect(e).toMatchObject({ code: 'INVALID_CIDR', prop: 'cidr', value: cidr, constructPath: 'ml/network' });
    expect(e.message).toMatch(problem);
    expect(e.message).toMatch(/Allowed: an IPv4 network address with a prefix from \/16 to \/24/);
  });

  test('an empty cidr is rejected', () => {
    expect(fails({ cidr: '' })).toMatchObject({ code: 'INVALID_STRING', prop: 'cidr', value: '' });
  });

  test('a host address names the network address to use', () => {
    const e = fails({ cidr: '10.0.0.1/16' });
    expect(e.message).toMatch(/host bits set.*Fix: use the network address 10\.0\.0\.0\/16/);
  });

  test('a /24 has room for 4 public /28 subnets, not 5', () => {
    expect(() => vpcStack({ cidr: '10.9.0.0/24', availabilityZones: 4 })).not.toThrow();
    const e = fails({ cidr: '10.9.0.0/24', availabilityZones: 5 });
    expect(e.code).toBe('CIDR_TOO_SMALL');
    expect(e.message).toMatch(/room for 4 public \/28 subnets .* 5 zones need one each/);
  });

  test.each([[1, 'OUT_OF_RANGE'], [7, 'OUT_OF_RANGE'], [0, 'OUT_OF_RANGE'], [2.5, 'INVALID_NUMBER'], [NaN, 'INVALID_NUMBER'], [Infinity, 'INVALID_NUMBER']])('availabilityZones %p', (availabilityZones, code) => {
    const e = fails({ availabilityZones });
    expect(e).toMatchObject({ code, prop: 'availabilityZones' });
    expect(e.message).toMatch(/an integer from 2 to 6/);
  });

  test.each([
    [['us-east-1a'], 'INVALID_ZONES', /lists 1 zone.*add a second zone/],
    [[], 'INVALID_ZONES', /lists 0 zones/],
    [['us-east-1a', 'us-east-1a'], 'DUPLICATE_VALUE', /lists "us-east-1a" more than once/],
    [['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f', 'us-east-1g'], 'INVALID_ZONES', /lists 7 zones/],
    [['us-east-1a', 'use1-az1'], 'INVALID_STRING', /availabilityZones\[1\]/],
    [['us-west-2a', 'us-west-2-lax-1a'], 'INVALID_STRING', /Local and Wavelength Zones/],
    [['us-east-1a', ''], 'INVALID_STRING', /availabilityZones\[1\]/],
    ['3', 'INVALID_ZONES', /a zone count or a literal list/],
    [null, 'INVALID_ZONES', /a zone count or a literal list/],
  ])('availabilityZones %j', (availabilityZones, code, message) => {
    const e = fails({ availabilityZones });
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  test.each([-1, NaN, Infinity, '100'])('natDataProcessedGbPerMonth %p', (natDataProcessedGbPerMonth) => {
    expect(fails({ natDataProcessedGbPerMonth })).toMatchObject({ code: 'OUT_OF_RANGE', prop: 'natDataProcessedGbPerMonth' });
  });

  test('natGateways outside the enum', () => {
    const e = fails({ natGateways: 'TWO' });
    expect(e).toMatchObject({ code: 'INVALID_CHOICE', prop: 'natGateways', value: 'TWO' });
    expect(e.message).toMatch(/Allowed: ONE_PER_AZ, SINGLE/);
  });

  test.each(['', '-ml', 'ml prod', 'a'.repeat(101), '${var.name}', undefined])('clusterName %j', (clusterName) => {
    expect(fails({ clusterName })).toMatchObject({ code: 'INVALID_STRING', prop: 'clusterName' });
  });

  test('cost tags are checked like every construct\'s', () => {
    expect(fails({ costTags: { team: 'ml', costCenter: ' ', environment: 'prod' } })).toMatchObject({ code: 'BLANK_COST_TAG' });
  });

  test('missing props', () => {
    const { stack } = newStack('us-east-1', 'ml');
    expect(errorOf(() => new ClusterVpc(stack, 'network', undefined as unknown as ClusterVpcProps))).toMatchObject({ code: 'MISSING_PROPS' });
  });

  test('synth is byte-identical twice', () => {
    const a = Testing.synth(vpcStack({ natDataProcessedGbPerMonth: 10 }).stack);
    const b = Testing.synth(vpcStack({ natDataProcessedGbPerMonth: 10 }).stack);
    expect(a).toBe(b);
  });
});
