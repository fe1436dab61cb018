import { join } from 'node:path';
import { addSynthCheck } from '../core/synth-checks.js';
import { Construct, TerraformStack } from '../core/cdktf.js';
import type { ITerraformDependable } from '../core/cdktf.js';
import { Release } from '../core/providers.js';
import { PropChecker } from '../core/validate.js';
import { GpuClusterError } from '../base/errors.js';
import { CHART_VERSIONS } from '../core/versions.js';
import { helmValuesYaml, mergeHelmValues } from '../core/helm-values.js';
import { loadChartDefaults, unknownChartKeys } from '../core/chart-values-check.js';
import { ManifestBundle } from '../core/manifest-bundle.js';
import { addDependsOn } from '../core/depends-on.js';
import { claimReleaseName } from '../core/release-names.js';
import { checkHelmValues } from '../core/helm-values-check.js';
import { LABEL_PREFIX } from '../base/labels.js';
import { checkServiceMonitor } from '../core/service-monitor.js';
import type { ServiceMonitorOptions } from '../core/service-monitor.js';
import type { KubernetesObject, ObjectProblem } from '../core/kubernetes-object.js';
import { DCGM_FIELDS, renderDcgmMetricsCsv } from './dcgm-counters.js';
import type { DcgmField } from './dcgm-counters.js';
import { GpuOperator } from './gpu-operator.js';
import { pinnedImageProblems, unknownKeyError } from './chart-values-problems.js';
import { GPU_TAINT_TOLERATION, checkTolerations } from './tolerations.js';
import type { Toleration } from './tolerations.js';

/** The exporter's ServiceMonitor options (shared with Karpenter's). */
export type DcgmServiceMonitor = ServiceMonitorOptions;

/** Props of a DcgmExporter. */
export interface DcgmExporterProps {
  /**
   * The GPU Operator to run the exporter through (its `dcgmExporter` values).
   * @default - the stack's GpuOperator, if it has one when this construct is created; else the standalone dcgm-exporter chart
   */
  readonly operator?: GpuOperator;
  /**
   * Fields collected beside the library's (DCGM_FIELDS). Each must be a DCGM field name.
   * @default []
   */
  readonly extraFields?: DcgmField[];
  /**
   * The ServiceMonitor. `honorLabels` is always on, so the `pod`, `namespace` and `container`
   * labels of the GPU's workload arrive as such (not `exported_pod`).
   * @default { enabled: true, interval: '15s', scrapeTimeout: '10s', labels: { release: 'kube-prometheus-stack' } }
   */
  readonly serviceMonitor?: DcgmServiceMonitor;
  /**
   * Name of the metrics ConfigMap (key `dcgm-metrics.csv`), in the namespace of the release that runs the exporter.
   * @default 'dcgm-exporter-metrics'
   */
  readonly configMapName?: string;
  /**
   * Standalone chart only: namespace (created if missing).
   * @default 'gpu-monitoring'
   */
  readonly namespace?: string;
  /**
   * Standalone chart only: tolerations for taints on GPU nodes beside `nvidia.com/gpu` (always tolerated).
   * @default []
   */
  readonly tolerations?: Toleration[];
  /**
   * Standalone chart only: chart values deep-merged last (every key must exist in the chart's values.yaml).
   * Through the operator, use GpuOperator's additionalValues.
   * @default {}
   */
  readonly additionalValues?: Record<string, unknown>;
  /**
   * Standalone chart only: what the release waits for.
   * @default []
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** Where the CSV is mounted in the standalone exporter. */
const CSV_PATH = '/etc/dcgm-exporter/dcgm-metrics.csv';
const CSV_KEY = 'dcgm-metrics.csv';
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const FIELD_NAME = /^DCGM_(FI|EXP)_[A-Z0-9_]+$/;

/**
 * NVIDIA's DCGM exporter with the library's counters (DCGM_FIELDS: the exporter's defaults, DCP
 * profiling and the error fields the GPU alert rules read) in a ConfigMap of the library's own,
 * and a ServiceMonitor with `honorLabels` and the label the user's Prometheus selects. Runs
 * through the GPU Operator (the default when the stack has one) or the standalone dcgm-exporter
 * chart, pinned in CHART_VERSIONS.
 *
 * Ordering: the ConfigMap travels in a generated chart whose release creates the namespace and
 * goes first; the release that starts the exporter (the operator's, or the standalone chart's)
 * depends on it, so the exporter never starts without its counters.
 *
 * @example
 * new DcgmExporter(addons, 'dcgm', { serviceMonitor: { labels: { release: 'monitoring' } } });
 */
export class DcgmExporter extends Construct {
  /** `operator` or `standalone`. */
  readonly mode: 'operator' | 'standalone';
  /** The fields collected, library fields first. */
  readonly fields: readonly DcgmField[];
  readonly configMapName: string;
  /** Namespace of the ConfigMap and the exporter. */
  readonly namespace: string;
  /** The operator it runs through (operator mode). */
  readonly operator?: GpuOperator;
  /** The standalone chart's release (standalone mode). */
  readonly release?: Release;
  /** The ConfigMap release (standalone mode; through the operator it is the operator's). */
  readonly configBundle?: ManifestBundle;

  constructor(scope: Construct, id: string, props: DcgmExporterProps = {}) {
    super(scope, id);
    const check = new PropChecker(this.node.path);
    if (props === null || typeof props !== 'object') check.fail('MISSING_PROPS', 'props', props, 'must be an object', 'a DcgmExporterProps object or nothing', 'pass props as an object');
    this.fields = [...DCGM_FIELDS, ...checkExtraFields(check, props.extraFields)];
    this.configMapName = check.string('configMapName', props.configMapName ?? 'dcgm-exporter-metrics', { pattern: NAME, allowed: 'a ConfigMap name: lower-case letters, digits and -' });
    const monitor = checkServiceMonitor(check, props.serviceMonitor);
    const tolerations = checkTolerations(check, 'tolerations', props.tolerations);

    const operator = props.operator ?? this.stackOperator(check);
    if (operator !== undefined && !(operator instanceof GpuOperator)) check.fail('INVALID_OPERATOR', 'operator', operator, 'is not a GpuOperator', 'a GpuOperator construct', 'pass the GpuOperator construct, or leave operator out');
    this.mode = operator ? 'operator' : 'standalone';
    const csvValidator = (o: KubernetesObject) => csvProblems(o, this.fields);

    if (operator) {
      for (const p of ['namespace', 'tolerations', 'additionalValues', 'dependsOn'] as const) {
        if (props[p] !== undefined) check.fail('UNUSED_PROP', p, props[p], `applies only to the standalone chart; this exporter runs through ${operator.node.path}`, 'unset', p === 'namespace' ? 'the ConfigMap goes in the operator\'s namespace' : p === 'additionalValues' ? "set dcgmExporter values through the GpuOperator's additionalValues" : `set ${p} on the GpuOperator`);
      }
      this.operator = operator;
      this.namespace = operator.namespace;
      operator.attachDcgmExporter({
        owner: this,
        values: {
          enabled: true,
          config: { name: this.configMapName },
          serviceMonitor: { enabled: monitor.enabled, interval: monitor.interval, scrapeTimeout: monitor.scrapeTimeout, honorLabels: true, additionalLabels: monitor.labels },
        },
        configMap: this.configMap(),
        validate: csvValidator,
      });
    } else {
      this.namespace = check.string('namespace', props.namespace ?? 'gpu-monitoring', { pattern: NAME, allowed: 'a Kubernetes namespace name' });
      const additional = checkStandaloneValues(check, props.additionalValues);
      this.configBundle = new ManifestBundle(this, 'config', {
        releaseName: 'dcgm-exporter-config',
        namespace: this.namespace,
        description: 'DCGM exporter metrics ConfigMap generated by cdktf-gpu-cluster',
      });
      this.configBundle.release.createNamespace = true;
      this.configBundle.add(() => this.configMap(), { owner: this, validate: csvValidator });
      const chart = CHART_VERSIONS.dcgmExporter;
      const base = this.standaloneValues(monitor, tolerations);
      this.release = new Release(this, 'release', {
        name: 'dcgm-exporter',
        namespace: this.namespace,
        createNamespace: true,
        ...chart,
        atomic: true,
        values: [helmValuesYaml(mergeHelmValues(this, base, additional))],
        dependsOn: props.dependsOn,
      });
      addDependsOn(this.release, this.configBundle.release);
      claimReleaseName(this, this.release, 'namespace');
      addSynthCheck(this, () => this.operatorExporterConflicts());
    }
  }

  /** The metrics CSV as the ConfigMap holds it. */
  get csv(): string {
    return renderDcgmMetricsCsv(this.fields);
  }

  private configMap(): KubernetesObject {
    return {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: this.configMapName, namespace: this.namespace, labels: { 'app.kubernetes.io/managed-by': 'cdktf-gpu-cluster', 'app.kubernetes.io/component': 'dcgm-exporter' } },
      data: { [CSV_KEY]: this.csv },
    };
  }

  private standaloneValues(monitor: Required<ServiceMonitorOptions>, tolerations: Toleration[]): Record<string, unknown> {
    return {
      arguments: ['-f', CSV_PATH],
      // The chart always creates its own exporter-metrics-config-map; this mounts the library's instead.
      extraConfigMapVolumes: [{ name: 'dcgm-metrics', configMap: { name: this.configMapName, items: [{ key: CSV_KEY, path: CSV_KEY }] } }],
      extraVolumeMounts: [{ name: 'dcgm-metrics', mountPath: CSV_PATH, subPath: CSV_KEY }],
      tolerations: [GPU_TAINT_TOLERATION, ...tolerations],
      // GPU nodes only: the library's node groups and pools label theirs; the others are found by
      // the GPU Operator's or node-feature-discovery's labels.
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: `${LABEL_PREFIX}/pool`, operator: 'Exists' }] },
              { matchExpressions: [{ key: 'nvidia.com/gpu.present', operator: 'In', values: ['true'] }] },
              { matchExpressions: [{ key: 'feature.node.kubernetes.io/pci-10de.present', operator: 'In', values: ['true'] }] },
            ],
          },
        },
      },
      serviceMonitor: { enabled: monitor.enabled, interval: monitor.interval, scrapeTimeout: monitor.scrapeTimeout, honorLabels: true, additionalLabels: monitor.labels },
    };
  }

  private stackOperator(check: PropChecker): GpuOperator | undefined {
    const found = TerraformStack.of(this).node.findAll().filter((c): c is GpuOperator => c instanceof GpuOperator);
    if (found.length > 1) check.fail('AMBIGUOUS_OPERATOR', 'operator', found.map((o) => o.node.path), 'is unset and the stack has several GpuOperators', 'one of them', 'pass operator: <the GpuOperator to run the exporter through>');
    return found[0];
  }

  /** A standalone exporter next to an operator that runs its own: two exporters per GPU node. */
  private operatorExporterConflicts(): string[] {
    return TerraformStack.of(this)
      .node.findAll()
      .filter((c): c is GpuOperator => c instanceof GpuOperator && c.dcgmExporterEnabled)
      .map(
        (o) =>
          new GpuClusterError({
            code: 'DUPLICATE_DCGM_EXPORTER',
            prop: 'operator',
            value: o.node.path,
            problem: `is unset, so this exporter runs standalone, but ${o.node.path} runs the operator's DCGM exporter too: every GPU would be exported twice`,
            allowed: 'one exporter per GPU node',
            fix: `pass operator: the GpuOperator (or create it before this construct), or give the GpuOperator dcgmExporter: false`,
          }).validationMessage,
      );
  }
}

function checkExtraFields(check: PropChecker, given: unknown): DcgmField[] {
  if (given === undefined) return [];
  if (!Array.isArray(given)) check.fail('INVALID_DCGM_FIELDS', 'extraFields', given, 'must be a list', 'a list of { name, type, help }', 'pass extraFields: [{ name, type, help }]');
  const seen = new Set(DCGM_FIELDS.map((x) => x.name));
  return given.map((x: unknown, i) => {
    const at = `extraFields[${i}]`;
    if (x === null || typeof x !== 'object') check.fail('INVALID_DCGM_FIELDS', at, x, 'must be an object', '{ name, type, help }', 'describe each field as { name, type, help }');
    const field = x as Record<string, unknown>;
    const name = check.string(`${at}.name`, field.name, { pattern: FIELD_NAME, allowed: 'a DCGM field name such as DCGM_FI_DEV_NVLINK_BANDWIDTH_L0', fix: 'use the field name as dcgm-exporter\'s CSVs and DCGM\'s dcgm_fields.h spell it' });
    if (seen.has(name)) check.fail('DUPLICATE_DCGM_FIELD', `${at}.name`, name, 'is already collected (DCGM_FIELDS or an earlier extra field)', 'fields not in DCGM_EXPORTER_FIELDS', 'remove it');
    seen.add(name);
    const type = check.oneOf(`${at}.type`, field.type, ['gauge', 'counter', 'label'] as const);
    const help = check.string(`${at}.help`, field.help, { pattern: /^[^,\n\r]+$/, allowed: 'one line of text without commas (the CSV has three columns)' });
    return { name, type, help };
  });
}

function checkStandaloneValues(check: PropChecker, given: unknown): Record<string, unknown> | undefined {
  const values = checkHelmValues(check, 'additionalValues', given);
  if (values === undefined) return undefined;
  const defaults = loadChartDefaults(join(__dirname, './data/dcgm-exporter-values.yaml'));
  // initContainers is read by the chart's DaemonSet template though values.yaml does not list it.
  const [first, ...rest] = unknownChartKeys(values, defaults, { chart: `dcgm-exporter ${CHART_VERSIONS.dcgmExporter.version}`, extraPaths: ['initContainers', 'customMetrics'] });
  if (first) throw unknownKeyError(first, 'additionalValues', check.path, rest);
  const pins = pinnedImageProblems(values, 'additionalValues', check.path);
  if (pins[0]) throw pins[0];
  return values;
}

/** Every line of the ConfigMap's CSV a `NAME, type, help` of a known field, and every field present. */
function csvProblems(object: KubernetesObject, fields: readonly DcgmField[]): ObjectProblem[] {
  const csv = (object.data as Record<string, string> | undefined)?.[CSV_KEY];
  if (typeof csv !== 'string') return [{ path: `data.${CSV_KEY}`, message: 'is missing' }];
  const names = new Set(fields.map((x) => x.name));
  const problems: ObjectProblem[] = [];
  const listed = new Set<string>();
  for (const [i, line] of csv.split('\n').entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cols = line.split(',').map((c) => c.trim());
    if (cols.length !== 3 || !names.has(cols[0]!) || !['gauge', 'counter', 'label'].includes(cols[1]!)) {
      problems.push({ path: `data.${CSV_KEY} line ${i + 1}`, message: `is not "<known field>, <gauge|counter|label>, <help>": ${line}` });
    }
    listed.add(cols[0]!);
  }
  for (const n of names) if (!listed.has(n)) problems.push({ path: `data.${CSV_KEY}`, message: `does not list ${n}` });
  return problems;
}
