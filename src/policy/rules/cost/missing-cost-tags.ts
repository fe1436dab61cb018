import type { PolicyRule } from '../../rule.js';
import { REQUIRED_COST_TAG_KEYS } from '../../../core/cost-tags.js';

/** A cost-bearing construct without team, cost-center and environment tags cannot be charged back. */
export const MissingCostTags: PolicyRule = {
  id: 'missing-cost-tags',
  area: 'cost',
  level: 'error',
  description: 'A cost-bearing construct lacks the required cost tags (team, cost-center, environment).',
  fix: 'pass costTags: { team, costCenter, environment } or call CostTags.of(stack).addAll({ ... })',
  evaluate(ctx) {
    return ctx.profiles.flatMap(({ profile }) => {
      const missing = REQUIRED_COST_TAG_KEYS.filter((k) => !(k in profile.tags) || profile.tags[k]!.trim() === '');
      return missing.length
        ? [{ constructPath: profile.constructPath, message: `costTags: lacks the required cost tag${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` }]
        : [];
    });
  },
};
