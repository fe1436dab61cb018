/**
 * The Karpenter controller's IAM policies, statement for statement as in Karpenter's reference
 * CloudFormation for v1.14.1 (see crds/SOURCES.md): EC2 launches and deletions scoped by the
 * `kubernetes.io/cluster/<name>: owned`, `eks:eks-cluster-name` and `karpenter.sh/nodepool` tags,
 * instance profiles scoped by cluster, region and `karpenter.k8s.aws/ec2nodeclass`, PassRole for
 * the node role only, the interruption queue only. The zonal-shift policy is left out: the chart's
 * `settings.enableZonalShift` is off.
 */
export interface ControllerPolicyContext {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
  readonly nodeRoleArn: string;
  readonly queueArn: string;
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Resource: string | string[];
  readonly Action: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** The policies by name (each one an IAM managed policy, as in the reference template). */
export function controllerPolicies(c: ControllerPolicyContext): Record<string, PolicyStatement[]> {
  const ec2 = (type: string, account = '*') => `arn:${c.partition}:ec2:${c.region}:${account}:${type}/*`;
  const owned = `kubernetes.io/cluster/${c.clusterName}`;
  const instanceProfiles = `arn:${c.partition}:iam::${c.accountId}:instance-profile/*`;
  const taggedResources = ['fleet', 'instance', 'volume', 'network-interface', 'launch-template', 'spot-instances-request'].map((t) => ec2(t));
  return {
    NodeLifecycle: [
      {
        Sid: 'AllowScopedEC2InstanceAccessActions',
        Effect: 'Allow',
        Resource: [ec2('image', ''), ec2('snapshot', ''), ec2('security-group'), ec2('subnet'), ec2('capacity-reservation'), ec2('placement-group')],
        Action: ['ec2:RunInstances', 'ec2:CreateFleet'],
      },
      {
        Sid: 'AllowScopedEC2LaunchTemplateAccessActions',
        Effect: 'Allow',
        Resource: ec2('launch-template'),
        Action: ['ec2:RunInstances', 'ec2:CreateFleet'],
        Condition: { StringEquals: { [`aws:ResourceTag/${owned}`]: 'owned' }, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } },
      },
      {
        Sid: 'AllowScopedEC2InstanceActionsWithTags',
        Effect: 'Allow',
        Resource: taggedResources,
        Action: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate'],
        Condition: {
          StringEquals: { [`aws:RequestTag/${owned}`]: 'owned', 'aws:RequestTag/eks:eks-cluster-name': c.clusterName },
          StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' },
        },
      },
      {
        Sid: 'AllowScopedResourceCreationTagging',
        Effect: 'Allow',
        Resource: taggedResources,
        Action: 'ec2:CreateTags',
        Condition: {
          StringEquals: {
            [`aws:RequestTag/${owned}`]: 'owned',
            'aws:RequestTag/eks:eks-cluster-name': c.clusterName,
            'ec2:CreateAction': ['RunInstances', 'CreateFleet', 'CreateLaunchTemplate'],
          },
          StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' },
        },
      },
      {
        Sid: 'AllowScopedResourceTagging',
        Effect: 'Allow',
        Resource: ec2('instance'),
        Action: 'ec2:CreateTags',
        Condition: {
          StringEquals: { [`aws:ResourceTag/${owned}`]: 'owned' },
          StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' },
          StringEqualsIfExists: { 'aws:RequestTag/eks:eks-cluster-name': c.clusterName },
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name'] },
        },
      },
      {
        Sid: 'AllowScopedDeletion',
        Effect: 'Allow',
        Resource: [ec2('instance'), ec2('launch-template')],
        Action: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
        Condition: { StringEquals: { [`aws:ResourceTag/${owned}`]: 'owned' }, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } },
      },
    ],
    IAMIntegration: [
      {
        Sid: 'AllowPassingInstanceRole',
        Effect: 'Allow',
        Resource: c.nodeRoleArn,
        Action: 'iam:PassRole',
        Condition: { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn'] } },
      },
      {
        Sid: 'AllowScopedInstanceProfileCreationActions',
        Effect: 'Allow',
        Resource: instanceProfiles,
        Action: ['iam:CreateInstanceProfile'],
        Condition: {
          StringEquals: { [`aws:RequestTag/${owned}`]: 'owned', 'aws:RequestTag/eks:eks-cluster-name': c.clusterName, 'aws:RequestTag/topology.kubernetes.io/region': c.region },
          StringLike: { 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
        },
      },
      {
        Sid: 'AllowScopedInstanceProfileTagActions',
        Effect: 'Allow',
        Resource: instanceProfiles,
        Action: ['iam:TagInstanceProfile'],
        Condition: {
          StringEquals: {
            [`aws:ResourceTag/${owned}`]: 'owned',
            'aws:ResourceTag/topology.kubernetes.io/region': c.region,
            [`aws:RequestTag/${owned}`]: 'owned',
            'aws:RequestTag/eks:eks-cluster-name': c.clusterName,
            'aws:RequestTag/topology.kubernetes.io/region': c.region,
          },
          StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*', 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
        },
      },
      {
        Sid: 'AllowScopedInstanceProfileActions',
        Effect: 'Allow',
        Resource: instanceProfiles,
        Action: ['iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile'],
        Condition: {
          StringEquals: { [`aws:ResourceTag/${owned}`]: 'owned', 'aws:ResourceTag/topology.kubernetes.io/region': c.region },
          StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*' },
        },
      },
    ],
    EKSIntegration: [
      {
        Sid: 'AllowAPIServerEndpointDiscovery',
        Effect: 'Allow',
        Resource: `arn:${c.partition}:eks:${c.region}:${c.accountId}:cluster/${c.clusterName}`,
        Action: 'eks:DescribeCluster',
      },
    ],
    Interruption: [
      {
        Sid: 'AllowInterruptionQueueActions',
        Effect: 'Allow',
        Resource: c.queueArn,
        Action: ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
      },
    ],
    ResourceDiscovery: [
      {
        Sid: 'AllowRegionalReadActions',
        Effect: 'Allow',
        Resource: '*',
        Action: [
          'ec2:DescribeCapacityReservations',
          'ec2:DescribeImages',
          'ec2:DescribeInstances',
          'ec2:DescribeInstanceStatus',
          'ec2:DescribeInstanceTypeOfferings',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplates',
          'ec2:DescribePlacementGroups',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSpotPriceHistory',
          'ec2:DescribeSubnets',
        ],
        Condition: { StringEquals: { 'aws:RequestedRegion': c.region } },
      },
      { Sid: 'AllowSSMReadActions', Effect: 'Allow', Resource: `arn:${c.partition}:ssm:${c.region}::parameter/aws/service/*`, Action: 'ssm:GetParameter' },
      { Sid: 'AllowPricingReadActions', Effect: 'Allow', Resource: '*', Action: 'pricing:GetProducts' },
      { Sid: 'AllowUnscopedInstanceProfileListAction', Effect: 'Allow', Resource: '*', Action: 'iam:ListInstanceProfiles' },
      { Sid: 'AllowInstanceProfileReadActions', Effect: 'Allow', Resource: instanceProfiles, Action: 'iam:GetInstanceProfile' },
    ],
  };
}
