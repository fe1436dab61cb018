import { AmiType } from '../compute/ami-type.js';
import { GpuClusterError } from '../base/errors.js';

/** The AMI of the GPU nodes: an EKS NVIDIA AMI type, or `'CUSTOM'` for an AMI without NVIDIA software. */
export type GpuNodeAmi = AmiType | 'CUSTOM';

/** Which GPU Operator components run, by default, on nodes of an AMI. */
export interface OperatorComponentDefaults {
  /** `driver.enabled`: the operator installs the NVIDIA driver. */
  readonly driver: boolean;
  /** `toolkit.enabled`: the operator installs the NVIDIA container toolkit. */
  readonly toolkit: boolean;
  /** `devicePlugin.enabled`: the operator runs the device plugin. */
  readonly devicePlugin: boolean;
}

/**
 * The operator's components that the node AMI does not already provide:
 *
 * | AMI | driver | toolkit | devicePlugin |
 * |---|---|---|---|
 * | AL2023 NVIDIA (x86_64, arm64) | false (in the AMI) | false (in the AMI) | true |
 * | Bottlerocket NVIDIA (x86_64, arm64) | false (in the AMI) | false (in the AMI) | false (in the AMI) |
 * | CUSTOM | true | true | true |
 *
 * A second driver or toolkit on a node that has one fails to load, and a second device plugin
 * registers `nvidia.com/gpu` twice.
 */
export function operatorComponentDefaults(ami: GpuNodeAmi): OperatorComponentDefaults {
  if (ami === 'CUSTOM') return { driver: true, toolkit: true, devicePlugin: true };
  return { driver: false, toolkit: false, devicePlugin: ami.os !== 'bottlerocket' };
}

/** Resolves the `amiType` prop: an AmiType, its EKS name, or 'CUSTOM'. */
export function resolveGpuNodeAmi(given: unknown, prop: string, path: string): GpuNodeAmi {
  if (given === 'CUSTOM') return 'CUSTOM';
  if (given instanceof AmiType) return given;
  try {
    return AmiType.of(given as string, prop, path);
  } catch (e) {
    if (!(e instanceof GpuClusterError)) throw e;
    throw new GpuClusterError({
      code: e.code,
      path,
      prop,
      value: given,
      problem: 'is not the AMI of GPU nodes the operator knows',
      allowed: `${e.allowed}, or 'CUSTOM' (an AMI without NVIDIA software: the operator installs driver, toolkit and device plugin)`,
      fix: 'pass the amiType of the GPU node groups (AmiType.AL2023_X86_64_NVIDIA, ...), or CUSTOM',
    });
  }
}
