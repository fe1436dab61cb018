import { runCli } from '../../src/cli/program.js';
import { captureIo } from './support.js';

async function show(...args: string[]) {
  const io = captureIo(process.cwd());
  const code = await runCli(['prices', 'show', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('gpu-tco prices show', () => {
  test('L40S in us-west-2: a table sorted by price per GPU-hour, with sources', async () => {
    // g6e.12xlarge from the CSV: 10.49264 / 4 GPUs = 2.62316; spot median (3.7322 + 4.2304) / 2 = 3.9813; saving 1 - 3.9813 / 10.49264 = 62 %.
    const { code, out, err } = await show('--region', 'us-west-2', '--gpu', 'L40S');
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toBe(
      [
        'GPU instance prices in us-west-2 (l40s), cheapest per GPU-hour first (USD, Linux)',
        '┌───────────────┬──────┬──────┬───────────────┬────────────┬─────────────────┬─────────────┐',
        '│ Instance type │ GPU  │ GPUs │ On-demand $/h │ $/GPU-hour │ Spot median $/h │ Spot saving │',
        '├───────────────┼──────┼──────┼───────────────┼────────────┼─────────────────┼─────────────┤',
        '│ g6e.xlarge    │ l40s │    1 │        1.8610 │     1.8610 │  0.8215 (4 AZs) │         56% │',
        '│ g6e.2xlarge   │ l40s │    1 │        2.2421 │     2.2421 │  1.2498 (4 AZs) │         44% │',
        '│ g6e.12xlarge  │ l40s │    4 │       10.4926 │     2.6232 │  3.9813 (4 AZs) │         62% │',
        '│ g6e.4xlarge   │ l40s │    1 │        3.0042 │     3.0042 │  1.2150 (4 AZs) │         60% │',
        '│ g6e.24xlarge  │ l40s │    4 │       15.0656 │     3.7664 │  5.3124 (4 AZs) │         65% │',
        '│ g6e.48xlarge  │ l40s │    8 │       30.1312 │     3.7664 │ 12.2064 (4 AZs) │         59% │',
        '│ g6e.8xlarge   │ l40s │    1 │        4.5286 │     4.5286 │  1.5765 (4 AZs) │         65% │',
        '│ g6e.16xlarge  │ l40s │    1 │        7.5772 │     7.5772 │  2.5698 (4 AZs) │         66% │',
        '└───────────────┴──────┴──────┴───────────────┴────────────┴─────────────────┴─────────────┘',
        "On-demand: skypilot-org/skypilot-catalog catalogs/v8/aws/vms.csv @ 00148f2af3672e2229b4f7bf8157d5a3f36e3c35 (date unknown; us-east-1 equals Karpenter's 2026-07-20 snapshot)",
        'Spot: skypilot-org/skypilot-catalog catalogs/v8/aws/vms.csv @ 00148f2af3672e2229b4f7bf8157d5a3f36e3c35 (date unknown)',
        'Spot median: the middle of the per-AZ prices, each capped at on-demand; a snapshot, not a forecast.',
        '',
      ].join('\n'),
    );
  });

  test('fractional L4 (g6f): price per GPU-hour divides by the fraction', async () => {
    // g6f.large in us-east-1: 0.202 per hour for 0.125 of an L4 = 1.616 per GPU-hour.
    const { out } = await show('--region', 'us-east-1', '--gpu', 'l4');
    expect(out).toContain('│ g6f.large     │ l4  │ 0.125 │        0.2020 │     1.6160 │  0.0643 (4 AZs) │         68% │');
  });

  test('unknown GPU, bad region and a region without prices: exit 2 with one line', async () => {
    const gpu = await show('--region', 'us-east-1', '--gpu', 'h500');
    expect(gpu.code).toBe(2);
    expect(gpu.err).toBe('gpu-tco prices show: unknown GPU "h500"; known: a100, a10g, b200, b300, h100, h200, l4, l40s, rtx-pro-server-6000, t4, t4g, v100\n');
    const region = await show('--region', 'Frankfurt');
    expect(region.code).toBe(2);
    expect(region.err.split('\n')).toHaveLength(2);
    expect(region.err).toMatch(/^GpuClusterError INVALID_REGION/);
    const outside = await show('--region', 'mx-central-1');
    expect(outside.code).toBe(2);
    expect(outside.err).toBe(
      'gpu-tco prices show: no GPU instances priced in mx-central-1 (region not in the bundled snapshot); run `gpu-tco prices fetch --region mx-central-1` and pass --lock-file\n',
    );
  });

  test('a missing --region is a usage error (exit 2)', async () => {
    const { code, err } = await show();
    expect(code).toBe(2);
    expect(err).toContain("required option '--region <region>' not specified");
  });
});
