import { AwsProvider } from './providers.js';
import { GpuClusterError } from '../base/errors.js';
import { TerraformResource, TerraformStack, Token } from './cdktf.js';
import type { IConstruct } from './cdktf.js';

export interface PricingRegionOptions {
  /** Price with the AwsProvider of this alias (resources that set `provider` use theirs anyway). */
  readonly providerAlias?: string;
}

/**
 * The region a construct is priced in: the region of the AwsProvider its stack uses. A resource
 * bound to an aliased provider uses that provider's region; any other construct uses the stack's
 * default (unaliased) provider, or the one named by `providerAlias`. Only a literal region counts:
 * no region anywhere, or an unresolved token, is a GpuClusterError saying how to fix it.
 */
export function pricingRegion(construct: IConstruct, options: PricingRegionOptions = {}): string {
  const stack = TerraformStack.of(construct);
  const providers = stack.node.findAll().filter((c): c is AwsProvider => c instanceof AwsProvider);
  let provider: AwsProvider | undefined;
  let how: string;
  if (options.providerAlias !== undefined) {
    provider = providers.find((p) => p.alias === options.providerAlias);
    how = `the AwsProvider with alias "${options.providerAlias}"`;
  } else if (construct instanceof TerraformResource && construct.provider instanceof AwsProvider) {
    provider = construct.provider;
    how = `the AwsProvider ${construct.provider.node.path} the resource uses`;
  } else {
    provider = providers.find((p) => p.alias === undefined);
    how = 'the default AwsProvider (no alias)';
  }
  const path = construct.node.path;
  if (!provider) {
    throw new GpuClusterError({
      code: 'NO_PRICING_REGION',
      path,
      prop: 'region',
      problem: `the stack ${stack.node.path} has no ${how.replace(/^the /, '')}, so its prices have no region`,
      allowed: 'a stack with an AwsProvider whose region is a literal string',
      fix: `add new AwsProvider(stack, 'aws', { region: 'us-east-1' }) to the stack (or set PriceBookSettings.of(stack).region('<region>'))`,
    });
  }
  const region = provider.region;
  if (region === undefined || region === '') {
    throw new GpuClusterError({
      code: 'NO_PRICING_REGION',
      path,
      prop: 'region',
      value: region,
      problem: `${how} (${provider.node.path}) sets no region, so prices cannot be looked up (Terraform would take it from the environment at apply time)`,
      allowed: 'a literal region code such as us-east-1',
      fix: `set region on ${provider.node.path}, or PriceBookSettings.of(stack).region('<region>') to name the region prices come from`,
    });
  }
  if (Token.isUnresolved(region)) {
    throw new GpuClusterError({
      code: 'UNRESOLVED_PRICING_REGION',
      path,
      prop: 'region',
      value: region,
      problem: `${how} (${provider.node.path}) takes its region from a token, which is only known at apply time`,
      allowed: 'a literal region code such as us-east-1',
      fix: `pass a literal region to ${provider.node.path}, or PriceBookSettings.of(stack).region('<region>') to name the region prices come from`,
    });
  }
  return region;
}
