import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lazy } from 'cdktf';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import { resolvedTerraform, shareResolvedTerraform } from '../../src/core/resolved-terraform.js';
import { BudgetBasis, CostBudget } from '../../src/policy/cost-budget.js';
import { newStack } from '../support/synth.js';

/** A stack with one queue whose name is produced at resolution, counting the resolutions. */
function countingStack(): { stack: ReturnType<typeof newStack>['stack']; app: ReturnType<typeof newStack>['app']; resolutions: () => number } {
  const { app, stack } = newStack();
  let n = 0;
  new SqsQueue(stack, 'queue', { name: Lazy.stringValue({ produce: () => (n++, 'queue-a') }), sqsManagedSseEnabled: true });
  return { app, stack, resolutions: () => n };
}

describe('resolved Terraform shared within a synthesis', () => {
  test('inside the window every toTerraform call gets the one resolution; outside, each call resolves afresh', () => {
    const { stack, resolutions } = countingStack();
    let first: unknown;
    let second: unknown;
    const figures = shareResolvedTerraform(stack, () => {
      first = stack.toTerraform();
      second = resolvedTerraform(stack).json;
    });
    expect(second).toBe(first);
    expect(resolutions()).toBe(1);
    expect(figures.calls).toBe(2);
    expect(figures.ms).toBeGreaterThan(0);
    expect(Object.prototype.hasOwnProperty.call(stack, 'toTerraform')).toBe(false);
    const after = stack.toTerraform();
    expect(after).not.toBe(first);
    expect(after).toEqual(first);
    expect(resolutions()).toBe(2);
  });

  test('the window closes when the synthesis throws', () => {
    const { stack } = countingStack();
    expect(() =>
      shareResolvedTerraform(stack, () => {
        stack.toTerraform();
        throw new Error('synth failed');
      }),
    ).toThrow('synth failed');
    expect(Object.prototype.hasOwnProperty.call(stack, 'toTerraform')).toBe(false);
    expect(stack.toTerraform()).not.toBe(stack.toTerraform());
  });

  test('a gated stack resolves once for the gate and cdk.tf.json (plus cdktf\'s preparing pass), and writes what toTerraform gives', () => {
    const { app, stack, resolutions } = countingStack();
    new CostBudget(stack, 'budget', { monthlyLimitUsd: 1000, basis: BudgetBasis.EXPECTED });
    app.synth();
    // prepareStack resolves once (preparing), then the gate's view and the writer share one.
    expect(resolutions()).toBe(2);
    const written = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'test', 'cdk.tf.json'), 'utf8'));
    expect(written).toEqual(JSON.parse(JSON.stringify(stack.toTerraform())));
    expect(written.resource.aws_sqs_queue.queue.name).toBe('queue-a');
  });
});
