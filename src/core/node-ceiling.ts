import type { IConstruct } from './cdktf.js';
import { GpuClusterError } from '../base/errors.js';

/**
 * Context key for the largest `max` a node group may have. EKS allows 450 nodes per managed node
 * group; a platform that wants a lower (or, after a quota increase, higher) ceiling sets it once in
 * cdktf.json (`"context": { "cdktf-gpu-cluster:maxNodesPerNodeGroup": 200 }`) or with
 * `app.node.setContext(...)` before constructs are added. GpuNodeGroup's `maxNodesCeiling` default
 * and the `node-group-max-ceiling` policy rule both read it.
 */
export const MAX_NODES_CONTEXT_KEY = 'cdktf-gpu-cluster:maxNodesPerNodeGroup';

/** Ceiling when the context key is unset: EKS's managed node group quota. */
export const DEFAULT_MAX_NODES_PER_NODE_GROUP = 450;

/** The node ceiling in force at `scope` (context key, else 450). */
export function maxNodesPerNodeGroup(scope: IConstruct): number {
  const raw: unknown = scope.node.tryGetContext(MAX_NODES_CONTEXT_KEY);
  if (raw === undefined) return DEFAULT_MAX_NODES_PER_NODE_GROUP;
  // cdktf.json context values may arrive as strings.
  const value = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100_000) {
    throw new GpuClusterError({
      code: 'INVALID_CONTEXT',
      path: scope.node.path,
      prop: MAX_NODES_CONTEXT_KEY,
      value: raw,
      problem: 'is not a node count',
      allowed: 'an integer from 1 to 100000',
      fix: `set "${MAX_NODES_CONTEXT_KEY}": 450 in the context of cdktf.json, or remove it`,
    });
  }
  return value;
}
