import { DataAwsPartition, IamRole, IamRolePolicyAttachment } from '../core/providers.js';
import { Construct, TerraformStack } from '../core/cdktf.js';
import type { IConstruct } from '../core/cdktf.js';

/** The managed policies every EKS worker node needs. */
const NODE_POLICIES = ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryReadOnly'];

const ID = 'GpuNodeRole';

/**
 * The IAM role GPU nodes run as: one per stack, shared by every node group that is not given a
 * `nodeRoleArn`, with the three managed policies EKS worker nodes need.
 */
export class GpuNodeRole extends Construct {
  /** The stack's shared node role, created on first use. */
  static forStack(scope: IConstruct): GpuNodeRole {
    const stack = TerraformStack.of(scope);
    return (stack.node.tryFindChild(ID) as GpuNodeRole | undefined) ?? new GpuNodeRole(stack, ID);
  }

  readonly role: IamRole;
  /** The policy attachments; node groups depend on them so nodes can join and leave cleanly. */
  readonly attachments: IamRolePolicyAttachment[];

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const partition = new DataAwsPartition(this, 'partition');
    this.role = new IamRole(this, 'role', {
      namePrefix: 'gpu-node-',
      description: 'EKS GPU worker nodes (cdktf-gpu-cluster)',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });
    this.attachments = NODE_POLICIES.map(
      (policy) =>
        new IamRolePolicyAttachment(this, policy, {
          role: this.role.name,
          policyArn: `arn:${partition.partition}:iam::aws:policy/${policy}`,
        }),
    );
  }

  get arn(): string {
    return this.role.arn;
  }
}
