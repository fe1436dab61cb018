/**
 * A stack's cdk.tf.json made plannable offline with the hashicorp/aws 5.100.0 provider of the
 * machine's filesystem mirror: every rewrite is listed, so a test can show what it changed.
 *
 * - the backend goes (Terraform keeps state locally in the scratch directory);
 * - the aws version constraint is lowered from the 6.x cdktf's provider bindings write to the
 *   mirror's 5.100.0, and 6.x-only attributes are renamed (`data.aws_region.<x>.region` -> `.name`);
 * - the helm provider and every helm_release go (no helm provider in the mirror; the Helm values
 *   are checked against the charts elsewhere);
 * - data sources that need AWS or another stack's state become literal locals:
 *   aws_availability_zones, aws_caller_identity, aws_eks_cluster, terraform_remote_state;
 * - the aws provider gets dummy credentials and the `skip_*` flags that keep it off the network.
 */
export interface OfflineStack {
  readonly json: Record<string, any>;
  readonly rewrites: string[];
}

export const ACCOUNT = '123456789012';

export function offlineTerraform(stack: Record<string, any>, region: string, options: { keepBackend?: boolean } = {}): OfflineStack {
  const json = structuredClone(stack) as Record<string, any>;
  const rewrites: string[] = [];
  if (json.terraform?.backend && !options.keepBackend) {
    delete json.terraform.backend;
    rewrites.push('terraform.backend removed');
  }
  const aws = json.terraform?.required_providers?.aws;
  if (aws) {
    rewrites.push(`required_providers.aws ${aws.source}@${aws.version} -> hashicorp/aws@5.100.0`);
    json.terraform.required_providers.aws = { source: 'hashicorp/aws', version: '5.100.0' };
  }
  if (json.terraform?.required_providers?.helm) {
    delete json.terraform.required_providers.helm;
    delete json.provider.helm;
    rewrites.push('helm provider removed');
  }
  const releases = Object.keys(json.resource?.helm_release ?? {});
  if (releases.length) {
    delete json.resource.helm_release;
    rewrites.push(`${releases.length} helm_release removed`);
  }
  json.provider.aws = (json.provider.aws as Record<string, unknown>[]).map((p) => ({
    ...p,
    access_key: 'offline',
    secret_key: 'offline',
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
  }));
  rewrites.push('aws provider: dummy credentials and skip_* flags');

  const literal: Record<string, (name: string, config: Record<string, any>) => Record<string, unknown>> = {
    aws_availability_zones: () => {
      const letters = ['a', 'b', 'c', 'd', 'e', 'f'];
      return { names: letters.map((l) => `${region}${l}`), zone_ids: letters.map((_l, i) => `usw2-az${i + 1}`) };
    },
    aws_caller_identity: () => ({ account_id: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/offline`, user_id: 'OFFLINE' }),
    aws_eks_cluster: (_n, config) => ({
      name: config.name,
      endpoint: 'https://offline.eks.example.com',
      certificate_authority: [{ data: 'T0ZGTElORQ==' }],
      version: '1.35',
      vpc_config: [{ cluster_security_group_id: 'sg-0123456789abcdef0', vpc_id: 'vpc-0123456789abcdef0' }],
    }),
    terraform_remote_state: () => ({ outputs: {} }),
  };
  let text = JSON.stringify(json);
  const locals: Record<string, unknown> = { ...(json.locals ?? {}) };
  for (const [type, make] of Object.entries(literal)) {
    for (const [name, config] of Object.entries<Record<string, any>>(json.data?.[type] ?? {})) {
      const local = `offline_${type}_${name}`.replace(/-/g, '_');
      const value = make(name, config);
      if (type === 'terraform_remote_state') {
        // Each output the stack reads: a placeholder string.
        const used = new Set([...text.matchAll(new RegExp(`data\\.terraform_remote_state\\.${escape(name)}\\.outputs\\.([\\w-]+)`, 'g'))].map((m) => m[1]!));
        value.outputs = Object.fromEntries([...used].map((o) => [o, `offline-${o}`]));
      }
      locals[local] = value;
      text = text.split(`data.${type}.${name}.`).join(`local.${local}.`);
      rewrites.push(`data.${type}.${name} -> local.${local} (literal)`);
    }
  }
  const out = JSON.parse(text) as Record<string, any>;
  for (const type of Object.keys(literal)) delete out.data?.[type];
  if (out.data && !Object.keys(out.data).length) delete out.data;
  if (Object.keys(locals).length) out.locals = locals;
  // 6.x renamed aws_region's `name` to `region`.
  let renamed = JSON.stringify(out);
  for (const name of Object.keys(out.data?.aws_region ?? {})) {
    const from = `data.aws_region.${name}.region`;
    if (renamed.includes(from)) {
      renamed = renamed.split(from).join(`data.aws_region.${name}.name`);
      rewrites.push(`${from} -> .name (6.x attribute)`);
    }
  }
  return { json: JSON.parse(renamed) as Record<string, any>, rewrites };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
