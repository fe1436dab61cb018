import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { TerraformStack } from 'cdktf';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider/index.js';
import { GpuNodeGroup } from '../../src/compute/gpu-node-group.js';
import { CapacityType } from '../../src/compute/capacity-type.js';
import { GpuInstanceType } from '../../src/catalog/gpu-instance-type.js';
import { GpuAlertRules } from '../../src/observability/gpu-alert-rules.js';
import type { GpuAlertRulesProps } from '../../src/observability/gpu-alert-rules.js';
import { newStack, all, withExistingMonitoring } from '../support/synth.js';
import type { SynthResult } from '../support/synth.js';

export const tags = { team: 'search', costCenter: 'cc-1234', environment: 'prod' };

/** A stack with one on-demand g6e.12xlarge node group (max 6) named `inference`, and the rules. */
export function alertStack(props: GpuAlertRulesProps = {}, withNodeGroup = true, region = 'us-east-1'): { stack: TerraformStack; rules: GpuAlertRules } {
  const { stack } = newStack(region);
  new HelmProvider(stack, 'helm', {});
  if (withNodeGroup) {
    new GpuNodeGroup(stack, 'inference', {
      clusterName: 'ml-prod',
      subnetIds: ['subnet-a'],
      instanceTypes: [GpuInstanceType.G6E_12XLARGE],
      scaling: { min: 1, desired: 2, max: 6 },
      capacityType: CapacityType.ON_DEMAND,
      costTags: tags,
    });
  }
  withExistingMonitoring(stack);
  const rules = new GpuAlertRules(stack, 'alerts', props);
  return { stack, rules };
}

/** The helm_release named `name`. */
export function release(json: SynthResult, name: string): Record<string, any> {
  const found = all(json, 'helm_release').filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one helm_release ${name}, found ${found.length}`);
  return found[0]!;
}

/** The objects of a release's inline values, with Terraform's escapes undone as Terraform would. */
export function releaseObjects(json: SynthResult, name = 'gpu-alert-rules'): Array<Record<string, any>> {
  const values = release(json, name).values[0] as string;
  return (parse(unescapeTerraform(values)) as { objects: Array<Record<string, any>> }).objects;
}

export function unescapeTerraform(s: string): string {
  return s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** The PrometheusRule's spec as a Prometheus rules file. */
export function rulesFile(json: SynthResult): { groups: Array<{ name: string; rules: Array<Record<string, any>> }> } {
  const rule = releaseObjects(json).find((o) => o.kind === 'PrometheusRule')!;
  return rule.spec;
}

export function fixture(path: string): string {
  return readFileSync(join(__dirname, `../fixtures/${path}`), 'utf8');
}

/**
 * promtool, when installed. Missing locally: the caller skips with a plain message; under CI=true
 * a missing promtool fails the run (.ci/run installs Debian's prometheus package).
 */
export function promtool(): string | undefined {
  const found = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  if (found.status === 0) return 'promtool';
  if (process.env.CI === 'true') throw new Error('promtool is not installed, and CI=true requires it: install Debian\'s prometheus package (apt-get install -y --no-install-recommends prometheus)');
  console.warn('promtool not found: skipping the promtool rule tests (install Debian\'s prometheus package to run them)');
  return undefined;
}

/** Writes files into a fresh temp folder and runs promtool there; returns status and output. */
export function runPromtool(args: string[], files: Record<string, unknown>): { status: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gpu-rules-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : stringify(content, { lineWidth: 0 }));
  const r = spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' });
  return { status: r.status ?? -1, output: `${r.stdout}\n${r.stderr}` };
}

