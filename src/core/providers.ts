/**
 * The provider resources and data sources the library writes, each loaded by deep path on first
 * use (a provider package's index costs seconds and hundreds of MB; even one deep module loads
 * cdktf). Import them from here, never from the provider packages, so importing the library
 * stays cheap. Types come from the same modules, erased at run time.
 */
import { createRequire } from 'node:module';
import { lazyClass } from './cdktf.js';

import type * as AwsProviderModule from '@cdktf/provider-aws/lib/provider/index.js';
import type * as CloudwatchEventRuleModule from '@cdktf/provider-aws/lib/cloudwatch-event-rule/index.js';
import type * as CloudwatchEventTargetModule from '@cdktf/provider-aws/lib/cloudwatch-event-target/index.js';
import type * as DataAwsAvailabilityZonesModule from '@cdktf/provider-aws/lib/data-aws-availability-zones/index.js';
import type * as DataAwsCallerIdentityModule from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import type * as DataAwsEksClusterModule from '@cdktf/provider-aws/lib/data-aws-eks-cluster/index.js';
import type * as DataAwsPartitionModule from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import type * as DataAwsRegionModule from '@cdktf/provider-aws/lib/data-aws-region/index.js';
import type * as DefaultSecurityGroupModule from '@cdktf/provider-aws/lib/default-security-group/index.js';
import type * as EipModule from '@cdktf/provider-aws/lib/eip/index.js';
import type * as EksAccessEntryModule from '@cdktf/provider-aws/lib/eks-access-entry/index.js';
import type * as EksNodeGroupModule from '@cdktf/provider-aws/lib/eks-node-group/index.js';
import type * as EksPodIdentityAssociationModule from '@cdktf/provider-aws/lib/eks-pod-identity-association/index.js';
import type * as IamPolicyModule from '@cdktf/provider-aws/lib/iam-policy/index.js';
import type * as IamRoleModule from '@cdktf/provider-aws/lib/iam-role/index.js';
import type * as IamRolePolicyAttachmentModule from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import type * as InternetGatewayModule from '@cdktf/provider-aws/lib/internet-gateway/index.js';
import type * as LaunchTemplateModule from '@cdktf/provider-aws/lib/launch-template/index.js';
import type * as NatGatewayModule from '@cdktf/provider-aws/lib/nat-gateway/index.js';
import type * as PlacementGroupModule from '@cdktf/provider-aws/lib/placement-group/index.js';
import type * as RouteModule from '@cdktf/provider-aws/lib/route/index.js';
import type * as RouteTableModule from '@cdktf/provider-aws/lib/route-table/index.js';
import type * as RouteTableAssociationModule from '@cdktf/provider-aws/lib/route-table-association/index.js';
import type * as SqsQueueModule from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import type * as SqsQueuePolicyModule from '@cdktf/provider-aws/lib/sqs-queue-policy/index.js';
import type * as SubnetModule from '@cdktf/provider-aws/lib/subnet/index.js';
import type * as VpcModule from '@cdktf/provider-aws/lib/vpc/index.js';
import type * as ReleaseModule from '@cdktf/provider-helm/lib/release/index.js';

const requireCjs = createRequire(import.meta.url);

export const AwsProvider = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/provider/index.js') as typeof AwsProviderModule).AwsProvider);
export type AwsProvider = AwsProviderModule.AwsProvider;
export const CloudwatchEventRule = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/cloudwatch-event-rule/index.js') as typeof CloudwatchEventRuleModule).CloudwatchEventRule);
export type CloudwatchEventRule = CloudwatchEventRuleModule.CloudwatchEventRule;
export const CloudwatchEventTarget = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/cloudwatch-event-target/index.js') as typeof CloudwatchEventTargetModule).CloudwatchEventTarget);
export type CloudwatchEventTarget = CloudwatchEventTargetModule.CloudwatchEventTarget;
export const DataAwsAvailabilityZones = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/data-aws-availability-zones/index.js') as typeof DataAwsAvailabilityZonesModule).DataAwsAvailabilityZones);
export type DataAwsAvailabilityZones = DataAwsAvailabilityZonesModule.DataAwsAvailabilityZones;
export const DataAwsCallerIdentity = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/data-aws-caller-identity/index.js') as typeof DataAwsCallerIdentityModule).DataAwsCallerIdentity);
export type DataAwsCallerIdentity = DataAwsCallerIdentityModule.DataAwsCallerIdentity;
export const DataAwsEksCluster = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/data-aws-eks-cluster/index.js') as typeof DataAwsEksClusterModule).DataAwsEksCluster);
export type DataAwsEksCluster = DataAwsEksClusterModule.DataAwsEksCluster;
export const DataAwsPartition = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/data-aws-partition/index.js') as typeof DataAwsPartitionModule).DataAwsPartition);
export type DataAwsPartition = DataAwsPartitionModule.DataAwsPartition;
export const DataAwsRegion = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/data-aws-region/index.js') as typeof DataAwsRegionModule).DataAwsRegion);
export type DataAwsRegion = DataAwsRegionModule.DataAwsRegion;
export const DefaultSecurityGroup = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/default-security-group/index.js') as typeof DefaultSecurityGroupModule).DefaultSecurityGroup);
export type DefaultSecurityGroup = DefaultSecurityGroupModule.DefaultSecurityGroup;
export const Eip = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/eip/index.js') as typeof EipModule).Eip);
export type Eip = EipModule.Eip;
export const EksAccessEntry = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/eks-access-entry/index.js') as typeof EksAccessEntryModule).EksAccessEntry);
export type EksAccessEntry = EksAccessEntryModule.EksAccessEntry;
export const EksNodeGroup = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/eks-node-group/index.js') as typeof EksNodeGroupModule).EksNodeGroup);
export type EksNodeGroup = EksNodeGroupModule.EksNodeGroup;
export const EksPodIdentityAssociation = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/eks-pod-identity-association/index.js') as typeof EksPodIdentityAssociationModule).EksPodIdentityAssociation);
export type EksPodIdentityAssociation = EksPodIdentityAssociationModule.EksPodIdentityAssociation;
export const IamPolicy = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/iam-policy/index.js') as typeof IamPolicyModule).IamPolicy);
export type IamPolicy = IamPolicyModule.IamPolicy;
export const IamRole = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/iam-role/index.js') as typeof IamRoleModule).IamRole);
export type IamRole = IamRoleModule.IamRole;
export const IamRolePolicyAttachment = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js') as typeof IamRolePolicyAttachmentModule).IamRolePolicyAttachment);
export type IamRolePolicyAttachment = IamRolePolicyAttachmentModule.IamRolePolicyAttachment;
export const InternetGateway = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/internet-gateway/index.js') as typeof InternetGatewayModule).InternetGateway);
export type InternetGateway = InternetGatewayModule.InternetGateway;
export const LaunchTemplate = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/launch-template/index.js') as typeof LaunchTemplateModule).LaunchTemplate);
export type LaunchTemplate = LaunchTemplateModule.LaunchTemplate;
export const NatGateway = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/nat-gateway/index.js') as typeof NatGatewayModule).NatGateway);
export type NatGateway = NatGatewayModule.NatGateway;
export const PlacementGroup = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/placement-group/index.js') as typeof PlacementGroupModule).PlacementGroup);
export type PlacementGroup = PlacementGroupModule.PlacementGroup;
export const Route = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/route/index.js') as typeof RouteModule).Route);
export type Route = RouteModule.Route;
export const RouteTable = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/route-table/index.js') as typeof RouteTableModule).RouteTable);
export type RouteTable = RouteTableModule.RouteTable;
export const RouteTableAssociation = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/route-table-association/index.js') as typeof RouteTableAssociationModule).RouteTableAssociation);
export type RouteTableAssociation = RouteTableAssociationModule.RouteTableAssociation;
export const SqsQueue = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/sqs-queue/index.js') as typeof SqsQueueModule).SqsQueue);
export type SqsQueue = SqsQueueModule.SqsQueue;
export const SqsQueuePolicy = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/sqs-queue-policy/index.js') as typeof SqsQueuePolicyModule).SqsQueuePolicy);
export type SqsQueuePolicy = SqsQueuePolicyModule.SqsQueuePolicy;
export const Subnet = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/subnet/index.js') as typeof SubnetModule).Subnet);
export type Subnet = SubnetModule.Subnet;
export const Vpc = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/vpc/index.js') as typeof VpcModule).Vpc);
export type Vpc = VpcModule.Vpc;
export const Release = lazyClass(() => (requireCjs('@cdktf/provider-helm/lib/release/index.js') as typeof ReleaseModule).Release);
export type Release = ReleaseModule.Release;

export type { LaunchTemplateNetworkInterfaces } from '@cdktf/provider-aws/lib/launch-template/index.js';
