import { GpuInstanceType } from '../../src/catalog/gpu-instance-type.js';
import { MigGpuModels } from '../../src/catalog/mig-gpu-models.js';
import { MigLayout } from '../../src/catalog/mig-layout.js';
import { profilesJson } from './mig-fixtures.js';
import { errorOf } from '../support/errors.js';

const H100 = 'p5.48xlarge';
const A100_40 = 'p4d.24xlarge';
const where = { path: 'stack/inference', prop: 'migLayout' };

describe('MigLayout: every uniform layout at its maximum count is placeable', () => {
  const cases = (['A100-SXM4-40GB', 'A100-SXM4-80GB', 'H100-SXM5-80GB', 'H200-SXM5-141GB'] as const).flatMap((id) => {
    const f = profilesJson().gpus.find((g) => g.gpuModel === id)!;
    return f.profiles.map((p) => [id, p.name, p.maxCount] as const);
  });

  test.each(cases)('%s: %s x %i', (id, profile, max) => {
    const model = MigGpuModels.byId(id)!;
    const placement = MigLayout.uniform(profile).validateFor(model);
    expect(placement.instances).toHaveLength(max);
    expect(MigLayout.uniform(profile, max).validateFor(model).instances).toEqual(placement.instances);
    if (max < 7) expect(errorOf(() => MigLayout.uniform(profile, max + 1).validateFor(model)).code).toBe('MIG_LAYOUT_UNPLACEABLE');
  });

  test('uniform 1g.10gb is 7 on an H100 and 4 on an A100 40GB (where 1g.10gb takes two memory slices)', () => {
    const layout = MigLayout.uniform('1g.10gb');
    expect(layout.countsFor(H100)).toEqual({ '1g.10gb': 7 });
    expect(layout.countsFor(A100_40)).toEqual({ '1g.10gb': 4 });
    expect(layout.validateFor(A100_40).instances.map((i) => i.start)).toEqual([0, 2, 4, 6]);
  });
});

describe('MigLayout: mixed layouts on an H100 80GB', () => {
  test('4g.40gb + 3g.40gb is placeable: 4g at 0, 3g at 4', () => {
    const placement = MigLayout.mixed({ '4g.40gb': 1, '3g.40gb': 1 }).validateFor(H100);
    expect(placement).toEqual({
      gpuModel: 'H100-SXM5-80GB',
      instances: [
        { profile: '4g.40gb', start: 0, size: 4, computeSlices: 4 },
        { profile: '3g.40gb', start: 4, size: 4, computeSlices: 3 },
      ],
      computeSlicesUsed: 7,
      memorySlicesUsed: 8,
    });
  });

  test('3g.40gb + 2g.20gb + 1g.10gb is placeable; 3 x 2g.20gb + 1g.10gb too (1g.10gb at 6)', () => {
    expect(MigLayout.mixed({ '3g.40gb': 1, '2g.20gb': 1, '1g.10gb': 1 }).validateFor(H100).instances.map((i) => [i.profile, i.start])).toEqual([
      ['3g.40gb', 0],
      ['2g.20gb', 4],
      ['1g.10gb', 6],
    ]);
    expect(MigLayout.mixed({ '2g.20gb': 3, '1g.10gb': 1 }).supports(H100)).toBe(true);
  });

  test('2 x 3g.40gb + 1g.10gb is not: the error gives the reason and a close layout that fits', () => {
    const e = errorOf(() => MigLayout.mixed({ '3g.40gb': 2, '1g.10gb': 1 }).validateFor(H100, where));
    expect(e.code).toBe('MIG_LAYOUT_UNPLACEABLE');
    expect(e.constructPath).toBe('stack/inference');
    expect(e.prop).toBe('migLayout');
    expect(e.value).toEqual({ '3g.40gb': 2, '1g.10gb': 1 });
    expect(e.message).toContain('needs 9 memory slices and the H100 80GB has 8');
    expect(e.allowed).toContain('3g.40gb at 0,4 (size 4)');
    expect(e.fix).toBe("use MigLayout.mixed({ '3g.40gb': 2 }) (2 x 3g.40gb), which fits");
    expect(MigLayout.mixed({ '3g.40gb': 2 }).supports(H100)).toBe(true);
  });

  test('on the measured table the offsets bind exactly at 7 compute and 8 memory slices: every such layout of plain profiles fits', () => {
    const plain = MigGpuModels.byId('H100-SXM5-80GB')!.profiles.filter((p) => !p.mediaExtensions);
    let checked = 0;
    const visit = (i: number, counts: Record<string, number>, compute: number, memory: number): void => {
      if (compute > 7 || memory > 8) return;
      if (i === plain.length) {
        if (compute === 0) return;
        checked++;
        expect([counts, MigLayout.mixed(counts).supports(H100)]).toEqual([counts, true]);
        return;
      }
      const p = plain[i]!;
      for (let n = 0; n <= 7; n++) visit(i + 1, n ? { ...counts, [p.name]: n } : counts, compute + n * p.computeSlices, memory + n * p.memorySlices);
    };
    visit(0, {}, 0, 0);
    expect(checked).toBeGreaterThan(50);
  });

  test('where offsets bind (a GPU whose 2g profile starts only at 0 and 4), the error says so', () => {
    const h100 = MigGpuModels.byId('H100-SXM5-80GB')!;
    const narrowGpu = { ...h100, id: 'TEST', label: 'test GPU', profiles: h100.profiles.map((p) => (p.name === '2g.20gb' ? { ...p, starts: [0, 4] } : p)) };
    const e = errorOf(() => MigLayout.mixed({ '2g.20gb': 3 }).validateFor(narrowGpu));
    expect(e.message).toContain('its 6 memory slices fit in 8, but not at the offsets the GPU allows: 2g.20gb starts only at 0,4 (size 2)');
    expect(e.fix).toBe("use MigLayout.mixed({ '2g.20gb': 2, '1g.20gb': 1 }) (2 x 2g.20gb + 1 x 1g.20gb), which fits");
  });

  test('two +me profiles never fit; the close layout swaps one for the plain profile', () => {
    const e = errorOf(() => MigLayout.mixed({ '1g.10gb+me': 2 }).validateFor(H100));
    expect(e.message).toContain('at most one +me instance fits');
    expect(e.fix).toBe("use MigLayout.mixed({ '1g.10gb': 1, '1g.10gb+me': 1 }) (1 x 1g.10gb + 1 x 1g.10gb+me), which fits");
    expect(MigLayout.uniform('1g.10gb+me').countsFor(H100)).toEqual({ '1g.10gb+me': 1 });
    expect(MigLayout.mixed({ '1g.10gb+me': 1, '1g.10gb': 6 }).supports(H100)).toBe(true);
  });

  test('a compute-bound layout explains the compute limit', () => {
    const e = errorOf(() => MigLayout.mixed({ '4g.40gb': 1, '3g.40gb': 1, '1g.10gb': 1 }).validateFor(H100));
    expect(e.message).toContain('needs 8 compute slices and the H100 80GB has 7');
  });
});

describe('MigLayout: profiles and GPUs that do not match', () => {
  test('1g.5gb on an H100 names the H100 profiles and the equivalent one', () => {
    const e = errorOf(() => MigLayout.uniform('1g.5gb').validateFor(GpuInstanceType.P5_48XLARGE, where));
    expect(e.code).toBe('UNKNOWN_MIG_PROFILE');
    expect(e.value).toBe('1g.5gb');
    expect(e.message).toContain('(1g.5gb belongs to the A100 40GB)');
    expect(e.allowed).toBe('H100 80GB profiles: 1g.10gb, 1g.10gb+me, 1g.20gb, 2g.20gb, 3g.40gb, 4g.40gb, 7g.80gb');
    expect(e.fix).toContain('use 1g.10gb, the same share of the H100 80GB');
  });

  test.each(['g6e.12xlarge', 'g5.48xlarge', 'g4dn.12xlarge', 'g6.xlarge', 'p3.16xlarge', 'g5g.xlarge', 'g6f.large'])(
    'MIG on %s is an error naming the MIG-capable instance types',
    (type) => {
      const e = errorOf(() => MigLayout.uniform('1g.10gb').validateFor(type, where));
      expect(e.code).toBe('MIG_NOT_SUPPORTED');
      expect(e.constructPath).toBe('stack/inference');
      expect(e.value).toBe(type);
      expect(e.allowed).toContain('p4d.24xlarge (A100 40GB); p4de.24xlarge (A100 80GB); p5.4xlarge, p5.48xlarge (H100 80GB); p5e.48xlarge, p5en.48xlarge (H200 141GB)');
      expect(e.fix).toContain('time-slicing or MPS');
      expect(MigLayout.uniform('1g.10gb').supports(type)).toBe(false);
    },
  );

  test('an unknown instance type is an UNKNOWN_INSTANCE_TYPE error, not a TypeError', () => {
    expect(errorOf(() => MigLayout.uniform('1g.10gb').validateFor('p5.48xlarg')).code).toBe('UNKNOWN_INSTANCE_TYPE');
    expect(errorOf(() => MigLayout.uniform('1g.10gb').supports('p5.96xlarge')).code).toBe('UNKNOWN_INSTANCE_TYPE');
    expect(errorOf(() => MigLayout.uniform('1g.10gb').narrow(['p5.48xlarge', 'm5.large'], where)).code).toBe('NOT_A_GPU_INSTANCE_TYPE');
  });
});

describe('MigLayout.narrow', () => {
  const pool = InstanceTypesOf(['h100', 'a100']);

  test("uniform('3g.40gb') on h100 + a100 drops p4d (A100 40GB has no 3g.40gb) and keeps p4de and p5", () => {
    const r = MigLayout.uniform('3g.40gb').narrow(pool);
    expect(r.kept).toEqual(['p4de.24xlarge', 'p5.4xlarge', 'p5.48xlarge']);
    expect(r.dropped).toEqual([{ instanceType: 'p4d.24xlarge', reason: 'A100 40GB has no 3g.40gb profile' }]);
    expect(r.warning).toContain('dropped p4d.24xlarge (A100 40GB has no 3g.40gb profile)');
    expect(r.error).toBeUndefined();
  });

  test('nothing dropped: no warning', () => {
    const r = MigLayout.uniform('1g.10gb').narrow(pool);
    expect(r.kept).toEqual(pool);
    expect(r.warning).toBeUndefined();
  });

  test('none left: an error naming the types that fit and the pool GPU profiles', () => {
    const r = MigLayout.uniform('3g.40gb').narrow(['p4d.24xlarge', GpuInstanceType.G6E_12XLARGE], where);
    expect(r.kept).toEqual([]);
    expect(r.error?.code).toBe('MIG_LAYOUT_NO_INSTANCE_TYPE');
    expect(r.error?.constructPath).toBe('stack/inference');
    expect(r.error?.allowed).toBe('instance types this layout fits: p4de.24xlarge (A100 80GB); p5.4xlarge, p5.48xlarge (H100 80GB)');
    expect(r.error?.fix).toContain('A100 40GB: 1g.5gb, 1g.5gb+me, 1g.10gb, 2g.10gb, 3g.20gb, 4g.20gb, 7g.40gb');
    expect(r.dropped.map((d) => d.reason)).toEqual(['A100 40GB has no 3g.40gb profile', 'g6e.12xlarge (NVIDIA L40S) has no MIG']);
  });
});

describe('MigLayout: slices for the cost engine and the device plugin', () => {
  const mixed = MigLayout.mixed({ '3g.40gb': 1, '2g.20gb': 1, '1g.10gb': 1 });

  test('slicesPerGpu uses the mixed strategy resource names; per node multiplies by the 8 GPUs of a p5.48xlarge', () => {
    expect(mixed.slicesPerGpu()).toEqual({ 'nvidia.com/mig-3g.40gb': 1, 'nvidia.com/mig-2g.20gb': 1, 'nvidia.com/mig-1g.10gb': 1 });
    expect(mixed.slicesPerNode('p5.48xlarge')).toEqual({ 'nvidia.com/mig-3g.40gb': 8, 'nvidia.com/mig-2g.20gb': 8, 'nvidia.com/mig-1g.10gb': 8 });
    expect(mixed.slicesPerNode('p5.4xlarge')).toEqual({ 'nvidia.com/mig-3g.40gb': 1, 'nvidia.com/mig-2g.20gb': 1, 'nvidia.com/mig-1g.10gb': 1 });
    expect(MigLayout.uniform('1g.10gb+me').slicesPerGpu('p5.48xlarge')).toEqual({ 'nvidia.com/mig-1g.10gb.me': 1 });
  });

  test('a filling uniform layout needs the GPU to count its slices', () => {
    const all = MigLayout.uniform('1g.10gb');
    expect(errorOf(() => all.slicesPerGpu()).code).toBe('MIG_LAYOUT_NEEDS_GPU');
    expect(all.slicesPerGpu('p4d.24xlarge')).toEqual({ 'nvidia.com/mig-1g.10gb': 4 });
    expect(all.slicesPerNode('p5.48xlarge')).toEqual({ 'nvidia.com/mig-1g.10gb': 56 });
    expect(errorOf(() => all.slicesPerNode('g6e.12xlarge')).code).toBe('MIG_NOT_SUPPORTED');
  });

  test('strategy: single for uniform (every slice is nvidia.com/gpu), mixed otherwise; one per cluster', () => {
    const all = MigLayout.uniform('1g.10gb');
    expect(all.strategy).toBe('single');
    expect(mixed.strategy).toBe('mixed');
    expect(all.advertisedResourcesPerNode('p5.48xlarge')).toEqual({ 'nvidia.com/gpu': 56 });
    expect(mixed.advertisedResourcesPerNode('p5.48xlarge')).toEqual(mixed.slicesPerNode('p5.48xlarge'));
    expect(MigLayout.clusterStrategy([all])).toBe('single');
    expect(MigLayout.clusterStrategy([all, mixed])).toBe('mixed');
  });
});

describe('MigLayout: names and bad input', () => {
  test('default names are derived, deterministic and valid label values', () => {
    expect(MigLayout.uniform('1g.10gb').name).toBe('all-1g.10gb');
    expect(MigLayout.uniform('1g.10gb+me').name).toBe('all-1g.10gb.me');
    expect(MigLayout.uniform('1g.10gb', 4).name).toBe('4x1g.10gb');
    expect(MigLayout.mixed({ '1g.10gb': 1, '3g.40gb': 1, '2g.20gb': 1 }).name).toBe('1x3g.40gb_1x2g.20gb_1x1g.10gb');
    expect(MigLayout.mixed({ '1g.10gb': 1, '3g.40gb': 1, '2g.20gb': 1 }).describe()).toBe('1 x 3g.40gb + 1 x 2g.20gb + 1 x 1g.10gb');
    const long = MigLayout.mixed({ '1g.24gb+me.all': 1, '1g.24gb+gfx': 1, '1g.24gb-me': 1, '1g.24gb': 1 });
    expect(long.name).toMatch(/^[A-Za-z0-9][-A-Za-z0-9_.]{0,61}[A-Za-z0-9]$/);
    expect(long.name).toBe(MigLayout.mixed({ '1g.24gb': 1, '1g.24gb-me': 1, '1g.24gb+gfx': 1, '1g.24gb+me.all': 1 }).name);
  });

  test('a given name is kept, and must be a label value', () => {
    expect(MigLayout.mixed({ '3g.40gb': 1 }, { name: 'inference-mixed' }).name).toBe('inference-mixed');
    expect(MigLayout.uniform('1g.10gb', { name: 'small' }).name).toBe('small');
    for (const bad of ['', 'has space', '-dash', 'a'.repeat(64), 'all-disabled']) {
      const e = errorOf(() => MigLayout.uniform('1g.10gb', 2, { name: bad }));
      expect(e.code).toBe('INVALID_MIG_LAYOUT_NAME');
    }
  });

  test.each([
    ['empty mixed', () => MigLayout.mixed({})],
    ['zero count', () => MigLayout.mixed({ '1g.10gb': 0 })],
    ['NaN count', () => MigLayout.mixed({ '1g.10gb': Number.NaN })],
    ['fractional count', () => MigLayout.uniform('1g.10gb', 1.5)],
    ['count above 7', () => MigLayout.uniform('1g.10gb', 8)],
    ['not a profile', () => MigLayout.uniform('10gb')],
    ['undefined profile', () => MigLayout.uniform(undefined as unknown as string)],
    ['null counts', () => MigLayout.mixed(null as unknown as Record<string, number>)],
  ])('%s is an INVALID_MIG_LAYOUT GpuClusterError', (_what, make) => {
    const e = errorOf(make);
    expect(e.code).toBe('INVALID_MIG_LAYOUT');
    expect(e.prop).toMatch(/^MigLayout\.(uniform|mixed)/);
    expect(e.allowed).toBeTruthy();
  });
});

function InstanceTypesOf(gpuNames: string[]): string[] {
  return MigGpuModels.migCapableInstanceTypes().filter((t) => gpuNames.some((g) => MigGpuModels.forInstanceType(t)!.gpuName === g));
}

test('narrow takes instance types only: a GPU model id or a non-GPU type in the list names its index', () => {
  const e = errorOf(() => MigLayout.uniform('1g.10gb').narrow(['p5.48xlarge', 'H100-SXM5-80GB'], { path: 'stack/pool' }));
  expect([e.code, e.prop, e.constructPath]).toEqual(['UNKNOWN_INSTANCE_TYPE', 'instanceTypes[1]', 'stack/pool']);
  expect(errorOf(() => MigLayout.uniform('1g.10gb').narrow(['m5.large'])).prop).toBe('instanceTypes[0]');
});
