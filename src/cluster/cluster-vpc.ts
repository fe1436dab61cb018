import {
  DataAwsAvailabilityZones,
  DefaultSecurityGroup,
  Eip,
  InternetGateway,
  NatGateway,
  Route,
  RouteTable,
  RouteTableAssociation,
  Subnet,
  Vpc,
} from '../core/providers.js';
import { addSynthCheck } from '../core/synth-checks.js';
import { formatEnUs } from '../base/number-format.js';
import { Annotations, Construct, Fn, Lazy, Token } from '../core/cdktf.js';
import { PropChecker } from '../core/validate.js';
import { GpuClusterError } from '../base/errors.js';
import { CostTags, costTagsToAwsTags } from '../core/cost-tags.js';
import type { CostTagSet } from '../core/cost-tags.js';
import { declareCostProfile } from '../core/cost-registry.js';
import { pricingRegion } from '../core/region.js';
import { HOURS_PER_MONTH } from '../cost/cost-profile.js';
import type { FixedCostProfile } from '../cost/cost-profile.js';
import { NatGateways } from './nat-gateways.js';
import { overlapping, parseIpv4Cidr, PRIVATE_RANGES, RESERVED_RANGES, within } from '../base/ipv4-cidr.js';
import type { Ipv4Cidr } from '../base/ipv4-cidr.js';
import { literalLayout, MAX_ZONES, PRIVATE_NEWBITS, PUBLIC_NEWBITS, publicNetnum, publicSubnetShape, TOKEN_VPC_PREFIX, VPC_PREFIX } from './vpc-layout.js';

/** Props of a ClusterVpc. */
export interface ClusterVpcProps {
  /**
   * Cluster the VPC serves: subnet discovery tags (`kubernetes.io/cluster/<name>: shared` on every
   * subnet, `karpenter.sh/discovery: <name>` and `kubernetes.io/role/internal-elb: 1` on private
   * subnets, `kubernetes.io/role/elb: 1` on public ones) and Name tags.
   */
  readonly clusterName: string;
  /**
   * IPv4 CIDR of the VPC, /16 to /24, a network address. Private subnets get an eighth each,
   * public ones a /p+6 (at most /28) from the last quarter: see vpc-layout.ts. A CIDR known only
   * at apply time (a token) must be /16 to /22, which Terraform checks before creating the VPC.
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;
  /**
   * How many availability zones (2 to 6), taken in order from the region's zones that are
   * available and need no opt-in (data `aws_availability_zones`); or a literal list of 2 to 6
   * distinct zone names of the stack's region.
   * @default 3
   */
  readonly availabilityZones?: number | string[];
  /**
   * NAT gateways: one per zone, or a single one (cheaper; one zone's outage cuts all egress).
   * @default NatGateways.ONE_PER_AZ
   */
  readonly natGateways?: NatGateways;
  /**
   * Expected GB per month processed by all NAT gateways together (image pulls from public
   * registries, datasets, model weights), priced as `nat-gateway-data-gb`. Traffic to S3 and ECR
   * through VPC endpoints does not count.
   * @default 0 - the report says data processing is not included and how to include it
   */
  readonly natDataProcessedGbPerMonth?: number;
  /**
   * Cost-allocation tags for every resource of the VPC.
   * @default - the tags of `CostTags.of(scope)`; team, costCenter and environment must come from one or the other
   */
  readonly costTags?: CostTagSet;
}

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
/** Standard zone names (us-east-1a, ap-southeast-2c, us-gov-west-1b); Local and Wavelength Zones have no NAT gateways. */
const ZONE_NAME = /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/;
const DEFAULT_CIDR = '10.0.0.0/16';
const ANYWHERE = '0.0.0.0/0';

/**
 * The network of a new GPU cluster: a VPC (DNS support and hostnames on) with a public and a
 * private subnet per availability zone, an internet gateway, NAT gateways (one per zone or a
 * single one) with their Elastic IPs, a route table per private subnet whose default route goes to
 * its NAT gateway, one public route table to the internet gateway, and the default security group
 * stripped of its rules. Public subnets do not give instances public IPs. Subnets carry the tags
 * EKS, the AWS Load Balancer Controller and Karpenter discover them by; every resource carries the
 * cost tags. The NAT gateways, their public IPv4 addresses and (when given) their data processing
 * appear in the cost report.
 *
 * @example
 * const vpc = new ClusterVpc(stack, 'network', {
 *   clusterName: 'ml-prod',
 *   natGateways: NatGateways.SINGLE,
 *   natDataProcessedGbPerMonth: 2_000,
 *   costTags: { team: 'ml-platform', costCenter: 'cc-42', environment: 'dev' },
 * });
 * // vpc.privateSubnetIds: nodes and the control plane's network interfaces
 */
export class ClusterVpc extends Construct {
  readonly vpcId: string;
  /** One per zone, in zone order: for nodes and the control plane's network interfaces. */
  readonly privateSubnetIds: string[];
  /** One per zone, in zone order: for NAT gateways and public load balancers. */
  readonly publicSubnetIds: string[];
  readonly natGatewayCount: number;
  readonly availabilityZoneCount: number;
  /** Zone names in order: literal when given, else references to the data source. */
  readonly availabilityZones: string[];
  /** The VPC CIDR (literal or a token). */
  readonly cidr: string;
  /** Subnet CIDRs in zone order: literal for a literal VPC CIDR, else Terraform expressions. */
  readonly privateSubnetCidrs: string[];
  readonly publicSubnetCidrs: string[];
  readonly natGatewayMode: NatGateways;
  readonly vpc: Vpc;
  readonly privateSubnets: Subnet[];
  readonly publicSubnets: Subnet[];
  readonly natGateways: NatGateway[];
  readonly internetGateway: InternetGateway;

  private readonly ownTags: Record<string, string>;

  constructor(scope: Construct, id: string, props: ClusterVpcProps) {
    super(scope, id);
    const check = new PropChecker(this.node.path);
    if (props === null || typeof props !== 'object') {
      check.fail('MISSING_PROPS', 'props', props, 'are required', 'a ClusterVpcProps object', 'pass at least clusterName');
    }
    const clusterName = check.string('clusterName', props.clusterName, {
      pattern: CLUSTER_NAME,
      allowed: 'an EKS cluster name: 1-100 letters, digits, - and _, starting with a letter or digit',
    });
    const zones = resolveZones(check, props.availabilityZones);
    this.availabilityZoneCount = zones.count;
    this.cidr = check.string('cidr', props.cidr ?? DEFAULT_CIDR, { allowed: `an IPv4 CIDR such as ${DEFAULT_CIDR}` });
    const literalCidr = Token.isUnresolved(this.cidr) ? undefined : resolveCidr(check, this.cidr, zones.count);
    this.natGatewayMode = props.natGateways === undefined
      ? NatGateways.ONE_PER_AZ
      : check.oneOf('natGateways', props.natGateways, [NatGateways.ONE_PER_AZ, NatGateways.SINGLE], 'use NatGateways.ONE_PER_AZ or NatGateways.SINGLE');
    const dataGb = check.number('natDataProcessedGbPerMonth', props.natDataProcessedGbPerMonth ?? 0, { min: 0, max: 1e12 });
    this.ownTags = props.costTags === undefined ? {} : costTagsToAwsTags(props.costTags, check);
    if (literalCidr) this.warnOnPublicRange(literalCidr);

    // Cost tags resolve at synth, so CostTags.of(scope) added after this construct still counts.
    const tagged = (name: string, extra: Record<string, string> = {}) =>
      Lazy.anyValue({ produce: () => ({ ...this.costTags, Name: name, ...extra }) }) as unknown as Record<string, string>;

    if (zones.names) {
      this.availabilityZones = zones.names;
      addSynthCheck(this, () => this.zonesOutsideRegion(zones.names!));
    } else {
      const data = new DataAwsAvailabilityZones(this, 'zones', {
        state: 'available',
        filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
        lifecycle: {
          postcondition: [{
            condition: `\${length(self.names) >= ${zones.count}}`,
            errorMessage: `${this.node.path} needs ${zones.count} availability zones that are available and need no opt-in; the region has fewer. Lower availabilityZones or pass zone names.`,
          }],
        },
      });
      // element() wraps past the end, but the postcondition guarantees enough zones.
      this.availabilityZones = Array.from({ length: zones.count }, (_, i) => Token.asString(Fn.element(data.names, i)));
    }

    if (literalCidr) {
      const layout = literalLayout(literalCidr, zones.count);
      this.privateSubnetCidrs = [...layout.privateCidrs];
      this.publicSubnetCidrs = [...layout.publicCidrs];
    } else {
      this.privateSubnetCidrs = this.availabilityZones.map((_, i) => Token.asString(Fn.cidrsubnet(this.cidr, PRIVATE_NEWBITS, i)));
      this.publicSubnetCidrs = this.availabilityZones.map((_, i) => Token.asString(Fn.cidrsubnet(this.cidr, PUBLIC_NEWBITS, publicNetnum(i))));
    }

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: this.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: tagged(`${clusterName}-vpc`),
      ...(literalCidr ? {} : { lifecycle: { precondition: [tokenCidrPrecondition(this.cidr)] } }),
    });
    this.vpcId = this.vpc.id;
    // Adopting the default group removes its rules: nothing can use it to reach anything by accident.
    new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: this.vpc.id,
      tags: tagged(`${clusterName}-default-deny`),
    });
    this.internetGateway = new InternetGateway(this, 'internet-gateway', {
      vpcId: this.vpc.id,
      tags: tagged(`${clusterName}-igw`),
    });

    const shared = { [`kubernetes.io/cluster/${clusterName}`]: 'shared' };
    this.publicSubnets = this.availabilityZones.map((az, i) => new Subnet(this, `public-subnet-${i}`, {
      vpcId: this.vpc.id,
      availabilityZone: az,
      cidrBlock: this.publicSubnetCidrs[i]!,
      mapPublicIpOnLaunch: false,
      tags: tagged(`${clusterName}-public-${az}`, { ...shared, 'kubernetes.io/role/elb': '1' }),
    }));
    this.privateSubnets = this.availabilityZones.map((az, i) => new Subnet(this, `private-subnet-${i}`, {
      vpcId: this.vpc.id,
      availabilityZone: az,
      cidrBlock: this.privateSubnetCidrs[i]!,
      mapPublicIpOnLaunch: false,
      tags: tagged(`${clusterName}-private-${az}`, { ...shared, 'kubernetes.io/role/internal-elb': '1', 'karpenter.sh/discovery': clusterName }),
    }));
    this.publicSubnetIds = this.publicSubnets.map((s) => s.id);
    this.privateSubnetIds = this.privateSubnets.map((s) => s.id);

    const publicRoutes = new RouteTable(this, 'public-route-table', { vpcId: this.vpc.id, tags: tagged(`${clusterName}-public`) });
    new Route(this, 'public-default-route', { routeTableId: publicRoutes.id, destinationCidrBlock: ANYWHERE, gatewayId: this.internetGateway.id });
    this.publicSubnets.forEach((s, i) => new RouteTableAssociation(this, `public-association-${i}`, { subnetId: s.id, routeTableId: publicRoutes.id }));

    // The gateways live under one construct that declares their hours, so the Infracost map
    // compares Infracost's aws_nat_gateway prices with exactly that line.
    this.natGatewayCount = this.natGatewayMode === NatGateways.SINGLE ? 1 : zones.count;
    const nat = new Construct(this, 'nat-gateways');
    const addresses = new Construct(nat, 'public-ipv4');
    this.natGateways = Array.from({ length: this.natGatewayCount }, (_, i) => {
      const az = this.availabilityZones[i]!;
      // Terraform's docs: the EIP and the gateway need the internet gateway to exist first.
      const eip = new Eip(addresses, `eip-${i}`, { domain: 'vpc', tags: tagged(`${clusterName}-nat-${az}`), dependsOn: [this.internetGateway] });
      return new NatGateway(nat, `gateway-${i}`, {
        allocationId: eip.allocationId,
        subnetId: this.publicSubnets[i]!.id,
        tags: tagged(`${clusterName}-${az}`),
        dependsOn: [this.internetGateway],
      });
    });

    // A route table per private subnet even with a single gateway: switching to ONE_PER_AZ then
    // changes routes only, not associations.
    this.privateSubnets.forEach((s, i) => {
      const az = this.availabilityZones[i]!;
      const table = new RouteTable(this, `private-route-table-${i}`, { vpcId: this.vpc.id, tags: tagged(`${clusterName}-private-${az}`) });
      new Route(this, `private-default-route-${i}`, {
        routeTableId: table.id,
        destinationCidrBlock: ANYWHERE,
        natGatewayId: this.natGateways[this.natGatewayMode === NatGateways.SINGLE ? 0 : i]!.id,
      });
      new RouteTableAssociation(this, `private-association-${i}`, { subnetId: s.id, routeTableId: table.id });
    });

    this.declareCosts(nat, addresses, dataGb);
  }

  /** The AWS cost tags the VPC's resources carry: `CostTags.of(...)` of its scopes, then its own `costTags`. */
  get costTags(): Record<string, string> {
    return { ...CostTags.resolve(this), ...this.ownTags };
  }

  private declareCosts(nat: Construct, addresses: Construct, dataGb: number): void {
    const n = this.natGatewayCount;
    const gateways = `${n} NAT gateway${n > 1 ? 's' : ''} (${this.natGatewayMode === NatGateways.SINGLE ? 'single, for every zone' : 'one per zone'})`;
    const dataPath = `${nat.node.path}/data-processed`;
    declareCostProfile(nat, (): FixedCostProfile => ({
      kind: 'fixed',
      constructPath: nat.node.path,
      item: 'nat-gateway',
      quantity: n,
      hoursPerMonth: HOURS_PER_MONTH,
      description: dataGb > 0
        ? `${gateways}, always on; data processing is priced on ${dataPath}`
        : `${gateways}, always on; data processing (per GB) is not included: set natDataProcessedGbPerMonth to price it`,
      tags: this.costTags,
    }));
    declareCostProfile(addresses, (): FixedCostProfile => ({
      kind: 'fixed',
      constructPath: addresses.node.path,
      item: 'public-ipv4',
      quantity: n,
      hoursPerMonth: HOURS_PER_MONTH,
      description: `${n} public IPv4 address${n > 1 ? 'es' : ''} (the NAT gateways' Elastic IPs), always on`,
      tags: this.costTags,
    }));
    if (dataGb > 0) {
      // Holds no gateway, so the Infracost map leaves the gateways to the hourly line above
      // (a gateway claimed twice would be counted twice by `gpu-tco check`).
      const data = new Construct(nat, 'data-processed');
      declareCostProfile(data, (): FixedCostProfile => ({
        kind: 'fixed',
        constructPath: data.node.path,
        item: 'nat-gateway-data-gb',
        quantity: dataGb,
        description: `NAT gateway data processing: ${formatEnUs(dataGb, 0, 3)} GB/month (natDataProcessedGbPerMonth)`,
        tags: this.costTags,
      }));
    }
  }

  private warnOnPublicRange(cidr: Ipv4Cidr): void {
    if (within(cidr, PRIVATE_RANGES)) return;
    Annotations.of(this).addWarning(
      `cidr ${this.cidr} is not inside a private range (${PRIVATE_RANGES.join(', ')}): hosts of that public range become unreachable from the VPC. Prefer a private range unless the addresses are yours.`,
    );
  }

  /** Zone names must belong to the stack's region (checked once the whole tree exists). */
  private zonesOutsideRegion(names: readonly string[]): string[] {
    let region: string;
    try {
      region = pricingRegion(this);
    } catch {
      return []; // the cost gate reports a missing or unresolved region
    }
    const foreign = names.filter((n) => !Token.isUnresolved(n) && !new RegExp(`^${region}[a-z]$`).test(n));
    if (!foreign.length) return [];
    return [new GpuClusterError({
      code: 'ZONE_OUTSIDE_REGION',
      prop: 'availabilityZones',
      value: names,
      problem: `${foreign.join(', ')} ${foreign.length > 1 ? 'are not zones' : 'is not a zone'} of the stack's region ${region}`,
      allowed: `zone names of ${region}, such as ${region}a`,
      fix: `use zones of ${region}, or a count to take the region's first zones`,
    }).validationMessage];
  }
}

function resolveZones(check: PropChecker, given: unknown): { count: number; names?: string[] } {
  if (given === undefined) return { count: 3 };
  if (typeof given === 'number') return { count: check.integer('availabilityZones', given, { min: 2, max: MAX_ZONES }) };
  if (!Array.isArray(given) || Token.isUnresolved(given)) {
    check.fail('INVALID_ZONES', 'availabilityZones', given, 'must be a zone count or a literal list of zone names', `an integer from 2 to ${MAX_ZONES}, or 2 to ${MAX_ZONES} zone names such as ['us-east-1a', 'us-east-1b']`, 'pass a count, or list the zone names one by one');
  }
  if (given.length < 2 || given.length > MAX_ZONES) {
    check.fail('INVALID_ZONES', 'availabilityZones', given, `lists ${given.length} zone${given.length === 1 ? '' : 's'}`, `2 to ${MAX_ZONES} distinct zone names (EKS needs subnets in at least two zones)`, given.length < 2 ? 'add a second zone' : `keep at most ${MAX_ZONES} zones`);
  }
  given.forEach((z, i) => check.string(`availabilityZones[${i}]`, z, { pattern: ZONE_NAME, allowed: 'a zone name such as us-east-1a (Local and Wavelength Zones have no NAT gateways)' }));
  const seen = new Set<string>();
  for (const z of given as string[]) {
    if (seen.has(z)) check.fail('DUPLICATE_VALUE', 'availabilityZones', given, `lists ${JSON.stringify(z)} more than once`, 'distinct zone names', `remove the duplicate ${z}`);
    seen.add(z);
  }
  return { count: given.length, names: [...(given as string[])] };
}

function resolveCidr(check: PropChecker, text: string, zones: number): Ipv4Cidr {
  const allowed = `an IPv4 network address with a prefix from /${VPC_PREFIX.min} to /${VPC_PREFIX.max}, such as ${DEFAULT_CIDR}`;
  const parsed = parseIpv4Cidr(text);
  if (!parsed.ok) {
    check.fail('INVALID_CIDR', 'cidr', text, parsed.problem, allowed, parsed.networkAddress ? `use the network address ${parsed.networkAddress}` : `write the CIDR as four octets and a prefix, e.g. ${DEFAULT_CIDR}`);
  }
  const cidr = parsed.cidr;
  if (cidr.prefix < VPC_PREFIX.min || cidr.prefix > VPC_PREFIX.max) {
    check.fail('INVALID_CIDR', 'cidr', text, `has the prefix /${cidr.prefix}: ${cidr.prefix < VPC_PREFIX.min ? 'AWS allows VPCs from /16 to /28' : `past /${VPC_PREFIX.max} the private subnets hold too few addresses for pods (the VPC CNI gives each pod one)`}`, allowed, `use a prefix from /${VPC_PREFIX.min} to /${VPC_PREFIX.max}`);
  }
  const reserved = overlapping(cidr, RESERVED_RANGES);
  if (reserved) check.fail('INVALID_CIDR', 'cidr', text, `overlaps the reserved range ${reserved}, which AWS refuses for a VPC`, allowed, `use a private range such as ${DEFAULT_CIDR}`);
  const pub = publicSubnetShape(cidr.prefix);
  if (pub.capacity < zones) {
    check.fail('CIDR_TOO_SMALL', 'cidr', text, `leaves room for ${pub.capacity} public /${pub.prefix} subnets (the smallest AWS allows) in its last quarter, but ${zones} zones need one each`, `for ${zones} zones, a prefix of /${VPC_PREFIX.max - 1} or shorter`, 'use a larger CIDR or fewer zones');
  }
  return cidr;
}

/** For a CIDR known only at apply time: Terraform checks the prefix before creating the VPC. */
function tokenCidrPrecondition(cidr: string): { condition: string; errorMessage: string } {
  const prefixes = Array.from({ length: TOKEN_VPC_PREFIX.max - TOKEN_VPC_PREFIX.min + 1 }, (_, i) => TOKEN_VPC_PREFIX.min + i);
  const prefix = Fn.tonumber(Fn.element(Fn.split('/', cidr), 1));
  return {
    condition: Token.asString(Fn.contains(prefixes, prefix)),
    errorMessage: `The VPC CIDR must be /${TOKEN_VPC_PREFIX.min} to /${TOKEN_VPC_PREFIX.max} when it is given as a token (public subnets are /p+${PUBLIC_NEWBITS}, at most /28).`,
  };
}
