// Synth is byte-identical twice: same props, two apps, every written file equal.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider/index.js';
import { GpuNodeGroup } from '../../src/compute/gpu-node-group.js';
import { Karpenter } from '../../src/karpenter/karpenter.js';
import { GpuNodePool } from '../../src/karpenter/gpu-node-pool.js';
import { CostBudget } from '../../src/policy/cost-budget.js';
import { costTags, dnsName, duration, fuzzParams, gpuNames, literalScaling as scaling, subnetIds } from './arbitraries.js';
import { readTree } from '../support/tree.js';

const props = fc.record({
  region: fc.constantFrom('us-east-1', 'us-west-2', 'eu-west-1'),
  group: fc.record({ instanceTypes: fc.constantFrom(['g6e.12xlarge'], ['g5.12xlarge', 'g5.24xlarge'], ['p5.48xlarge']), scaling, subnetIds, costTags }),
  pool: fc.record({ name: dnsName, gpuNames, gpuLimit: fc.integer({ min: 8, max: 128 }), consolidateAfter: duration, costTags }),
  limit: fc.integer({ min: 1, max: 10_000_000 }),
});

type Props = typeof props extends fc.Arbitrary<infer T> ? T : never;

function synthOnce(p: Props): Record<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), 'determinism-'));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'ml');
  new AwsProvider(stack, 'aws', { region: p.region });
  new HelmProvider(stack, 'helm', {});
  new GpuNodeGroup(stack, 'group', { clusterName: 'ml-prod', ...p.group, instanceTypes: [...p.group.instanceTypes] });
  const karpenter = new Karpenter(stack, 'karpenter', { clusterName: 'ml-prod', costTags: p.pool.costTags });
  new GpuNodePool(stack, 'pool', { karpenter, name: p.pool.name, gpuNames: p.pool.gpuNames, gpuLimit: Math.max(p.pool.gpuLimit, 8), amiAlias: 'al2023@v20260714', disruption: { consolidateAfter: p.pool.consolidateAfter }, costTags: p.pool.costTags });
  new CostBudget(stack, 'budget', { monthlyLimitUsd: p.limit, basis: 'EXPECTED' });
  try {
    app.synth();
  } catch {
    // Over budget or a pool the catalog cannot fill: not what this test is about; compare what was written.
  }
  return readTree(outdir);
}

describe('determinism', () => {
  test('random valid props synthesize to byte-identical files twice', () => {
    fc.assert(
      fc.property(props, (p) => {
        const [first, second] = [0, 1].map(() => synthOnce(p)) as [Record<string, string>, Record<string, string>]; // one call site: annotations carry its stack trace
        expect(Object.keys(second)).toEqual(Object.keys(first));
        for (const [path, text] of Object.entries(first)) expect({ path, text: second[path] }).toEqual({ path, text });
      }),
      { ...fuzzParams, numRuns: Math.max(10, Math.round(fuzzParams.numRuns! / 10)) },
    );
  });
});
