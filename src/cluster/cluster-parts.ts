import { DataAwsEksCluster, Ec2Tag, HelmProvider } from '../core/providers.js';
import { Token, TerraformStack } from '../core/cdktf.js';
import type { Construct, ITerraformDependable } from '../core/cdktf.js';
import type { PropChecker } from '../core/validate.js';
import { ClusterVpc } from './cluster-vpc.js';
import { EksControlPlane } from './eks-control-plane.js';
import { ensureAwsProvider, helmProviderFor } from './cluster-access.js';
import type { ClusterSubnet, ExistingGpuClusterProps, GpuClusterProps } from './gpu-cluster-props.js';

/** What a GpuCluster is built on: its stacks and where node groups go. */
export interface ClusterParts {
  readonly clusterName: string;
  readonly clusterStack?: TerraformStack;
  readonly addonsStack: TerraformStack;
  /** Where managed node groups go: the cluster stack, or the only stack of an existing cluster. */
  readonly nodeGroupStack: TerraformStack;
  /** The cluster name as node groups reference it (the cluster resource's attribute, so they wait for it). */
  readonly clusterRef: string;
  /** Default subnets of node groups. */
  readonly nodeSubnetIds?: string[];
  /** The Kubernetes version node groups follow (the cluster's version attribute), so upgrades roll them after the control plane. */
  readonly nodeGroupVersion: () => string;
  /** What node groups wait for (the add-ons nodes need to become Ready). */
  readonly nodeGroupDependencies: readonly ITerraformDependable[];
  readonly controlPlane?: EksControlPlane;
  readonly vpc?: ClusterVpc;
}

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const CLUSTER_NAME_ALLOWED = 'an EKS cluster name: 1-100 letters, digits, - and _, starting with a letter or digit';
const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;

/** A new cluster: the cluster stack (network, EKS) and the add-ons stack that reaches it. */
export function newClusterParts(owner: Construct, id: string, props: GpuClusterProps, check: PropChecker): ClusterParts {
  const clusterName = check.string('clusterName', props.clusterName ?? id, { pattern: CLUSTER_NAME, allowed: CLUSTER_NAME_ALLOWED, fix: 'set clusterName (or use a construct id that is a valid cluster name)' });
  const clusterStack = new TerraformStack(owner, `${id}-cluster`);
  const addonsStack = new TerraformStack(owner, `${id}-addons`);
  ensureAwsProvider(clusterStack, props.region);
  ensureAwsProvider(addonsStack, props.region);

  let subnetIds: string[];
  let subnetAvailabilityZones: string[] | undefined;
  let vpc: ClusterVpc | undefined;
  if (props.subnets !== undefined) {
    if (props.vpc !== undefined) {
      check.fail('CONFLICTING_NETWORK', 'vpc', props.vpc, 'configures a new VPC, but subnets of an existing one are given too', 'either subnets or vpc', 'drop vpc (your subnets are used) or drop subnets (a VPC is created)');
    }
    const subnets = userSubnets(check, props.subnets);
    subnetIds = subnets.map((s) => s.subnetId);
    subnetAvailabilityZones = subnets.map((s) => s.availabilityZone);
    // Karpenter finds the subnets for its nodes by this tag; the VPC construct sets it on its own.
    if (props.karpenter ?? true) {
      subnets.forEach((s, i) => new Ec2Tag(clusterStack, `subnet-discovery-tag-${i}`, { resourceId: s.subnetId, key: 'karpenter.sh/discovery', value: clusterName }));
    }
  } else {
    vpc = new ClusterVpc(clusterStack, 'vpc', { clusterName, ...(props.vpc ?? {}) });
    subnetIds = vpc.privateSubnetIds;
  }

  const controlPlane = new EksControlPlane(clusterStack, 'eks', {
    clusterName,
    subnetIds,
    ...(subnetAvailabilityZones ? { subnetAvailabilityZones } : {}),
    ...(props.kubernetesVersion !== undefined ? { kubernetesVersion: props.kubernetesVersion } : {}),
    ...(props.publicAccessCidrs !== undefined ? { publicAccessCidrs: props.publicAccessCidrs } : {}),
    ...(props.adminPrincipalArns !== undefined ? { adminPrincipalArns: props.adminPrincipalArns } : {}),
    ...(props.systemNodes !== undefined ? { systemNodes: props.systemNodes } : {}),
    ...(props.supportType !== undefined ? { supportType: props.supportType } : {}),
  });

  // Endpoint and CA cross the stacks as outputs; cdktf orders `deploy '*'` by them.
  helmProviderFor(addonsStack, { clusterName, region: props.region, endpoint: controlPlane.endpoint, certificateAuthorityData: controlPlane.certificateAuthorityData });
  addonsStack.addDependency(clusterStack);

  return {
    clusterName,
    clusterStack,
    addonsStack,
    nodeGroupStack: clusterStack,
    clusterRef: controlPlane.clusterName,
    nodeGroupVersion: () => controlPlane.cluster.version,
    nodeSubnetIds: subnetIds,
    nodeGroupDependencies: controlPlane.nodeDependencies,
    controlPlane,
    vpc,
  };
}

/** An existing cluster: one stack (the one `owner` is in, or a new one) reaching it by name. */
export function existingClusterParts(owner: Construct, id: string, props: ExistingGpuClusterProps, check: PropChecker): ClusterParts {
  const clusterName = check.string('clusterName', props.clusterName, { pattern: CLUSTER_NAME, allowed: CLUSTER_NAME_ALLOWED, fix: 'set clusterName to the name of the existing EKS cluster' });
  if (props.subnetIds !== undefined) {
    check.stringList('subnetIds', props.subnetIds, 'subnet IDs', { pattern: SUBNET_ID, allowed: 'a subnet ID such as subnet-0a1b2c3d' });
  }
  const stack = enclosingStack(owner) ?? new TerraformStack(owner, id);
  ensureAwsProvider(stack, props.region, check);
  if (!stack.node.findAll().some((c) => c instanceof HelmProvider)) {
    const cluster = new DataAwsEksCluster(stack, 'eks-cluster', { name: clusterName });
    helmProviderFor(stack, { clusterName, region: props.region, endpoint: cluster.endpoint, certificateAuthorityData: cluster.certificateAuthority.get(0).data });
  }
  return {
    clusterName,
    addonsStack: stack,
    nodeGroupStack: stack,
    clusterRef: clusterName,
    nodeGroupVersion: () => clusterVersion(stack, clusterName),
    ...(props.subnetIds !== undefined ? { nodeSubnetIds: [...props.subnetIds] } : {}),
    nodeGroupDependencies: [],
  };
}

/** The version of an existing cluster, from the stack's data source of it (made on first use). */
function clusterVersion(stack: TerraformStack, clusterName: string): string {
  const found = stack.node.children.find((c): c is DataAwsEksCluster => c instanceof DataAwsEksCluster && c.nameInput === clusterName);
  return (found ?? new DataAwsEksCluster(stack, `eks-cluster-${clusterName}`, { name: clusterName })).version;
}

function enclosingStack(scope: Construct): TerraformStack | undefined {
  return scope.node.scopes.find((s): s is TerraformStack => TerraformStack.isStack(s));
}

function userSubnets(check: PropChecker, given: unknown): ClusterSubnet[] {
  if (!Array.isArray(given) || given.length < 2) {
    check.fail('TOO_FEW_SUBNETS', 'subnets', given, 'must list at least two subnets (EKS needs two AZs for its control-plane ENIs)', 'two or more { subnetId, availabilityZone } in different AZs', 'add a private subnet in a second availability zone');
  }
  const subnets = given.map((s: unknown, i) => {
    if (s === null || typeof s !== 'object') check.fail('INVALID_SUBNET', `subnets[${i}]`, s, 'is not a subnet', '{ subnetId, availabilityZone }');
    const { subnetId, availabilityZone } = s as ClusterSubnet;
    check.string(`subnets[${i}].subnetId`, subnetId, { pattern: SUBNET_ID, allowed: 'a subnet ID such as subnet-0a1b2c3d' });
    check.string(`subnets[${i}].availabilityZone`, availabilityZone, { pattern: /^[a-z]{2}(-gov)?-[a-z]+-\d+[a-z]$/, allowed: 'an availability zone name such as us-west-2a' });
    return { subnetId, availabilityZone };
  });
  const ids = subnets.map((s) => s.subnetId).filter((x) => !Token.isUnresolved(x));
  const dup = ids.find((x, i) => ids.indexOf(x) !== i);
  if (dup) check.fail('DUPLICATE_SUBNET', 'subnets', dup, 'is listed twice', 'distinct subnets', 'list each subnet once');
  const zones = new Set(subnets.map((s) => s.availabilityZone));
  if (zones.size < 2) {
    check.fail('SINGLE_AZ', 'subnets', [...zones].join(', '), 'are all in one availability zone; EKS requires subnets in at least two', 'subnets in two or more AZs', 'add a subnet from another availability zone');
  }
  return subnets;
}
