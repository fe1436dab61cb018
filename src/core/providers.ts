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
import type * as CloudwatchLogGroupModule from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import type * as DataAwsCallerIdentityModule from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import type * as DataAwsEksClusterModule from '@cdktf/provider-aws/lib/data-aws-eks-cluster/index.js';
import type * as DataAwsPartitionModule from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import type * as DataAwsRegionModule from '@cdktf/provider-aws/lib/data-aws-region/index.js';
import type * as Ec2TagModule from '@cdktf/provider-aws/lib/ec2-tag/index.js';
import type * as EksAccessEntryModule from '@cdktf/provider-aws/lib/eks-access-entry/index.js';
import type * as EksAccessPolicyAssociationModule from '@cdktf/provider-aws/lib/eks-access-policy-association/index.js';
import type * as EksAddonModule from '@cdktf/provider-aws/lib/eks-addon/index.js';
import type * as EksClusterModule from '@cdktf/provider-aws/lib/eks-cluster/index.js';
import type * as EksNodeGroupModule from '@cdktf/provider-aws/lib/eks-node-group/index.js';
import type * as EksPodIdentityAssociationModule from '@cdktf/provider-aws/lib/eks-pod-identity-association/index.js';
import type * as IamPolicyModule from '@cdktf/provider-aws/lib/iam-policy/index.js';
import type * as IamRoleModule from '@cdktf/provider-aws/lib/iam-role/index.js';
import type * as IamRolePolicyModule from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import type * as IamRolePolicyAttachmentModule from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import type * as KmsAliasModule from '@cdktf/provider-aws/lib/kms-alias/index.js';
import type * as KmsKeyModule from '@cdktf/provider-aws/lib/kms-key/index.js';
import type * as LaunchTemplateModule from '@cdktf/provider-aws/lib/launch-template/index.js';
import type * as PlacementGroupModule from '@cdktf/provider-aws/lib/placement-group/index.js';
import type * as SqsQueueModule from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import type * as SqsQueuePolicyModule from '@cdktf/provider-aws/lib/sqs-queue-policy/index.js';
import type * as ReleaseModule from '@cdktf/provider-helm/lib/release/index.js';

const requireCjs = createRequire(import.meta.url);

export const AwsProvider = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/provider/index.js') as typeof AwsProviderModule).AwsProvider);
export type AwsProvider = AwsProviderModule.AwsProvider;
export const CloudwatchEventRule = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/cloudwatch-event-rule/index.js') as typeof CloudwatchEventRuleModule).CloudwatchEventRule);
export type CloudwatchEventRule = CloudwatchEventRuleModule.CloudwatchEventRule;
export const CloudwatchEventTarget = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/cloudwatch-event-target/index.js') as typeof CloudwatchEventTargetModule).CloudwatchEventTarget);
export type CloudwatchEventTarget = CloudwatchEventTargetModule.CloudwatchEventTarget;
export const CloudwatchLogGroup = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/cloudwatch-log-group/index.js') as typeof CloudwatchLogGroupModule).CloudwatchLogGroup);
export type CloudwatchLogGroup = CloudwatchLogGroupModule.CloudwatchLogGroup;
export const DataAwsCallerIdentity = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/data-aws-caller-identity/index.js') as typeof DataAwsCallerIdentityModule).DataAwsCallerIdentity);
export type DataAwsCallerIdentity = DataAwsCallerIdentityModule.DataAwsCallerIdentity;
export const DataAwsEksCluster = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/data-aws-eks-cluster/index.js') as typeof DataAwsEksClusterModule).DataAwsEksCluster);
export type DataAwsEksCluster = DataAwsEksClusterModule.DataAwsEksCluster;
export const DataAwsPartition = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/data-aws-partition/index.js') as typeof DataAwsPartitionModule).DataAwsPartition);
export type DataAwsPartition = DataAwsPartitionModule.DataAwsPartition;
export const DataAwsRegion = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/data-aws-region/index.js') as typeof DataAwsRegionModule).DataAwsRegion);
export type DataAwsRegion = DataAwsRegionModule.DataAwsRegion;
export const Ec2Tag = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/ec2-tag/index.js') as typeof Ec2TagModule).Ec2Tag);
export type Ec2Tag = Ec2TagModule.Ec2Tag;
export const EksAccessEntry = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/eks-access-entry/index.js') as typeof EksAccessEntryModule).EksAccessEntry);
export type EksAccessEntry = EksAccessEntryModule.EksAccessEntry;
export const EksAccessPolicyAssociation = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/eks-access-policy-association/index.js') as typeof EksAccessPolicyAssociationModule).EksAccessPolicyAssociation);
export type EksAccessPolicyAssociation = EksAccessPolicyAssociationModule.EksAccessPolicyAssociation;
export const EksAddon = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/eks-addon/index.js') as typeof EksAddonModule).EksAddon);
export type EksAddon = EksAddonModule.EksAddon;
export const EksCluster = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/eks-cluster/index.js') as typeof EksClusterModule).EksCluster);
export type EksCluster = EksClusterModule.EksCluster;
export const EksNodeGroup = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/eks-node-group/index.js') as typeof EksNodeGroupModule).EksNodeGroup);
export type EksNodeGroup = EksNodeGroupModule.EksNodeGroup;
export const EksPodIdentityAssociation = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/eks-pod-identity-association/index.js') as typeof EksPodIdentityAssociationModule).EksPodIdentityAssociation);
export type EksPodIdentityAssociation = EksPodIdentityAssociationModule.EksPodIdentityAssociation;
export const IamPolicy = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/iam-policy/index.js') as typeof IamPolicyModule).IamPolicy);
export type IamPolicy = IamPolicyModule.IamPolicy;
export const IamRole = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/iam-role/index.js') as typeof IamRoleModule).IamRole);
export type IamRole = IamRoleModule.IamRole;
export const IamRolePolicy = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/iam-role-policy/index.js') as typeof IamRolePolicyModule).IamRolePolicy);
export type IamRolePolicy = IamRolePolicyModule.IamRolePolicy;
export const IamRolePolicyAttachment = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js') as typeof IamRolePolicyAttachmentModule).IamRolePolicyAttachment);
export type IamRolePolicyAttachment = IamRolePolicyAttachmentModule.IamRolePolicyAttachment;
export const KmsAlias = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/kms-alias/index.js') as typeof KmsAliasModule).KmsAlias);
export type KmsAlias = KmsAliasModule.KmsAlias;
export const KmsKey = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/kms-key/index.js') as typeof KmsKeyModule).KmsKey);
export type KmsKey = KmsKeyModule.KmsKey;
export const LaunchTemplate = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/launch-template/index.js') as typeof LaunchTemplateModule).LaunchTemplate);
export type LaunchTemplate = LaunchTemplateModule.LaunchTemplate;
export const PlacementGroup = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/placement-group/index.js') as typeof PlacementGroupModule).PlacementGroup);
export type PlacementGroup = PlacementGroupModule.PlacementGroup;
export const SqsQueue = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/sqs-queue/index.js') as typeof SqsQueueModule).SqsQueue);
export type SqsQueue = SqsQueueModule.SqsQueue;
export const SqsQueuePolicy = lazyClass(() => (requireCjs('@cdktf/provider-aws/lib/sqs-queue-policy/index.js') as typeof SqsQueuePolicyModule).SqsQueuePolicy);
export type SqsQueuePolicy = SqsQueuePolicyModule.SqsQueuePolicy;
export const Release = lazyClass(() => (requireCjs('@cdktf/provider-helm/lib/release/index.js') as typeof ReleaseModule).Release);
export type Release = ReleaseModule.Release;

export type { LaunchTemplateNetworkInterfaces } from '@cdktf/provider-aws/lib/launch-template/index.js';
