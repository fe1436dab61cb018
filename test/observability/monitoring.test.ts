/**
 * Monitoring that works on a fresh cluster: a new GpuCluster installs kube-prometheus-stack (its
 * CRDs and namespace) before anything that needs them, or uses the Prometheus the user declares,
 * or none.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { App } from 'cdktf';
import { GpuCluster, KubePrometheusStack, Monitoring } from '../../src/index.js';
import { KPS_KEY_RULES } from '../../src/observability/kube-prometheus-stack.js';
import { unknownChartKeys } from '../../src/core/chart-values-check.js';
import { buildGpuClusterApp } from '../../examples/gpu-cluster/app.js';
import { releaseObjects } from '../support/custom-resources.js';
import { errorOf } from '../support/errors.js';
import { newStack, warningsOf } from '../support/synth.js';
import { bundledFixedPrice } from '../support/prices.js';

const tags = { team: 'ml-platform', costCenter: 'cc-42', environment: 'prod' };
const tf = (outdir: string, stack: string) => JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
const releases = (json: any) => Object.entries<any>(json.resource.helm_release ?? {}).map(([id, r]) => ({ id, ...r }));
const byName = (json: any, name: string) => releases(json).find((r) => r.name === name)!;
const ref = (r: { id: string }) => `helm_release.${r.id}`;

function cluster(props: Record<string, unknown> = {}, existing = false) {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'monitoring-')) });
  const c = existing
    ? GpuCluster.fromExisting(app, 'team', { clusterName: 'ml-prod', region: 'us-east-1', costTags: tags, ...props } as never)
    : new GpuCluster(app, 'gpu', { region: 'us-east-1', costTags: tags, ...props });
  return { app, c };
}

describe('examples/gpu-cluster: kube-prometheus-stack on a fresh cluster', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'monitoring-example-'));
  buildGpuClusterApp(outdir).app.synth();
  const addons = tf(outdir, 'ml-addons');
  const kps = byName(addons, 'kube-prometheus-stack');

  test('the pinned chart, in a namespace its release creates, with a persistent gp3 volume', () => {
    expect(kps).toMatchObject({ repository: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '88.5.3', namespace: 'monitoring', create_namespace: true });
    const values = parse(kps.values[0]);
    expect(values.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec).toEqual({ storageClassName: 'gp3', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '50Gi' } } });
    expect(values['kube-state-metrics'].metricLabelsAllowlist[0]).toMatch(/^nodes=\[/);
  });

  test('the gp3 StorageClass (encrypted, EBS CSI) comes first; KPS waits for it', () => {
    const storage = byName(addons, 'storage-classes');
    const [sc] = releaseObjects({ resource: { helm_release: { x: storage } } });
    expect(sc).toMatchObject({ kind: 'StorageClass', provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3', encrypted: 'true' }, volumeBindingMode: 'WaitForFirstConsumer' });
    expect(kps.depends_on).toContain(ref(releases(addons).find((r) => r.name === 'storage-classes')!));
  });

  test('alert rules, dashboard, Karpenter and the GPU Operator install after it (CRDs, namespace, capability checks)', () => {
    const after = ref(releases(addons).find((r) => r.name === 'kube-prometheus-stack')!);
    for (const name of ['gpu-alert-rules', 'gpu-dashboard', 'karpenter', 'gpu-operator']) {
      expect({ name, depends_on: byName(addons, name).depends_on }).toEqual({ name, depends_on: expect.arrayContaining([after]) });
    }
    expect(byName(addons, 'gpu-alert-rules').namespace).toBe('monitoring');
    const dashboard = releaseObjects({ resource: { helm_release: { x: byName(addons, 'gpu-dashboard') } } })[0]!;
    expect(dashboard.metadata.labels).toMatchObject({ grafana_dashboard: '1', release: 'kube-prometheus-stack' });
  });

  test("the Prometheus volume is in the cost report: 50 GiB x the bundled gp3 GB-month price", () => {
    const report = JSON.parse(readFileSync(join(outdir, 'stacks', 'ml-addons', 'cost-report.json'), 'utf8'));
    const line = report.lines.find((l: any) => /Prometheus volume/.test(l.item));
    const gp3 = bundledFixedPrice('ebs-gp3-gb-month');
    expect(line.monthlyUsd.expected).toBeCloseTo(50 * gp3, 2);
    expect(line.monthlyUsd.worstCase).toBeCloseTo(50 * gp3, 2);
  });
});

describe('Monitoring.existing, Monitoring.none and the deprecated prometheusRelease', () => {
  test('existing: no install; ServiceMonitors and rules labelled for its release, rules and dashboard in its namespace', () => {
    const { app, c } = cluster({ monitoring: Monitoring.existing({ release: 'prom', namespace: 'observability' }) });
    c.addAlertRules();
    c.addDashboard();
    app.synth();
    const addons = tf(app.outdir, 'gpu-addons');
    expect(releases(addons).map((r) => r.name)).not.toContain('kube-prometheus-stack');
    expect(parse(byName(addons, 'karpenter').values[0]).serviceMonitor.additionalLabels).toEqual({ release: 'prom' });
    expect(byName(addons, 'gpu-alert-rules').namespace).toBe('observability');
    expect(byName(addons, 'gpu-dashboard').namespace).toBe('observability');
    expect(releaseObjects(addons).find((o) => o.kind === 'PrometheusRule')!.metadata.labels.release).toBe('prom');
  });

  test('fromExisting defaults to the cluster\'s kube-prometheus-stack in monitoring', () => {
    const { c } = cluster({}, true);
    expect(c.monitoring).toMatchObject({ kind: 'existing', release: 'kube-prometheus-stack', namespace: 'monitoring' });
    expect(c.kubePrometheusStack).toBeUndefined();
  });

  test('none: no ServiceMonitor anywhere; alert rules and dashboards are refused', () => {
    const { app, c } = cluster({ monitoring: Monitoring.none() });
    expect(errorOf(() => c.addAlertRules())).toMatchObject({ code: 'NO_MONITORING' });
    expect(errorOf(() => c.addDashboard())).toMatchObject({ code: 'NO_MONITORING' });
    app.synth();
    const addons = tf(app.outdir, 'gpu-addons');
    expect(parse(byName(addons, 'karpenter').values[0]).serviceMonitor).toEqual({ enabled: false });
    expect(parse(byName(addons, 'gpu-operator').values[0]).dcgmExporter.serviceMonitor.enabled).toBe(false);
  });

  test('prometheusRelease alone stands for Monitoring.existing with a deprecation warning; with monitoring it is refused', () => {
    const { c } = cluster({ prometheusRelease: 'prom' });
    expect(c.monitoring).toMatchObject({ kind: 'existing', release: 'prom', namespace: 'monitoring' });
    expect(warningsOf(c).join('\n')).toMatch(/prometheusRelease is deprecated/);
    expect(errorOf(() => cluster({ prometheusRelease: 'prom', monitoring: Monitoring.none() })).code).toBe('CONFLICTING_PROPS');
    expect(errorOf(() => cluster({ monitoring: 'kube-prometheus-stack' })).code).toBe('INVALID_MONITORING');
  });

  test("KubePrometheusStack's own values and the user's are checked against the chart's values.yaml", () => {
    const { stack } = newStack();
    const chart = parse(readFileSync(join(__dirname, '../../src/observability/data/kube-prometheus-stack-values.yaml'), 'utf8'));
    expect(unknownChartKeys(new KubePrometheusStack(stack, 'own').values, chart, KPS_KEY_RULES)).toEqual([]);
    const e = errorOf(() => new KubePrometheusStack(stack, 'kps', { additionalValues: { prometheus: { prometheusSpec: { retension: '30d' } } } }));
    expect(e.code).toBe('UNKNOWN_CHART_VALUE');
    expect(e.message).toMatch(/prometheus\.prometheusSpec\.retension/);
    expect(e.message).toMatch(/retention/);
  });
});
