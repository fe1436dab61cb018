/** The library's synth checks run in each stack's own validation: after its aspects, at every synth. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import type { IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template/index.js';
import { BudgetBasis, CapacityType, CostBudget, GpuInstanceType, GpuNodeGroup } from '../../src/index.js';

process.env.GPU_TCO_CONSOLE = 'off';
const costTags = { team: 'search', costCenter: 'cc-1', environment: 'dev' };
const group = (stack: TerraformStack, id = 'g') =>
  new GpuNodeGroup(stack, id, { clusterName: 'ml', subnetIds: ['subnet-a1'], instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 1, desired: 1, max: 1 }, capacityType: CapacityType.ON_DEMAND, costTags });
const stackIn = (app: App, id: string) => {
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
};

class RequireImdsV2 implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof LaunchTemplate) node.putMetadataOptions({ httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 });
  }
}

test("a later stack is judged on its Terraform after its own aspects, as it is written", () => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'checks-')) });
  group(stackIn(app, 'a'));
  const b = stackIn(app, 'b');
  group(b);
  new LaunchTemplate(b, 'raw', { metadataOptions: { httpTokens: 'optional' }, tags: { team: 'search', 'cost-center': 'cc-1', environment: 'dev' } });
  Aspects.of(b).add(new RequireImdsV2());
  expect(() => app.synth()).not.toThrow();
});

test('a second synth in the same tick runs the checks again (a budget added in between breaks it)', () => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'checks-')) });
  const stack = stackIn(app, 'gpu');
  group(stack);
  Testing.synth(stack, true);
  new CostBudget(stack, 'tight', { monthlyLimitUsd: 1, basis: BudgetBasis.EXPECTED });
  expect(() => Testing.synth(stack, true)).toThrow(/BUDGET_EXCEEDED/);

  const two = new App({ outdir: mkdtempSync(join(tmpdir(), 'checks-')) });
  const gpu = stackIn(two, 'gpu');
  group(gpu);
  stackIn(two, 'zplain');
  two.synth();
  new CostBudget(gpu, 'tight', { monthlyLimitUsd: 1, basis: BudgetBasis.EXPECTED });
  expect(() => two.synth()).toThrow(/BUDGET_EXCEEDED/);
});
