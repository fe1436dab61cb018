import { CapacityType, GpuClusterError, GpuInstanceType } from '../src/index.js';

describe('public contract (issue 13)', () => {
  test('CapacityType values are the EKS strings', () => {
    expect(CapacityType.ON_DEMAND).toBe('ON_DEMAND');
    expect(CapacityType.SPOT).toBe('SPOT');
  });

  test('errors are named GpuClusterError and begin with their code', () => {
    try {
      GpuInstanceType.of('nope.large');
      throw new Error('unreachable');
    } catch (e) {
      expect(e).toBeInstanceOf(GpuClusterError);
      expect((e as Error).name).toBe('GpuClusterError');
      expect((e as Error).message).toMatch(/^GpuClusterError UNKNOWN_INSTANCE_TYPE: /);
    }
  });
});
