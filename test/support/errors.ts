import { GpuClusterError } from '../../src/base/errors.js';

/** The GpuClusterError `fn` throws (failing when it throws anything else, or nothing). */
export function errorOf(fn: () => unknown): GpuClusterError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GpuClusterError);
    expect((e as Error).name).toBe('GpuClusterError');
    return e as GpuClusterError;
  }
  throw new Error('expected a GpuClusterError');
}
