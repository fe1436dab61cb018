import type { TerraformStack } from 'cdktf';
import { CostGate } from '../../src/index.js';
import { EksControlPlane } from '../../src/cluster/eks-control-plane.js';
import type { EksControlPlaneProps } from '../../src/cluster/eks-control-plane.js';
import type { CostLine } from '../../src/cost/tco-engine.js';
import { newStack } from '../support/synth.js';
export { errorOf } from '../support/errors.js';

export const tags = { team: 'ml-platform', costCenter: 'cc-42', environment: 'prod' };
export const awsTags = { team: 'ml-platform', 'cost-center': 'cc-42', environment: 'prod' };

export const baseProps: EksControlPlaneProps = {
  clusterName: 'ml-prod',
  subnetIds: ['subnet-0a1', 'subnet-0b2'],
  costTags: tags,
};

/** A stack (AwsProvider in `region`) holding an EksControlPlane `eks` with the base props and `over`. */
export function eksStack(over: Partial<EksControlPlaneProps> = {}, region = 'us-east-1'): { stack: TerraformStack; eks: EksControlPlane } {
  const { stack } = newStack(region);
  const eks = new EksControlPlane(stack, 'eks', { ...baseProps, ...over });
  return { stack, eks };
}

/** The stack's priced cost lines, as the synth gate computes them. */
export function costLines(stack: TerraformStack): readonly CostLine[] {
  return CostGate.ensure(stack).evaluate().report.lines;
}
