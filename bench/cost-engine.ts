/**
 * `npm run bench` (second part): the cost engine on its own and inside synth.
 *  - pricing 10,000 cost profiles (node groups and pools over every priced GPU type of us-east-1);
 *  - a stack with a Karpenter controller and 50 GPU NodePools: what the cost gate (pricing,
 *    budgets, every rule of DEFAULT_RULES, reports) adds to its synth, the same stack synthesized
 *    with and without a gate alternately in one process, indirect costs (GC, the validation pass
 *    resolving the Terraform cdktf then writes) included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider/index.js';
import { BudgetBasis, CostBudget, CostGate, GpuNodePool, InstanceCatalog, Karpenter, PriceBook, priceProfiles } from '../src/index.js';
import { withoutCostBearingHooks } from '../src/core/stack-hooks.js';
import type { CostProfile } from '../src/index.js';

process.env.GPU_TCO_CONSOLE = 'off';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const GATE_RUNS = Number(process.env.BENCH_GATE_RUNS ?? 61);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const tags = { team: 'search', 'cost-center': 'cc-1', environment: 'prod' };
const storage = { volumeType: 'gp3' as const, sizeGiB: 200, iops: 3000, throughputMiBps: 125 };

function profiles(count: number, book: PriceBook): CostProfile[] {
  const types = InstanceCatalog.gpuTypes().map((t) => t.name).filter((t) => book.hasOnDemand(t));
  return Array.from({ length: count }, (_, i): CostProfile => {
    const a = types[i % types.length]!;
    const b = types[(i * 7 + 3) % types.length]!;
    return i % 2 === 0
      ? { kind: 'eks-node-group', constructPath: `s/g${i}`, tags, instanceTypes: [a], nodes: { min: 0, desired: 1 + (i % 3), max: 4 }, capacityType: i % 4 === 0 ? 'SPOT' : 'ON_DEMAND', hoursPerMonth: 730, storagePerNode: storage }
      : { kind: 'karpenter-node-pool', constructPath: `s/p${i}`, tags, instanceTypes: [a, b], gpuLimit: 64, expectedGpusInUse: 16, expectedGpusAssumed: false, capacityTypes: ['SPOT', 'ON_DEMAND'], spotShare: 0.7, limitOverrunNodes: 0, hoursPerMonth: 730, storagePerNode: storage };
  });
}

function engine(): number {
  const book = PriceBook.forRegion('us-east-1');
  const input = profiles(10_000, book);
  priceProfiles(input.slice(0, 500), book); // warm the JIT
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    priceProfiles(input, book);
    ms.push(performance.now() - t);
  }
  return median(ms);
}

/** Builds the 50-pool stack (a budget over it unless `withGate` is false) and synthesizes it: ms and the gate's own ms. */
function synthPools(withGate: boolean): { ms: number; gateMs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'gpu-bench-gate-'));
  CostGate.elapsedMs = 0;
  const started = performance.now();
  const build = () => {
    const app = new App({ outdir: dir });
    const stack = new TerraformStack(app, 'pools');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new HelmProvider(stack, 'helm', {});
    const karpenter = new Karpenter(stack, 'karpenter', { clusterName: 'ml-prod', costTags: { team: 'platform', costCenter: 'cc-1', environment: 'prod' } });
    const gpuNames = ['h100', 'a100', 'l40s', 'a10g', 'l4', 't4'];
    for (let i = 0; i < 50; i++) {
      new GpuNodePool(stack, `pool-${i}`, {
        karpenter, gpuNames: [gpuNames[i % gpuNames.length]!], gpuLimit: 16, amiAlias: 'al2023@v20260714', disruption: { consolidateAfter: '30m' },
        costTags: { team: `team-${i % 5}`, costCenter: 'cc-1', environment: 'prod' },
      });
    }
    if (withGate) new CostBudget(stack, 'budget', { monthlyLimitUsd: 1e9, basis: BudgetBasis.WORST_CASE });
    return app;
  };
  (withGate ? build() : withoutCostBearingHooks(build)).synth();
  const ms = performance.now() - started;
  rmSync(dir, { recursive: true, force: true });
  return { ms, gateMs: CostGate.elapsedMs };
}

/**
 * The 50-pool stack synthesized with and without its cost gate, alternately in this one process
 * (same heap, same JIT, same moment: this 2-core VM's neighbours slow whole stretches of seconds),
 * after warm-up runs of both; medians over GATE_RUNS pairs.
 */
function gateSideBySide(): { withGate: number; without: number; gateOwn: number } {
  // As examples/synth-entry.ts runs a synth (source maps make every token dearer, on both sides alike).
  process.setSourceMapsEnabled(false);
  for (let i = 0; i < 3; i++) {
    synthPools(true);
    synthPools(false);
  }
  const withGate: number[] = [];
  const without: number[] = [];
  const own: number[] = [];
  for (let i = 0; i < GATE_RUNS; i++) {
    const g = synthPools(true);
    withGate.push(g.ms);
    own.push(g.gateMs);
    without.push(synthPools(false).ms);
  }
  return { withGate: median(withGate), without: median(without), gateOwn: median(own) };
}

/** First load of a region's prices in this process (JSON read and indexed), as synth pays it once. */
function priceLoad(): number {
  const t = performance.now();
  const book = PriceBook.forRegion('us-west-2');
  book.onDemand('g6e.12xlarge');
  book.spot('g6e.12xlarge');
  book.fixed('ebs-gp3-gb-month');
  return performance.now() - t;
}

const loadMs = priceLoad();
const engineMs = engine();
const gate = gateSideBySide();
const overhead = gate.withGate / gate.without - 1;
console.log(`loading the us-west-2 price book: ${loadMs.toFixed(1)} ms (target < 30 ms) ${loadMs < 30 ? "PASS" : "FAIL"}`);
console.log(`pricing 10,000 cost profiles: ${engineMs.toFixed(1)} ms (target < 200 ms) ${engineMs < 200 ? "PASS" : "FAIL"}`);
console.log(`50-pool stack: synth ${gate.without.toFixed(0)} ms without the cost gate, ${gate.withGate.toFixed(0)} ms with it: ${overhead >= 0 ? '+' : ''}${(overhead * 100).toFixed(1)} % (target < 10 %; medians of ${GATE_RUNS} alternating pairs) ${overhead < 0.1 ? 'PASS' : 'FAIL'}`);
console.log(`  the gate's own timer (pricing, rules, reports): ${gate.gateOwn.toFixed(1)} ms = ${((gate.gateOwn / gate.without) * 100).toFixed(1)} % of the synth without it`);
