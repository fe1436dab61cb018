/**
 * State a team can share: StateBackend.s3 (one key per stack, encrypted, Terraform's S3 lock file,
 * cross-stack outputs through the same bucket), StateBackend.local (no path of the machine in
 * cdk.tf.json) and StateBackend.existing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, S3Backend } from 'cdktf';
import { GpuCluster, GpuInstanceType, StateBackend } from '../../src/index.js';
import { errorOf } from '../support/errors.js';

const tags = { team: 'ml-platform', costCenter: 'cc-42', environment: 'dev' };
const tf = (outdir: string, stack: string) => JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));

function synth(props: Record<string, unknown> = {}, outdir = mkdtempSync(join(tmpdir(), 'state-'))) {
  const app = new App({ outdir });
  const cluster = new GpuCluster(app, 'gpu', { region: 'us-east-1', costTags: tags, ...props });
  cluster.addNodeGroup('inference', { instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 1, desired: 1, max: 2 } });
  app.synth();
  return { outdir, cluster, cluster_: tf(outdir, 'gpu-cluster'), addons: tf(outdir, 'gpu-addons') };
}

describe('StateBackend.s3', () => {
  const { cluster_, addons } = synth({ state: StateBackend.s3({ bucket: 'acme-tf-state', keyPrefix: 'gpu' }) });

  test('both stacks: an encrypted s3 backend on their own key, with the S3 lock file (Terraform 1.11)', () => {
    expect(cluster_.terraform.backend).toEqual({ s3: { bucket: 'acme-tf-state', key: 'gpu/gpu-cluster.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true } });
    expect(addons.terraform.backend).toEqual({ s3: { bucket: 'acme-tf-state', key: 'gpu/gpu-addons.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true } });
    expect(cluster_.terraform.required_version).toBe('>= 1.11');
  });

  test("the add-ons stack reads the cluster stack's outputs through an S3 terraform_remote_state on the cluster's key", () => {
    const [remote] = Object.values<any>(addons.data.terraform_remote_state);
    expect(remote).toMatchObject({ backend: 's3', config: { bucket: 'acme-tf-state', key: 'gpu/gpu-cluster.tfstate', region: 'us-east-1', encrypt: true } });
  });

  test('keyPrefix defaults to the GpuCluster id, region to its region; a DynamoDB table only when given', () => {
    const { cluster_: c } = synth({ state: StateBackend.s3({ bucket: 'acme-tf-state', region: 'eu-west-1', dynamodbTable: 'tf-locks' }) });
    expect(c.terraform.backend.s3).toMatchObject({ key: 'gpu/gpu-cluster.tfstate', region: 'eu-west-1', dynamodb_table: 'tf-locks', use_lockfile: true });
  });

  test.each([
    [{ bucket: '' }, 'state.bucket'],
    [{ bucket: 'Acme_TF' }, 'state.bucket'],
    [{ bucket: '192.168.1.1' }, 'state.bucket'],
    [{ bucket: 'acme-tf-state', keyPrefix: '/gpu' }, 'state.keyPrefix'],
    [{ bucket: 'acme-tf-state', region: 'Frankfurt' }, 'state.region'],
  ])('%j is refused naming %s', (options, prop) => {
    const e = errorOf(() => synth({ state: StateBackend.s3(options as never) }));
    expect(e.name).toBe('GpuClusterError');
    expect(e.message).toContain(`${prop}:`);
  });

  test('a state that is not a StateBackend is refused', () => {
    expect(errorOf(() => synth({ state: { bucket: 'acme-tf-state' } })).code).toBe('INVALID_STATE_BACKEND');
  });
});

describe('StateBackend.local (the default)', () => {
  test('paths relative to each stack directory that land beside the app, for the backend and the remote state alike', () => {
    const cwd = process.cwd();
    const dir = mkdtempSync(join(tmpdir(), 'state-app-'));
    process.chdir(dir);
    try {
      const { cluster_, addons } = synth({}, 'cdktf.out');
      expect(cluster_.terraform.backend).toEqual({ local: { path: '../../../terraform.gpu-cluster.tfstate' } });
      // Terraform runs in cdktf.out/stacks/<stack>: the state lands in the app's directory.
      expect(resolve(dir, 'cdktf.out/stacks/gpu-cluster', cluster_.terraform.backend.local.path)).toBe(join(dir, 'terraform.gpu-cluster.tfstate'));
      const [remote] = Object.values<any>(addons.data.terraform_remote_state);
      expect(resolve(dir, 'cdktf.out/stacks/gpu-addons', remote.config.path)).toBe(join(dir, 'terraform.gpu-cluster.tfstate'));
    } finally {
      process.chdir(cwd);
    }
  });

  test('the same app synthesized from two directories writes identical cdk.tf.json and manifest.json, with no path of the machine', () => {
    const cwd = process.cwd();
    const texts = ['clone-a', 'clone-b'].map((name) => {
      const dir = mkdtempSync(join(tmpdir(), `${name}-`));
      process.chdir(dir);
      try {
        // Tagged prod: the local-state warning puts an annotation in manifest.json.
        const { outdir } = synth({ costTags: { ...tags, environment: 'prod' } }, 'cdktf.out');
        return [...['gpu-cluster', 'gpu-addons'].map((s) => readFileSync(join(dir, outdir, 'stacks', s, 'cdk.tf.json'), 'utf8')), readFileSync(join(dir, outdir, 'manifest.json'), 'utf8')];
      } finally {
        process.chdir(cwd);
      }
    });
    expect(texts[0]).toEqual(texts[1]);
    expect(texts[0]![2]).toMatch(/local-state|local file/);
    for (const t of texts[0]!) expect(t).not.toMatch(/\/(tmp|home|work|Users)\//);
  });

  test('stacks tagged environment: prod get the local-state-in-prod finding (a warning, acknowledgeable); dev stacks do not', () => {
    const findings = (outdir: string) => JSON.parse(readFileSync(join(outdir, 'stacks', 'gpu-cluster', 'policy-report.json'), 'utf8')).findings as Array<{ ruleId: string; level: string; message: string }>;
    const prod = findings(synth({ costTags: { ...tags, environment: 'prod' } }).outdir).filter((f) => f.ruleId === 'local-state-in-prod');
    expect(prod).toEqual([expect.objectContaining({ level: 'warning', message: expect.stringMatching(/stack gpu-cluster is tagged environment: prod and keeps its state in a local file \(\.\.\/.*terraform\.gpu-cluster\.tfstate\)/) })]);
    expect(findings(synth().outdir).filter((f) => f.ruleId === 'local-state-in-prod')).toEqual([]);
    expect(findings(synth({ costTags: { ...tags, environment: 'prod' }, state: StateBackend.s3({ bucket: 'acme-tf-state' }) }).outdir).filter((f) => f.ruleId === 'local-state-in-prod')).toEqual([]);
  });
});

describe('StateBackend.existing', () => {
  test('without a backend on the stacks synth fails naming the stack; with the user\'s backends it synthesizes them', () => {
    // A synth-time check: cdktf reports it in its aggregated validation error.
    expect(() => synth({ state: StateBackend.existing() })).toThrow(/\[gpu\/gpu-cluster\] GpuClusterError STATE_BACKEND_MISSING: state: .*stack gpu-cluster has none/);
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'state-')) });
    const cluster = new GpuCluster(app, 'gpu', { region: 'us-east-1', costTags: tags, state: StateBackend.existing() });
    for (const s of cluster.stacks) new S3Backend(s, { bucket: 'acme-tf-state', key: `team/${s.node.id}.tfstate`, region: 'us-east-1', encrypt: true });
    app.synth();
    expect(tf(app.outdir, 'gpu-addons').terraform.backend.s3.key).toBe('team/gpu-addons.tfstate');
  });
});
