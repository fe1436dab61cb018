/**
 * Two checkouts of one commit, at different paths, synthesizing with different LANG and TZ, write
 * byte-identical trees: no machine path, stack trace, locale or clock in any file.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTree } from '../support/tree.js';

const repo = join(__dirname, '../..');

/** A checkout of the showcase's sources at `path`, synthesized with `env`. */
function synthClone(path: string, env: Record<string, string>): Record<string, string> {
  mkdirSync(path, { recursive: true });
  for (const entry of ['src', 'examples', 'package.json', 'tsconfig.json', 'cdktf.json']) cpSync(join(repo, entry), join(path, entry), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(path, 'node_modules'), 'dir');
  execFileSync(process.execPath, ['--import', 'tsx', 'examples/gpu-cluster/main.ts'], { cwd: path, env: { ...process.env, ...env, GPU_TCO_CONSOLE: 'off', ADMIN_CIDRS: '203.0.113.7/32' }, stdio: 'pipe' });
  return readTree(join(path, 'cdktf.out'));
}

test('two clones at different paths, LANG and TZ different, write byte-identical cdktf.out trees', () => {
  const a = synthClone(join(mkdtempSync(join(tmpdir(), 'clone-a-')), 'repo'), { LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8', TZ: 'UTC' });
  const b = synthClone(join(mkdtempSync(join(tmpdir(), 'second-clone-')), 'work', 'cdktf-gpu-cluster'), { LANG: 'sv_SE.UTF-8', LC_ALL: 'sv_SE.UTF-8', TZ: 'Pacific/Chatham' });
  expect(Object.keys(b)).toEqual(Object.keys(a));
  expect(Object.keys(a)).toEqual(expect.arrayContaining(['manifest.json', 'infracost.yml', 'stacks/ml-cluster/cdk.tf.json', 'stacks/ml-addons/cost-report.json']));
  for (const file of Object.keys(a)) expect({ file, text: b[file] }).toEqual({ file, text: a[file] });
  expect(JSON.stringify(a)).not.toMatch(/clone-a-|second-clone-|\/tmp\//);
}, 60_000);
