import type { PolicyRule, RawFinding } from '../../rule.js';
import { objectRef, single } from '../../terraform-view.js';

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
    for (const type of ['aws_launch_template', 'aws_instance']) {
      for (const block of ctx.terraform.resources(type)) {
        const md = single(block.attrs.metadata_options);
        if (md?.http_endpoint === 'disabled') continue;
        if (md?.http_tokens !== 'required') {
          findings.push({ constructPath: block.path, message: `${type}.${block.name}: metadata_options.http_tokens is ${md?.http_tokens === undefined ? 'unset (IMDSv1 allowed unless the AMI or account default says otherwise)' : JSON.stringify(md.http_tokens)}` });
        }
      }
    }
    for (const { object, path } of ctx.terraform.kubernetesObjects()) {
      if (object.kind !== 'EC2NodeClass') continue;
      const md = object.spec?.metadataOptions;
      if (md && md.httpEndpoint !== 'disabled' && md.httpTokens !== undefined && md.httpTokens !== 'required') {
        findings.push({ constructPath: path, message: `${objectRef(object)}: spec.metadataOptions.httpTokens is ${JSON.stringify(md.httpTokens)}` });
      }
    }
    return findings;
  },
};
