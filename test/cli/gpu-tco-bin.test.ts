/**
 * The CLI entry as a child process (`src/cli/gpu-tco.ts` through tsx; the packed bin runs its
 * compiled twin, see test/consumers): exit codes and streams as docs/cli.md says.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../../src/cli/program.js';
import { captureIo } from './support.js';
import { fixture, repoRoot, synthExample } from '../support/infracost.js';

const outdir = synthExample({ pools: true });
const scratch = mkdtempSync(join(tmpdir(), 'gpu-tco-bin-'));
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

function gpuTco(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, join(repoRoot, 'src/cli/gpu-tco.ts'), ...args], { cwd: scratch, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const head = fixture('breakdowns/example-head.json');
async function inProcess(...args: string[]) {
  const io = captureIo(scratch);
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}
const oneLine = (err: string) => {
  expect(err.endsWith('\n')).toBe(true);
  expect(err.trimEnd().split('\n')).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at /);
};

test('exit 0: the Markdown summary on stdout', () => {
  const { code, out, err } = gpuTco('check', '--infracost', head, '--out-dir', outdir);
  expect(err).toBe('');
  expect(code).toBe(0);
  expect(out).toMatch(/^## GPU cost check\n/);
  expect(out).toContain('| ml-pools | 11,010.09 |');
});

test('exit 1: a budget broken by the merged figures', () => {
  const budgeted = synthExample({ pools: true, budgetUsd: 15_400 });
  try {
    const { code, out, err } = gpuTco('check', '--infracost', fixture('breakdowns/example-drift.json'), '--out-dir', budgeted);
    expect(code).toBe(1);
    expect(out).toContain('**OVER BUDGET**');
    oneLine(err);
  } finally {
    rmSync(budgeted, { recursive: true, force: true });
  }
});

describe('exit 2, one line naming the file and what to run', () => {
  const bad = (name: string, doc: unknown) => {
    const file = join(scratch, name);
    writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
    return file;
  };
  const v03 = { ...JSON.parse(readFileSync(head, 'utf8')), version: '0.3' };
  mkdirSync(join(scratch, 'empty/stacks'), { recursive: true });
  test.each([
    ['a missing breakdown', () => ['--infracost', join(scratch, 'nope.json'), '--out-dir', outdir], /--infracost .*nope\.json: no such file; write it with `infracost breakdown/],
    ['JSON that is not a breakdown (a cost report)', () => ['--infracost', join(outdir, 'stacks/ml-gpu/cost-report.json'), '--out-dir', outdir], /cost-report\.json is not an Infracost breakdown \(schema 0\.2\): \/ must have required property 'version'/],
    ['schema version 0.3', () => ['--infracost', bad('v03.json', v03), '--out-dir', outdir], /v03\.json is an Infracost breakdown of schema version 0\.3; only 0\.2 is supported/],
    ['a stack synth did not produce', () => ['--infracost', fixture('breakdowns/example-ghost.json'), '--out-dir', outdir], /project "ml-ghost" \(cdktf\.out\/stacks\/ml-ghost\) is stack ml-ghost, which synth did not produce/],
    ['an out dir without cost reports', () => ['--infracost', head, '--out-dir', join(scratch, 'empty')], /no cost-report\.json under .*empty\/stacks.*run `npm run synth`/],
    ['an unreadable baseline', () => ['--infracost', head, '--out-dir', outdir, '--compare-to', bad('broken.json', '{ "version": ')], /--compare-to .*broken\.json is not JSON/],
  ])('%s', async (what, args, message) => {
    // The first case runs as a process (exit code and streams as the shell sees them); the rest
    // through the same entry function in-process, which is what the process runs.
    const { code, out, err } = what === 'a missing breakdown' ? gpuTco('check', ...args()) : await inProcess('check', ...args());
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    oneLine(err);
  });
});

test('gpu-tco report: every stack as a table', () => {
  const { code, out } = gpuTco('report', outdir);
  expect(code).toBe(0);
  expect(out).toMatch(/│ ml-gpu\s+│ us-west-2 │\s+15,351\.25 │\s+46,053\.76 │ none\s+│/);
  expect(out).toMatch(/│ total\s+│/);
});

test('gpu-tco report: exit 2 without cost reports', async () => {
  expect((await inProcess('report', join(scratch, 'empty'))).code).toBe(2);
});

test('prices fetch against an endpoint that accepts and never answers: exit 2 with one line naming it and the timeout', async () => {
  const held: Socket[] = [];
  const server = createServer((socket) => void held.push(socket)); // accept, never answer
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  try {
    const env = { ...process.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1' };
    // spawn, not spawnSync: the listener runs in this process. A hang would be killed after 60 s (status null).
    const child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, join(repoRoot, 'src/cli/gpu-tco.ts'), 'prices', 'fetch', '--region', 'eu-west-1', '--instance-types', 'g6e.xlarge', '--timeout', '2', '--out', join(scratch, 'hung.lock.json')], { cwd: scratch, env });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const killer = setTimeout(() => child.kill(), 60_000);
    const code = await new Promise<number | null>((done) => child.on('close', done));
    clearTimeout(killer);
    expect(code).toBe(2);
    const last = err.trimEnd().split('\n').pop()!;
    expect(last).toMatch(new RegExp(`no answer from http://127\\.0\\.0\\.1:${port} within 2 s \\(--timeout\\)`));
    expect(err).not.toMatch(/\n\s+at /);
  } finally {
    for (const s of held) s.destroy();
    server.close();
  }
}, 90_000);

test('prices fetch refuses a timeout that is not a number of seconds', async () => {
  const { code, err } = await inProcess('prices', 'fetch', '--region', 'eu-west-1', '--timeout', 'soon');
  expect(code).toBe(2);
  expect(err).toMatch(/--timeout NaN is not a number of seconds from 1 to 3600/);
});

test.each([['{}', /\/ must have required property/], ['null', /\/ must be object/], ['[1,2]', /\/ must be object/]])(
  'report and check on a cost-report.json of the wrong shape (%s): exit 2 naming the file, in every format',
  async (text, problem) => {
    const dir = join(scratch, `bad-report-${text.replace(/\W/g, '')}`);
    mkdirSync(join(dir, 'stacks/ml-gpu'), { recursive: true });
    writeFileSync(join(dir, 'stacks/ml-gpu/cost-report.json'), text);
    for (const args of [['report', dir], ['report', dir, '--format', 'json'], ['report', dir, '--format', 'markdown'], ['check', '--infracost', head, '--out-dir', dir]]) {
      const { code, out, err } = await inProcess(...args);
      expect({ args, code, out }).toEqual({ args, code: 2, out: '' });
      expect(err).toMatch(/cost-report\.json is not a cost report \(cost-report\.schema\.json\)/);
      expect(err).toMatch(problem);
      oneLine(err);
    }
  },
);
