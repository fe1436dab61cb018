import fc from 'fast-check';
import type { TerraformStack } from 'cdktf';
import { GpuOperator } from '../../src/gpu/gpu-operator.js';
import type { GpuOperatorProps } from '../../src/gpu/gpu-operator.js';
import { DcgmExporter } from '../../src/gpu/dcgm-exporter.js';
import type { DcgmExporterProps } from '../../src/gpu/dcgm-exporter.js';
import { AmiType } from '../../src/compute/ami-type.js';
import { GpuNodeGroup } from '../../src/compute/gpu-node-group.js';
import type { GpuNodeGroupProps } from '../../src/compute/gpu-node-group.js';
import { annotationText, corrupted, dnsName, fuzzParams, labelKey, migSpec, nested, rarely, sharingSpec, tolerations, toMigLayout, toSharing } from './arbitraries.js';
import { firstProblem, fuzzStack, outcomeOf } from './outcome.js';

const tags = { team: 'search', costCenter: 'cc-1234', environment: 'prod' };

/** MIG layouts for p5.48xlarge (H100 80GB), a few it cannot place, and any layout now and then. */
const h100Mig = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('uniform' as const), profile: fc.constantFrom('1g.10gb', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb'), count: fc.constant(undefined) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('mixed' as const), counts: fc.constantFrom({ '3g.40gb': 1, '4g.40gb': 1 }, { '1g.10gb': 2, '2g.20gb': 1, '3g.40gb': 1 }, { '7g.80gb': 2 }) }), weight: 2 },
  { arbitrary: migSpec, weight: 1 },
);
/** Node groups that declare MIG layouts or sharing, so the operator renders its ConfigMaps (or refuses them). */
const partitions = fc.record({ mig: rarely(h100Mig, 2), sharing: rarely(sharingSpec, 2) });
function addPartitionedGroups(stack: TerraformStack, p: { mig?: unknown; sharing?: unknown }): GpuNodeGroup[] {
  const groups: GpuNodeGroup[] = [];
  const base = { clusterName: 'ml-prod', subnetIds: ['subnet-a'], scaling: { min: 0, desired: 1, max: 2 }, costTags: tags };
  if (p.mig) groups.push(new GpuNodeGroup(stack, 'mig', { ...base, instanceTypes: ['p5.48xlarge'], migLayout: toMigLayout(p.mig) } as GpuNodeGroupProps));
  if (p.sharing) groups.push(new GpuNodeGroup(stack, 'shared', { ...base, instanceTypes: ['g6e.12xlarge'], sharing: toSharing(p.sharing) } as GpuNodeGroupProps));
  return groups;
}

const component = fc.record({ enabled: fc.boolean(), version: fc.constantFrom('v570.172.08', 'v1.17.8', '25.3.1', 'v0.17.2-ubi9') }, { requiredKeys: [] });
// Chart values users set (some override the construct's, a few are refused: unknown keys, moving tags, non-JSON numbers).
const operatorValues = fc.subarray<Record<string, unknown>>([
  { operator: { resources: { limits: { memory: '512Mi' } } } },
  { operator: { logging: { level: 'debug' } } },
  { daemonsets: { labels: { team: 'ml' }, priorityClassName: 'gpu-critical' } },
  { driver: { enabled: true } },
  { mig: { strategy: 'mixed' } },
  { dcgmExporter: { config: { name: 'custom-metrics' } } },
  { 'node-feature-discovery': { worker: { nodeSelector: { a: 'b' } } } },
  { operator: { annotations: { note: '${x} and %{ y }' } } },
], { maxLength: 3 }).chain((parts) =>
  rarely(fc.constantFrom<Record<string, unknown>>({ devicePlugin: { version: 'latest' } }, { drivr: {} }, { operator: { resources: { limits: { cpu: NaN } } } }, { daemonsets: { rollingUpdate: { maxUnavailable: Infinity } } }, { toolkit: { env: [{ name: 'X', value: undefined }] } }), 3)
    .map((bad) => Object.assign({}, ...parts, bad ?? {}) as Record<string, unknown>),
);

const operatorProps = fc.record(
  {
    namespace: dnsName,
    releaseName: dnsName,
    amiType: fc.oneof({ arbitrary: fc.constantFrom<unknown>(AmiType.AL2023_X86_64_NVIDIA, AmiType.BOTTLEROCKET_X86_64_NVIDIA, AmiType.AL2023_ARM_64_NVIDIA, 'CUSTOM', 'AL2023_x86_64_NVIDIA'), weight: 12 }, { arbitrary: fc.constantFrom<unknown>('AL2_x86_64_GPU', 'al2023'), weight: 1 }),
    driver: nested(component, ['enabled', 'version']),
    toolkit: nested(component, ['enabled', 'version']),
    devicePlugin: nested(component, ['enabled', 'version']),
    tolerations,
    dcgmExporter: fc.boolean(),
    additionalValues: operatorValues,
  },
  { requiredKeys: [] },
);
const OPERATOR_KEYS = ['namespace', 'releaseName', 'amiType', 'driver', 'toolkit', 'devicePlugin', 'tolerations', 'dcgmExporter', 'partitionScopes', 'additionalValues', 'dependsOn'];

const field = fc.record({
  name: fc.oneof({ arbitrary: fc.constantFrom('DCGM_FI_DEV_NVLINK_BANDWIDTH_L0', 'DCGM_FI_DEV_PCIE_TX_THROUGHPUT', 'DCGM_FI_DEV_NVLINK_BANDWIDTH_L1', 'DCGM_EXP_XID_ERRORS_COUNT'), weight: 6 }, { arbitrary: fc.constantFrom('DCGM_FI_DEV_GPU_TEMP', 'dcgm_fi_lower'), weight: 1 }),
  type: fc.constantFrom('gauge', 'counter', 'label'),
  help: fc.oneof({ arbitrary: fc.constantFrom('Bytes on lane 0.', 'PCIe TX (in KB).', 'Débit ${x} %{ y } {{ z }}'), weight: 3 }, { arbitrary: annotationText, weight: 1 }),
});
const serviceMonitor = fc.record(
  { enabled: fc.boolean(), interval: fc.constantFrom('15s', '30s', '1m', '1m30s'), scrapeTimeout: fc.constantFrom('5s', '10s', '15s', '1m'), labels: fc.dictionary(labelKey, dnsName, { maxKeys: 2 }) },
  { requiredKeys: [] },
);
const standaloneValues = fc.subarray<Record<string, unknown>>([
  { resources: { limits: { memory: '1Gi' } } },
  { podAnnotations: { note: '${x}' } },
  { priorityClassName: 'gpu-critical' },
  { serviceMonitor: { interval: '1m' } },
  { image: { tag: 'latest' } },
  { serviceMonitr: {} },
  { resources: { limits: { cpu: NaN } } },
], { maxLength: 2 }).map((parts) => Object.assign({}, ...parts) as Record<string, unknown>);
const exporterProps = fc.record(
  {
    extraFields: fc.array(nested(field, ['name', 'type', 'help']), { maxLength: 2 }),
    serviceMonitor: nested(serviceMonitor, ['enabled', 'interval', 'scrapeTimeout', 'labels']),
    configMapName: dnsName,
    namespace: dnsName,
    tolerations,
    additionalValues: standaloneValues,
  },
  { requiredKeys: [] },
);
const EXPORTER_KEYS = ['extraFields', 'serviceMonitor', 'configMapName', 'namespace', 'tolerations', 'additionalValues', 'operator', 'dependsOn'];

describe('fuzz: GpuOperator', () => {
  test('random props, with node groups declaring MIG and sharing (two operators, names sometimes duplicated), synthesize cleanly or fail with a GpuClusterError', () => {
    const seen: string[] = [];
    fc.assert(
      fc.property(corrupted(operatorProps, OPERATOR_KEYS), partitions, fc.integer({ min: 0, max: 3 }).map((n) => n === 0), (props, parts, twice) => {
        const outcome = outcomeOf(() => {
          const stack = fuzzStack();
          const groups = addPartitionedGroups(stack, parts);
          const p = { ...props } as GpuOperatorProps & Record<string, unknown>;
          if (!('dependsOn' in p) && groups.length) (p as Record<string, unknown>).dependsOn = groups.map((g) => g.nodeGroup);
          new GpuOperator(stack, 'gpu-operator', p);
          if (twice) new GpuOperator(stack, 'gpu-operator-2', p);
          return stack;
        });
        seen.push(outcome.kind);
        if (process.env.FUZZ_DEBUG && outcome.kind === 'error') console.log(firstProblem(outcome.error));
      }),
      fuzzParams,
    );
    expect(seen.filter((k) => k === 'synth').length).toBeGreaterThan(seen.length / 10);
  });
});

describe('fuzz: DcgmExporter', () => {
  test('random props through the operator and standalone (two exporters sometimes) synthesize cleanly or fail with a GpuClusterError', () => {
    const seen: string[] = [];
    fc.assert(
      fc.property(corrupted(exporterProps, EXPORTER_KEYS), fc.constantFrom('operator', 'explicit-operator', 'standalone', 'standalone', 'operator-without-exporter'), fc.integer({ min: 0, max: 4 }).map((n) => n === 0), fc.boolean(), (props, mode, standaloneProps, twice) => {
        const outcome = outcomeOf(() => {
          const stack = fuzzStack();
          const operator = mode === 'standalone' ? undefined : new GpuOperator(stack, 'gpu-operator', { dcgmExporter: mode !== 'operator-without-exporter' });
          // Standalone-only props are refused through the operator: give them there only sometimes.
          const { namespace, tolerations: t, additionalValues, ...common } = props as Record<string, unknown>;
          const standaloneOnly = mode === 'standalone' || standaloneProps ? { namespace, tolerations: t, additionalValues } : {};
          const p = { ...(mode === 'explicit-operator' ? { operator } : {}), ...common, ...standaloneOnly } as DcgmExporterProps;
          new DcgmExporter(stack, 'dcgm', p);
          if (twice) new DcgmExporter(stack, 'dcgm-2', p);
          return stack;
        });
        seen.push(outcome.kind);
        if (process.env.FUZZ_DEBUG && outcome.kind === 'error') console.log(firstProblem(outcome.error));
      }),
      fuzzParams,
    );
    expect(seen.filter((k) => k === 'synth').length).toBeGreaterThan(seen.length / 10);
  });
});
