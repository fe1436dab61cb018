import { parse } from 'yaml';
import { NodeOverlay } from '../../src/karpenter/node-overlay.js';
import type { NodeOverlayProps } from '../../src/karpenter/node-overlay.js';
import { GpuNodePool } from '../../src/karpenter/gpu-node-pool.js';
import { synthJson } from '../support/synth.js';
import { crdErrors, errorOf, karpenterStack, objectOf, release, tags } from './support.js';

function synth(props: Partial<NodeOverlayProps> = {}) {
  const { stack, karpenter } = karpenterStack();
  const pool = new GpuNodePool(stack, 'l4', { karpenter, gpuNames: ['l4'], gpuLimit: 8, amiAlias: 'al2023@v20260714', disruption: { consolidateAfter: '5m' }, costTags: tags });
  new NodeOverlay(stack, 'Shared', { karpenter, nodePool: pool, capacity: { 'nvidia.com/gpu.shared': 4 }, ...props });
  return synthJson(stack);
}

describe('NodeOverlay', () => {
  test('advertises shared GPUs for a pool, validates against the v1alpha1 CRD and turns the feature gate on', () => {
    const json = synth({ priceAdjustment: '-15%', weight: 10 });
    const overlay = objectOf(json, 'NodeOverlay');
    expect(overlay).toEqual({
      apiVersion: 'karpenter.sh/v1alpha1',
      kind: 'NodeOverlay',
      metadata: { name: 'shared' },
      spec: { requirements: [{ key: 'karpenter.sh/nodepool', operator: 'In', values: ['l4'] }], capacity: { 'nvidia.com/gpu.shared': 4 }, priceAdjustment: '-15%', weight: 10 },
    });
    expect(crdErrors(overlay)).toEqual([]);
    expect(parse(release(json, 'karpenter').values[0]).settings.featureGates).toEqual({ nodeOverlay: true });
  });

  test('an absolute price validates too', () => {
    const json = synth({ capacity: undefined, price: '12.5' });
    expect(crdErrors(objectOf(json, 'NodeOverlay'))).toEqual([]);
  });

  test.each([
    [{ capacity: { 'nvidia.com/gpu': 4 } }, 'INVALID_OVERLAY_CAPACITY', 'nvidia.com/gpu.shared'],
    [{ capacity: { memory: 4 } }, 'INVALID_OVERLAY_CAPACITY', 'extended resources only'],
    [{ capacity: { 'nvidia.com/gpu.shared': 0 } }, 'OUT_OF_RANGE', 'capacity'],
    [{ price: '10', priceAdjustment: '-10%' }, 'CONFLICTING_PRICE', 'price'],
    [{ priceAdjustment: '-150%' }, 'INVALID_STRING', 'priceAdjustment'],
    [{ priceAdjustment: '15%' }, 'INVALID_STRING', 'priceAdjustment'],
    [{ price: '$10' }, 'INVALID_STRING', 'price'],
    [{ capacity: {} }, 'EMPTY_OVERLAY', 'capacity'],
    [{ weight: 0 }, 'OUT_OF_RANGE', 'weight'],
    [{ nodePool: undefined }, 'MISSING_REQUIREMENTS', 'requirements'],
  ])('%j is refused with %s naming %s', (props, code, text) => {
    const e = errorOf(() => synth(props as Partial<NodeOverlayProps>));
    expect(e.code).toBe(code);
    expect(e.message).toContain(text);
    expect(e.message).toContain('[test/Shared]');
  });
});
