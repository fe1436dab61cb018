/**
 * The consumer side of `npm run bench`: the package packed (prepack builds dist) and installed
 * into a fresh project laid out as test/consumers/cdktf-init-ts (the `cdktf init` TypeScript
 * template) without its dev tools, with the README's quick start compiled to main.js as the
 * template's tsconfig compiles it (CommonJS, ES2018). Runs with plain node, as users' synth does
 * once compiled.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { quickStart } from '../test/support/readme.js';

export interface ConsumerProject {
  readonly dir: string;
  /** main.js: the compiled quick start. */
  readonly entry: string;
  dispose(): void;
}

export function installConsumerProject(): ConsumerProject {
  const root = join(__dirname, '..');
  const dir = mkdtempSync(join(tmpdir(), 'gpu-bench-consumer-'));
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const packed = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [{ filename }] = JSON.parse(packed.slice(packed.search(/^\[/m))) as Array<{ filename: string }>;
  const fixture = join(root, 'test/consumers/cdktf-init-ts');
  for (const f of ['cdktf.json', 'tsconfig.json', '.npmrc']) cpSync(join(fixture, f), join(dir, f));
  const pkg = JSON.parse(readFileSync(join(fixture, 'package.json'), 'utf8')) as Record<string, unknown>;
  delete pkg.devDependencies;
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  cpSync(join(dir, filename), join(dir, 'cdktf-gpu-cluster.tgz'));
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const { outputText } = ts.transpileModule(quickStart(), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2018, esModuleInterop: false } });
  const entry = join(dir, 'main.js');
  writeFileSync(entry, outputText);
  return { dir, entry, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
