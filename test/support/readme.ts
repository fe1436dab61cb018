/**
 * The README's code, read from the file itself so that its examples cannot rot: its fenced
 * blocks, the quick start, and the shell commands a test runs. A block whose fence is preceded by
 * `<!-- not run: reason -->` is one no test runs (it needs AWS, Infracost or is the set-up itself).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const README = join(__dirname, '../../README.md');

export interface ReadmeBlock {
  /** The fence's info string: ts, sh, … */
  readonly lang: string;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The reason of a `<!-- not run: reason -->` right above the fence, if any. */
  readonly notRun?: string;
}

/** Every fenced block of README.md, in order. */
export function readmeBlocks(text = readFileSync(README, 'utf8')): ReadmeBlock[] {
  const lines = text.split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    let above = start - 1;
    while (above >= 0 && lines[above]!.trim() === '') above--;
    const marker = above >= 0 ? /^<!--\s*not run:\s*(.+?)\s*-->$/.exec(lines[above]!.trim()) : null;
    blocks.push({ lang: open[1]!, code: body.join('\n') + '\n', line: start + 1, ...(marker ? { notRun: marker[1]! } : {}) });
  }
  return blocks;
}

/** The quick start: the first ```ts block, a whole program (imports, `new App()`, `app.synth()`). */
export function quickStart(blocks = readmeBlocks()): string {
  const first = blocks.find((b) => b.lang === 'ts');
  if (!first || !/^import /m.test(first.code) || !/app\.synth\(\)/.test(first.code)) throw new Error('README.md: the first ```ts block is not the whole quick start program');
  return first.code;
}

/** An ES module's `import { a, b } from 'x';` lines as CommonJS `const { a, b } = require('x');`. */
export function toCommonJs(source: string): string {
  return source.replace(/^import \{([^}]+)\} from '([^']+)';$/gm, (_m, names: string, from: string) => `const {${names}} = require('${from}');`);
}

/**
 * The `gpu-tco` commands of the README's run shell blocks, as argument lists: one per line that
 * starts with `npx gpu-tco` (comments after `#` dropped). Shell quoting is not supported: the
 * commands are plain words.
 */
export function gpuTcoCommands(blocks = readmeBlocks()): Array<{ line: number; argv: string[] }> {
  const out: Array<{ line: number; argv: string[] }> = [];
  for (const b of blocks) {
    if (b.lang !== 'sh' || b.notRun) continue;
    b.code.split('\n').forEach((text, i) => {
      const words = text.replace(/#.*$/, '').trim().split(/\s+/);
      if (words[0] === 'npx' && words[1] === 'gpu-tco') out.push({ line: b.line + 1 + i, argv: words.slice(2) });
    });
  }
  return out;
}

/**
 * The harness for a fragment (a ```ts block after the quick start): the library names it uses
 * imported, `app` a new cdktf App, `app.synth()` after it. An ES module in TypeScript.
 */
export function wrapFragment(code: string, exported: readonly string[]): string {
  const words = new Set(code.match(/\b[A-Za-z_$][\w$]*\b/g) ?? []);
  const used = exported.filter((name) => words.has(name)).sort();
  return [
    "import { App } from 'cdktf';",
    ...(used.length ? [`import { ${used.join(', ')} } from 'cdktf-gpu-cluster';`] : []),
    '',
    'const app = new App();',
    code.trimEnd(),
    'app.synth();',
    '',
  ].join('\n');
}
