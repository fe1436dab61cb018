import { Construct } from '../core/cdktf.js';
import { PropChecker } from '../core/validate.js';
import { closestMatches } from '../base/describe.js';
import { CostTags, costTagsToAwsTags } from '../core/cost-tags.js';
import type { CostTagSet } from '../core/cost-tags.js';
import { InstanceCatalog } from '../catalog/instance-catalog.js';
import type { Commitment, CommitmentKind } from '../cost/commitments.js';
import { CostGate } from './cost-gate.js';
import type { GatedCommitment } from './cost-gate-entries.js';

/** Kinds of commitment, in the order AWS applies them to usage. */
export const CommitmentType = {
  /** Regional Reserved Instances of one family (Linux, size-flexible within the family). */
  RESERVED_INSTANCES: 'reserved-instances',
  /** EC2 Instance Savings Plan: one instance family in one region. */
  EC2_INSTANCE_SAVINGS_PLAN: 'ec2-instance-savings-plan',
  /** Compute Savings Plan: any family, any region. */
  COMPUTE_SAVINGS_PLAN: 'compute-savings-plan',
} as const;
export type CommitmentType = CommitmentKind;

/** Props of a CostCommitment. */
export interface CostCommitmentProps {
  /** Kind of commitment. */
  readonly type: CommitmentType;
  /** Committed spend per hour, USD, as on the plan (charged every hour, used or not). */
  readonly hourlyCommitmentUsd: number;
  /** Discount against on-demand the plan gives this usage, percent (from the AWS Savings Plans pricing page or your agreement). */
  readonly discountPercent: number;
  /** Term in years. */
  readonly termYears: 1 | 3;
  /**
   * Instance family covered (e.g. `p5`). Required for Reserved Instances and EC2 Instance
   * Savings Plans; a Compute Savings Plan covers every family and takes none.
   * @default - every family (Compute Savings Plan only)
   */
  readonly instanceFamily?: string;
  /**
   * Cost-allocation tags of the commitment's cost line (who pays for it).
   * @default - the tags of `CostTags.of(scope)`
   */
  readonly costTags?: CostTagSet;
}

/**
 * A Savings Plan or Reserved Instance commitment the account already holds (or plans to buy):
 * the cost engine applies it to the stack's matching on-demand usage first — Reserved Instances,
 * then EC2 Instance Savings Plans, then Compute Savings Plans — and charges the full commitment as
 * its own line, used or not. Spot usage is never covered.
 *
 * @example
 * new CostCommitment(stack, 'p5-plan', { type: CommitmentType.EC2_INSTANCE_SAVINGS_PLAN, instanceFamily: 'p5', hourlyCommitmentUsd: 40, discountPercent: 28, termYears: 1 });
 */
export class CostCommitment extends Construct implements GatedCommitment {
  readonly type: CommitmentType;
  readonly hourlyCommitmentUsd: number;
  readonly discountPercent: number;
  readonly termYears: 1 | 3;
  readonly instanceFamily?: string;
  private readonly ownTags: Record<string, string>;

  constructor(scope: Construct, id: string, props: CostCommitmentProps) {
    super(scope, id);
    const check = new PropChecker(this.node.path);
    if (props === null || typeof props !== 'object') check.fail('MISSING_PROPS', 'props', props, 'are required', '{ type, hourlyCommitmentUsd, discountPercent, termYears }');
    this.type = check.oneOf('type', props.type, Object.values(CommitmentType), 'use CommitmentType.COMPUTE_SAVINGS_PLAN, EC2_INSTANCE_SAVINGS_PLAN or RESERVED_INSTANCES');
    this.hourlyCommitmentUsd = check.number('hourlyCommitmentUsd', props.hourlyCommitmentUsd, { min: 0.001, max: 1e7, fix: 'the hourly commitment in USD as shown on the plan, e.g. 40' });
    this.discountPercent = check.number('discountPercent', props.discountPercent, { min: 0.01, max: 99.99, fix: 'the discount against on-demand in percent, e.g. 28' });
    if (props.termYears !== 1 && props.termYears !== 3) check.fail('INVALID_CHOICE', 'termYears', props.termYears, 'is not a term AWS sells', '1 or 3', 'set termYears to 1 or 3');
    this.termYears = props.termYears;

    const families = [...new Set([...InstanceCatalog.gpuTypes().map((s) => s.family), ...InstanceCatalog.systemTypes().map((s) => s.name.split('.')[0]!)])].sort();
    if (this.type === CommitmentType.COMPUTE_SAVINGS_PLAN) {
      if (props.instanceFamily !== undefined) {
        check.fail('INVALID_COMMITMENT', 'instanceFamily', props.instanceFamily, 'does not apply to a Compute Savings Plan, which covers every family', 'no instanceFamily', 'drop instanceFamily, or use CommitmentType.EC2_INSTANCE_SAVINGS_PLAN for one family');
      }
    } else {
      const family = props.instanceFamily;
      if (typeof family !== 'string' || !families.includes(family)) {
        const near = typeof family === 'string' ? closestMatches(family, families) : [];
        check.fail(
          'INVALID_COMMITMENT',
          'instanceFamily',
          family,
          family === undefined ? `is required for ${this.type}, which covers one instance family` : 'is not an instance family of the catalog',
          `one of ${families.join(', ')}`,
          near.length ? `did you mean ${near.join(' or ')}?` : 'name the family the plan covers, e.g. p5',
        );
      }
      this.instanceFamily = family;
    }
    this.ownTags = props.costTags === undefined ? {} : costTagsToAwsTags(props.costTags, check);
    CostGate.ensure(this).addCommitment(this);
  }

  /** The commitment as the cost engine takes it. */
  toCommitment(): Commitment {
    return {
      name: this.node.path,
      kind: this.type,
      hourlyCommitmentUsd: this.hourlyCommitmentUsd,
      discountPercent: this.discountPercent,
      termYears: this.termYears,
      ...(this.instanceFamily ? { family: this.instanceFamily } : {}),
      tags: { ...CostTags.resolve(this), ...this.ownTags },
    };
  }
}
