import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { exampleApp } from '../support/example-stacks.js';
import { buildGpuClusterApp } from '../../examples/gpu-cluster/app.js';
import { fixture, schemaErrors, synthExample } from '../support/infracost.js';

const read = (...p: string[]) => readFileSync(join(...p), 'utf8');
const tfOf = (outdir: string, stack: string) => JSON.parse(read(outdir, 'stacks', stack, 'cdk.tf.json'));

describe('Infracost usage file: given the example stacks, when synthesized into a temp out dir', () => {
  const outdir = synthExample({ pools: true });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const gpuText = read(outdir, 'stacks/ml-gpu/infracost-usage.yml');
  const gpu = parse(gpuText);
  const pools = parse(read(outdir, 'stacks/ml-pools/infracost-usage.yml'));

  test('both validate against the usage-file schema, version "0.1" quoted', () => {
    expect(schemaErrors('usage', gpu)).toEqual([]);
    expect(schemaErrors('usage', pools)).toEqual([]);
    expect(gpuText).toMatch(/^version: "0\.1"$/m);
    expect(gpu.version).toBe('0.1');
  });

  test('keys are the addresses Infracost gives cdk.tf.json resources (type.logical_id), with the desired node count', () => {
    const [logicalId] = Object.keys(tfOf(outdir, 'ml-gpu').resource.aws_eks_node_group);
    expect(logicalId).toBe('inference_node-group_D0487482');
    expect(gpu.resource_usage).toEqual({ [`aws_eks_node_group.${logicalId}`]: { instances: 2, monthly_hrs: 730, operating_system: 'linux' } });
  });

  test('the interruption queue carries the requests the engine priced: one poll per 20 s = 131,400 a month', () => {
    const [queue] = Object.keys(tfOf(outdir, 'ml-pools').resource.aws_sqs_queue);
    expect(pools.resource_usage[`aws_sqs_queue.${queue}`]).toEqual({ monthly_requests: 131_400 });
    expect(pools.resource_usage[`aws_eks_node_group.batch_node-group_6DDB0BA7`]).toEqual({ instances: 1, monthly_hrs: 730, operating_system: 'linux' });
  });

  test('the map says what Infracost prices: on-demand compute and storage; for spot only storage; Karpenter pools nothing', () => {
    const map = JSON.parse(read(outdir, 'stacks/ml-pools/infracost-map.json'));
    const byPath = Object.fromEntries(map.constructs.map((c: any) => [c.constructPath, c]));
    expect(byPath['ml-pools/batch'].infracostPrices).toEqual(['storage']);
    expect(byPath['ml-pools/batch'].addresses).toEqual(['aws_eks_node_group.batch_node-group_6DDB0BA7', 'aws_launch_template.batch_launch-template_10537BA0']);
    expect(byPath['ml-pools/l40s']).toMatchObject({ kind: 'karpenter-node-pool', addresses: [], infracostPrices: [] });
    expect(byPath['ml-pools/karpenter/interruption'].infracostPrices).toEqual(['fixed']);
    const gpuMap = JSON.parse(read(outdir, 'stacks/ml-gpu/infracost-map.json'));
    expect(gpuMap.constructs[0].infracostPrices).toEqual(['compute', 'storage']);
  });

  test('infracost.yml is written inside the out dir, nothing beside it', () => {
    expect(existsSync(join(outdir, 'infracost.yml'))).toBe(true);
    expect(existsSync(join(outdir, '..', 'infracost.yml'))).toBe(false);
  });
});

describe('infracost.yml: given an app in a directory that has its own infracost.yml', () => {
  const cwd = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'gpu-tco-root-'));
  afterAll(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  test("lists every stack directory relative to the out dir, validates against the config schema, and leaves the project's file alone", () => {
    const own = 'version: "0.1"\nprojects:\n  - path: terraform/legacy\n';
    writeFileSync(join(dir, 'infracost.yml'), own);
    process.chdir(dir);
    try {
      exampleApp('cdktf.out', { pools: true }).synth();
      expect(read(dir, 'infracost.yml')).toBe(own);
      const text = read(dir, 'cdktf.out', 'infracost.yml');
      expect(text).toMatch(/^version: "0\.1"$/m);
      const config = parse(text);
      expect(schemaErrors('config', config)).toEqual([]);
      expect(config.projects).toEqual([
        { path: 'stacks/ml-gpu', name: 'ml-gpu', usage_file: 'stacks/ml-gpu/infracost-usage.yml' },
        { path: 'stacks/ml-pools', name: 'ml-pools', usage_file: 'stacks/ml-pools/infracost-usage.yml' },
      ]);
      // Infracost resolves them against its working directory: the out dir.
      for (const p of config.projects) {
        expect(existsSync(join(dir, 'cdktf.out', p.path, 'cdk.tf.json'))).toBe(true);
        expect(existsSync(join(dir, 'cdktf.out', p.usage_file))).toBe(true);
      }
      exampleApp('elsewhere').synth();
      expect(existsSync(join(dir, 'elsewhere/infracost.yml'))).toBe(true);
      expect(read(dir, 'infracost.yml')).toBe(own);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('the usage-file schema (derived from Infracost\'s loader)', () => {
  test("accepts Infracost's own golden usage file and rejects another version", () => {
    const golden = parse(readFileSync(fixture('golden/eks_node_group_test.usage.yml'), 'utf8'));
    expect(schemaErrors('usage', golden)).toEqual([]);
    expect(schemaErrors('usage', { ...golden, version: '0.2' })).not.toEqual([]);
    expect(schemaErrors('usage', { ...golden, resources: {} })).not.toEqual([]);
  });
});

test('synth writes byte-identical Infracost files twice', () => {
  const a = synthExample({ pools: true });
  const b = synthExample({ pools: true });
  try {
    for (const f of ['ml-gpu/infracost-usage.yml', 'ml-pools/infracost-usage.yml', 'ml-pools/infracost-map.json']) {
      expect(read(a, 'stacks', f)).toBe(read(b, 'stacks', f));
    }
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

describe('examples/gpu-cluster itself', () => {
  test('its usage file and infracost.yml validate against their schemas, keyed by addresses in its cdk.tf.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infracost-example-'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      buildGpuClusterApp('cdktf.out').app.synth();
      const config = parse(readFileSync(join(dir, 'cdktf.out/infracost.yml'), 'utf8'));
      expect(schemaErrors('config', config)).toEqual([]);
      expect(config.projects.map((p: { name: string }) => p.name)).toEqual(['ml-addons', 'ml-cluster']);
      const usage = parse(readFileSync(join(dir, 'cdktf.out/stacks/ml-cluster/infracost-usage.yml'), 'utf8'));
      expect(schemaErrors('usage', usage)).toEqual([]);
      const tf = JSON.parse(readFileSync(join(dir, 'cdktf.out/stacks/ml-cluster/cdk.tf.json'), 'utf8'));
      for (const address of Object.keys(usage.resource_usage)) {
        const [type, name] = address.split('.');
        expect(tf.resource[type!]?.[name!]).toBeDefined();
      }
      expect(Object.keys(usage.resource_usage).some((a) => a.startsWith('aws_eks_node_group.'))).toBe(true);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
