import type { PolicyRule, RawFinding } from '../../rule.js';
import { metadataOptionsInForce } from '../../metadata-options.js';

/**
 * IMDSv1 answers unauthenticated GETs, so an SSRF in any pod on the node can read the node role's
 * credentials. Launch templates and instances must require session tokens; an EC2NodeClass that
 * sets metadataOptions must not relax Karpenter's default (`httpTokens: required`).
 */
export const Imdsv2Required: PolicyRule = {
  id: 'imdsv2-required',
  area: 'security',
  level: 'error',
  description: 'Instance metadata must require IMDSv2 session tokens (http_tokens = required).',
  fix: 'set metadata_options { http_tokens = "required" } on the launch template (EC2NodeClass: metadataOptions.httpTokens: required)',
  evaluate(ctx) {
    const findings: RawFinding[] = [];
    const { instances, nodeClasses } = metadataOptionsInForce(ctx.terraform);
    for (const { path, ref, options } of instances) {
      if (options?.http_tokens !== 'required') {
        findings.push({ constructPath: path, message: `${ref}: metadata_options.http_tokens is ${options?.http_tokens === undefined ? 'unset (IMDSv1 allowed unless the AMI or account default says otherwise)' : JSON.stringify(options.http_tokens)}` });
      }
    }
    for (const { path, ref, options } of nodeClasses) {
      if (options.httpTokens !== undefined && options.httpTokens !== 'required') {
        findings.push({ constructPath: path, message: `${ref}: spec.metadataOptions.httpTokens is ${JSON.stringify(options.httpTokens)}` });
      }
    }
    return findings;
  },
};
