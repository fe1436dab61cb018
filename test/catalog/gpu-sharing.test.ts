import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { errorOf } from '../support/errors.js';
import { GpuInstanceType } from '../../src/catalog/gpu-instance-type.js';
import { GpuSharing } from '../../src/catalog/gpu-sharing.js';
import { MigLayout } from '../../src/catalog/mig-layout.js';

function fixture(name: string): unknown {
  return parse(readFileSync(join(__dirname, `../fixtures/device-plugin/${name}`), 'utf8'));
}

const where = { path: 'stack/shared', prop: 'sharing' };

describe('GpuSharing renders the device plugin configs of NVIDIA README', () => {
  test.each([
    ['time-slicing.yaml', GpuSharing.timeSlicing({ replicas: 10 })],
    ['time-slicing-renameByDefault.yaml', GpuSharing.timeSlicing({ replicas: 10, renameByDefault: true })],
    ['mps.yaml', GpuSharing.mps({ replicas: 10 })],
    ['mps-renameByDefault.yaml', GpuSharing.mps({ replicas: 10, renameByDefault: true })],
  ])('%s', (file, sharing) => {
    expect(sharing.devicePluginConfig()).toEqual(fixture(file));
  });

  test("renameByDefault: false is the plugin's default, so it is left out (the GPU Operator's e2e config, false spelled out, means the same)", () => {
    const operatorTest = fixture('gpu-operator-tests-plugin-config.yaml') as { sharing: { timeSlicing: Record<string, unknown> } };
    expect(operatorTest.sharing.timeSlicing.renameByDefault).toBe(false);
    delete operatorTest.sharing.timeSlicing.renameByDefault;
    expect(GpuSharing.timeSlicing({ replicas: 10, renameByDefault: false }).devicePluginConfig()).toEqual(operatorTest);
  });

  test('failRequestsGreaterThanOne is written when asked for', () => {
    expect(GpuSharing.timeSlicing({ replicas: 4, failRequestsGreaterThanOne: true }).devicePluginConfig()).toEqual({
      version: 'v1',
      sharing: { timeSlicing: { failRequestsGreaterThanOne: true, resources: [{ name: 'nvidia.com/gpu', replicas: 4 }] } },
    });
  });
});

describe('GpuSharing with MIG layouts', () => {
  const mixed = MigLayout.mixed({ '3g.40gb': 1, '2g.20gb': 1, '1g.10gb': 1 });
  const uniform = MigLayout.uniform('1g.10gb');

  test('time-slicing under the mixed strategy shares each MIG resource of the layout (there is no nvidia.com/gpu to share)', () => {
    expect(GpuSharing.timeSlicing({ replicas: 3 }).devicePluginConfig({ migLayout: mixed })).toEqual({
      version: 'v1',
      sharing: {
        timeSlicing: {
          resources: [
            { name: 'nvidia.com/mig-3g.40gb', replicas: 3 },
            { name: 'nvidia.com/mig-2g.20gb', replicas: 3 },
            { name: 'nvidia.com/mig-1g.10gb', replicas: 3 },
          ],
        },
      },
    });
  });

  test('under the single strategy every MIG device is an nvidia.com/gpu, so that is what is shared', () => {
    expect(GpuSharing.timeSlicing({ replicas: 2 }).sharedResources({ migLayout: uniform })).toEqual(['nvidia.com/gpu']);
    // A uniform layout in a cluster whose operator runs the mixed strategy advertises the MIG resource.
    expect(GpuSharing.timeSlicing({ replicas: 2 }).sharedResources({ migLayout: uniform, strategy: 'mixed' })).toEqual(['nvidia.com/mig-1g.10gb']);
  });

  test('time-slicing with renameByDefault false under the single strategy is supported (the README documents its GFD labels)', () => {
    expect(() => GpuSharing.timeSlicing({ replicas: 2, renameByDefault: false }).devicePluginConfig({ migLayout: uniform })).not.toThrow();
  });

  test('MPS with a MIG layout is refused, naming the prop and the fix', () => {
    const e = errorOf(() => GpuSharing.mps({ replicas: 4 }).devicePluginConfig({ migLayout: uniform, where }));
    expect(e.code).toBe('MPS_WITH_MIG');
    expect(e.message).toContain('[stack/shared] sharing:');
    expect(e.message).toContain('not supported for MIG devices');
    expect(e.fix).toContain('GpuSharing.timeSlicing({ replicas: 4 })');
  });

  test('a derived config name carries the layout; a given name is kept', () => {
    expect(GpuSharing.timeSlicing({ replicas: 4 }).configName()).toBe('time-slicing-4');
    expect(GpuSharing.timeSlicing({ replicas: 4 }).configName(mixed)).toBe('time-slicing-4-1x3g.40gb_1x2g.20gb_1x1g.10gb');
    expect(GpuSharing.timeSlicing({ replicas: 4, renameByDefault: true, failRequestsGreaterThanOne: true }).name).toBe('time-slicing-4-renamed-strict');
    expect(GpuSharing.mps({ replicas: 8, renameByDefault: true }).name).toBe('mps-8-renamed');
    expect(GpuSharing.timeSlicing({ replicas: 4, name: 'shared-l4' }).configName(mixed)).toBe('shared-l4');
    const long = MigLayout.mixed({ '1g.10gb': 1, '1g.20gb': 1, '2g.20gb': 1 }, { name: 'a'.repeat(60) });
    const name = GpuSharing.timeSlicing({ replicas: 4 }).configName(long);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^time-slicing-4-a+-[0-9a-f]{8}$/);
  });
});

describe('GpuSharing: what a node advertises (hand-computed)', () => {
  test('g6e.12xlarge (4 x L40S), time-slicing x4 renamed: 16 nvidia.com/gpu.shared', () => {
    const s = GpuSharing.timeSlicing({ replicas: 4, renameByDefault: true });
    expect(s.advertisedResourcesPerNode(GpuInstanceType.G6E_12XLARGE)).toEqual({ 'nvidia.com/gpu.shared': 16 });
    expect(s.replicasPerNode('g6e.12xlarge')).toBe(16);
  });

  test('g6e.12xlarge, MPS x10: 40 nvidia.com/gpu', () => {
    expect(GpuSharing.mps({ replicas: 10 }).advertisedResourcesPerNode('g6e.12xlarge')).toEqual({ 'nvidia.com/gpu': 40 });
  });

  test('p5.48xlarge (8 x H100), all-1g.10gb (7 per GPU) x2: 112 nvidia.com/gpu (single), 112 nvidia.com/mig-1g.10gb (mixed)', () => {
    const s = GpuSharing.timeSlicing({ replicas: 2 });
    const migLayout = MigLayout.uniform('1g.10gb');
    expect(s.advertisedResourcesPerNode('p5.48xlarge', { migLayout })).toEqual({ 'nvidia.com/gpu': 112 });
    expect(s.advertisedResourcesPerNode('p5.48xlarge', { migLayout, strategy: 'mixed' })).toEqual({ 'nvidia.com/mig-1g.10gb': 112 });
  });

  test('p5.48xlarge, 3g.40gb + 2g.20gb + 1g.10gb x3 renamed: 24 of each .shared MIG resource, 72 replicas', () => {
    const s = GpuSharing.timeSlicing({ replicas: 3, renameByDefault: true });
    const migLayout = MigLayout.mixed({ '3g.40gb': 1, '2g.20gb': 1, '1g.10gb': 1 });
    expect(s.advertisedResourcesPerNode('p5.48xlarge', { migLayout })).toEqual({
      'nvidia.com/mig-3g.40gb.shared': 24,
      'nvidia.com/mig-2g.20gb.shared': 24,
      'nvidia.com/mig-1g.10gb.shared': 24,
    });
    expect(s.replicasPerNode('p5.48xlarge', { migLayout })).toBe(72);
  });

  test('a layout the GPU cannot run is the layout error (1g.5gb is an A100 40GB profile)', () => {
    const e = errorOf(() => GpuSharing.timeSlicing({ replicas: 2 }).advertisedResourcesPerNode('p5.48xlarge', { migLayout: MigLayout.uniform('1g.5gb'), where: { path: 'stack/x', prop: 'migLayout' } }));
    expect(e.code).toBe('UNKNOWN_MIG_PROFILE');
    expect(e.message).toContain('1g.10gb');
  });

  test('an unknown instance type is refused', () => {
    expect(errorOf(() => GpuSharing.mps({ replicas: 2 }).advertisedResourcesPerNode('p9.huge')).code).toBe('UNKNOWN_INSTANCE_TYPE');
  });
});

describe('GpuSharing: bad input', () => {
  test.each([
    [() => GpuSharing.timeSlicing({ replicas: 1 }), 'INVALID_SHARING_REPLICAS', 'one replica shares nothing'],
    [() => GpuSharing.timeSlicing({ replicas: 0 }), 'INVALID_SHARING_REPLICAS', 'from 2 to 64'],
    [() => GpuSharing.timeSlicing({ replicas: 2.5 }), 'INVALID_SHARING_REPLICAS', 'from 2 to 64'],
    [() => GpuSharing.timeSlicing({ replicas: Number.NaN }), 'INVALID_SHARING_REPLICAS', 'Given: NaN'],
    [() => GpuSharing.timeSlicing({ replicas: 65 }), 'INVALID_SHARING_REPLICAS', 'from 2 to 64'],
    [() => GpuSharing.mps({ replicas: 49 }), 'INVALID_SHARING_REPLICAS', '48 clients per GPU'],
    [() => GpuSharing.timeSlicing({ replicas: 4, name: 'Not a label!' }), 'INVALID_SHARING_NAME', 'device-plugin.config'],
    [() => GpuSharing.timeSlicing({ replicas: 4, name: '' }), 'INVALID_SHARING_NAME', 'label value'],
    [() => GpuSharing.timeSlicing({ replicas: 4, renameByDefault: 'yes' as never }), 'INVALID_GPU_SHARING', 'renameByDefault'],
    [() => GpuSharing.timeSlicing(undefined as never), 'INVALID_GPU_SHARING', 'options object'],
    [() => GpuSharing.mps({ replicas: 4, failRequestsGreaterThanOne: true } as never), 'INVALID_GPU_SHARING', 'time-slicing option'],
  ])('%#: %s', (fn, code, text) => {
    const e = errorOf(fn);
    expect(e.code).toBe(code);
    expect(e.message).toContain(text);
    expect(e.allowed).toBeTruthy();
    expect(e.fix).toBeTruthy();
  });
});
