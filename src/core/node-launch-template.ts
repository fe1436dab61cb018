import { LaunchTemplate } from './providers.js';
import type { LaunchTemplateNetworkInterfaces } from './providers.js';
import type { Construct } from './cdktf.js';

/** The encrypted gp3 volume that holds a node's container images. */
export interface NodeImageVolume {
  /** Device name: the root volume on AL2023, the data volume on Bottlerocket. */
  readonly deviceName: string;
  readonly sizeGiB: number;
  readonly iops: number;
  readonly throughputMiBps: number;
  /** @default - the account's default EBS key (aws/ebs) */
  readonly kmsKeyArn?: string;
}

/** What differs between the launch templates of managed node groups (GPU and system alike). */
export interface NodeLaunchTemplateOptions {
  readonly namePrefix: string;
  readonly description: string;
  /** IMDSv2 hop limit (1 keeps pods from the node role's credentials). */
  readonly hopLimit: number;
  readonly volume: NodeImageVolume;
  /** Tags of the template and of the instances, volumes and network interfaces it launches. */
  readonly tags: Record<string, string>;
  /** @default - none: EKS attaches the cluster security group */
  readonly networkInterfaces?: LaunchTemplateNetworkInterfaces[];
  /** @default - no placement group */
  readonly placementGroupName?: string;
}

/**
 * The launch template of an EKS managed node group, secure by default: IMDSv2 required (session
 * tokens) with the given hop limit, instance tags kept out of IMDS, an encrypted gp3 image volume
 * deleted with the node, and cost tags on the instances, volumes and network interfaces (EKS copies
 * no node group tags to them). The AMI stays with EKS (`ami_type` on the node group).
 */
export function nodeLaunchTemplate(scope: Construct, id: string, o: NodeLaunchTemplateOptions): LaunchTemplate {
  return new LaunchTemplate(scope, id, {
    namePrefix: o.namePrefix,
    description: o.description,
    updateDefaultVersion: true,
    metadataOptions: {
      httpEndpoint: 'enabled',
      httpTokens: 'required',
      httpPutResponseHopLimit: o.hopLimit,
      instanceMetadataTags: 'disabled',
    },
    blockDeviceMappings: [
      {
        deviceName: o.volume.deviceName,
        ebs: {
          volumeSize: o.volume.sizeGiB,
          volumeType: 'gp3',
          iops: o.volume.iops,
          throughput: o.volume.throughputMiBps,
          encrypted: 'true',
          kmsKeyId: o.volume.kmsKeyArn,
          deleteOnTermination: 'true',
        },
      },
    ],
    networkInterfaces: o.networkInterfaces,
    placement: o.placementGroupName !== undefined ? { groupName: o.placementGroupName } : undefined,
    tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({ resourceType, tags: o.tags })),
    tags: o.tags,
  });
}
