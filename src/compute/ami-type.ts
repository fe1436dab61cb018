import { GpuClusterError } from '../base/errors.js';
import type { Architecture } from '../catalog/instance-spec.js';

/** The node operating system family an AMI type belongs to. */
export type NodeOs = 'al2023' | 'bottlerocket';

/**
 * EKS-optimized NVIDIA AMI types for managed node groups. Both families ship the NVIDIA driver and
 * container toolkit; Bottlerocket also ships the device plugin. AL2 reached end of life and is refused.
 */
export class AmiType {
  /** Amazon Linux 2023 with NVIDIA drivers, x86_64. */
  static readonly AL2023_X86_64_NVIDIA = new AmiType('AL2023_x86_64_NVIDIA', 'x86_64', 'al2023');
  /** Amazon Linux 2023 with NVIDIA drivers, arm64 (g5g). */
  static readonly AL2023_ARM_64_NVIDIA = new AmiType('AL2023_ARM_64_NVIDIA', 'arm64', 'al2023');
  /** Bottlerocket NVIDIA variant, x86_64. */
  static readonly BOTTLEROCKET_X86_64_NVIDIA = new AmiType('BOTTLEROCKET_x86_64_NVIDIA', 'x86_64', 'bottlerocket');
  /** Bottlerocket NVIDIA variant, arm64. */
  static readonly BOTTLEROCKET_ARM_64_NVIDIA = new AmiType('BOTTLEROCKET_ARM_64_NVIDIA', 'arm64', 'bottlerocket');

  private static readonly all = [
    AmiType.AL2023_X86_64_NVIDIA,
    AmiType.AL2023_ARM_64_NVIDIA,
    AmiType.BOTTLEROCKET_X86_64_NVIDIA,
    AmiType.BOTTLEROCKET_ARM_64_NVIDIA,
  ];

  /** The NVIDIA AMI type of `os` for an architecture. */
  static forArchitecture(arch: Architecture, os: NodeOs = 'al2023'): AmiType {
    return AmiType.all.find((a) => a.architecture === arch && a.os === os)!;
  }

  /** The AMI type EKS calls `name` (e.g. `AL2023_x86_64_NVIDIA`); GPU AMI types only, AL2 refused. */
  static of(name: string, prop = 'amiType', path?: string): AmiType {
    const found = AmiType.all.find((a) => a.name === name);
    if (found) return found;
    const eol = typeof name === 'string' && name.startsWith('AL2_');
    throw new GpuClusterError({
      code: eol ? 'AMI_END_OF_LIFE' : 'UNKNOWN_AMI_TYPE',
      path,
      prop,
      value: name,
      problem: eol ? 'is an Amazon Linux 2 AMI type; AL2 is end of life and gets no new NVIDIA drivers' : 'is not an EKS NVIDIA AMI type',
      allowed: AmiType.all.map((a) => a.name).join(', '),
      fix: 'use AmiType.AL2023_X86_64_NVIDIA (or the ARM / Bottlerocket variant), or leave amiType unset to follow the instance architecture',
    });
  }

  private constructor(
    /** The EKS `ami_type` value. */
    readonly name: string,
    /** CPU architecture the AMI runs on. */
    readonly architecture: Architecture,
    /** OS family. */
    readonly os: NodeOs,
  ) {}

  /**
   * Device name of the volume that holds container images: the root volume on AL2023, the data
   * volume on Bottlerocket (its root volume is the small OS image).
   */
  get imageVolumeDevice(): string {
    return this.os === 'bottlerocket' ? '/dev/xvdb' : '/dev/xvda';
  }

  toString(): string {
    return this.name;
  }
}
