import { Construct } from '../core/cdktf.js';
import type { ITerraformDependable } from '../core/cdktf.js';
import { PropChecker } from '../core/validate.js';
import { isLabelKey, isLabelValue } from '../base/labels.js';
import { ManifestBundle } from '../core/manifest-bundle.js';
import type { KubernetesObject } from '../core/kubernetes-object.js';
import { CLUSTER_BURN, NODE_GPU_PRICE, TEAM_BURN } from './rules/cost.js';
import { KSM_GPU_RESOURCES } from './rules/capacity.js';

/** Props of GpuDashboard. */
export interface GpuDashboardProps {
  /**
   * Namespace of the ConfigMap (kube-prometheus-stack's Grafana sidecar searches its own namespace unless told otherwise).
   * @default 'monitoring'
   */
  readonly namespace?: string;
  /**
   * Name of the ConfigMap.
   * @default 'gpu-cluster-dashboard'
   */
  readonly name?: string;
  /**
   * The label the Grafana sidecar loads dashboards by.
   * @default { grafana_dashboard: '1' }
   */
  readonly sidecarLabels?: Record<string, string>;
  /**
   * The node-name label of DCGM series (see GpuAlertRulesProps.hostnameLabel).
   * @default 'Hostname'
   */
  readonly hostnameLabel?: 'Hostname' | 'hostname';
  /**
   * Utilization percent under which a GPU counts as idle on the waste panel.
   * @default 20
   */
  readonly idleUtilizationPercent?: number;
  /**
   * Name of the Helm release carrying the ConfigMap.
   * @default 'gpu-dashboard'
   */
  readonly releaseName?: string;
  /**
   * @default []
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** One panel: its title, unit and PromQL targets (legend per target). */
interface PanelSpec {
  readonly title: string;
  readonly unit: string;
  readonly targets: ReadonlyArray<{ expr: string; legend: string }>;
  readonly type?: 'timeseries' | 'stat';
}

/**
 * The dashboard's panels: GPU utilization, memory used (used / (used + free)), temperature,
 * power, XID events, pending GPU pods, cost burn per team, idle-GPU waste.
 */
export function gpuDashboardPanels(hostname: 'Hostname' | 'hostname' = 'Hostname', idlePercent = 20): PanelSpec[] {
  const gpu = `{{${hostname}}} GPU {{gpu}}`;
  return [
    { title: 'GPU utilization', unit: 'percent', targets: [{ expr: 'DCGM_FI_DEV_GPU_UTIL', legend: gpu }, { expr: 'DCGM_FI_PROF_GR_ENGINE_ACTIVE{GPU_I_PROFILE!=""} * 100', legend: `${gpu} MIG {{GPU_I_PROFILE}}` }] },
    { title: 'GPU memory used', unit: 'percent', targets: [{ expr: 'DCGM_FI_DEV_FB_USED / (DCGM_FI_DEV_FB_USED + DCGM_FI_DEV_FB_FREE) * 100', legend: gpu }] },
    { title: 'GPU temperature', unit: 'celsius', targets: [{ expr: 'DCGM_FI_DEV_GPU_TEMP', legend: gpu }, { expr: 'DCGM_FI_DEV_MEMORY_TEMP < 1000', legend: `${gpu} memory` }] },
    { title: 'GPU power', unit: 'watt', targets: [{ expr: 'DCGM_FI_DEV_POWER_USAGE', legend: gpu }, { expr: 'DCGM_FI_DEV_POWER_MGMT_LIMIT', legend: `${gpu} limit` }] },
    { title: 'XID events', unit: 'none', targets: [{ expr: 'DCGM_FI_DEV_XID_ERRORS > 0 and on(UUID, gpu) changes(DCGM_FI_DEV_XID_ERRORS[1h]) > 0', legend: `${gpu} XID {{value}}` }] },
    { title: 'Pods pending for a GPU', unit: 'none', type: 'stat', targets: [{ expr: `count(max by (namespace, pod) (kube_pod_status_phase{phase="Pending"}) == 1 and on(namespace, pod) max by (namespace, pod) (kube_pod_container_resource_requests{resource=~"${KSM_GPU_RESOURCES}"}) > 0) or vector(0)`, legend: 'pending' }] },
    { title: 'Cost burn per team (USD/h)', unit: 'currencyUSD', targets: [{ expr: TEAM_BURN, legend: '{{team}}' }, { expr: CLUSTER_BURN, legend: 'all GPU nodes' }] },
    {
      title: 'Idle-GPU waste (USD/h)',
      unit: 'currencyUSD',
      targets: [
        {
          expr: `sum by (${hostname}) ((avg_over_time(DCGM_FI_DEV_GPU_UTIL{pod!=""}[1h]) < ${idlePercent}) * 0 + on(${hostname}) group_left() label_replace(${NODE_GPU_PRICE}, "${hostname}", "$1", "node", "(.+)"))`,
          legend: `{{${hostname}}}`,
        },
      ],
    },
  ];
}

/** The Grafana dashboard JSON model (schemaVersion 39), one row of panels per two. */
export function gpuDashboardJson(panels: readonly PanelSpec[]): Record<string, unknown> {
  return {
    title: 'GPU cluster',
    uid: 'cdktf-gpu-cluster',
    tags: ['gpu', 'dcgm', 'cdktf-gpu-cluster'],
    timezone: 'utc',
    schemaVersion: 39,
    time: { from: 'now-6h', to: 'now' },
    refresh: '1m',
    templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Data source' }] },
    panels: panels.map((p, i) => ({
      id: i + 1,
      type: p.type ?? 'timeseries',
      title: p.title,
      datasource: { type: 'prometheus', uid: '${datasource}' },
      gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
      fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
      targets: p.targets.map((t, j) => ({ refId: String.fromCharCode(65 + j), expr: t.expr, legendFormat: t.legend, datasource: { type: 'prometheus', uid: '${datasource}' } })),
    })),
  };
}

/**
 * A Grafana dashboard for GPU clusters, as a ConfigMap labelled for kube-prometheus-stack's
 * Grafana sidecar (`grafana_dashboard: "1"`), delivered through a generated Helm chart.
 */
export class GpuDashboard extends Construct {
  readonly manifests: ManifestBundle;
  readonly configMapName: string;
  readonly namespace: string;
  private readonly json: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: GpuDashboardProps = {}) {
    super(scope, id);
    const check = new PropChecker(this.node.path);
    if (props === null || typeof props !== 'object' || Array.isArray(props)) check.fail('INVALID_PROPS', 'props', props, 'must be an object', 'a GpuDashboardProps object or nothing');
    const name = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
    this.namespace = check.string('namespace', props.namespace ?? 'monitoring', { pattern: name, allowed: 'a Kubernetes namespace name' });
    this.configMapName = check.string('name', props.name ?? 'gpu-cluster-dashboard', { pattern: name, allowed: 'a Kubernetes object name' });
    const hostname = check.oneOf('hostnameLabel', props.hostnameLabel ?? 'Hostname', ['Hostname', 'hostname'] as const);
    const idle = check.number('idleUtilizationPercent', props.idleUtilizationPercent ?? 20, { min: 1, max: 100 });
    const labels = props.sidecarLabels ?? { grafana_dashboard: '1' };
    if (labels === null || typeof labels !== 'object' || Array.isArray(labels) || Object.keys(labels).length === 0) {
      check.fail('EMPTY_SIDECAR_LABEL', 'sidecarLabels', labels, 'is empty: the Grafana sidecar loads only ConfigMaps with its label', "a map such as { grafana_dashboard: '1' }");
    }
    for (const [k, v] of Object.entries(labels)) {
      if (!isLabelKey(k) || typeof v !== 'string' || v === '' || !isLabelValue(v)) {
        check.fail('EMPTY_SIDECAR_LABEL', `sidecarLabels[${JSON.stringify(k)}]`, v, 'is not a non-empty label key and value', "e.g. { grafana_dashboard: '1' }");
      }
    }
    this.json = gpuDashboardJson(gpuDashboardPanels(hostname, idle));
    this.manifests = new ManifestBundle(this, 'objects', {
      releaseName: props.releaseName ?? 'gpu-dashboard',
      namespace: this.namespace,
      dependsOn: props.dependsOn,
      description: 'GPU Grafana dashboard generated by cdktf-gpu-cluster',
    });
    this.manifests.add((): KubernetesObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: this.configMapName, namespace: this.namespace, labels: { ...labels, 'app.kubernetes.io/part-of': 'cdktf-gpu-cluster' } },
      data: { 'gpu-cluster.json': JSON.stringify(this.json, null, 2) },
    }), { owner: this });
  }

  /** The dashboard JSON model. */
  get dashboard(): Record<string, unknown> {
    return this.json;
  }
}
