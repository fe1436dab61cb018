import type { PolicyRule } from '../../rule.js';
import { single } from '../../terraform-view.js';
import { MAX_NODES_CONTEXT_KEY, maxNodesPerNodeGroup } from '../../../core/node-ceiling.js';

/**
 * A node group's max is its blast radius in cost and in quota. The ceiling defaults to EKS's 450
 * nodes per managed node group and is set with the `cdktf-gpu-cluster:maxNodesPerNodeGroup`
 * context key (cdktf.json), which GpuNodeGroup also uses as its default `maxNodesCeiling`.
 */
export const NodeGroupMaxCeiling: PolicyRule = {
  id: 'node-group-max-ceiling',
  area: 'security',
  level: 'error',
  description: `Node groups may not scale past the node ceiling (context key ${MAX_NODES_CONTEXT_KEY}, default 450).`,
  fix: `lower scaling_config.max_size, split the group, or raise the ceiling with the ${MAX_NODES_CONTEXT_KEY} context key`,
  evaluate(ctx) {
    return ctx.terraform.resources('aws_eks_node_group').flatMap((b) => {
      const ceiling = maxNodesPerNodeGroup(ctx.stack);
      const max = Number(single(b.attrs.scaling_config)?.max_size);
      return Number.isFinite(max) && max > ceiling ? [{ constructPath: b.path, message: `aws_eks_node_group.${b.name}: scaling_config.max_size ${max} is above the ceiling of ${ceiling} nodes` }] : [];
    });
  },
};
