import type { PolicyRule, RawFinding } from '../../rule.js';
import { asList, objectRef, single } from '../../terraform-view.js';

const on = (v: unknown) => v === true || v === 'true';

/**
 * Node volumes hold container images, model weights and scratch data. Every EBS volume the stack
 * defines must be encrypted: launch template and instance block devices, EBS volumes, and
 * EC2NodeClass blockDeviceMappings (Karpenter's own default mapping is encrypted). An
 * aws_ebs_encryption_by_default resource that is enabled covers them all.
 */
export const EbsEncryption: PolicyRule = {
  id: 'ebs-encryption',
  area: 'security',
  level: 'error',
  description: 'EBS volumes (launch templates, instances, volumes, EC2NodeClass blockDeviceMappings) must be encrypted.',
  fix: 'set encrypted = true on the block device (EC2NodeClass: ebs.encrypted: true), optionally with a KMS key, or enable aws_ebs_encryption_by_default',
  evaluate(ctx) {
    const tf = ctx.terraform;
    if (tf.resources('aws_ebs_encryption_by_default').some((b) => b.attrs.enabled === undefined || on(b.attrs.enabled))) return [];
    const findings: RawFinding[] = [];
    const flag = (path: string, where: string, value: unknown) =>
      findings.push({ constructPath: path, message: `${where}: encrypted is ${value === undefined ? 'unset' : JSON.stringify(value)}` });
    for (const b of tf.resources('aws_launch_template')) {
      asList(b.attrs.block_device_mappings).forEach((m: Record<string, any>, i) => {
        const ebs = single(m?.ebs);
        if (ebs && !on(ebs.encrypted)) flag(b.path, `aws_launch_template.${b.name} block_device_mappings[${i}] (${m.device_name ?? 'no device'})`, ebs.encrypted);
      });
    }
    for (const b of tf.resources('aws_instance')) {
      const root = single(b.attrs.root_block_device);
      if (!root || !on(root.encrypted)) flag(b.path, `aws_instance.${b.name} root_block_device`, root?.encrypted);
      asList(b.attrs.ebs_block_device).forEach((d: Record<string, any>, i) => {
        if (!on(d?.encrypted)) flag(b.path, `aws_instance.${b.name} ebs_block_device[${i}]`, d?.encrypted);
      });
    }
    for (const b of tf.resources('aws_ebs_volume')) {
      if (!on(b.attrs.encrypted)) flag(b.path, `aws_ebs_volume.${b.name}`, b.attrs.encrypted);
    }
    for (const { object, path } of tf.kubernetesObjects()) {
      if (object.kind !== 'EC2NodeClass') continue;
      asList(object.spec?.blockDeviceMappings).forEach((m: Record<string, any>, i) => {
        if (m?.ebs && !on(m.ebs.encrypted)) flag(path, `${objectRef(object)} spec.blockDeviceMappings[${i}] (${m.deviceName ?? 'no device'})`, m.ebs.encrypted);
      });
    }
    return findings;
  },
};
