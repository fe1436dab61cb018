import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program.js';
import { captureIo } from './support.js';
import { fixture, repoRoot, schemaErrors, synthExample } from '../support/infracost.js';

const breakdown = (name: string) => fixture(`breakdowns/${name}.json`);

describe('breakdown fixtures', () => {
  const outdir = synthExample({ pools: true });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test.each(['example-head', 'example-base', 'example-drift', 'example-unknown', 'example-ghost'])('%s validates against infracost.schema.json (0.2)', (name) => {
    expect(schemaErrors('breakdown', JSON.parse(readFileSync(breakdown(name), 'utf8')))).toEqual([]);
  });

  test("Infracost's own golden breakdown validates too", () => {
    expect(schemaErrors('breakdown', JSON.parse(readFileSync(fixture('golden/breakdown_format_json.json'), 'utf8')))).toEqual([]);
  });

  test('every address of example-head is a resource of the synthesized stacks (fixtures not stale)', () => {
    const doc = JSON.parse(readFileSync(breakdown('example-head'), 'utf8'));
    for (const p of doc.projects) {
      const tf = JSON.parse(readFileSync(join(outdir, 'stacks', p.name, 'cdk.tf.json'), 'utf8'));
      for (const r of [...p.breakdown.resources, ...p.breakdown.freeResources]) {
        const [type, name] = r.name.split('.');
        expect(tf.resource[type]?.[name]).toBeDefined();
      }
    }
  });
});

describe('gpu-tco check: given the example stacks and their breakdowns', () => {
  const outdir = synthExample({ pools: true });
  const budgeted = synthExample({ pools: true, budgetUsd: 15_400 });
  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(budgeted, { recursive: true, force: true });
  });
  async function check(...args: string[]) {
    const io = captureIo(repoRoot);
    const code = await runCli(['check', ...args], io);
    return { code, out: io.out(), err: io.err() };
  }

  test('merges Infracost with what only the library knows (hand-computed from the data)', async () => {
    const { code, out, err } = await check('--infracost', breakdown('example-head'), '--out-dir', outdir, '--format', 'json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    // ml-gpu: Infracost 2 x 730 h x 10.49264 = 15,319.2544 + gp3 400 GB x 0.08 = 32 -> 15,351.25; all Infracost's.
    expect(r.stacks[0]).toMatchObject({ stack: 'ml-gpu', monthlyUsd: 15_351.25, infracostMonthlyUsd: 15_351.25, libraryOnlyMonthlyUsd: 0, replacedMonthlyUsd: 0 });
    // ml-pools: Infracost keeps storage 16 + SQS 0.1314 M x 0.40 = 0.05256; the library adds spot compute 3,851.74,
    // rework 0.53 + 0.51 and the Karpenter pool 7,013.26 + 128 = 10,994.04; Infracost's on-demand 730 x 10.49264 is replaced.
    expect(r.stacks[1]).toMatchObject({ stack: 'ml-pools', monthlyUsd: 11_010.09, infracostMonthlyUsd: 16.05, libraryOnlyMonthlyUsd: 10_994.04, replacedMonthlyUsd: 7_659.63 });
    expect(r.stacks[1].byTeam).toEqual([{ name: 'research', monthlyUsd: 11_010.09 }]);
    expect(r.drift).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  test('Markdown summary with the delta against a baseline breakdown', async () => {
    const { code, out } = await check('--infracost', breakdown('example-head'), '--out-dir', outdir, '--compare-to', breakdown('example-base'));
    expect(code).toBe(0);
    // Base: one node 730 x 10.49264 + 16 = 7,675.63 -> +7,675.62; ml-pools is new.
    expect(out).toContain('| ml-gpu | 15,351.25 | +7,675.62 | 15,351.25 | 0.00 | no budget |');
    expect(out).toContain('| ml-pools | 11,010.09 | +11,010.09 | 16.05 | 10,994.04 | no budget |');
    expect(out).toContain('| **total** | **26,361.34** | +18,685.71 |');
    expect(out).toContain('| search | 15,351.25 | +7,675.62 |');
  });

  test('a budget near its limit passes with its status; the drift breakdown breaks it (exit 1) and reports the drift', async () => {
    const near = await check('--infracost', breakdown('example-head'), '--out-dir', budgeted);
    expect(near.code).toBe(0);
    expect(near.out).toContain('| ml-gpu/budget | stack | EXPECTED | 15,400.00 | 15,351.25 | 99.7 | near limit |');
    const over = await check('--infracost', breakdown('example-drift'), '--out-dir', budgeted);
    expect(over.code).toBe(1);
    // Infracost at 1.02 x: 15,319.2544 x 1.02 = 15,625.64 + 32 = 15,657.64 > 15,400.
    expect(over.out).toContain('| ml-gpu/budget | stack | EXPECTED | 15,400.00 | 15,657.64 | 101.7 | **OVER BUDGET** |');
    expect(over.out).toContain('| ml-gpu | ml-gpu/inference | compute | 15,625.64 | 15,319.25 | +2 % |');
    expect(over.err).toBe('gpu-tco check: over budget: ml-gpu/budget (stack, EXPECTED): 15657.64 of 15400 USD/month\n');
  });

  test('drift is a warning, fatal with --fail-on-drift', async () => {
    expect((await check('--infracost', breakdown('example-drift'), '--out-dir', outdir)).code).toBe(0);
    const fatal = await check('--infracost', breakdown('example-drift'), '--out-dir', outdir, '--fail-on-drift');
    expect(fatal.code).toBe(1);
    expect(fatal.err).toMatch(/^gpu-tco check: price drift over 1 % on 1 item\(s\) and --fail-on-drift is set\n$/);
  });

  test('unknown projects and resources are warnings; the unknown resource still counts', async () => {
    const { code, out } = await check('--infracost', breakdown('example-unknown'), '--out-dir', outdir, '--format', 'json');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.warnings).toEqual([
      expect.stringMatching(/example-unknown\.json: project "legacy-network" \(infra\/legacy-network\) is not a stack of .*: ignored$/),
      'ml-gpu: resource aws_instance.stray in the breakdown is not in cdk.tf.json (breakdown and synth of different commits?): counted as Infracost priced it',
    ]);
    expect(r.stacks[0].monthlyUsd).toBe(15_424.25); // + 73
    expect(r.stacks[0].byTeam).toEqual([{ name: 'search', monthlyUsd: 15_351.25 }, { name: '(untagged)', monthlyUsd: 73 }]);
  });

  test('table format', async () => {
    const { code, out } = await check('--infracost', breakdown('example-head'), '--out-dir', outdir, '--format', 'table');
    expect(code).toBe(0);
    expect(out).toMatch(/│ ml-pools │ \(all\)\s+│\s+11,010\.09 │ no budget │/);
  });
});
