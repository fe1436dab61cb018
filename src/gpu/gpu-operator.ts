import { join } from 'node:path';
import { addSynthCheck } from '../core/synth-checks.js';
import { Annotations, Aspects, Construct, Lazy, TerraformStack } from '../core/cdktf.js';
import type { IConstruct, ITerraformDependable } from '../core/cdktf.js';
import { Release } from '../core/providers.js';
import { PropChecker } from '../core/validate.js';
import { GpuClusterError } from '../base/errors.js';
import { CHART_VERSIONS } from '../core/versions.js';
import { helmValuesYaml, kubernetesYaml, mergeHelmValues } from '../core/helm-values.js';
import { loadChartDefaults, unknownChartKeys } from '../core/chart-values-check.js';
import type { UnknownChartKey } from '../core/chart-values-check.js';
import { DEFAULT_PROMETHEUS_RELEASE } from '../core/service-monitor.js';
import { declareProvided, warnOnGuardedServiceMonitor } from '../core/prerequisites.js';
import { ManifestBundle } from '../core/manifest-bundle.js';
import type { AddObjectOptions } from '../core/manifest-bundle.js';
import type { KubernetesObject } from '../core/kubernetes-object.js';
import { addDependsOn } from '../core/depends-on.js';
import { claimReleaseName } from '../core/release-names.js';
import { checkHelmValues } from '../core/helm-values-check.js';
import { collectGpuPartitions } from '../compute/gpu-partitions.js';
import type { GpuPartitionDeclaration } from '../compute/gpu-partitions.js';
import { helmValuesProblems, pinnedImageProblems, unknownKeyError } from './chart-values-problems.js';
import { DEFAULT_DEVICE_PLUGIN_CONFIG, renderGpuPartitionConfig } from './gpu-partition-config.js';
import type { GpuPartitionConfig } from './gpu-partition-config.js';
import { operatorComponentDefaults, resolveGpuNodeAmi } from './operator-components.js';
import type { GpuNodeAmi } from './operator-components.js';
import { GPU_TAINT_TOLERATION, checkTolerations } from './tolerations.js';
import type { Toleration } from './tolerations.js';
import { AmiType } from '../compute/ami-type.js';

/** A component of the operator the node AMI may already provide. */
export interface GpuOperatorComponent {
  /**
   * Run the component.
   * @default - follows the node AMI (see GpuOperatorProps.amiType)
   */
  readonly enabled?: boolean;
  /**
   * Image tag of the component.
   * @default - the tag the pinned chart sets
   */
  readonly version?: string;
}

/** Props of a GpuOperator. */
export interface GpuOperatorProps {
  /**
   * Namespace of the release (created if missing); the operator's ConfigMaps live there too.
   * @default 'gpu-operator'
   */
  readonly namespace?: string;
  /**
   * Helm release name.
   * @default 'gpu-operator'
   */
  readonly releaseName?: string;
  /**
   * AMI of the GPU nodes, which decides what the operator installs:
   *
   * | AMI | driver | toolkit | devicePlugin |
   * |---|---|---|---|
   * | AL2023 NVIDIA | off (in the AMI) | off (in the AMI) | on |
   * | Bottlerocket NVIDIA | off (in the AMI) | off (in the AMI) | off (in the AMI) |
   * | `'CUSTOM'` | on | on | on |
   *
   * @default AmiType.AL2023_X86_64_NVIDIA (GpuNodeGroup's default)
   */
  readonly amiType?: GpuNodeAmi;
  /**
   * The NVIDIA driver.
   * @default - off on the EKS NVIDIA AMIs, on for a custom AMI
   */
  readonly driver?: GpuOperatorComponent;
  /**
   * The NVIDIA container toolkit.
   * @default - off on the EKS NVIDIA AMIs, on for a custom AMI
   */
  readonly toolkit?: GpuOperatorComponent;
  /**
   * The NVIDIA device plugin (needed for MIG and GPU sharing configs).
   * @default - off on Bottlerocket (in the AMI), on otherwise
   */
  readonly devicePlugin?: GpuOperatorComponent;
  /**
   * Tolerations for taints on GPU nodes beside `nvidia.com/gpu`, added to the operands
   * (`daemonsets.tolerations`) and the node-feature-discovery worker. The GPU taint is always tolerated.
   * @default []
   */
  readonly tolerations?: Toleration[];
  /**
   * Run the operator's DCGM exporter. A DcgmExporter construct configures it (counters,
   * ServiceMonitor); without one it runs with the chart's counters and its ServiceMonitor keeps
   * `honorLabels: true`. Turn it off when a standalone DcgmExporter is used.
   * @default true
   */
  readonly dcgmExporter?: boolean;
  /**
   * Where to look for the MIG layouts and GPU sharing configs that node groups and pools declare.
   * @default - this construct's stack
   */
  readonly partitionScopes?: IConstruct[];
  /**
   * Chart values deep-merged over the ones the construct sets, with a warning for each it
   * overrides. Every key must exist in the chart's values.yaml (see docs/gpu-operator.md for keys
   * below maps and lists).
   * @default {}
   */
  readonly additionalValues?: Record<string, unknown>;
  /**
   * What the release waits for (e.g. the node groups, so operands schedule at once).
   * @default []
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** What a DcgmExporter hands the operator it runs through. */
export interface OperatorDcgmExporterAttachment {
  /** The DcgmExporter construct (problems are reported at its path). */
  readonly owner: IConstruct;
  /** The `dcgmExporter` values. */
  readonly values: Record<string, unknown>;
  /** The metrics ConfigMap (in the operator's namespace). */
  readonly configMap: KubernetesObject;
  /**
   * Checks run on the ConfigMap at synth.
   * @default - none
   */
  readonly validate?: AddObjectOptions['validate'];
}

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** The chart's own toleration of control-plane nodes for the node-feature-discovery worker, kept when the list is replaced. */
const CONTROL_PLANE_TOLERATION: Toleration = { key: 'node-role.kubernetes.io/control-plane', operator: 'Equal', value: '', effect: 'NoSchedule' };
/** Written by the operator's feature discovery on every GPU node. */
const GPU_PRESENT_LABEL = 'nvidia.com/gpu.present';
/** dcgmExporter.config is commented out in values.yaml; the ClusterPolicy CRD documents config.name. */
const EXTRA_KEYS = ['dcgmExporter.config'];
/** The node-feature-discovery subchart's values.yaml is not part of the operator chart's file. */
const SUBCHART_KEYS = ['node-feature-discovery'];

/** The operator chart's values.yaml (read on first use). */
export function gpuOperatorChartDefaults(): Record<string, unknown> {
  return loadChartDefaults(join(__dirname, './data/gpu-operator-values.yaml'));
}

/** Keys of `values` the gpu-operator chart does not have (see docs/gpu-operator.md for the rule). */
export function unknownGpuOperatorKeys(values: Record<string, unknown>): UnknownChartKey[] {
  return unknownChartKeys(values, gpuOperatorChartDefaults(), {
    chart: `gpu-operator ${CHART_VERSIONS.gpuOperator.version}`,
    extraPaths: EXTRA_KEYS,
    freeFormPaths: SUBCHART_KEYS,
  });
}

/**
 * NVIDIA's GPU Operator (chart pinned in CHART_VERSIONS), set up for EKS: the driver, toolkit and
 * device plugin follow the node AMI; the controller stays off GPU nodes while the operands
 * tolerate the GPU taint; and at synth it renders the MIG (mig-parted) and device-plugin
 * ConfigMaps for every MIG layout and sharing config its stack's node groups and pools declare,
 * with `mig.strategy`. Its ConfigMaps (and a DcgmExporter's metrics ConfigMap) travel in a
 * generated chart released before the operator, so they exist when the operands start.
 *
 * Costs nothing on its own: its pods run on the cluster's nodes.
 *
 * @example
 * new GpuOperator(addons, 'gpu-operator', { amiType: AmiType.AL2023_X86_64_NVIDIA });
 */
export class GpuOperator extends Construct {
  readonly release: Release;
  readonly namespace: string;
  readonly releaseName: string;
  readonly amiType: GpuNodeAmi;
  /** Whether the operator runs its DCGM exporter. */
  readonly dcgmExporterEnabled: boolean;
  /** Name of the mig-parted ConfigMap (rendered only when a MIG layout is declared). */
  readonly migConfigMapName: string;
  /** Name of the device-plugin ConfigMap (rendered only when a sharing config is declared). */
  readonly devicePluginConfigMapName: string;
  private readonly components: { driver: boolean; toolkit: boolean; devicePlugin: boolean };
  private readonly versions: { driver?: string; toolkit?: string; devicePlugin?: string };
  private readonly tolerations: Toleration[];
  private readonly partitionScopes: IConstruct[];
  private readonly additionalValues?: Record<string, unknown>;
  private exporter?: OperatorDcgmExporterAttachment;
  private configBundle?: ManifestBundle;
  private merged?: { key: string; values: Record<string, unknown> };

  constructor(scope: Construct, id: string, props: GpuOperatorProps = {}) {
    super(scope, id);
    const check = new PropChecker(this.node.path);
    if (props === null || typeof props !== 'object') check.fail('MISSING_PROPS', 'props', props, 'must be an object', 'a GpuOperatorProps object or nothing', 'pass props as an object');
    this.namespace = check.string('namespace', props.namespace ?? 'gpu-operator', { pattern: NAMESPACE, allowed: 'a Kubernetes namespace name: lower-case letters, digits and -' });
    this.releaseName = check.string('releaseName', props.releaseName ?? 'gpu-operator', { pattern: RELEASE_NAME, allowed: 'a Helm release name: lower-case letters, digits and -' });
    if (this.releaseName.length > 40) check.fail('INVALID_STRING', 'releaseName', this.releaseName, 'is too long (the ConfigMap release appends -config)', 'at most 40 characters', 'choose a shorter releaseName');
    this.amiType = resolveGpuNodeAmi(props.amiType ?? AmiType.AL2023_X86_64_NVIDIA, 'amiType', this.node.path);
    const defaults = operatorComponentDefaults(this.amiType);
    this.components = { driver: defaults.driver, toolkit: defaults.toolkit, devicePlugin: defaults.devicePlugin };
    this.versions = {};
    for (const name of ['driver', 'toolkit', 'devicePlugin'] as const) {
      const given = props[name];
      if (given === undefined) continue;
      if (given === null || typeof given !== 'object') check.fail('INVALID_COMPONENT', name, given, 'must be an object', '{ enabled?: boolean, version?: string }', `pass ${name}: { enabled, version }`);
      if (given.enabled !== undefined) {
        if (typeof given.enabled !== 'boolean') check.fail('INVALID_BOOLEAN', `${name}.enabled`, given.enabled, 'must be true or false', 'true or false', `set ${name}.enabled to true or false`);
        this.components[name] = given.enabled;
        this.warnAgainstAmi(name, given.enabled, defaults[name]);
      }
      if (given.version !== undefined) {
        const version = check.string(`${name}.version`, given.version, { pattern: IMAGE_TAG, allowed: 'an image tag such as v1.20.0' });
        if (/latest/i.test(version)) check.fail('IMAGE_NOT_PINNED', `${name}.version`, version, 'is a moving tag: nodes would run whatever it points to when they pull', 'a fixed version tag', `give the exact ${name} version`);
        this.versions[name] = version;
      }
    }
    this.tolerations = checkTolerations(check, 'tolerations', props.tolerations);
    const exporter = props.dcgmExporter ?? true;
    if (typeof exporter !== 'boolean') check.fail('INVALID_BOOLEAN', 'dcgmExporter', exporter, 'must be true or false', 'true or false', 'set dcgmExporter to true or false');
    this.dcgmExporterEnabled = exporter;
    if (props.partitionScopes !== undefined && (!Array.isArray(props.partitionScopes) || props.partitionScopes.some((s) => !Construct.isConstruct(s)))) {
      check.fail('INVALID_SCOPES', 'partitionScopes', props.partitionScopes, 'must be a list of constructs', 'stacks or constructs holding GPU node groups and pools', 'pass the stacks that hold the node groups and pools');
    }
    this.partitionScopes = props.partitionScopes ?? [TerraformStack.of(this)];
    this.additionalValues = checkAdditionalValues(check, props.additionalValues);
    this.migConfigMapName = `${this.releaseName}-mig-parted-config`;
    this.devicePluginConfigMapName = `${this.releaseName}-device-plugin-config`;

    const chart = CHART_VERSIONS.gpuOperator;
    this.release = new Release(this, 'release', {
      name: this.releaseName,
      namespace: this.namespace,
      createNamespace: true,
      ...chart,
      atomic: true,
      values: [Lazy.stringValue({ produce: () => helmValuesYaml(this.finalValues()) })],
      dependsOn: props.dependsOn,
    });
    claimReleaseName(this, this.release, 'releaseName');
    declareProvided(this.release, { apiGroups: ['nvidia.com'] });

    // The ConfigMap release exists only when there is something to put in it; what the node
    // constructs declare is known once the tree is complete, so it is created then.
    Aspects.of(this).add({ visit: (node) => (node === this ? this.createConfigBundle() : undefined) });
    addSynthCheck(this, () => this.problems());
    warnOnGuardedServiceMonitor(this, this.release, TerraformStack.of(this), () => {
      const exporter = (this.finalValues() as { dcgmExporter?: { enabled?: boolean; serviceMonitor?: { enabled?: boolean } } }).dcgmExporter;
      return exporter?.enabled === true && exporter.serviceMonitor?.enabled !== false;
    });
  }

  /** The partitioning declared in `partitionScopes`, as rendered now. */
  get partitionConfig(): GpuPartitionConfig {
    return renderGpuPartitionConfig(this.declarations());
  }

  /** The chart values the construct sets (before additionalValues), as they stand now. */
  get chartValues(): Record<string, unknown> {
    const parts = this.partitionConfig;
    const component = (name: 'driver' | 'toolkit' | 'devicePlugin') => ({
      enabled: this.components[name],
      ...(this.versions[name] ? { version: this.versions[name] } : {}),
    });
    return {
      // The controller never runs on GPU nodes: it does not tolerate their taint, and this keeps it
      // off GPU nodes whose taint was removed.
      operator: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: GPU_PRESENT_LABEL, operator: 'DoesNotExist' }] }],
            },
          },
        },
      },
      // Operands (driver, toolkit, device plugin, DCGM exporter, MIG manager, GFD) run on GPU nodes.
      daemonsets: { tolerations: [GPU_TAINT_TOLERATION, ...this.tolerations] },
      'node-feature-discovery': { worker: { tolerations: [CONTROL_PLANE_TOLERATION, GPU_TAINT_TOLERATION, ...this.tolerations] } },
      driver: component('driver'),
      toolkit: component('toolkit'),
      devicePlugin: {
        ...component('devicePlugin'),
        ...(parts.devicePluginConfigs ? { config: { name: this.devicePluginConfigMapName, default: DEFAULT_DEVICE_PLUGIN_CONFIG } } : {}),
      },
      ...(parts.migStrategy ? { mig: { strategy: parts.migStrategy } } : {}),
      ...(parts.migConfig ? { migManager: { config: { name: this.migConfigMapName, default: 'all-disabled' } } } : {}),
      dcgmExporter: this.exporter
        ? this.exporter.values
        : this.dcgmExporterEnabled
          ? { enabled: true, serviceMonitor: { honorLabels: true, additionalLabels: { release: DEFAULT_PROMETHEUS_RELEASE } } }
          : { enabled: false },
    };
  }

  /**
   * Runs a DcgmExporter through this operator: its values become the `dcgmExporter` values and its
   * metrics ConfigMap joins the operator's ConfigMap release. Called by DcgmExporter.
   */
  attachDcgmExporter(attachment: OperatorDcgmExporterAttachment): void {
    const check = new PropChecker(attachment.owner.node.path);
    if (!this.dcgmExporterEnabled) {
      check.fail('DCGM_EXPORTER_DISABLED', 'operator', this.node.path, 'has dcgmExporter: false, so it runs no exporter to configure', 'a GpuOperator with dcgmExporter on', 'remove dcgmExporter: false from the GpuOperator, or leave this DcgmExporter standalone in a stack without the operator');
    }
    if (this.exporter) {
      check.fail('DUPLICATE_DCGM_EXPORTER', 'operator', this.node.path, `already runs the exporter of ${this.exporter.owner.node.path}`, 'one DcgmExporter per GpuOperator', 'add extra fields to the existing DcgmExporter instead');
    }
    this.exporter = attachment;
  }

  /** The final values: the construct's, then additionalValues (warning once per override). */
  private finalValues(): Record<string, unknown> {
    const base = this.chartValues;
    const key = JSON.stringify(base);
    if (this.merged?.key !== key) this.merged = { key, values: mergeHelmValues(this, base, this.additionalValues) };
    return this.merged.values;
  }

  private declarations(): GpuPartitionDeclaration[] {
    const seen = new Set<IConstruct>();
    const found: GpuPartitionDeclaration[] = [];
    for (const scope of this.partitionScopes) {
      for (const d of collectGpuPartitions(scope)) {
        if (seen.has(d.owner)) continue;
        seen.add(d.owner);
        found.push(d);
      }
    }
    return found;
  }

  private createConfigBundle(): void {
    if (this.configBundle) return;
    const parts = this.partitionConfig;
    if (!parts.migConfig && !parts.devicePluginConfigs && !this.exporter) return;
    const bundle = new ManifestBundle(this, 'config', {
      releaseName: `${this.releaseName}-config`,
      namespace: this.namespace,
      description: 'ConfigMaps of the NVIDIA GPU Operator generated by cdktf-gpu-cluster',
    });
    bundle.release.createNamespace = true;
    // Objects are produced at synth, so a later change to the declarations still reaches them.
    if (parts.migConfig) bundle.add(() => this.configMap(this.migConfigMapName, { 'config.yaml': kubernetesYaml(this.partitionConfig.migConfig ?? {}) }));
    if (parts.devicePluginConfigs) {
      bundle.add(() => {
        const configs = this.partitionConfig.devicePluginConfigs ?? {};
        return this.configMap(this.devicePluginConfigMapName, Object.fromEntries(Object.entries(configs).map(([k, v]) => [k, kubernetesYaml(v)])));
      });
    }
    if (this.exporter) bundle.add(this.exporter.configMap, { owner: this.exporter.owner, validate: this.exporter.validate });
    // The ConfigMaps exist before the operator starts the operands that mount them.
    addDependsOn(this.release, bundle.release);
    this.configBundle = bundle;
  }

  private configMap(name: string, data: Record<string, string>): KubernetesObject {
    return {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: this.namespace, labels: { 'app.kubernetes.io/managed-by': 'cdktf-gpu-cluster', 'app.kubernetes.io/part-of': this.releaseName } },
      data,
    };
  }

  private problems(): string[] {
    const parts = this.partitionConfig;
    const problems = parts.problems.map((p) => p.validationMessage);
    const finalValues = this.finalValues();
    if ((parts.devicePluginConfigs || parts.migConfig) && finalValues.devicePlugin && (finalValues.devicePlugin as Record<string, unknown>).enabled === false) {
      problems.push(
        new GpuClusterError({
          code: 'DEVICE_PLUGIN_DISABLED',
          prop: 'devicePlugin.enabled',
          value: false,
          problem: `is off${this.amiType !== 'CUSTOM' && this.amiType.os === 'bottlerocket' ? ' (Bottlerocket ships its own device plugin)' : ''}, but node groups or pools declare MIG layouts or GPU sharing, which the operator applies through its device plugin`,
          allowed: 'devicePlugin.enabled: true with MIG or sharing',
          fix: 'use AL2023 NVIDIA nodes for MIG and sharing (or configure them through Bottlerocket settings and drop the declarations)',
        }).validationMessage,
      );
    }
    problems.push(...helmValuesProblems(unknownGpuOperatorKeys(finalValues), 'values').map((e) => e.validationMessage));
    problems.push(...pinnedImageProblems(finalValues, 'values').map((e) => e.validationMessage));
    return problems;
  }

  private warnAgainstAmi(name: 'driver' | 'toolkit' | 'devicePlugin', enabled: boolean, byAmi: boolean): void {
    if (enabled === byAmi) return;
    const ami = this.amiType === 'CUSTOM' ? 'a custom AMI' : this.amiType.name;
    Annotations.of(this).addWarning(
      enabled
        ? `${name}.enabled: true on ${ami}, which ships the ${name} itself; a second one on the node fails or registers GPUs twice.`
        : `${name}.enabled: false on ${ami}, which does not ship the ${name}; the nodes must get it some other way.`,
    );
  }
}

function checkAdditionalValues(check: PropChecker, given: unknown): Record<string, unknown> | undefined {
  const values = checkHelmValues(check, 'additionalValues', given, '{ operator: { resources: {...} } }');
  if (values === undefined) return undefined;
  const [first, ...rest] = unknownGpuOperatorKeys(values);
  if (first) throw unknownKeyError(first, 'additionalValues', check.path, rest);
  const pins = pinnedImageProblems(values, 'additionalValues', check.path);
  if (pins[0]) throw pins[0];
  return values;
}
