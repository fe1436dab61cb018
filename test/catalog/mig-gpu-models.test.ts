import { InstanceCatalog } from '../../src/catalog/instance-catalog.js';
import { MigGpuModels } from '../../src/catalog/mig-gpu-models.js';
import { maxInstances } from '../../src/catalog/mig-placement.js';
import { NON_MIG_GPU_NAMES } from '../../src/catalog/data/mig/gpu-models.js';
import { measuredCounts, measuredPlacements, profilesJson } from './mig-fixtures.js';

const fixtureGpus = profilesJson().gpus;
const fixtureOf = (id: string) => fixtureGpus.find((g) => g.gpuModel.startsWith(id.replace(/-Blackwell-96GB$/, '')))!;

describe('MIG GPU models: the data matches the copied upstream tables', () => {
  test.each(MigGpuModels.all().map((m) => [m.id, m] as const))('%s: profiles, slices, resource names and PCI ids match profiles.json', (_id, model) => {
    const f = fixtureOf(model.id);
    expect(f).toBeDefined();
    expect(model.profiles.map((p) => p.name).sort()).toEqual(f.profiles.map((p) => p.name).sort());
    for (const p of model.profiles) {
      const fp = f.profiles.find((q) => q.name === p.name)!;
      expect([p.computeSlices, p.memorySlices, p.memoryGB, p.resourceName]).toEqual([fp.computeSlices, fp.memorySlices, fp.memoryGB, fp.k8sResourceName]);
    }
    expect(model.pciDeviceIds).toEqual(f.pciDeviceIds.map((id) => id.split(' ')[0]));
    expect([model.gpuName, model.gpuMemoryMiB]).toEqual([f.karpenterGpuName, f.karpenterGpuMemoryMiB]);
  });

  test.each(MigGpuModels.all().map((m) => [m.id, m] as const))('%s: the placement search fits exactly profiles.json maxCount of each profile alone', (_id, model) => {
    const f = fixtureOf(model.id);
    for (const p of model.profiles) {
      expect([p.name, maxInstances(model, p)]).toEqual([p.name, f.profiles.find((q) => q.name === p.name)!.maxCount]);
    }
  });

  test.each([
    ['h100', 'H100-SXM5-80GB'],
    ['h200', 'H200-SXM5-141GB'],
  ] as const)('%s placements are those nvidia-smi mig -lgipp measured', (gpu, id) => {
    const model = MigGpuModels.byId(id)!;
    expect(model.placementEvidence).toBe('measured');
    const measured = measuredPlacements(gpu);
    expect(measured.size).toBe(7);
    for (const p of model.profiles) {
      expect([p.name, p.starts, p.memorySlices]).toEqual([p.name, measured.get(p.name)!.starts, measured.get(p.name)!.size]);
      expect(maxInstances(model, p)).toBe(measuredCounts(gpu).get(p.name));
    }
  });

  test('the H100 table in numbers: 1g.10gb 0..6 size 1, 1g.20gb 0,2,4,6 size 2, 2g.20gb 0,2,4, 3g.40gb 0,4 size 4, 4g.40gb 0, 7g.80gb 0 size 8', () => {
    const h100 = MigGpuModels.byId('H100-SXM5-80GB')!;
    const table = Object.fromEntries(h100.profiles.map((p) => [p.name, `${p.starts.join(',')}:${p.memorySlices}`]));
    expect(table).toEqual({
      '1g.10gb': '0,1,2,3,4,5,6:1',
      '1g.10gb+me': '0,1,2,3,4,5,6:1',
      '1g.20gb': '0,2,4,6:2',
      '2g.20gb': '0,2,4:2',
      '3g.40gb': '0,4:4',
      '4g.40gb': '0:4',
      '7g.80gb': '0:8',
    });
    expect([h100.computeSlices, h100.memorySlices]).toEqual([7, 8]);
  });
});

describe('MIG GPU models: links to catalog instance types', () => {
  test('by GPU name and memory: p4d is the A100 40GB, p4de the A100 80GB', () => {
    expect(MigGpuModels.forInstanceType('p4d.24xlarge')?.id).toBe('A100-SXM4-40GB');
    expect(MigGpuModels.forInstanceType('p4de.24xlarge')?.id).toBe('A100-SXM4-80GB');
  });

  test.each(MigGpuModels.all().map((m) => [m.id, m] as const))('%s carries the instance types profiles.json names', (_id, model) => {
    const expected = fixtureOf(model.id).awsInstanceTypes;
    const actual = MigGpuModels.instanceTypesOf(model);
    if (expected[0] === 'g7e.*') expect(actual.every((t) => t.startsWith('g7e.')) && actual.length > 0).toBe(true);
    else expect(actual.sort()).toEqual([...expected].sort());
  });

  test('every catalog GPU type is either MIG-capable or has a GPU listed as without MIG', () => {
    const unaccounted = InstanceCatalog.gpuTypes().filter((s) => !MigGpuModels.forInstanceType(s.name) && !NON_MIG_GPU_NAMES.includes(s.gpuName));
    expect(unaccounted.map((s) => s.name)).toEqual([]);
    const fixtureNonMig = Object.values(profilesJson().nonMigGpusOnAws).flat();
    for (const family of fixtureNonMig) {
      for (const s of InstanceCatalog.byFamily(family)) expect(MigGpuModels.forInstanceType(s.name)).toBeUndefined();
    }
  });

  test('MIG-capable types, in catalog order', () => {
    expect(MigGpuModels.migCapableInstanceTypes().filter((t) => !t.startsWith('g7e.'))).toEqual([
      'p4d.24xlarge',
      'p4de.24xlarge',
      'p5.4xlarge',
      'p5.48xlarge',
      'p5e.48xlarge',
      'p5en.48xlarge',
      'p6-b200.48xlarge',
      'p6-b300.48xlarge',
    ]);
  });
});
