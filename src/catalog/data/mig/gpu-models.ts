// MIG GPU models offered on EC2, transcribed from the upstream data named in SOURCES.md (same
// folder). test/catalog/mig-gpu-models.test.ts checks every profile, count and placement here
// against the copies in test/fixtures/mig.
import type { MigGpuModelSpec, MigPlacementEvidence, MigProfileSpec } from '../../mig-gpu-model.js';

function profile(name: string, computeSlices: number, memorySlices: number, starts: readonly number[]): MigProfileSpec {
  const memoryGB = Number(/^\d+g\.(\d+)gb/.exec(name)?.[1] ?? 0);
  return {
    name,
    computeSlices,
    memorySlices,
    starts,
    memoryGB,
    resourceName: `nvidia.com/mig-${name.replace(/\+/g, '.')}`,
    mediaExtensions: /\+me(\.all)?$/.test(name),
  };
}

/**
 * The 7-compute / 8-memory-slice geometry shared by A100, H100, H200, B200 and B300, as
 * `nvidia-smi mig -lgipp` prints it on H100 and H200: 1 slice at 0..6, 2 memory slices at
 * 0,2,4,6 (1g) or 0,2,4 (2g), 4 memory slices at 0,4 (3g) or 0 (4g), the whole GPU at 0.
 */
function sevenSliceProfiles(one: number, two: number, four: number, whole: number): MigProfileSpec[] {
  return [
    profile(`1g.${one}gb`, 1, 1, [0, 1, 2, 3, 4, 5, 6]),
    profile(`1g.${one}gb+me`, 1, 1, [0, 1, 2, 3, 4, 5, 6]),
    profile(`1g.${two}gb`, 1, 2, [0, 2, 4, 6]),
    profile(`2g.${two}gb`, 2, 2, [0, 2, 4]),
    profile(`3g.${four}gb`, 3, 4, [0, 4]),
    profile(`4g.${four}gb`, 4, 4, [0]),
    profile(`7g.${whole}gb`, 7, 8, [0]),
  ];
}

function sevenSliceModel(
  m: Omit<MigGpuModelSpec, 'computeSlices' | 'memorySlices' | 'profiles'> & { sizes: [number, number, number, number] },
): MigGpuModelSpec {
  const { sizes, ...rest } = m;
  return { ...rest, computeSlices: 7, memorySlices: 8, profiles: sevenSliceProfiles(...sizes) };
}

const DERIVED: MigPlacementEvidence = 'derived';
const MEASURED: MigPlacementEvidence = 'measured';

/** Every MIG-capable GPU model that an EC2 instance type in the catalog carries. */
export const MIG_GPU_MODELS: readonly MigGpuModelSpec[] = [
  sevenSliceModel({
    id: 'A100-SXM4-40GB',
    label: 'A100 40GB',
    gpuName: 'a100',
    gpuMemoryMiB: 40960,
    pciDeviceIds: ['0x20B010DE', '0x20B110DE', '0x20F110DE', '0x20F610DE'],
    sizes: [5, 10, 20, 40],
    placementEvidence: DERIVED,
    confidence: 'medium-high: profiles and counts from the MIG user guide A100-40GB table; placements from go-nvml\'s A100 table, identical to the measured H100 one; not measured',
  }),
  sevenSliceModel({
    id: 'A100-SXM4-80GB',
    label: 'A100 80GB',
    gpuName: 'a100',
    gpuMemoryMiB: 81920,
    pciDeviceIds: ['0x20B210DE', '0x20B510DE', '0x20F310DE', '0x20F510DE'],
    sizes: [10, 20, 40, 80],
    placementEvidence: DERIVED,
    confidence: 'medium-high: the user guide names the 80GB profiles with the 40GB counts; placements as A100 40GB; not measured',
  }),
  sevenSliceModel({
    id: 'H100-SXM5-80GB',
    label: 'H100 80GB',
    gpuName: 'h100',
    gpuMemoryMiB: 81920,
    pciDeviceIds: ['0x233010DE', '0x233110DE', '0x232210DE'],
    sizes: [10, 20, 40, 80],
    placementEvidence: MEASURED,
    confidence: 'measured: nvidia-smi mig -lgip/-lgipp on an H100 80GB HBM3 (PCI 0x233010DE), driver 580.159.04',
  }),
  sevenSliceModel({
    id: 'H200-SXM5-141GB',
    label: 'H200 141GB',
    gpuName: 'h200',
    gpuMemoryMiB: 144384,
    pciDeviceIds: ['0x233510DE', '0x233B10DE'],
    sizes: [18, 35, 71, 141],
    placementEvidence: MEASURED,
    confidence: 'measured: nvidia-smi mig -lgip/-lgipp on an H200, driver 580.159.04',
  }),
  sevenSliceModel({
    id: 'B200-180GB',
    label: 'B200 180GB',
    gpuName: 'b200',
    gpuMemoryMiB: 183359,
    pciDeviceIds: ['0x290110DE'],
    sizes: [23, 45, 90, 180],
    placementEvidence: DERIVED,
    confidence: 'medium-high: profiles and counts from mig-parted\'s default config (B200 block, all-balanced filter 0x290110DE); placements assume the measured Hopper structure; not measured',
  }),
  sevenSliceModel({
    id: 'B300-288GB',
    label: 'B300 288GB',
    gpuName: 'b300',
    gpuMemoryMiB: 275040,
    pciDeviceIds: ['0x318210DE'],
    sizes: [34, 67, 135, 269],
    placementEvidence: DERIVED,
    confidence: 'medium: profiles and counts from mig-parted\'s default config (all-balanced filter 0x318210DE) and AWS\'s P6-B300 list; placements assume the Hopper structure; not measured',
  }),
  {
    id: 'RTX-PRO-6000-Blackwell-96GB',
    label: 'RTX PRO 6000 96GB',
    gpuName: 'rtx-pro-server-6000',
    gpuMemoryMiB: 98304,
    computeSlices: 4,
    memorySlices: 4,
    pciDeviceIds: ['0x2BB510DE'],
    profiles: [
      profile('1g.24gb', 1, 1, [0, 1, 2, 3]),
      profile('1g.24gb+gfx', 1, 1, [0, 1, 2, 3]),
      profile('1g.24gb-me', 1, 1, [0, 1, 2, 3]),
      profile('1g.24gb+me.all', 1, 1, [0, 1, 2, 3]),
      profile('2g.48gb', 2, 2, [0, 2]),
      profile('2g.48gb+gfx', 2, 2, [0, 2]),
      profile('2g.48gb-me', 2, 2, [0, 2]),
      profile('2g.48gb+me.all', 2, 2, [0, 2]),
      profile('4g.96gb', 4, 4, [0]),
      profile('4g.96gb+gfx', 4, 4, [0]),
    ],
    placementEvidence: DERIVED,
    confidence: 'low: profiles and counts from mig-parted\'s default config (RTX PRO 6000 block); placements assume the A30-like 4-slice structure (1g at 0..3, 2g at 0,2, 4g at 0); whether +gfx and plain profiles mix on one GPU is not known',
  },
];

/** Karpenter GPU names of catalog types whose GPUs have no MIG (issue: name the MIG-capable types instead). */
export const NON_MIG_GPU_NAMES: readonly string[] = ['t4', 't4g', 'a10g', 'l4', 'l40s', 'v100'];
