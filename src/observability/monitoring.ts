import type { IConstruct } from '../core/cdktf.js';
import { TerraformStack } from '../core/cdktf.js';
import { declareExisting } from '../core/prerequisites.js';
import type { KubePrometheusStackProps } from './kube-prometheus-stack.js';

/** What a GpuCluster's ServiceMonitors, alert rules and dashboards are for. */
export type MonitoringKind = 'install' | 'existing' | 'none';

/**
 * The Prometheus a GpuCluster reports to: one it installs (kube-prometheus-stack, the default for
 * a new cluster), one the cluster runs already (the default for `GpuCluster.fromExisting`: a second
 * release would collide on the Prometheus Operator's CRDs), or none (no ServiceMonitors, alert
 * rules or dashboards).
 */
export class Monitoring {
  /** Installs kube-prometheus-stack (pinned chart, persistent gp3 volume priced in the cost report). */
  static kubePrometheusStack(options: KubePrometheusStackProps = {}): Monitoring {
    return new Monitoring('install', options.releaseName ?? 'kube-prometheus-stack', options.namespace ?? 'monitoring', options);
  }

  /**
   * A kube-prometheus-stack the cluster runs already: ServiceMonitors and rules get the label its
   * Prometheus selects (`release: <release>`), rules and dashboards go to its namespace.
   */
  static existing(options: { release: string; namespace?: string }): Monitoring {
    return new Monitoring('existing', options?.release, options?.namespace ?? 'monitoring');
  }

  /** No Prometheus: no ServiceMonitors; alert rules and dashboards are refused. */
  static none(): Monitoring {
    return new Monitoring('none');
  }

  /**
   * Declares an existing monitoring in the stack of `scope`, for alert rules, dashboards and
   * ServiceMonitors used there on their own: the prerequisite check then knows the Prometheus
   * Operator's CRDs and the namespace exist. (GpuCluster declares its own.)
   */
  declareIn(scope: IConstruct): this {
    if (this.kind === 'existing') {
      declareExisting(TerraformStack.of(scope), { apiGroups: ['monitoring.coreos.com'], namespaces: [this.namespace!], what: `Monitoring.existing({ release: '${this.release}', namespace: '${this.namespace}' })` });
    }
    return this;
  }

  private constructor(
    readonly kind: MonitoringKind,
    /** The release name Prometheus selects by (`release` label). */
    readonly release?: string,
    /** Where rules and dashboards go. */
    readonly namespace?: string,
    /** The install's options. */
    readonly install?: KubePrometheusStackProps,
  ) {}
}
