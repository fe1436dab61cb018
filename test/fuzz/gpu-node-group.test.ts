import fc from 'fast-check';
import { GpuNodeGroup } from '../../src/compute/gpu-node-group.js';
import type { GpuNodeGroupProps } from '../../src/compute/gpu-node-group.js';
import { clusterName, corrupted, costTags, fuzzParams, instanceTypes, labels, migSpec, rarely, scaling, sharingSpec, subnetIds, toMigLayout, toSharing } from './arbitraries.js';
import { expectSomeSynth, fuzzStack, outcomeOf } from './outcome.js';
import type { Outcome } from './outcome.js';

const valid = fc.record(
  {
    clusterName,
    subnetIds,
    instanceTypes,
    scaling,
    costTags,
    capacityType: fc.constantFrom('ON_DEMAND', 'SPOT'),
    nodeGroupName: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
    labels,
    volume: fc.record({ sizeGiB: fc.integer({ min: 20, max: 2000 }), iops: fc.constantFrom(3000, 6000), throughputMiBps: fc.constantFrom(125, 250) }, { requiredKeys: [] }),
    imdsHopLimit: fc.constant(1),
    maxUnavailable: fc.integer({ min: 1, max: 5 }),
    hoursPerMonth: fc.integer({ min: 0, max: 730 }),
    nodeRepair: fc.boolean(),
    efa: rarely(fc.constant(true)),
    migLayout: rarely(migSpec),
    sharing: rarely(sharingSpec),
  },
  { requiredKeys: ['clusterName', 'subnetIds', 'instanceTypes', 'scaling', 'costTags', 'efa', 'migLayout', 'sharing'] },
);
const KEYS = ['clusterName', 'subnetIds', 'instanceTypes', 'scaling', 'costTags', 'capacityType', 'nodeGroupName', 'labels', 'volume', 'imdsHopLimit', 'maxUnavailable', 'hoursPerMonth', 'nodeRepair', 'efa', 'migLayout', 'sharing', 'maxNodesCeiling', 'nodeRoleArn', 'taints', 'amiType'];

describe('fuzz: GpuNodeGroup', () => {
  test('random props synthesize to clean Terraform or fail with a GpuClusterError', () => {
    const seen: Outcome['kind'][] = [];
    fc.assert(
      fc.property(corrupted(valid, KEYS), fc.boolean(), (props, twice) => {
        const outcome = outcomeOf(() => {
          const stack = fuzzStack();
          const p = { ...props, migLayout: toMigLayout((props as Record<string, unknown>).migLayout), sharing: toSharing((props as Record<string, unknown>).sharing) } as GpuNodeGroupProps;
          new GpuNodeGroup(stack, 'group', p);
          // Duplicated names: a second group with the same nodeGroupName prefix in the same stack.
          if (twice) new GpuNodeGroup(stack, 'group-2', p);
          return stack;
        });
        seen.push(outcome.kind);
        if (process.env.FUZZ_DEBUG && outcome.kind === "error") console.log(outcome.error.message.slice(0, 200));
      }),
      fuzzParams,
    );
    expectSomeSynth(seen);
  });
});
