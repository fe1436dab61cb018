import type { IAspect, IConstruct } from './cdktf.js';
import { Aspects, TerraformProvider, TerraformResource, Token } from './cdktf.js';
import { PropChecker } from './validate.js';

/**
 * The cost-allocation tags of a construct. `team`, `costCenter` and `environment` are required
 * (budgets and chargeback group by them); other keys are written as given, within AWS tag limits.
 */
export interface CostTagSet {
  /** Owning team; AWS tag key `team`. */
  readonly team: string;
  /** Cost center charged; AWS tag key `cost-center`. */
  readonly costCenter: string;
  /** Environment (prod, staging, ...); AWS tag key `environment`. */
  readonly environment: string;
  /**
   * Project; AWS tag key `project`.
   * @default - no project tag
   */
  readonly project?: string;
  /**
   * Owner (person or alias); AWS tag key `owner`.
   * @default - no owner tag
   */
  readonly owner?: string;
  /** Further tags, written with their keys as given. */
  readonly [key: string]: string | undefined;
}

/** AWS tag keys for the named members of CostTagSet. */
export const COST_TAG_KEYS = {
  team: 'team',
  costCenter: 'cost-center',
  environment: 'environment',
  project: 'project',
  owner: 'owner',
} as const;

/** The AWS tag keys every cost-bearing construct must carry. */
export const REQUIRED_COST_TAG_KEYS = [COST_TAG_KEYS.team, COST_TAG_KEYS.costCenter, COST_TAG_KEYS.environment] as const;

/** AWS's documented tag character set: letters, numbers, spaces and _ . : / = + - @ */
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MAX_TAGS = 50;

/** Validates one AWS tag; throws a GpuClusterError naming `prop`. */
export function checkTag(checker: PropChecker, prop: string, key: unknown, value: unknown, required = false): void {
  if (typeof key !== 'string' || key.length < 1 || [...key].length > 128 || !TAG_CHARS.test(key)) {
    checker.fail(
      'INVALID_TAG_KEY',
      prop,
      key,
      'is not a valid AWS tag key',
      '1-128 characters: letters, numbers, spaces and _ . : / = + - @',
      'rename the tag key',
    );
  }
  if (key.toLowerCase().startsWith('aws:')) {
    checker.fail('RESERVED_TAG_KEY', prop, key, 'uses the reserved prefix aws:', 'any key not starting with aws: (any case)', 'drop the aws: prefix');
  }
  if (typeof value === 'string' && Token.isUnresolved(value)) {
    // team, cost-center and environment group budgets, node labels and reports at synth.
    if (required) checker.literal(prop, value, `budgets, node labels and cost reports group by ${key} at synth, when a token has no value yet`);
    return;
  }
  if (typeof value !== 'string' || [...value].length > 256 || !TAG_CHARS.test(value)) {
    checker.fail(
      'INVALID_TAG_VALUE',
      `${prop}`,
      value,
      `is not a valid AWS tag value for key ${JSON.stringify(key)}`,
      'a string of 0-256 characters: letters, numbers, spaces and _ . : / = + - @ (no newline, no ${)',
      'shorten the value or remove the other characters',
    );
  }
  if (required && value.trim() === '') {
    checker.fail('BLANK_COST_TAG', prop, value, 'is blank', 'a non-blank value', `set ${prop} to the ${key} that pays for this resource`);
  }
}

/** Converts a CostTagSet to AWS tags, validating every key and value. */
export function costTagsToAwsTags(set: unknown, checker: PropChecker, prop = 'costTags'): Record<string, string> {
  if (set === null || typeof set !== 'object' || Array.isArray(set)) {
    checker.fail('INVALID_COST_TAGS', prop, set, 'must be an object', '{ team, costCenter, environment, project?, owner?, ...custom }', 'pass a CostTagSet');
  }
  const tags: Record<string, string> = {};
  for (const [name, value] of Object.entries(set as Record<string, unknown>)) {
    if (value === undefined && !(name in COST_TAG_KEYS)) continue;
    const known = COST_TAG_KEYS[name as keyof typeof COST_TAG_KEYS];
    if (value === undefined && (name === 'project' || name === 'owner')) continue;
    const key = known ?? name;
    checkTag(checker, `${prop}.${name}`, key, value, (REQUIRED_COST_TAG_KEYS as readonly string[]).includes(key));
    tags[key] = value as string;
  }
  for (const [name, key] of Object.entries(COST_TAG_KEYS)) {
    if ((REQUIRED_COST_TAG_KEYS as readonly string[]).includes(key) && !(key in tags)) {
      checker.fail('MISSING_COST_TAG', `${prop}.${name}`, undefined, 'is required', 'a non-blank string', `add ${name} to ${prop}`);
    }
  }
  if (Object.keys(tags).length > MAX_TAGS) {
    checker.fail('TOO_MANY_TAGS', prop, Object.keys(tags).length, 'has more tags than AWS allows on one resource', `at most ${MAX_TAGS}`, 'drop some custom tags');
  }
  return tags;
}

const registry = new WeakMap<IConstruct, CostTags>();

/**
 * Stack-wide (or subtree-wide) cost tags, like aws-cdk's `Tags.of(scope)`: tags added to a scope
 * reach every taggable resource under it, the launch templates' instance, volume and
 * network-interface tag specifications, and the cost profiles budgets group by. A construct's own
 * `costTags` prop wins over tags added to its scopes; nearer scopes win over farther ones.
 */
export class CostTags {
  /** The cost tags of `scope` (created on first use). */
  static of(scope: IConstruct): CostTags {
    let tags = registry.get(scope);
    if (!tags) {
      tags = new CostTags(scope);
      registry.set(scope, tags);
    }
    return tags;
  }

  /** The tags that apply at `construct`: every scope's CostTags from the root down, nearest last. */
  static resolve(construct: IConstruct): Record<string, string> {
    const merged: Record<string, string> = {};
    for (const scope of construct.node.scopes) Object.assign(merged, registry.get(scope)?.tags);
    return merged;
  }

  private readonly tags: Record<string, string> = {};
  private readonly checker: PropChecker;
  private aspectAdded = false;
  private providerDefaults = false;

  private constructor(private readonly scope: IConstruct) {
    this.checker = new PropChecker(scope.node.path || '<app>');
  }

  /** Adds one tag (an AWS tag key such as `team` or `cost-center`). */
  add(key: string, value: string): this {
    checkTag(this.checker, `CostTags.add(${JSON.stringify(key)})`, key, value,
      (REQUIRED_COST_TAG_KEYS as readonly string[]).includes(key));
    this.tags[key] = value;
    this.ensureAspect();
    return this;
  }

  /** Adds a whole (possibly partial) CostTagSet, mapping `costCenter` to `cost-center` and so on. */
  addAll(set: Partial<CostTagSet>): this {
    for (const [name, value] of Object.entries(set)) {
      if (value === undefined) continue;
      this.add(COST_TAG_KEYS[name as keyof typeof COST_TAG_KEYS] ?? name, value);
    }
    return this;
  }

  /**
   * Also writes these tags into the `default_tags` of every AWS provider under the scope, so that
   * resources outside this library are tagged too. Opt-in: default tags change `tags_all` of every
   * resource the provider manages.
   */
  applyToProviderDefaultTags(): this {
    this.providerDefaults = true;
    this.ensureAspect();
    return this;
  }

  /** The tags added to this scope itself (not its parents). */
  get added(): Readonly<Record<string, string>> {
    return { ...this.tags };
  }

  private ensureAspect(): void {
    if (this.aspectAdded) return;
    this.aspectAdded = true;
    Aspects.of(this.scope).add(new CostTagAspect(() => this.providerDefaults));
  }
}

/** Merges resolved cost tags into taggable resources whose tags are plain maps (our constructs set theirs lazily). */
class CostTagAspect implements IAspect {
  constructor(private readonly providerDefaults: () => boolean) {}

  visit(node: IConstruct): void {
    if (node instanceof TerraformResource && 'tagsInput' in node) {
      const taggable = node as TerraformResource & { tagsInput?: Record<string, string>; tags: Record<string, string> };
      const own = taggable.tagsInput;
      if (own !== undefined && Token.isUnresolved(own)) return;
      taggable.tags = { ...CostTags.resolve(node), ...own };
    } else if (this.providerDefaults() && node instanceof TerraformProvider && node.terraformResourceType === 'aws') {
      const provider = node as TerraformProvider & { defaultTags?: Array<{ tags?: Record<string, string> }> };
      const own = provider.defaultTags?.[0]?.tags;
      provider.defaultTags = [{ tags: { ...CostTags.resolve(node), ...own } }];
    }
  }
}
