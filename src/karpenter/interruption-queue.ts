import { CloudwatchEventRule, CloudwatchEventTarget, SqsQueue, SqsQueuePolicy } from '../core/providers.js';
import { Construct, Lazy } from '../core/cdktf.js';
import { declareCostProfile } from '../core/cost-registry.js';
import { CostTags } from '../core/cost-tags.js';
import { HOURS_PER_MONTH } from '../cost/cost-profile.js';
import type { FixedCostProfile } from '../cost/cost-profile.js';

/**
 * The events Karpenter handles, spelled exactly as AWS emits them (a misspelt detail-type matches
 * nothing, silently). One EventBridge rule each, as in Karpenter's reference CloudFormation.
 */
export const INTERRUPTION_EVENTS = [
  { id: 'SpotInterruption', source: 'aws.ec2', detailType: 'EC2 Spot Instance Interruption Warning' },
  { id: 'Rebalance', source: 'aws.ec2', detailType: 'EC2 Instance Rebalance Recommendation' },
  { id: 'InstanceStateChange', source: 'aws.ec2', detailType: 'EC2 Instance State-change Notification' },
  { id: 'CapacityReservationInterruption', source: 'aws.ec2', detailType: 'EC2 Capacity Reservation Instance Interruption Warning' },
  { id: 'ScheduledChange', source: 'aws.health', detailType: 'AWS Health Event' },
] as const;

/**
 * SQS requests per month of Karpenter's long poll: one ReceiveMessage per 20 s wait
 * (pkg/providers/sqs/sqs.go, v1.14.1) from the leader, plus the messages themselves (few).
 */
const POLLS_PER_MONTH = (HOURS_PER_MONTH * 3600) / 20;

/** Props of a KarpenterInterruptionQueue. */
export interface KarpenterInterruptionQueueProps {
  /** SQS queue name (1-80 letters, digits, - and _). */
  readonly queueName: string;
  /**
   * Cost tags of the queue and rules, produced at synth (so that `CostTags` added later count).
   * @default - the tags of `CostTags.of(scope)`
   */
  readonly costTags?: () => Record<string, string>;
}

/**
 * The queue Karpenter reads interruption events from: SSE-SQS encrypted, messages kept 300 s (an
 * older interruption notice is useless), a queue policy that lets only EventBridge and SQS send to
 * it and refuses plain HTTP, and one rule per event with the queue as its target.
 */
export class KarpenterInterruptionQueue extends Construct {
  readonly queue: SqsQueue;
  readonly policy: SqsQueuePolicy;
  readonly rules: CloudwatchEventRule[];

  constructor(scope: Construct, id: string, props: KarpenterInterruptionQueueProps) {
    super(scope, id);
    const costTags = props.costTags ?? (() => CostTags.resolve(this));
    const tags = Lazy.anyValue({ produce: costTags }) as unknown as Record<string, string>;
    this.queue = new SqsQueue(this, 'queue', {
      name: props.queueName,
      messageRetentionSeconds: 300,
      sqsManagedSseEnabled: true,
      tags,
    });
    this.policy = new SqsQueuePolicy(this, 'policy', {
      queueUrl: this.queue.url,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Id: 'EC2InterruptionPolicy',
        Statement: [
          {
            Sid: 'AllowEventBridge',
            Effect: 'Allow',
            Principal: { Service: ['events.amazonaws.com', 'sqs.amazonaws.com'] },
            Action: 'sqs:SendMessage',
            Resource: this.queue.arn,
          },
          {
            Sid: 'DenyHTTP',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sqs:*',
            Resource: this.queue.arn,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });
    this.rules = INTERRUPTION_EVENTS.map((event) => {
      const rule = new CloudwatchEventRule(this, `${event.id}Rule`, {
        namePrefix: `karpenter-${event.id}-`.slice(0, 38),
        description: `Karpenter interruption handling: ${event.detailType}`,
        eventPattern: JSON.stringify({ source: [event.source], 'detail-type': [event.detailType] }),
        tags,
      });
      new CloudwatchEventTarget(this, `${event.id}Target`, {
        rule: rule.name,
        targetId: 'KarpenterInterruptionQueueTarget',
        arn: this.queue.arn,
      });
      return rule;
    });

    declareCostProfile(this, (): FixedCostProfile => ({
      kind: 'fixed',
      constructPath: this.node.path,
      item: 'sqs-requests-million',
      quantity: POLLS_PER_MONTH / 1e6,
      description: 'Karpenter interruption queue: one long poll per 20 s (SSE-SQS encryption is free; EventBridge rules on AWS service events are free)',
      tags: costTags(),
    }));
  }

  get queueName(): string {
    return this.queue.name;
  }
}
