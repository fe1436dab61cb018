/**
 * Terraform's own checks on what the library writes: `terraform validate` and `terraform plan` of
 * both stacks of examples/gpu-cluster and the stack of examples/platform-repo, offline, with the
 * hashicorp/aws provider of the machine's filesystem mirror (see offline-terraform.ts for every
 * rewrite), each stack a module of one root configuration. Skips, saying so, without terraform or the mirror; under CI=true with both present it
 * runs. examples/over-budget fails synth by design.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { GpuCluster, StateBackend } from '../../src/index.js';
import { buildGpuClusterApp } from '../../examples/gpu-cluster/app.js';
import { buildStateBootstrapApp } from '../../examples/state-bootstrap/app.js';
import { buildPlatformRepoApp } from '../../examples/platform-repo/app.js';
import { offlineTerraform } from './offline-terraform.js';

const PROVIDER = 'registry.terraform.io/hashicorp/aws/5.100.0';
const mirror = [process.env.TF_PLUGIN_DIR, '/opt/tf-plugins', join(homedir(), '.terraform.d/plugins'), '/usr/share/terraform/plugins']
  .filter((d): d is string => !!d)
  .find((d) => existsSync(join(d, PROVIDER)));
const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
const missing = !terraform ? 'terraform is not on PATH' : !mirror ? `no ${PROVIDER} filesystem mirror (set TF_PLUGIN_DIR)` : undefined;
if (missing) console.warn(`terraform validate/plan tests skipped: ${missing}`);
const maybe = missing ? test.skip : test;

const scratch = mkdtempSync(join(tmpdir(), 'tf-offline-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const cliConfig = join(scratch, 'terraformrc');
writeFileSync(cliConfig, '');
const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', TF_CLI_CONFIG_FILE: cliConfig, AWS_EC2_METADATA_DISABLED: 'true' };

function tf(dir: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [`-chdir=${dir}`, ...args], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`terraform ${args[0]} in ${dir} exited ${code}:\n${err}\n${out.slice(-4000)}`))));
  });
}

interface Planned {
  rewrites: string[];
  counts: Record<string, number>;
  resources: Array<{ type: string; name: string; values: Record<string, any> }>;
  actions: string[];
}

/**
 * Writes the offline copy of each stack as a module of one root configuration (one provider start
 * per command instead of one per stack), validates and plans it; returns each stack's plan.
 */
async function planStacks(stacks: Record<string, { json: Record<string, any>; region: string }>): Promise<Record<string, Planned>> {
  const root = join(scratch, 'root');
  mkdirSync(root);
  const rewrites: Record<string, string[]> = {};
  for (const [name, { json, region }] of Object.entries(stacks)) {
    mkdirSync(join(root, name));
    const offline = offlineTerraform(json, region);
    rewrites[name] = offline.rewrites;
    writeFileSync(join(root, name, 'main.tf.json'), JSON.stringify(offline.json, null, 2));
  }
  writeFileSync(join(root, 'main.tf.json'), JSON.stringify({ module: Object.fromEntries(Object.keys(stacks).map((n) => [n, { source: `./${n}` }])) }, null, 2));
  await tf(root, 'init', `-plugin-dir=${mirror}`, '-input=false', '-no-color');
  const validate = JSON.parse(await tf(root, 'validate', '-json', '-no-color')) as { valid: boolean; diagnostics: Array<{ severity: string }> };
  expect({ valid: validate.valid, errors: validate.diagnostics.filter((d) => d.severity === 'error') }).toEqual({ valid: true, errors: [] });
  await tf(root, 'plan', '-input=false', '-refresh=false', '-lock=false', '-no-color', '-out=plan.bin');
  type Module = { address: string; resources?: Array<{ type: string; name: string; values: Record<string, any> }> };
  const shown = JSON.parse(await tf(root, 'show', '-json', 'plan.bin')) as { planned_values: { root_module: { child_modules: Module[] } }; resource_changes: Array<{ module_address: string; change: { actions: string[] } }> };
  return Object.fromEntries(
    Object.keys(stacks).map((name) => {
      const resources = shown.planned_values.root_module.child_modules.find((m) => m.address === `module.${name}`)?.resources ?? [];
      const counts: Record<string, number> = {};
      for (const r of resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
      const actions = [...new Set(shown.resource_changes.filter((c) => c.module_address === `module.${name}`).flatMap((c) => c.change.actions))];
      return [name, { rewrites: rewrites[name]!, counts, resources, actions }];
    }),
  );
}

/** What the stack declares, without what the offline copy drops. */
function declared(stack: Record<string, any>): Record<string, number> {
  return Object.fromEntries(Object.entries<Record<string, unknown>>(stack.resource).filter(([t]) => t !== 'helm_release').map(([t, byName]) => [t, Object.keys(byName).length]));
}

maybe('examples/gpu-cluster (both stacks) and examples/platform-repo validate and plan with hashicorp/aws 5.100.0', async () => {
  const out = join(scratch, 'synth');
  mkdirSync(out);
  buildGpuClusterApp(join(out, 'gpu-cluster')).app.synth();
  buildPlatformRepoApp(join(out, 'platform-repo')).app.synth();
  const read = (app: string, stack: string) => JSON.parse(readFileSync(join(out, app, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as Record<string, any>;
  const stacks = { 'ml-cluster': read('gpu-cluster', 'ml-cluster'), 'ml-addons': read('gpu-cluster', 'ml-addons'), 'ranking-gpu': read('platform-repo', 'ranking-gpu') };
  expect(readdirSync(join(out, 'platform-repo', 'stacks'))).toEqual(['ranking-gpu']);

  const planned = await planStacks({
    'ml-cluster': { json: stacks['ml-cluster'], region: 'us-west-2' },
    'ml-addons': { json: stacks['ml-addons'], region: 'us-west-2' },
    'ranking-gpu': { json: stacks['ranking-gpu'], region: 'eu-central-1' },
  });
  const { 'ml-cluster': cluster, 'ml-addons': addons, 'ranking-gpu': ranking } = planned as Record<string, Planned>;

  // What was rewritten to plan offline, stack by stack.
  expect(cluster.rewrites).toEqual([
    'terraform.backend removed',
    'required_providers.aws aws@6.25.0 -> hashicorp/aws@5.100.0',
    'aws provider: dummy credentials and skip_* flags',
    'data.aws_availability_zones.vpc_zones_4962FE68 -> local.offline_aws_availability_zones_vpc_zones_4962FE68 (literal)',
  ]);
  expect(addons.rewrites).toEqual(expect.arrayContaining(['helm provider removed', '9 helm_release removed', 'data.aws_region.karpenter_region_ABD4886F.region -> .name (6.x attribute)']));
  expect(addons.rewrites.filter((r) => r.startsWith('data.'))).toHaveLength(3); // caller identity, remote state, region

  for (const [name, p] of Object.entries({ 'ml-cluster': cluster, 'ml-addons': addons, 'ranking-gpu': ranking })) {
    expect({ name, counts: p.counts }).toEqual({ name, counts: declared(stacks[name as keyof typeof stacks]) });
    expect(p.actions).toEqual(['create']);
  }

  // Key values as Terraform plans them.
  const one = (p: Planned, type: string) => p.resources.filter((r) => r.type === type);
  const [eks] = one(cluster, 'aws_eks_cluster');
  expect(eks!.values).toMatchObject({ version: '1.35', bootstrap_self_managed_addons: false, upgrade_policy: [{ support_type: 'STANDARD' }] });
  expect(eks!.values.vpc_config[0]).toMatchObject({ endpoint_private_access: true, endpoint_public_access: false });
  expect(one(cluster, 'aws_subnet').map((s) => s.values.availability_zone).sort()).toEqual(['us-west-2a', 'us-west-2a', 'us-west-2b', 'us-west-2b', 'us-west-2c', 'us-west-2c']);
  const groups = one(cluster, 'aws_eks_node_group').map((g) => g.values);
  expect(groups.map((g) => g.ami_type).sort()).toEqual(['AL2023_x86_64_NVIDIA', 'AL2023_x86_64_STANDARD']);
  expect(groups.find((g) => g.ami_type === 'AL2023_x86_64_NVIDIA')!.scaling_config).toEqual([{ desired_size: 2, max_size: 8, min_size: 2 }]);
  for (const lt of one(cluster, 'aws_launch_template')) {
    expect(lt.values.metadata_options[0]).toMatchObject({ http_tokens: 'required', http_put_response_hop_limit: 1 });
    expect(lt.values.block_device_mappings[0].ebs[0]).toMatchObject({ encrypted: 'true', volume_type: 'gp3' });
  }
  expect(one(addons, 'aws_sqs_queue')[0]!.values).toMatchObject({ name: 'ml', sqs_managed_sse_enabled: true, message_retention_seconds: 300 });
  expect(one(addons, 'aws_cloudwatch_event_rule')).toHaveLength(5);
  expect(one(ranking, 'aws_sqs_queue')[0]!.values.name).toBe('ml-prod');
}, 240_000);

maybe('with StateBackend.s3 both stacks keep an s3 backend that `terraform init -backend=false` and `validate` accept, and so does the state bootstrap stack', async () => {
  const app = new App({ outdir: join(scratch, 's3-synth') });
  new GpuCluster(app, 'gpu', { region: 'us-east-1', costTags: { team: 'ml', costCenter: 'cc-1', environment: 'dev' }, state: StateBackend.s3({ bucket: 'acme-tf-state', keyPrefix: 'gpu' }) });
  app.synth();
  const bootstrap = buildStateBootstrapApp(join(scratch, 'bootstrap-synth')).app;
  bootstrap.synth();
  const stacks: Array<[string, string]> = [['gpu-cluster', app.outdir], ['gpu-addons', app.outdir], ['tf-state', bootstrap.outdir]];
  for (const [name, outdir] of stacks) {
    const dir = join(scratch, `s3-${name}`);
    mkdirSync(dir);
    const stack = JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
    const { json } = offlineTerraform(stack, 'us-east-1', { keepBackend: true });
    if (name !== 'tf-state') expect(json.terraform.backend.s3).toMatchObject({ bucket: 'acme-tf-state', key: `gpu/${name}.tfstate`, use_lockfile: true });
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(json));
    await tf(dir, 'init', '-backend=false', `-plugin-dir=${mirror}`, '-input=false', '-no-color');
    const validate = JSON.parse(await tf(dir, 'validate', '-json', '-no-color')) as { valid: boolean; diagnostics: Array<{ severity: string; summary: string }> };
    expect({ name, valid: validate.valid, errors: validate.diagnostics.filter((d) => d.severity === 'error') }).toEqual({ name, valid: true, errors: [] });
  }
}, 240_000);
