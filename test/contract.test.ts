import { execFileSync } from 'node:child_process';
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

  test('importing the package index through tsx takes under 400 ms', () => {
    const script = `const t=performance.now(); await import('./src/index.ts'); console.log(performance.now()-t)`;
    const times = [0, 1, 2].map(() =>
      Number(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }).trim()),
    );
    expect(Math.min(...times)).toBeLessThan(400);
  });
});
