/**
 * Pins that exist: every pinned chart version, add-on build, Kubernetes version and AMI release is
 * found in its vendored upstream evidence (data-sources/), and nothing is pinned outside the
 * registry (src/cluster/pins.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_AMI_ALIAS } from '../../src/cluster/gpu-cluster.js';
import { pins } from '../../src/cluster/pins.js';
import { EKS_ADDON_VERSIONS } from '../../src/cluster/eks-versions.js';
import { CHART_VERSIONS } from '../../src/core/versions.js';

const dataSources = join(__dirname, '../../data-sources');
const registry = pins(DEFAULT_AMI_ALIAS);

test.each(registry.map((p) => [p.what, p.value, p] as const))('%s %s is in its evidence', (_what, _value, pin) => {
  const text = readFileSync(join(dataSources, pin.evidence), 'utf8');
  expect({ pin: pin.what, evidence: pin.evidence, found: text.includes(pin.proves) }).toEqual({ pin: pin.what, evidence: pin.evidence, found: true });
});

test('the registry covers every chart pin and every add-on build, each once', () => {
  const values = new Set(registry.map((p) => `${p.what}=${p.value}`));
  for (const chart of Object.values(CHART_VERSIONS)) expect(values).toContain(`chart ${chart.chart}=${chart.version}`);
  for (const [version, addons] of Object.entries(EKS_ADDON_VERSIONS)) for (const [addon, build] of Object.entries(addons)) expect(values).toContain(`eks add-on ${addon} for ${version}=${build}`);
  expect(values.size).toBe(registry.length);
});

test('a pin missing from its evidence fails (the check is not vacuous)', () => {
  const chart = registry.find((p) => p.what === 'chart kube-prometheus-stack')!;
  const text = readFileSync(join(dataSources, chart.evidence), 'utf8');
  expect(text.includes(chart.proves.replace('88.5.3', '88.5.4'))).toBe(false);
});
