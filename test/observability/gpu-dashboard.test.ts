import { HelmProvider } from '@cdktf/provider-helm/lib/provider/index.js';
import { GpuDashboard } from '../../src/observability/gpu-dashboard.js';
import { promqlProblems } from '../../src/observability/promql.js';
import { GpuClusterError } from '../../src/base/errors.js';
import { newStack, synthJson, withExistingMonitoring } from '../support/synth.js';
import { release, releaseObjects } from './support.js';

describe('GpuDashboard: when synthesized', () => {
  const { stack } = newStack();
  new HelmProvider(stack, 'helm', {});
  withExistingMonitoring(stack);
  new GpuDashboard(stack, 'dashboard');
  const json = synthJson(stack);
  const [configMap] = releaseObjects(json, 'gpu-dashboard');
  const dashboard = JSON.parse(configMap!.data['gpu-cluster.json']);

  test('a ConfigMap with the label the Grafana sidecar loads', () => {
    expect(configMap!.kind).toBe('ConfigMap');
    expect(configMap!.metadata).toEqual({ name: 'gpu-cluster-dashboard', namespace: 'monitoring', labels: { grafana_dashboard: '1', 'app.kubernetes.io/part-of': 'cdktf-gpu-cluster' } });
  });

  test('the panels the issue asks for', () => {
    expect(dashboard.panels.map((p: any) => p.title)).toEqual([
      'GPU utilization',
      'GPU memory used',
      'GPU temperature',
      'GPU power',
      'XID events',
      'Pods pending for a GPU',
      'Cost burn per team (USD/h)',
      'Idle-GPU waste (USD/h)',
    ]);
  });

  test('every panel query parses as PromQL', () => {
    const exprs = dashboard.panels.flatMap((p: any) => p.targets.map((t: any) => t.expr));
    expect(exprs.length).toBeGreaterThanOrEqual(8);
    for (const e of exprs) expect([e, promqlProblems(e)]).toEqual([e, []]);
  });

  test("Grafana's ${datasource} reaches the values escaped for Terraform", () => {
    const values = release(json, 'gpu-dashboard').values[0] as string;
    expect(values).toContain('$${datasource}');
    expect(dashboard.panels[0].datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
  });

  test('memory used is used / (used + free)', () => {
    expect(dashboard.panels[1].targets[0].expr).toBe('DCGM_FI_DEV_FB_USED / (DCGM_FI_DEV_FB_USED + DCGM_FI_DEV_FB_FREE) * 100');
  });
});

test('an empty sidecar label is an error', () => {
  const { stack } = newStack();
  try {
    new GpuDashboard(stack, 'd', { sidecarLabels: { grafana_dashboard: '' } });
    throw new Error('expected an error');
  } catch (e) {
    expect(e).toBeInstanceOf(GpuClusterError);
    expect((e as GpuClusterError).prop).toBe('sidecarLabels["grafana_dashboard"]');
  }
});
