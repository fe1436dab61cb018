/** CPU architecture of an instance type, as EC2 names it. */
export type Architecture = 'x86_64' | 'arm64';

/** One EC2 GPU instance type, as the catalog knows it. */
export interface GpuInstanceSpec {
  /** API name, e.g. `g6e.12xlarge`. */
  readonly name: string;
  /** Family, e.g. `g6e`. */
  readonly family: string;
  readonly vcpu: number;
  readonly memoryGiB: number;
  /**
   * GPUs per instance. Fractional for partitioned types (g6f, gr6f: 0.125, 0.25, 0.5 of one L4),
   * which advertise no whole `nvidia.com/gpu`; cost per GPU-hour divides by this, never by 0.
   */
  readonly gpuCount: number;
  /** GPU model as EC2 reports it, e.g. `NVIDIA L40S`. */
  readonly gpuModel: string;
  /** Karpenter's `karpenter.k8s.aws/instance-gpu-name` value, e.g. `l40s`. */
  readonly gpuName: string;
  /** GPU memory per GPU (or per partition), MiB. */
  readonly gpuMemoryMiB: number;
  readonly architecture: Architecture;
  /** Maximum EFA interfaces (0: no EFA). */
  readonly efaInterfaces: number;
  /** Where the spec was read (repository, path, commit). */
  readonly specSource: string;
}

/** A non-GPU instance type the price data covers (system node groups). */
export interface SystemInstanceSpec {
  readonly name: string;
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly architecture: Architecture;
}
