import fc from 'fast-check';
import { Karpenter } from '../../src/karpenter/karpenter.js';
import type { KarpenterProps } from '../../src/karpenter/karpenter.js';
import { NodeOverlay } from '../../src/karpenter/node-overlay.js';
import type { NodeOverlayProps } from '../../src/karpenter/node-overlay.js';
import { cleanString, clusterName, corrupted, costTags, dnsName, fuzzParams, rarely } from './arbitraries.js';
import { expectSomeSynth, fuzzStack, outcomeOf } from './outcome.js';

const karpenterProps = fc.record(
  {
    clusterName,
    namespace: dnsName,
    interruptionQueueName: fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/),
    replicas: fc.integer({ min: 1, max: 10 }),
    serviceMonitor: fc.boolean(),
    costTags,
    additionalValues: fc.dictionary(fc.constantFrom('logLevel', 'podAnnotations', 'priorityClassName', 'settings'), fc.oneof(dnsName, fc.dictionary(dnsName, cleanString({ maxLength: 10 }), { maxKeys: 2 })), { maxKeys: 2 }),
    irsa: rarely(fc.constant({ oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC', oidcIssuer: 'oidc.eks.us-east-1.amazonaws.com/id/ABC' }), 2),
  },
  { requiredKeys: ['clusterName'] },
);
const KARPENTER_KEYS = ['clusterName', 'namespace', 'interruptionQueueName', 'replicas', 'serviceMonitor', 'costTags', 'additionalValues', 'irsa', 'awsNodeTerminationHandler'];

const requirement = fc.record({ key: fc.constantFrom('node.kubernetes.io/instance-type', 'karpenter.k8s.aws/instance-family', 'example.com/tier'), operator: fc.constantFrom('In', 'NotIn'), values: fc.array(dnsName, { minLength: 1, maxLength: 2 }) });
const overlayProps = fc.record(
  {
    requirements: fc.array(requirement, { minLength: 1, maxLength: 2 }),
    capacity: fc.dictionary(fc.constantFrom('nvidia.com/gpu.shared', 'nvidia.com/mig-1g.10gb', 'example.com/fpga'), fc.integer({ min: 1, max: 64 }), { minKeys: 1, maxKeys: 2 }),
    price: rarely(fc.oneof(fc.record({ priceAdjustment: fc.constantFrom('-15%', '+10%', '-0.5', '+1') }), fc.record({ price: fc.constantFrom('1.25', '0.5') })), 1),
    weight: fc.integer({ min: 1, max: 100 }),
    name: dnsName,
  },
  { requiredKeys: ['requirements', 'price'] },
).map(({ price, ...rest }) => ({ ...rest, ...price }));
const OVERLAY_KEYS = ['requirements', 'capacity', 'priceAdjustment', 'price', 'weight', 'name', 'nodePool', 'karpenter'];

describe('fuzz: Karpenter', () => {
  test('random props synthesize to clean Terraform or fail with a GpuClusterError', () => {
    const seen: string[] = [];
    fc.assert(
      fc.property(corrupted(karpenterProps, KARPENTER_KEYS), (props) => {
        seen.push(outcomeOf(() => {
          const stack = fuzzStack();
          new Karpenter(stack, 'karpenter', props as KarpenterProps);
          return stack;
        }).kind);
      }),
      fuzzParams,
    );
    expectSomeSynth(seen);
  });
});

describe('fuzz: NodeOverlay', () => {
  test('random props (two overlays, names sometimes duplicated) synthesize to CRD-valid objects or fail with a GpuClusterError', () => {
    const seen: string[] = [];
    fc.assert(
      fc.property(corrupted(overlayProps, OVERLAY_KEYS), fc.boolean(), (props, twice) => {
        const outcome = outcomeOf(() => {
          const stack = fuzzStack();
          const karpenter = new Karpenter(stack, 'karpenter', { clusterName: 'ml-prod', costTags: { team: 'platform', costCenter: 'cc-1', environment: 'prod' } });
          new NodeOverlay(stack, 'overlay', { karpenter, ...props } as NodeOverlayProps);
          if (twice) new NodeOverlay(stack, 'overlay-2', { karpenter, ...props } as NodeOverlayProps);
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
