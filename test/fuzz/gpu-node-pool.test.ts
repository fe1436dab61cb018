import fc from 'fast-check';
import { Karpenter } from '../../src/karpenter/karpenter.js';
import { GpuNodePool } from '../../src/karpenter/gpu-node-pool.js';
import type { GpuNodePoolProps } from '../../src/karpenter/gpu-node-pool.js';
import { corrupted, costTags, dnsName, duration, fuzzParams, gpuFamilies, gpuNames, labels, migSpec, rarely, sharingSpec, toMigLayout, toSharing } from './arbitraries.js';
import { expectSomeSynth, fuzzStack, outcomeOf } from './outcome.js';

const budget = fc.record({ nodes: fc.oneof(fc.constantFrom('0', '10%', '100%'), fc.integer({ min: 0, max: 5 })), schedule: fc.constantFrom('0 8 * * mon-fri', '@daily'), duration: fc.constantFrom('8h', '1h30m') }, { requiredKeys: ['nodes'] })
  .map((b) => (b.schedule !== undefined && b.duration === undefined ? { nodes: b.nodes } : b.schedule === undefined ? { nodes: b.nodes } : b));

const valid = fc.record(
  {
    gpuNames,
    families: rarely(gpuFamilies, 3),
    gpuLimit: fc.integer({ min: 8, max: 512 }),
    amiAlias: fc.constantFrom('al2023@v20260714', 'bottlerocket@v1.46.0', 'al2023@latest'),
    disruption: fc.record({ consolidateAfter: duration, consolidationPolicy: fc.constantFrom('WhenEmpty', 'WhenEmptyOrUnderutilized', 'Balanced'), budgets: fc.array(budget, { maxLength: 2 }) }, { requiredKeys: ['consolidateAfter'] }),
    capacityTypes: fc.constantFrom(['SPOT', 'ON_DEMAND'], ['ON_DEMAND'], ['SPOT']),
    interruptible: fc.boolean(),
    name: dnsName,
    labels,
    volume: fc.record({ sizeGiB: fc.integer({ min: 20, max: 2000 }), kmsKeyId: fc.constant('alias/ebs') }, { requiredKeys: [] }),
    expireAfter: duration,
    weight: fc.integer({ min: 1, max: 100 }),
    costTags,
    spotShare: rarely(fc.constantFrom(0, 0.5, 1), 3),
    limitOverrunNodes: fc.integer({ min: 0, max: 3 }),
    hoursPerMonth: fc.integer({ min: 0, max: 730 }),
    migLayout: rarely(migSpec),
    sharing: rarely(sharingSpec),
    capacityOverlay: fc.boolean(),
  },
  { requiredKeys: ['gpuNames', 'families', 'gpuLimit', 'amiAlias', 'disruption', 'costTags', 'migLayout', 'sharing', 'spotShare'] },
);
const KEYS = ['gpuNames', 'families', 'gpuLimit', 'amiAlias', 'disruption', 'capacityTypes', 'interruptible', 'name', 'labels', 'volume', 'expireAfter', 'weight', 'costTags', 'spotShare', 'limitOverrunNodes', 'hoursPerMonth', 'migLayout', 'sharing', 'capacityOverlay', 'requirements', 'taints', 'instanceTypes', 'gpuCounts', 'expectedGpusInUse', 'discoveryTagValue', 'karpenter'];

describe('fuzz: GpuNodePool', () => {
  test('random props (two pools, names sometimes duplicated) synthesize to CRD-valid objects or fail with a GpuClusterError', () => {
    const seen: string[] = [];
    fc.assert(
      fc.property(corrupted(valid, KEYS), fc.boolean(), (props, twice) => {
        const outcome = outcomeOf(() => {
          const stack = fuzzStack();
          const karpenter = new Karpenter(stack, 'karpenter', { clusterName: 'ml-prod', costTags: { team: 'platform', costCenter: 'cc-1', environment: 'prod' } });
          const p = { karpenter, ...props, migLayout: toMigLayout(props.migLayout), sharing: toSharing(props.sharing) } as GpuNodePoolProps;
          new GpuNodePool(stack, 'pool', p);
          if (twice) new GpuNodePool(stack, 'pool-2', p);
          return stack;
        });
        seen.push(outcome.kind);
        if (process.env.FUZZ_DEBUG && outcome.kind === 'error') console.log(outcome.error.message.slice(0, 200));
      }),
      fuzzParams,
    );
    expectSomeSynth(seen);
  });
});
