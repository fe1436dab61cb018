import type { PolicyRule, RawFinding } from '../../rule.js';
import { metadataOptionsInForce } from '../../metadata-options.js';

/**
 * With a hop limit of 1 the IMDSv2 token response dies one hop away, so containers in their own
 * network namespace cannot get the node role's credentials; pods use Pod Identity or IRSA. More
 * than 1 is a per-node-type decision that must be stated (GpuNodeGroup's imdsHopLimitReason, or an
 * acknowledgement with a reason).
 */
export const ImdsHopLimit: PolicyRule = {
  id: 'imds-hop-limit',
  area: 'security',
  level: 'error',
  description: 'The IMDS hop limit must be 1 unless the node type states why pods need instance metadata.',
  fix: 'set http_put_response_hop_limit = 1 (GpuNodeGroup imdsHopLimit: 1); if pods must read IMDS, give GpuNodeGroup an imdsHopLimitReason or Policy.acknowledge(construct, { rule: "imds-hop-limit", reason })',
  evaluate(ctx) {
    const findings: RawFinding[] = [];
    const { instances, nodeClasses } = metadataOptionsInForce(ctx.terraform);
    for (const { path, ref, options } of instances) {
      const hop = options?.http_put_response_hop_limit;
      if (hop === undefined) {
        findings.push({ constructPath: path, message: `${ref}: metadata_options.http_put_response_hop_limit is unset; AMIs registered for IMDSv2 (AL2023, Bottlerocket) default to 2` });
      } else if (Number(hop) !== 1) {
        findings.push({ constructPath: path, message: `${ref}: metadata_options.http_put_response_hop_limit is ${hop}: containers can reach the node role's credentials` });
      }
    }
    for (const { path, ref, options } of nodeClasses) {
      // Karpenter v1's default is 1.
      if (options.httpPutResponseHopLimit !== undefined && Number(options.httpPutResponseHopLimit) !== 1) {
        findings.push({ constructPath: path, message: `${ref}: spec.metadataOptions.httpPutResponseHopLimit is ${options.httpPutResponseHopLimit}: containers can reach the node role's credentials` });
      }
    }
    return findings;
  },
};
