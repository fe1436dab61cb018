import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { CHART_VERSIONS } from '../../src/core/versions.js';
import { DCGM_EXPORTER_FIELDS, DCGM_EXPORTER_METRICS, DCGM_FIELDS } from '../../src/gpu/dcgm-counters.js';
import { DcgmExporter } from '../../src/gpu/dcgm-exporter.js';
import type { DcgmExporterProps } from '../../src/gpu/dcgm-exporter.js';
import { GpuOperator } from '../../src/gpu/gpu-operator.js';
import { synthJson } from '../support/synth.js';
import { configMapOf, errorOf, findRelease, helmStack, release, synthError, valuesOf } from './support.js';

const fixture = (name: string) => readFileSync(join(__dirname, `../fixtures/dcgm/${name}`), 'utf8');
/** Uncommented rows of one of dcgm-exporter's CSVs: [field, type, help]. */
const csvRows = (text: string): string[][] => parseCsv(text, { comment: '#', trim: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
const goDcgmNames = new Set(fixture('go-dcgm-field-names.txt').split('\n').filter(Boolean));
const defaultCounters = csvRows(fixture('default-counters.csv')).map((r) => r[0]!);
const dcpIncluded = csvRows(fixture('dcp-metrics-included.csv')).map((r) => r[0]!);
/** Every field named in a CSV, commented out or not. */
const namedInCsvs = new Set(
  ['default-counters.csv', 'dcp-metrics-included.csv'].flatMap((f) => [...fixture(f).matchAll(/\b(DCGM_FI_[A-Z0-9_]+)\b/g)].map((m) => m[1]!)),
);

describe('DCGM field list', () => {
  test('holds every default counter and every field the operator collects by default (dcp-metrics-included.csv)', () => {
    for (const f of [...defaultCounters, ...dcpIncluded]) expect(DCGM_EXPORTER_FIELDS).toContain(f);
  });

  test('holds the profiling, ECC, clock-event, NVLink error, row-remap and XID fields', () => {
    for (const f of [
      'DCGM_FI_PROF_GR_ENGINE_ACTIVE',
      'DCGM_FI_PROF_SM_ACTIVE',
      'DCGM_FI_PROF_SM_OCCUPANCY',
      'DCGM_FI_PROF_PIPE_TENSOR_ACTIVE',
      'DCGM_FI_PROF_DRAM_ACTIVE',
      'DCGM_FI_DEV_ECC_SBE_VOL_TOTAL',
      'DCGM_FI_DEV_ECC_DBE_VOL_TOTAL',
      'DCGM_FI_DEV_ECC_SBE_AGG_TOTAL',
      'DCGM_FI_DEV_ECC_DBE_AGG_TOTAL',
      'DCGM_FI_DEV_CLOCKS_EVENT_REASONS',
      'DCGM_FI_DEV_POWER_VIOLATION',
      'DCGM_FI_DEV_THERMAL_VIOLATION',
      'DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL',
      'DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL',
      'DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL',
      'DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL',
      'DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS',
      'DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS',
      'DCGM_FI_DEV_ROW_REMAP_FAILURE',
      'DCGM_FI_DEV_XID_ERRORS',
    ]) {
      expect(DCGM_EXPORTER_FIELDS).toContain(f);
    }
    expect(DCGM_EXPORTER_FIELDS.filter((f) => f.startsWith('DCGM_FI_PROF_')).length).toBeGreaterThanOrEqual(10);
  });

  test('every field is a real DCGM field (go-dcgm, the version dcgm-exporter pins), unique, with a CSV-safe help', () => {
    for (const f of DCGM_FIELDS) {
      expect(goDcgmNames.has(f.name) ? f.name : `${f.name} not in go-dcgm`).toBe(f.name);
      expect(f.help).not.toMatch(/[,\n]/);
    }
    expect(new Set(DCGM_EXPORTER_FIELDS).size).toBe(DCGM_EXPORTER_FIELDS.length);
    // Only the fields cited in test/fixtures/dcgm/SOURCES.md come from outside dcgm-exporter's CSVs.
    expect(DCGM_EXPORTER_FIELDS.filter((f) => !namedInCsvs.has(f)).sort()).toEqual([
      'DCGM_FI_DEV_CLOCKS_EVENT_REASONS',
      'DCGM_FI_DEV_POWER_MGMT_LIMIT',
      'DCGM_FI_DEV_ROW_REMAP_PENDING',
      'DCGM_FI_PROF_NVLINK_RX_BYTES',
      'DCGM_FI_PROF_NVLINK_TX_BYTES',
    ]);
  });

  test('types agree with dcgm-exporter where its CSVs list the field uncommented', () => {
    const types = new Map(csvRows(fixture('default-counters.csv')).map((r) => [r[0]!, r[1]!]));
    for (const f of DCGM_FIELDS) if (types.has(f.name)) expect(`${f.name} ${f.type}`).toBe(`${f.name} ${types.get(f.name)}`);
  });

  test('the metric names leave out the label-only field', () => {
    expect(DCGM_EXPORTER_METRICS).not.toContain('DCGM_FI_DRIVER_VERSION');
    expect(DCGM_EXPORTER_METRICS.length).toBe(DCGM_EXPORTER_FIELDS.length - 1);
  });
});

/** The ConfigMap's CSV rows, parsed as dcgm-exporter reads them. */
function rowsOf(cm: Record<string, any>): string[][] {
  expect(Object.keys(cm.data)).toEqual(['dcgm-metrics.csv']);
  return csvRows(cm.data['dcgm-metrics.csv']);
}

describe('DcgmExporter through the GPU Operator (the default when the stack has one)', () => {
  const stack = helmStack();
  new GpuOperator(stack, 'gpu-operator');
  const exporter = new DcgmExporter(stack, 'dcgm', {
    extraFields: [{ name: 'DCGM_FI_DEV_NVLINK_BANDWIDTH_L0', type: 'counter', help: 'NVLink lane 0 bytes' }],
    serviceMonitor: { interval: '30s', labels: { release: 'monitoring' } },
  });
  const json = synthJson(stack);
  const values = valuesOf(json, 'gpu-operator');

  test('configures the operator: the ConfigMap by name, the ServiceMonitor with honorLabels and the selected label', () => {
    expect(exporter.mode).toBe('operator');
    expect(values.dcgmExporter).toEqual({
      enabled: true,
      config: { name: 'dcgm-exporter-metrics' },
      serviceMonitor: { enabled: true, interval: '30s', scrapeTimeout: '10s', honorLabels: true, additionalLabels: { release: 'monitoring' } },
    });
    expect(findRelease(json, 'dcgm-exporter')).toBeUndefined();
  });

  test('the ConfigMap (key dcgm-metrics.csv) is in the operator namespace, released before the operator', () => {
    const cm = configMapOf(json, 'gpu-operator-config', 'dcgm-exporter-metrics');
    expect(cm.metadata.namespace).toBe('gpu-operator');
    expect(release(json, 'gpu-operator').depends_on).toEqual([expect.stringMatching(/^helm_release\.gpu-operator_config_release_/)]);
  });

  test('every CSV line is a known field with its type, and every field is there', () => {
    const rows = rowsOf(configMapOf(json, 'gpu-operator-config', 'dcgm-exporter-metrics'));
    const expected = [...DCGM_FIELDS, { name: 'DCGM_FI_DEV_NVLINK_BANDWIDTH_L0', type: 'counter', help: 'NVLink lane 0 bytes' }];
    expect(rows).toEqual(expected.map((f) => [f.name, f.type, f.help]));
    for (const [name] of rows) expect(goDcgmNames.has(name!)).toBe(true);
  });
});

describe('DcgmExporter standalone (no GPU Operator in the stack)', () => {
  const stack = helmStack();
  const exporter = new DcgmExporter(stack, 'dcgm', { tolerations: [{ key: 'example.com/dedicated', operator: 'Exists' }] });
  const json = synthJson(stack);
  const r = release(json, 'dcgm-exporter');
  const values = valuesOf(json, 'dcgm-exporter');

  test('installs the pinned standalone chart after its ConfigMap release', () => {
    expect(exporter.mode).toBe('standalone');
    expect([r.repository, r.chart, r.version]).toEqual(['https://nvidia.github.io/dcgm-exporter/helm-charts', 'dcgm-exporter', CHART_VERSIONS.dcgmExporter.version]);
    expect(r.version).toBe('4.8.2');
    expect(r.namespace).toBe('gpu-monitoring');
    expect(r.depends_on).toEqual([expect.stringMatching(/^helm_release\.dcgm_config_release_/)]);
    expect(release(json, 'dcgm-exporter-config').create_namespace).toBe(true);
  });

  test('mounts the library ConfigMap and points the exporter at it', () => {
    expect(values.arguments).toEqual(['-f', '/etc/dcgm-exporter/dcgm-metrics.csv']);
    expect(values.extraConfigMapVolumes).toEqual([{ name: 'dcgm-metrics', configMap: { name: 'dcgm-exporter-metrics', items: [{ key: 'dcgm-metrics.csv', path: 'dcgm-metrics.csv' }] } }]);
    expect(values.extraVolumeMounts).toEqual([{ name: 'dcgm-metrics', mountPath: '/etc/dcgm-exporter/dcgm-metrics.csv', subPath: 'dcgm-metrics.csv' }]);
    const rows = rowsOf(configMapOf(json, 'dcgm-exporter-config', 'dcgm-exporter-metrics'));
    expect(rows.map((x) => x[0])).toEqual([...DCGM_EXPORTER_FIELDS]);
  });

  test('ServiceMonitor with honorLabels, the default kube-prometheus-stack label and the upstream interval', () => {
    expect(values.serviceMonitor).toEqual({ enabled: true, interval: '15s', scrapeTimeout: '10s', honorLabels: true, additionalLabels: { release: 'kube-prometheus-stack' } });
  });

  test('runs on GPU nodes: tolerates the GPU taint and the extra one, selects GPU-labelled nodes', () => {
    expect(values.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'example.com/dedicated', operator: 'Exists' },
    ]);
    const terms = values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(terms.map((t: any) => t.matchExpressions[0].key)).toEqual(['cdktf-gpu-cluster/pool', 'nvidia.com/gpu.present', 'feature.node.kubernetes.io/pci-10de.present']);
  });

  test('standalone additionalValues are checked against the chart values.yaml', () => {
    const e = errorOf(() => new DcgmExporter(helmStack(), 'dcgm', { additionalValues: { serviceMonitor: { intervall: '30s' } } }));
    expect(e.code).toBe('UNKNOWN_HELM_VALUE');
    expect(e.fix).toBe('did you mean serviceMonitor.interval?');
  });
});

describe('DcgmExporter: conflicts and bad input', () => {
  test('a standalone exporter beside an operator that runs its own fails synth', () => {
    const stack = helmStack();
    new DcgmExporter(stack, 'dcgm');
    new GpuOperator(stack, 'gpu-operator');
    expect(synthError(() => synthJson(stack))).toMatch(/GpuClusterError DUPLICATE_DCGM_EXPORTER: operator: is unset, so this exporter runs standalone, but test\/gpu-operator runs/);
  });

  test('a standalone exporter beside an operator with dcgmExporter: false is fine', () => {
    const stack = helmStack();
    new DcgmExporter(stack, 'dcgm');
    new GpuOperator(stack, 'gpu-operator', { dcgmExporter: false });
    const json = synthJson(stack);
    expect(valuesOf(json, 'gpu-operator').dcgmExporter).toEqual({ enabled: false });
    expect(release(json, 'dcgm-exporter')).toBeDefined();
  });

  test('an operator with dcgmExporter: false cannot run a DcgmExporter', () => {
    const stack = helmStack();
    const operator = new GpuOperator(stack, 'gpu-operator', { dcgmExporter: false });
    expect(errorOf(() => new DcgmExporter(stack, 'dcgm', { operator })).code).toBe('DCGM_EXPORTER_DISABLED');
  });

  test('two DcgmExporters on one operator are refused', () => {
    const stack = helmStack();
    new GpuOperator(stack, 'gpu-operator');
    new DcgmExporter(stack, 'a');
    expect(errorOf(() => new DcgmExporter(stack, 'b')).code).toBe('DUPLICATE_DCGM_EXPORTER');
  });

  const cases: Array<[string, DcgmExporterProps, string, string]> = [
    ['extra field name', { extraFields: [{ name: 'GPU_TEMP', type: 'gauge', help: 'x' }] }, 'INVALID_STRING', 'extraFields[0].name'],
    ['extra field duplicate', { extraFields: [{ name: 'DCGM_FI_DEV_GPU_TEMP', type: 'gauge', help: 'x' }] }, 'DUPLICATE_DCGM_FIELD', 'extraFields[0].name'],
    ['extra field type', { extraFields: [{ name: 'DCGM_FI_DEV_FB_TOTAL', type: 'histogram' as 'gauge', help: 'x' }] }, 'INVALID_CHOICE', 'extraFields[0].type'],
    ['extra field help', { extraFields: [{ name: 'DCGM_FI_DEV_FB_TOTAL', type: 'gauge', help: 'total, in MiB' }] }, 'INVALID_STRING', 'extraFields[0].help'],
    ['interval', { serviceMonitor: { interval: '15 seconds' } }, 'INVALID_STRING', 'serviceMonitor.interval'],
    ['scrape timeout', { serviceMonitor: { interval: '10s', scrapeTimeout: '1m' } }, 'INVALID_SCRAPE_TIMEOUT', 'serviceMonitor.scrapeTimeout'],
    ['labels', { serviceMonitor: { labels: { release: 'kube prometheus' } } }, 'INVALID_LABELS', 'serviceMonitor.labels["release"]'],
    ['configMapName', { configMapName: 'Metrics' }, 'INVALID_STRING', 'configMapName'],
  ];
  test.each(cases)('%s is a GpuClusterError with prop, value, allowed and fix', (_n, props, code, prop) => {
    const e = errorOf(() => new DcgmExporter(helmStack(), 'dcgm', props));
    expect(e.code).toBe(code);
    expect(e.prop).toBe(prop);
    expect('value' in e).toBe(true);
    expect(e.allowed).toBeTruthy();
    expect(e.fix).toBeTruthy();
  });

  test('standalone-only props are refused through the operator', () => {
    const stack = helmStack();
    new GpuOperator(stack, 'gpu-operator');
    const e = errorOf(() => new DcgmExporter(stack, 'dcgm', { namespace: 'monitoring' }));
    expect([e.code, e.prop]).toEqual(['UNUSED_PROP', 'namespace']);
  });
});
