/**
 * The comparison package (bench/blueprints: cdk-eks-blueprints 1.19.0 on aws-cdk-lib) is not a
 * dependency of the library: `npm run bench` installs it from its own lock on first use.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BLUEPRINTS_DIR = 'bench/blueprints';

function installedVersionMatches(): boolean {
  const wanted = (JSON.parse(readFileSync(join(BLUEPRINTS_DIR, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
  return Object.entries(wanted).every(([name, version]) => {
    const installed = join(BLUEPRINTS_DIR, 'node_modules', name, 'package.json');
    return existsSync(installed) && (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version === version;
  });
}

/** Installs bench/blueprints when needed; returns why the comparison cannot run, or undefined when it can. */
export function ensureBlueprints(): string | undefined {
  if (installedVersionMatches()) return undefined;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const ping = spawnSync(npm, ['ping', '--fetch-retries=0', '--fetch-timeout=15000'], { env, encoding: 'utf8', timeout: 30_000 });
  if (ping.status !== 0) {
    const why = `${ping.stderr ?? ''}`.split('\n').filter((l) => l.startsWith('npm error') && !l.includes('complete log')).slice(0, 2).join('; ');
    return `the npm registry is unreachable (npm ping: ${why || ping.error?.message || `exit ${ping.status}`})`;
  }
  console.log(`${BLUEPRINTS_DIR}/node_modules is missing or stale: installing cdk-eks-blueprints 1.19.0 and aws-cdk-lib from its lock (npm ci --prefix ${BLUEPRINTS_DIR}, about 500 MB, once)`);
  const ci = spawnSync(npm, ['ci', '--prefix', BLUEPRINTS_DIR, '--no-audit', '--no-fund'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (ci.status !== 0) return `npm ci --prefix ${BLUEPRINTS_DIR} failed (exit ${ci.status})`;
  return installedVersionMatches() ? undefined : `npm ci --prefix ${BLUEPRINTS_DIR} did not install the pinned versions`;
}
