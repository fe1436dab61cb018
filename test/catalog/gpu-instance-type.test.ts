import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { GpuClusterError, GpuInstanceType, InstanceCatalog } from '../../src/index.js';

// The generator's inputs, read here to check the generated catalog against them.
const karpenter = JSON.parse(readFileSync(join(__dirname, '../../data-sources/aws/gpu-instances.json'), 'utf8'));

describe('GpuInstanceType', () => {
  test('one static per catalog type, keyed by the API name upper-cased with . and - as _', () => {
    const statics = Object.entries(GpuInstanceType).filter(([, v]) => v instanceof GpuInstanceType);
    expect(statics.map(([k]) => k).sort()).toEqual(
      InstanceCatalog.gpuTypes().map((s) => s.name.toUpperCase().replace(/[.-]/g, '_')).sort(),
    );
    for (const [key, t] of statics) expect(key).toBe((t as GpuInstanceType).name.toUpperCase().replace(/[.-]/g, '_'));
  });

  test('of() returns the static, name and toString give the API name', () => {
    const t = GpuInstanceType.of('p6-b200.48xlarge');
    expect(t).toBe(GpuInstanceType.P6_B200_48XLARGE);
    expect(t.name).toBe('p6-b200.48xlarge');
    expect(`${t}`).toBe('p6-b200.48xlarge');
  });

  test.each(['p6-b200.96xlarge', '', 'G6E.XLARGE', 'm5.large', 'nope.large'])('of(%j) throws a GpuClusterError', (name) => {
    expect(() => GpuInstanceType.of(name)).toThrow(GpuClusterError);
  });
});

describe('InstanceCatalog', () => {
  test('covers every NVIDIA type of the Karpenter data plus g5g, and no AMD g4ad', () => {
    const names = InstanceCatalog.gpuTypes().map((s) => s.name);
    for (const i of karpenter.instances) expect(names).toContain(i.instanceType);
    expect(names.filter((n) => n.startsWith('g5g.'))).toHaveLength(6);
    expect(names.some((n) => n.startsWith('g4ad.'))).toBe(false);
  });

  test('specs match the source for p5.48xlarge, g6e.12xlarge and g5g.xlarge', () => {
    expect(GpuInstanceType.P5_48XLARGE.spec).toMatchObject({ gpuCount: 8, gpuName: 'h100', gpuMemoryMiB: 81920, vcpu: 192, memoryGiB: 2048, architecture: 'x86_64', efaInterfaces: 32 });
    expect(GpuInstanceType.G6E_12XLARGE.spec).toMatchObject({ gpuCount: 4, gpuModel: 'NVIDIA L40S', vcpu: 48, efaInterfaces: 1 });
    expect(GpuInstanceType.G5G_XLARGE.spec).toMatchObject({ gpuCount: 1, gpuName: 't4g', architecture: 'arm64', efaInterfaces: 0 });
  });

  test('fractional L4 types carry their partition, never 0 GPUs', () => {
    expect(GpuInstanceType.G6F_LARGE.spec.gpuCount).toBe(0.125);
    expect(GpuInstanceType.G6F_2XLARGE.spec.gpuCount).toBe(0.25);
    expect(GpuInstanceType.G6F_4XLARGE.spec.gpuCount).toBe(0.5);
    expect(GpuInstanceType.GR6F_4XLARGE.spec.gpuCount).toBe(0.5);
    for (const s of InstanceCatalog.gpuTypes()) expect(s.gpuCount).toBeGreaterThan(0);
  });

  test('lookups by GPU name and family', () => {
    expect(InstanceCatalog.byGpuName('H100').map((s) => s.name)).toEqual(['p5.4xlarge', 'p5.48xlarge']);
    expect(InstanceCatalog.byFamily('p4de').map((s) => s.name)).toEqual(['p4de.24xlarge']);
    expect(InstanceCatalog.system('m7i.large')?.vcpu).toBe(2);
  });
});
