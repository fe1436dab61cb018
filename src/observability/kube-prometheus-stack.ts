import { join } from 'node:path';
import { Construct } from '../core/cdktf.js';
import type { ITerraformDependable } from '../core/cdktf.js';
import { Release } from '../core/providers.js';
import { addDependsOn } from '../core/depends-on.js';
import { PropChecker } from '../core/validate.js';
import { CHART_VERSIONS } from '../core/versions.js';
import { helmValuesYaml, mergeHelmValues } from '../core/helm-values.js';
import { checkHelmValues } from '../core/helm-values-check.js';
import { loadChartDefaults, unknownChartKeys } from '../core/chart-values-check.js';
import { claimReleaseName } from '../core/release-names.js';
import { declareProvided } from '../core/prerequisites.js';
import { declareCostProfile } from '../core/cost-registry.js';
import { CostTags, costTagsToAwsTags } from '../core/cost-tags.js';
import type { CostTagSet } from '../core/cost-tags.js';
import type { FixedCostProfile } from '../cost/cost-profile.js';
import { kubeStateMetricsValues } from './kube-state-metrics.js';

/** Props of KubePrometheusStack. */
export interface KubePrometheusStackProps {
  /**
   * Helm release name: also the `release` label its Prometheus selects ServiceMonitors and
   * PrometheusRules by.
   * @default 'kube-prometheus-stack'
   */
  readonly releaseName?: string;
  /**
   * Namespace, created by the release.
   * @default 'monitoring'
   */
  readonly namespace?: string;
  /**
   * Prometheus's persistent volume in GiB (one replica; priced as gp3 in the cost report).
   * @default 50 (the chart's commented example; the chart's own default is an emptyDir that loses the data with the pod)
   */
  readonly storageGiB?: number;
  /**
   * StorageClass of the volume.
   * @default 'gp3' (the encrypted gp3 class GpuCluster creates)
   */
  readonly storageClassName?: string;
  /**
   * How long Prometheus keeps samples.
   * @default '10d' (the chart's default)
   */
  readonly retention?: string;
  /**
   * Chart values deep-merged over the construct's (checked against the chart's values.yaml).
   * @default {}
   */
  readonly additionalValues?: Record<string, unknown>;
  /**
   * What the release waits for (the StorageClass, the EBS CSI driver).
   * @default []
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Cost-allocation tags of the volume's cost line.
   * @default - the tags of `CostTags.of(scope)`
   */
  readonly costTags?: CostTagSet;
}

/** How the chart's values.yaml is read for unknown keys. */
export const KPS_KEY_RULES = { chart: 'kube-prometheus-stack', freeFormPaths: ['kube-state-metrics'] };

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

/**
 * kube-prometheus-stack (chart 88.5.3): the Prometheus Operator with its CRDs, Prometheus with a
 * persistent gp3 volume, Alertmanager, Grafana with the dashboard sidecar, and kube-state-metrics
 * allowed to export the node labels the cost rules join. Its Prometheus selects ServiceMonitors
 * and PrometheusRules labelled `release: <releaseName>`. The namespace is created by the release,
 * so everything written into it must depend on `release`.
 */
export class KubePrometheusStack extends Construct {
  readonly release: Release;
  readonly releaseName: string;
  readonly namespace: string;
  readonly storageGiB: number;
  /** The chart values written. */
  readonly values: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: KubePrometheusStackProps = {}) {
    super(scope, id);
    const check = new PropChecker(this.node.path);
    this.releaseName = check.string('releaseName', props.releaseName ?? 'kube-prometheus-stack', { pattern: NAME, allowed: 'a Helm release name: lower-case letters, digits and -' });
    this.namespace = check.string('namespace', props.namespace ?? 'monitoring', { pattern: NAME, allowed: 'a Kubernetes namespace name' });
    this.storageGiB = check.integer('storageGiB', props.storageGiB ?? 50, { min: 1, max: 16_384 });
    const storageClassName = check.string('storageClassName', props.storageClassName ?? 'gp3', { pattern: NAME, allowed: 'a StorageClass name' });
    const retention = check.string('retention', props.retention ?? '10d', { pattern: DURATION, allowed: 'a Prometheus duration such as 10d or 12h' });
    const additional = checkHelmValues(check, 'additionalValues', props.additionalValues, '{ grafana: { enabled: false } }');
    const values = {
      prometheus: {
        prometheusSpec: {
          retention,
          storageSpec: { volumeClaimTemplate: { spec: { storageClassName, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: `${this.storageGiB}Gi` } } } } },
        },
      },
      ...kubeStateMetricsValues(),
    };
    const merged = additional ? mergeHelmValues(this, values, additional) : values;
    // The user's keys are checked against the chart's values.yaml (the construct's own are tested
    // against it); parsing that 200 KB file is skipped when there are none.
    if (additional) {
      const defaults = loadChartDefaults(join(__dirname, './data/kube-prometheus-stack-values.yaml'));
      // kube-state-metrics is a subchart: its keys are not in this chart's values.yaml.
      const [u] = unknownChartKeys(merged, defaults, KPS_KEY_RULES);
      if (u) check.fail('UNKNOWN_CHART_VALUE', `additionalValues.${u.path}`, u.value, u.problem, u.closest.length ? `e.g. ${u.closest.join(', ')}` : `keys of kube-prometheus-stack ${CHART_VERSIONS.kubePrometheusStack.version}`, 'use a key of the chart at the pinned version');
    }
    this.values = merged;

    const chart = CHART_VERSIONS.kubePrometheusStack;
    this.release = new Release(this, 'release', {
      name: this.releaseName,
      namespace: this.namespace,
      createNamespace: true,
      ...chart,
      atomic: true,
      values: [helmValuesYaml(merged)],
    });
    if (props.dependsOn !== undefined && !Array.isArray(props.dependsOn)) {
      check.fail('INVALID_DEPENDS_ON', 'dependsOn', props.dependsOn, 'must be a list', 'a list of Terraform resources (e.g. another release)', 'pass dependsOn: [release]');
    }
    for (const d of props.dependsOn ?? []) addDependsOn(this.release, d);
    claimReleaseName(this, this.release, 'releaseName');
    declareProvided(this.release, { apiGroups: ['monitoring.coreos.com'] });

    const own = props.costTags === undefined ? {} : costTagsToAwsTags(props.costTags, check);
    declareCostProfile(this, (): FixedCostProfile => ({
      kind: 'fixed',
      constructPath: this.node.path,
      item: 'ebs-gp3-gb-month',
      quantity: this.storageGiB,
      description: `Prometheus volume, ${this.storageGiB} GiB gp3 (${storageClassName})`,
      tags: { ...CostTags.resolve(this), ...own },
    }));
  }
}
