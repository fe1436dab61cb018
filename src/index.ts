// cdktf-gpu-cluster: the public API. Keep this cheap to import: price data, schemas and
// validators load lazily, on first use.
export { GpuClusterError } from './core/errors.js';
export type { GpuClusterErrorDetails } from './core/errors.js';
export { CostTags, COST_TAG_KEYS, REQUIRED_COST_TAG_KEYS } from './core/cost-tags.js';
export type { CostTagSet } from './core/cost-tags.js';
export { LABEL_PREFIX } from './core/labels.js';
export { costProfileOf, collectCostProfiles } from './core/cost-registry.js';

export { GpuInstanceType } from './catalog/gpu-instance-type.js';
export { InstanceCatalog } from './catalog/instance-catalog.js';
export type { Architecture, GpuInstanceSpec, SystemInstanceSpec } from './catalog/instance-spec.js';

export { CapacityType } from './compute/capacity-type.js';
export { AmiType } from './compute/ami-type.js';
export type { NodeOs } from './compute/ami-type.js';
export { GpuNodeGroup } from './compute/gpu-node-group.js';
export type { GpuNodeGroupProps, NodeGroupScaling, NodeTaint, NodeVolume } from './compute/gpu-node-group.js';
export { GpuNodeRole } from './compute/node-role.js';

export { HOURS_PER_MONTH } from './cost/cost-profile.js';
export type { CostProfile, ComputeCostProfile, NodePoolCostProfile, FixedCostProfile, FixedCostItem, NodeStorage } from './cost/cost-profile.js';
