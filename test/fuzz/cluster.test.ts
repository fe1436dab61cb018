import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { App, Testing } from 'cdktf';
import { ClusterVpc } from '../../src/cluster/cluster-vpc.js';
import type { ClusterVpcProps } from '../../src/cluster/cluster-vpc.js';
import { NatGateways } from '../../src/cluster/nat-gateways.js';
import { EksControlPlane } from '../../src/cluster/eks-control-plane.js';
import type { EksControlPlaneProps } from '../../src/cluster/eks-control-plane.js';
import { GpuCluster } from '../../src/cluster/gpu-cluster.js';
import type { GpuClusterProps } from '../../src/cluster/gpu-cluster-props.js';
import { BudgetScope } from '../../src/policy/cost-budget.js';
import { AmiType } from '../../src/compute/ami-type.js';
import { clusterName, corrupted, costTags, dnsName, fuzzParams, gpuNames, hostile, instanceTypes, migSpec, rarely, scaling, toMigLayout } from './arbitraries.js';
import { expectCleanJson, expectGpuClusterFailure, expectSomeSynth, firstProblem, fuzzStack, outcomeOf } from './outcome.js';

const outdir = mkdtempSync(join(tmpdir(), 'fuzz-cluster-'));
const tags = { team: 'platform', costCenter: 'cc-1', environment: 'prod' };
/** `valid` six times in seven, else `bad`: a run stays mostly valid, so enough of them synthesize. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, bad: fc.Arbitrary<U>): fc.Arbitrary<T | U> => fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: bad, weight: 1 });
const debug = (o: { kind: string; error?: Error }) => {
  if (process.env.FUZZ_DEBUG && o.kind === 'error') console.log(firstProblem(o.error!));
};

/** CIDRs: valid private and public ones, and the ones a parser must refuse. */
const cidr = fc.oneof(
  { arbitrary: fc.constantFrom('10.0.0.0/16', '10.20.0.0/20', '172.16.0.0/22', '192.168.0.0/24', '100.64.0.0/18'), weight: 4 },
  { arbitrary: fc.constantFrom('10.0.0.0/33', '10.0.0.0/15', '10.0.0.1/16', '10.0.0.0/25', '300.0.0.0/16', '10.0.0.0', '10.0.0.0/-1', '10.0.0.0/16 ', '::/0', '2001:db8::/56', '${aws_vpc.x.cidr}', '010.0.0.0/16', '10.0.0.0/1e1'), weight: 2 },
  { arbitrary: fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 40 })).map(([a, b, p]) => `10.${a}.${b}.0/${p}`), weight: 1 },
);
const zone = fc.constantFrom('us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-west-2a', 'us-east-1-bos-1a', 'use1-az1');
const zones = fc.oneof(fc.integer({ min: 0, max: 8 }), fc.array(zone, { minLength: 0, maxLength: 7 }), fc.uniqueArray(zone, { minLength: 2, maxLength: 3 }));

const vpcProps = fc.record(
  {
    clusterName,
    cidr,
    availabilityZones: zones,
    natGateways: fc.constantFrom(NatGateways.ONE_PER_AZ, NatGateways.SINGLE),
    natDataProcessedGbPerMonth: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.double({ min: 0, max: 1e12, noNaN: true })),
    costTags,
  },
  { requiredKeys: ['clusterName'] },
);

describe('fuzz: ClusterVpc', () => {
  test('random CIDRs, zone counts and lists (duplicates, foreign zones), NAT modes and data volumes synthesize clean or fail with a GpuClusterError', () => {
    const seen: string[] = [];
    fc.assert(
      fc.property(corrupted(vpcProps, ['clusterName', 'cidr', 'availabilityZones', 'natGateways', 'natDataProcessedGbPerMonth', 'costTags']), (props) => {
        const o = outcomeOf(() => {
          const stack = fuzzStack();
          new ClusterVpc(stack, 'vpc', { costTags: tags, ...props } as ClusterVpcProps);
          return stack;
        });
        debug(o);
        seen.push(o.kind);
      }),
      fuzzParams,
    );
    expectSomeSynth(seen);
  });
});

const subnetId = fc.stringMatching(/^subnet-[0-9a-f]{8}$/);
const arn = fc.oneof(dnsName.map((n) => `arn:aws:iam::123456789012:role/${n}`), fc.constantFrom('arn:aws:sts::123456789012:assumed-role/x/y', 'arn:aws:iam::123:role/x', '*'));
const publicCidr = fc.oneof(fc.constantFrom('203.0.113.0/24', '198.51.100.7/32', '0.0.0.0/0', '2001:db8::/32', '203.0.113.1/24', '10.0.0.0/33', ' 203.0.113.0/24'), cidr);
const logType = fc.constantFrom('api', 'audit', 'authenticator', 'controllerManager', 'scheduler', 'API', '');

const controlPlaneProps = fc.record(
  {
    clusterName,
    // Two or three distinct subnets mostly; sometimes one, a duplicate or a malformed ID.
    subnetIds: mostly(fc.uniqueArray(subnetId, { minLength: 2, maxLength: 3 }), fc.array(fc.constantFrom('subnet-0a1b2c3d', 'subnet-x', 'sg-1234'), { maxLength: 3 })),
    // true: one zone per subnet (distinct); else a random list (wrong length, duplicates, bad names).
    subnetAvailabilityZones: fc.oneof({ arbitrary: fc.constant(true as const), weight: 3 }, { arbitrary: fc.array(zone, { maxLength: 3 }), weight: 1 }),
    kubernetesVersion: mostly(fc.constantFrom('1.35', '1.34', '1.33'), fc.constantFrom('1.29', '1.28', '1.36', '1.3', 'latest', '')),
    publicAccessCidrs: fc.array(mostly(fc.constantFrom('203.0.113.0/24', '198.51.100.7/32', '0.0.0.0/0', '2001:db8::/32'), publicCidr), { maxLength: 2 }),
    adminPrincipalArns: fc.array(mostly(dnsName.map((n) => `arn:aws:iam::123456789012:role/${n}`), arn), { maxLength: 2 }),
    bootstrapCreatorAdmin: fc.boolean(),
    logTypes: mostly(fc.subarray(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']), fc.array(logType, { maxLength: 4 })),
    logRetentionDays: mostly(fc.constantFrom(1, 7, 90, 3653), fc.constantFrom(0, 2, 91, 1e9)),
    supportType: mostly(fc.constantFrom('STANDARD', 'EXTENDED'), fc.constant('standard')),
    systemNodes: fc.record({ instanceTypes: mostly(fc.constantFrom(['m7i.large'], ['m6i.large', 'm7i.large'], ['m7g.large']), fc.constantFrom(['m7i.large', 'm7g.large'], ['g6e.xlarge'], [])), scaling, volumeSizeGiB: mostly(fc.constantFrom(20, 50), fc.constantFrom(0, 1e6)) }, { requiredKeys: [] }),
    costTags,
  },
  { requiredKeys: ['clusterName', 'subnetIds', 'subnetAvailabilityZones'] },
);
const CP_KEYS = ['clusterName', 'subnetIds', 'subnetAvailabilityZones', 'kubernetesVersion', 'publicAccessCidrs', 'adminPrincipalArns', 'bootstrapCreatorAdmin', 'logTypes', 'logRetentionDays', 'supportType', 'systemNodes', 'costTags'];

describe('fuzz: EksControlPlane', () => {
  test('random versions, subnets and zones, endpoint CIDRs, principals, log settings and system nodes synthesize clean or fail with a GpuClusterError', () => {
    const seen: string[] = [];
    fc.assert(
      fc.property(corrupted(controlPlaneProps, CP_KEYS), (props) => {
        const o = outcomeOf(() => {
          const stack = fuzzStack();
          const p = props as Record<string, unknown>;
          const subnets = p.subnetIds as string[];
          const zonesOf = p.subnetAvailabilityZones === true && Array.isArray(subnets) ? { subnetAvailabilityZones: subnets.map((_, i) => `us-east-1${'abcdef'[i % 6]}`) } : {};
          new EksControlPlane(stack, 'eks', { costTags: tags, ...props, ...zonesOf } as EksControlPlaneProps);
          return stack;
        });
        debug(o);
        seen.push(o.kind);
      }),
      fuzzParams,
    );
    expect(seen.filter((k) => k === 'synth').length).toBeGreaterThanOrEqual(seen.length / 20);
  });
});

/** Synthesizes every stack of the cluster; a failure must be a GpuClusterError. */
function clusterOutcome(build: () => GpuCluster, synth = true): 'synth' | 'built' | 'error' {
  let texts: string[];
  try {
    const cluster = build();
    if (!synth) return 'built';
    texts = cluster.stacks.map((s) => Testing.synth(s, true));
  } catch (e) {
    expectGpuClusterFailure(e);
    if (process.env.FUZZ_DEBUG) console.log(firstProblem(e as Error));
    return 'error';
  }
  for (const t of texts) expectCleanJson(JSON.parse(t));
  return 'synth';
}

const userSubnets = fc.oneof(
  { arbitrary: fc.constant([{ subnetId: 'subnet-0a1b2c3d', availabilityZone: 'us-east-1a' }, { subnetId: 'subnet-0e4f5a6b', availabilityZone: 'us-east-1b' }]), weight: 3 },
  { arbitrary: fc.array(fc.record({ subnetId: fc.constantFrom('subnet-0a1b2c3d', 'subnet-0e4f5a6b', 'subnet-x'), availabilityZone: fc.constantFrom('us-east-1a', 'us-east-1b', 'us-east-1') }), { maxLength: 3 }), weight: 1 },
);
const clusterProps = fc.record(
  {
    region: mostly(fc.constantFrom('us-east-1', 'us-west-2', 'eu-central-1'), fc.constantFrom('mars-1', '')),
    clusterName,
    costTags,
    karpenter: fc.boolean(),
    amiType: fc.constantFrom(AmiType.AL2023_X86_64_NVIDIA, AmiType.BOTTLEROCKET_X86_64_NVIDIA),
    prometheusRelease: mostly(fc.constantFrom('kube-prometheus-stack', 'prom'), fc.constantFrom('Not A Label', '')),
    kubernetesVersion: mostly(fc.constantFrom('1.35', '1.34'), fc.constantFrom('1.33', '1.27')),
    supportType: fc.constantFrom('STANDARD', 'EXTENDED'),
    network: fc.oneof(fc.constant({}), userSubnets.map((subnets) => ({ subnets })), rarely(fc.record({ cidr: mostly(fc.constant('10.0.0.0/16'), cidr), availabilityZones: mostly(fc.integer({ min: 2, max: 3 }), fc.constantFrom(1, 7)), natGateways: fc.constantFrom(NatGateways.SINGLE, NatGateways.ONE_PER_AZ) }, { requiredKeys: [] }), 2).map((vpc) => ({ vpc })), fc.constant({ subnets: [], vpc: {} })),
    publicAccessCidrs: mostly(fc.constantFrom([], ['203.0.113.0/24']), fc.constantFrom(['10.0.0.0/33'], ['203.0.113.0/24', '203.0.113.0/24'])),
    budget: rarely(fc.record({ monthlyLimitUsd: mostly(fc.constant(1e7), fc.constantFrom(10, -1, NaN)), basis: fc.constantFrom('EXPECTED', 'WORST_CASE') }), 2),
  },
  { requiredKeys: ['region', 'costTags', 'network', 'budget'] },
);
/** Props a new cluster accepts (random within what is valid): the runs that reach synth. */
const validClusterProps = fc.record(
  {
    region: fc.constantFrom('us-east-1', 'us-west-2', 'eu-central-1'),
    clusterName,
    costTags: fc.record({ team: dnsName, costCenter: fc.stringMatching(/^cc-[0-9]{1,6}$/), environment: fc.constantFrom('prod', 'staging', 'dev') }),
    karpenter: fc.boolean(),
    amiType: fc.constantFrom(AmiType.AL2023_X86_64_NVIDIA, AmiType.BOTTLEROCKET_X86_64_NVIDIA),
    prometheusRelease: fc.constantFrom('kube-prometheus-stack', 'prom'),
    kubernetesVersion: fc.constantFrom('1.35', '1.34'),
    supportType: fc.constantFrom('STANDARD', 'EXTENDED'),
    network: fc.oneof(fc.constant({}), fc.constant({ subnets: [{ subnetId: 'subnet-0a1b2c3d', availabilityZone: 'us-east-1a' }, { subnetId: 'subnet-0e4f5a6b', availabilityZone: 'us-east-1b' }] }), fc.record({ natGateways: fc.constantFrom(NatGateways.SINGLE, NatGateways.ONE_PER_AZ), availabilityZones: fc.integer({ min: 2, max: 3 }) }).map((vpc) => ({ vpc }))),
    publicAccessCidrs: fc.constantFrom([], ['203.0.113.0/24']),
    budget: rarely(fc.record({ monthlyLimitUsd: fc.constant(1e7), basis: fc.constantFrom('EXPECTED', 'WORST_CASE') }), 1),
  },
  { requiredKeys: ['region', 'clusterName', 'costTags', 'network'] },
);
const CLUSTER_KEYS = ['region', 'clusterName', 'costTags', 'karpenter', 'amiType', 'prometheusRelease', 'kubernetesVersion', 'supportType', 'network', 'subnets', 'vpc', 'publicAccessCidrs', 'budget', 'systemNodes', 'gpuOperator', 'adminPrincipalArns'];
const existingProps = fc.record(
  { region: fc.constantFrom('us-east-1', 'eu-west-1'), clusterName, costTags, karpenter: fc.boolean(), subnetIds: rarely(fc.uniqueArray(fc.stringMatching(/^subnet-[0-9a-f]{8}$/), { minLength: 1, maxLength: 2 }), 1) },
  { requiredKeys: ['region', 'clusterName', 'costTags', 'subnetIds'] },
);

/** Calls on the cluster: capacity names drawn from a small set, so duplicates happen. */
const capacityName = fc.oneof({ arbitrary: fc.constantFrom('gpu', 'train', 'infer'), weight: 4 }, { arbitrary: hostile, weight: 1 });
const nodeGroupProps = corrupted(
  fc.record({ instanceTypes, scaling, migLayout: rarely(migSpec, 4) }, { requiredKeys: ['instanceTypes', 'scaling'] }),
  ['instanceTypes', 'scaling', 'subnetIds', 'amiType', 'capacityType', 'labels', 'costTags', 'migLayout'],
);
const spotPoolProps = corrupted(
  fc.record({ gpuNames, gpuLimit: fc.integer({ min: 1, max: 256 }), amiAlias: fc.constantFrom('al2023@v20260714', 'bottlerocket@v1.46.0'), migLayout: rarely(migSpec, 4) }, { requiredKeys: ['gpuNames', 'gpuLimit'] }),
  ['gpuNames', 'gpuLimit', 'amiAlias', 'disruption', 'capacityTypes', 'weight', 'migLayout', 'name'],
);
/** add* calls with props drawn from what is valid (names, types and layouts may still clash). */
const validCall = fc.oneof(
  fc.tuple(fc.constant('nodeGroup' as const), fc.constantFrom('gpu', 'infer'), fc.record({ instanceTypes, scaling, migLayout: rarely(migSpec, 4) }, { requiredKeys: ['instanceTypes', 'scaling'] })),
  fc.tuple(fc.constant('spotPool' as const), fc.constantFrom('train', 'batch'), fc.record({ gpuNames, gpuLimit: fc.integer({ min: 1, max: 256 }) })),
  fc.tuple(fc.constant('alertRules' as const), fc.constant(''), fc.constant({})),
  fc.tuple(fc.constant('budget' as const), fc.constantFrom('team', 'spend'), fc.record({ monthlyLimitUsd: fc.constant(1e7), basis: fc.constantFrom('EXPECTED', 'WORST_CASE') })),
);
const call = fc.oneof(
  fc.tuple(fc.constant('nodeGroup' as const), capacityName, nodeGroupProps),
  fc.tuple(fc.constant('spotPool' as const), capacityName, spotPoolProps),
  fc.tuple(fc.constant('alertRules' as const), fc.constant(''), fc.oneof(fc.constant({}), corrupted(fc.record({ mig: fc.boolean(), hostnameLabel: fc.constantFrom('Hostname', 'hostname') }), ['mig', 'hostnameLabel', 'namespace', 'runbookBaseUrl', 'thresholds']))),
  fc.tuple(fc.constant('budget' as const), fc.oneof(dnsName, hostile), corrupted(fc.record({ monthlyLimitUsd: fc.integer({ min: 0, max: 1e7 }), basis: fc.constantFrom('EXPECTED', 'WORST_CASE'), warnAtPercent: fc.integer({ min: 0, max: 100 }) }), ['monthlyLimitUsd', 'basis', 'warnAtPercent', 'scope'])),
);

function applyCalls(cluster: GpuCluster, calls: Array<[string, unknown, unknown]>): void {
  for (const [kind, id, p] of calls) {
    const props = p as Record<string, unknown>;
    if (kind === 'nodeGroup') cluster.addNodeGroup(id as string, { ...props, migLayout: toMigLayout(props.migLayout) } as never);
    else if (kind === 'spotPool') cluster.addSpotPool(id as string, { ...props, migLayout: toMigLayout(props.migLayout) } as never);
    else if (kind === 'alertRules') cluster.addAlertRules(props as never);
    else cluster.addBudget(id as string, { ...props, scope: props.scope === undefined ? BudgetScope.stack() : props.scope } as never);
  }
}

describe('fuzz: GpuCluster', () => {
  // A new cluster's two stacks are the slowest synth of the library. Half the runs draw valid props
  // and calls and synthesize what builds; the other half draw hostile ones, which mostly stop at a
  // construction-time GpuClusterError (one in three of those that build is synthesized).
  test('new clusters with random props and add* calls synthesize every stack clean or fail with a GpuClusterError', () => {
    const seen: string[] = [];
    const run = fc.oneof(
      fc.tuple(validClusterProps as fc.Arbitrary<unknown>, fc.array(validCall, { maxLength: 3 }) as fc.Arbitrary<unknown[]>, fc.constant(true)),
      fc.tuple(corrupted(clusterProps, CLUSTER_KEYS) as fc.Arbitrary<unknown>, fc.array(call, { maxLength: 3 }) as fc.Arbitrary<unknown[]>, fc.nat(2).map((n) => n === 0)),
    );
    fc.assert(
      fc.property(run, ([props, calls, synth]) => {
        seen.push(clusterOutcome(() => {
          const { network, ...rest } = props as Record<string, unknown>;
          const cluster = new GpuCluster(new App({ outdir }), 'gpu', { ...rest, ...(network as object) } as unknown as GpuClusterProps);
          applyCalls(cluster, calls as Array<[string, unknown, unknown]>);
          return cluster;
        }, synth));
      }),
      fuzzParams,
    );
    expectSomeSynth(seen);
    if (process.env.FUZZ_DEBUG) console.log(JSON.stringify(seen.reduce<Record<string, number>>((a, k) => ({ ...a, [k]: (a[k] ?? 0) + 1 }), {})));
  });

  test('existing clusters (own stack or the platform stack) with random add* calls synthesize clean or fail with a GpuClusterError', () => {
    const seen: string[] = [];
    fc.assert(
      fc.property(corrupted(existingProps, ['region', 'clusterName', 'costTags', 'karpenter', 'subnetIds']), fc.boolean(), fc.array(call, { maxLength: 3 }), fc.nat(2), (props, inStack, calls, synth) => {
        seen.push(clusterOutcome(() => {
          const app = new App({ outdir });
          const scope = inStack ? fuzzStack() : app;
          const cluster = GpuCluster.fromExisting(scope, 'gpu', props as never);
          applyCalls(cluster, calls as Array<[string, unknown, unknown]>);
          return cluster;
        }, synth === 0));
      }),
      fuzzParams,
    );
    expect(seen.filter((k) => k === 'synth').length).toBeGreaterThanOrEqual(5);
  });
});
