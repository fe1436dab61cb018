/** One MIG GPU-instance profile of one GPU model, with where it may be placed. */
export interface MigProfileSpec {
  /** Profile name as nvidia-smi and mig-parted spell it, e.g. `3g.40gb`, `1g.10gb+me`. */
  readonly name: string;
  /** Compute slices (the `Ng` part). */
  readonly computeSlices: number;
  /** Memory slices one instance occupies (the placement size `nvidia-smi mig -lgipp` prints). */
  readonly memorySlices: number;
  /** Memory-slice offsets an instance may start at (the placement set of `-lgipp`). */
  readonly starts: readonly number[];
  /** Nominal memory from the name, GB. */
  readonly memoryGB: number;
  /** Extended resource under the device plugin's `mixed` strategy (`+` becomes `.`). */
  readonly resourceName: string;
  /**
   * True for profiles that take the GPU's media extensions (`+me`, `+me.all`): the GPU has one
   * set, so at most one such instance fits per GPU.
   */
  readonly mediaExtensions: boolean;
}

/** How the placement table of a GPU model is known. */
export type MigPlacementEvidence = 'measured' | 'derived';

/** A MIG-capable GPU model: its slices, profiles and placement rules. */
export interface MigGpuModelSpec {
  /** Stable id, e.g. `H100-SXM5-80GB` (as in NVIDIA's and mig-parted's tables). */
  readonly id: string;
  /** Short human label for messages, e.g. `H100 80GB`. */
  readonly label: string;
  /** Karpenter's `instance-gpu-name` of the instance types that carry it. */
  readonly gpuName: string;
  /** GPU memory per GPU as the instance catalog lists it (tells A100 40GB from 80GB). */
  readonly gpuMemoryMiB: number;
  /** Compute slices per GPU (7 on A100/H100/H200/B200/B300; 4 on RTX PRO 6000). */
  readonly computeSlices: number;
  /** Memory slices per GPU (8 or 4). */
  readonly memorySlices: number;
  /** PCI device ids (`0x233010DE`), for mig-parted's `device-filter`. */
  readonly pciDeviceIds: readonly string[];
  readonly profiles: readonly MigProfileSpec[];
  /** `measured`: placements read from `nvidia-smi mig -lgipp`; `derived`: from the family's structure. */
  readonly placementEvidence: MigPlacementEvidence;
  /** How much to trust the table, and why (see data/mig/SOURCES.md). */
  readonly confidence: string;
}
