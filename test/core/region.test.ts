import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import { pricingRegion } from '../../src/core/region.js';
import { newStack } from '../support/synth.js';
import { errorOf } from '../support/errors.js';

describe('pricingRegion', () => {
  test("a construct is priced in the region of its stack's default AwsProvider", () => {
    const { stack } = newStack('eu-central-1');
    const child = new Construct(new Construct(stack, 'gpu'), 'pool');
    expect(pricingRegion(child)).toBe('eu-central-1');
  });

  test('an alias wins for resources that use it; other constructs keep the default', () => {
    const { stack } = newStack('us-east-1');
    const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'west' });
    const queue = new SqsQueue(stack, 'queue', { provider: west });
    const plain = new SqsQueue(stack, 'plain', {});
    expect(pricingRegion(queue)).toBe('us-west-2');
    expect(pricingRegion(plain)).toBe('us-east-1');
    expect(pricingRegion(new Construct(stack, 'c'), { providerAlias: 'west' })).toBe('us-west-2');
  });

  test('no AwsProvider in the stack is an error saying how to fix it', () => {
    const stack = new TerraformStack(new App({ outdir: '/tmp/gpu-region-test' }), 'bare');
    const e = errorOf(() => pricingRegion(new Construct(stack, 'pool')));
    expect(e.code).toBe('NO_PRICING_REGION');
    expect(e.message).toContain('[bare/pool]');
    expect(e.message).toContain("new AwsProvider(stack, 'aws', { region: 'us-east-1' })");
  });

  test('a provider without a region, or only an aliased one, is an error', () => {
    const stack = new TerraformStack(new App({ outdir: '/tmp/gpu-region-test' }), 'noregion');
    new AwsProvider(stack, 'aws', {});
    expect(errorOf(() => pricingRegion(stack)).code).toBe('NO_PRICING_REGION');
    const aliased = new TerraformStack(new App({ outdir: '/tmp/gpu-region-test' }), 'aliased');
    new AwsProvider(aliased, 'aws', { region: 'us-east-1', alias: 'east' });
    expect(errorOf(() => pricingRegion(aliased)).message).toContain('default AwsProvider (no alias)');
  });

  test('a region from a token is an error: prices need a literal region', () => {
    const stack = new TerraformStack(new App({ outdir: '/tmp/gpu-region-test' }), 'token');
    const v = new TerraformVariable(stack, 'region', { type: 'string' });
    new AwsProvider(stack, 'aws', { region: v.stringValue });
    const e = errorOf(() => pricingRegion(stack));
    expect(e.code).toBe('UNRESOLVED_PRICING_REGION');
    expect(e.message).toContain("PriceBookSettings.of(stack).region('<region>')");
  });
});
