/**
 * README.md runs: every ```ts block is executed against the library's sources (the quick start as
 * the program it is, later fragments through the harness of test/support/readme.ts), and every
 * shell block either runs here (`npx gpu-tco …` through the CLI's entry function, after the quick
 * start's synth) or says why not with `<!-- not run: reason -->`. test:consumers runs the quick
 * start again from the packed tarball, type-checked.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import * as library from '../../src/index.js';
import { runCli } from '../../src/cli/program.js';
import { captureIo } from '../cli/support.js';
import { gpuTcoCommands, quickStart, readmeBlocks, wrapFragment } from '../support/readme.js';

const blocks = readmeBlocks();
const tsBlocks = blocks.filter((b) => b.lang === 'ts');
const scratch = mkdtempSync(join(tmpdir(), 'readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Transpiles an ES module of the README to CommonJS and runs it with `cdktf-gpu-cluster` resolved to src, synthesizing into `outdir`. */
function execute(source: string, outdir: string): void {
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
  const requireFor = (id: string) => (id === 'cdktf-gpu-cluster' ? library : require(id));
  const previous = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = outdir; // cdktf's App takes its default outdir from here
  try {
    new Function('require', 'module', 'exports', outputText)(requireFor, { exports: {} }, {});
  } finally {
    if (previous === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = previous;
  }
}

const stacksIn = (outdir: string) => readdirSync(join(outdir, 'stacks')).filter((s) => existsSync(join(outdir, 'stacks', s, 'cdk.tf.json'))).sort();

describe('README.md', () => {
  test('has a quick start and at least one fragment', () => {
    expect(quickStart(blocks)).toMatch(/new GpuCluster\(app, 'ml'/);
    expect(tsBlocks.length).toBeGreaterThan(1);
  });

  const quickOut = join(scratch, 'cdktf.out');
  test.each(tsBlocks.map((b, i) => [b.line, i] as const))('the ```ts block at line %i synthesizes', (_line, i) => {
    const outdir = i === 0 ? quickOut : join(scratch, `fragment-${i}`);
    const source = i === 0 ? tsBlocks[0]!.code : wrapFragment(tsBlocks[i]!.code, Object.keys(library));
    execute(source, outdir);
    expect(stacksIn(outdir).length).toBeGreaterThan(0);
    if (i === 0) expect(stacksIn(outdir)).toEqual(['ml-addons', 'ml-cluster']);
  });

  test('every shell block is run here or says why not', () => {
    for (const b of blocks.filter((x) => x.lang === 'sh' && !x.notRun)) {
      const lines = b.code.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
      expect({ line: b.line, lines: lines.filter((l) => !l.startsWith('npx gpu-tco ')) }).toEqual({ line: b.line, lines: [] });
    }
    expect(gpuTcoCommands(blocks).length).toBeGreaterThan(0);
  });

  test.each(gpuTcoCommands(blocks).map((c) => [c.argv.join(' '), c.line, c.argv] as const))('`npx gpu-tco %s` (line %i) exits 0 with output, after the quick start synth', async (_cmd, _line, argv) => {
    if (!existsSync(quickOut)) execute(tsBlocks[0]!.code, quickOut);
    // Run where the quick start's outdir is ./cdktf.out, as in the project.
    const io = captureIo(scratch);
    const code = await runCli(argv, io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out().length).toBeGreaterThan(0);
  });
});
