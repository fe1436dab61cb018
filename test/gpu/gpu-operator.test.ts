import { AmiType } from '../../src/compute/ami-type.js';
import { CHART_VERSIONS } from '../../src/core/versions.js';
import { GpuOperator, unknownGpuOperatorKeys } from '../../src/gpu/gpu-operator.js';
import type { GpuOperatorProps } from '../../src/gpu/gpu-operator.js';
import { operatorComponentDefaults } from '../../src/gpu/operator-components.js';
import { synthJson, warningsOf } from '../support/synth.js';
import { errorOf, findRelease, helmStack, release, synthError, valuesOf } from './support.js';

function synth(props: GpuOperatorProps = {}) {
  const stack = helmStack();
  const operator = new GpuOperator(stack, 'gpu-operator', props);
  const json = synthJson(stack);
  return { json, operator, stack, values: valuesOf(json, 'gpu-operator') };
}

describe('GpuOperator: given an AL2023 node AMI (the default), when synthesized', () => {
  const { json, values } = synth();

  test('the release installs the pinned chart from NVIDIA into its own namespace', () => {
    const r = release(json, 'gpu-operator');
    expect(r.repository).toBe('https://helm.ngc.nvidia.com/nvidia');
    expect(r.chart).toBe('gpu-operator');
    expect(r.version).toBe('v26.7.0');
    expect(CHART_VERSIONS.gpuOperator.version).toBe('v26.7.0');
    expect(r.namespace).toBe('gpu-operator');
    expect(r.create_namespace).toBe(true);
    expect(r.atomic).toBe(true);
  });

  test('driver and toolkit are off (the AMI ships them), the device plugin is on', () => {
    expect(values.driver).toEqual({ enabled: false });
    expect(values.toolkit).toEqual({ enabled: false });
    expect(values.devicePlugin).toEqual({ enabled: true });
  });

  test('the operands tolerate the GPU taint the node groups set; the controller keeps off GPU nodes', () => {
    expect(values.daemonsets.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(values['node-feature-discovery'].worker.tolerations).toContainEqual({ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' });
    expect(values.operator.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'nvidia.com/gpu.present', operator: 'DoesNotExist' }] },
    ]);
    expect(values.operator.tolerations).toBeUndefined();
  });

  test("without a DcgmExporter the operator's exporter runs with honorLabels on", () => {
    expect(values.dcgmExporter).toEqual({ enabled: true, serviceMonitor: { honorLabels: true, additionalLabels: { release: 'kube-prometheus-stack' } } });
  });

  test('without MIG or sharing declarations no ConfigMap release, mig or migManager values are rendered', () => {
    expect(findRelease(json, 'gpu-operator-config')).toBeUndefined();
    expect(values.mig).toBeUndefined();
    expect(values.migManager).toBeUndefined();
    expect(values.devicePlugin.config).toBeUndefined();
    expect(release(json, 'gpu-operator').depends_on).toBeUndefined();
  });

  test('every key path of the values exists in the chart values.yaml', () => {
    expect(unknownGpuOperatorKeys(values)).toEqual([]);
  });
});

describe('GpuOperator: components follow the node AMI', () => {
  test('Bottlerocket also ships the device plugin', () => {
    const { values } = synth({ amiType: AmiType.BOTTLEROCKET_X86_64_NVIDIA });
    expect([values.driver.enabled, values.toolkit.enabled, values.devicePlugin.enabled]).toEqual([false, false, false]);
  });

  test('a custom AMI keeps driver, toolkit and device plugin enabled', () => {
    const { values } = synth({ amiType: 'CUSTOM' });
    expect([values.driver.enabled, values.toolkit.enabled, values.devicePlugin.enabled]).toEqual([true, true, true]);
  });

  test('the ARM AL2023 AMI and the EKS AMI name behave as AL2023', () => {
    expect(operatorComponentDefaults(AmiType.AL2023_ARM_64_NVIDIA)).toEqual({ driver: false, toolkit: false, devicePlugin: true });
    const { values } = synth({ amiType: 'BOTTLEROCKET_ARM_64_NVIDIA' as unknown as AmiType });
    expect(values.devicePlugin.enabled).toBe(false);
  });

  test('an override wins over the AMI default, with a warning when it contradicts the AMI', () => {
    const { values, operator } = synth({ driver: { enabled: true, version: '580.95.05' }, toolkit: { version: 'v1.20.0' } });
    expect(values.driver).toEqual({ enabled: true, version: '580.95.05' });
    expect(values.toolkit).toEqual({ enabled: false, version: 'v1.20.0' });
    expect(warningsOf(operator).join('\n')).toMatch(/driver\.enabled: true on AL2023_x86_64_NVIDIA, which ships the driver itself/);
  });
});

describe('GpuOperator: tolerations for extra taints', () => {
  test('are added after the GPU taint to the operands and the feature-discovery worker', () => {
    const extra = { key: 'example.com/dedicated', operator: 'Equal' as const, value: 'training', effect: 'NoSchedule' as const };
    const { values } = synth({ tolerations: [extra] });
    expect(values.daemonsets.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }, extra]);
    expect(values['node-feature-discovery'].worker.tolerations).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Equal', value: '', effect: 'NoSchedule' },
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      extra,
    ]);
  });
});

describe('GpuOperator: additionalValues', () => {
  test('are merged last, with a warning for each value the construct set', () => {
    const { values, operator } = synth({ additionalValues: { driver: { enabled: true }, operator: { resources: { limits: { memory: '512Mi' } } } } });
    expect(values.driver.enabled).toBe(true);
    expect(values.operator.resources).toEqual({ limits: { memory: '512Mi' } });
    expect(values.operator.affinity).toBeDefined();
    const warnings = warningsOf(operator);
    expect(warnings).toContain('additionalValues.driver.enabled overrides the value the construct set (false).');
    expect(warnings.filter((w) => w.startsWith('additionalValues.')).length).toBe(1);
  });

  test('an unknown key is a GpuClusterError naming the key and its close match', () => {
    const e = errorOf(() => new GpuOperator(helmStack(), 'op', { additionalValues: { dcgmExporter: { serviceMonitor: { honorLabel: true } } } }));
    expect(e.code).toBe('UNKNOWN_HELM_VALUE');
    expect(e.prop).toBe('additionalValues.dcgmExporter.serviceMonitor.honorLabel');
    expect(e.value).toBe(true);
    expect(e.allowed).toMatch(/honorLabels/);
    expect(e.fix).toBe('did you mean dcgmExporter.serviceMonitor.honorLabels?');
    expect(e.message).toContain('[test/op]');
  });

  test('a key at the wrong level is matched by name elsewhere in the chart', () => {
    const e = errorOf(() => new GpuOperator(helmStack(), 'op', { additionalValues: { tolerations: [] } }));
    expect(e.fix).toMatch(/daemonsets\.tolerations/);
    expect(e.fix).toMatch(/operator\.tolerations/);
  });

  test('several unknown keys are named in one error', () => {
    const e = errorOf(() => new GpuOperator(helmStack(), 'op', { additionalValues: { drivr: {}, toolkit: { enabeld: false } } }));
    expect(e.prop).toBe('additionalValues.drivr');
    expect(e.message).toContain('and 1 more: additionalValues.toolkit.enabeld');
    expect(e.fix).toBe('did you mean driver?');
  });

  test('keys below free-form fields, lists, empty maps, the subchart and dcgmExporter.config are accepted', () => {
    const additionalValues = {
      operator: { nodeSelector: { 'node-role': 'system' }, annotations: { a: 'b' } },
      daemonsets: { labels: { team: 'ml' } },
      driver: { env: [{ name: 'X', value: '1' }] },
      dcgmExporter: { config: { name: 'custom' } },
      'node-feature-discovery': { worker: { nodeSelector: { a: 'b' } }, master: { replicaCount: 2 } },
    };
    expect(() => synth({ additionalValues })).not.toThrow();
  });

  test('a map where the chart has a scalar is refused', () => {
    const e = errorOf(() => new GpuOperator(helmStack(), 'op', { additionalValues: { mig: { strategy: { mixed: true } } } }));
    expect(e.prop).toBe('additionalValues.mig.strategy');
    expect(e.message).toMatch(/values\.yaml has a string there/);
  });

  test('a moving image tag is refused', () => {
    const e = errorOf(() => new GpuOperator(helmStack(), 'op', { additionalValues: { devicePlugin: { version: 'latest' } } }));
    expect(e.code).toBe('IMAGE_NOT_PINNED');
    expect(e.prop).toBe('additionalValues.devicePlugin.version');
  });
});

describe('GpuOperator: bad input', () => {
  const cases: Array<[string, GpuOperatorProps, string, string]> = [
    ['namespace', { namespace: 'GPU_Operator' }, 'INVALID_STRING', 'namespace'],
    ['amiType', { amiType: 'AL2_x86_64_GPU' as unknown as AmiType }, 'AMI_END_OF_LIFE', 'amiType'],
    ['amiType', { amiType: 'ubuntu' as unknown as AmiType }, 'UNKNOWN_AMI_TYPE', 'amiType'],
    ['driver.enabled', { driver: { enabled: 'yes' as unknown as boolean } }, 'INVALID_BOOLEAN', 'driver.enabled'],
    ['toolkit.version', { toolkit: { version: 'latest' } }, 'IMAGE_NOT_PINNED', 'toolkit.version'],
    ['devicePlugin.version', { devicePlugin: { version: 'v0.20.0 ' } }, 'INVALID_STRING', 'devicePlugin.version'],
    ['tolerations', { tolerations: [{ operator: 'Equal', value: 'x' }] }, 'INVALID_TOLERATIONS', 'tolerations[0].key'],
    ['tolerations effect', { tolerations: [{ key: 'a', effect: 'NoRun' as 'NoSchedule' }] }, 'INVALID_CHOICE', 'tolerations[0].effect'],
    ['additionalValues', { additionalValues: [] as unknown as Record<string, unknown> }, 'INVALID_HELM_VALUES', 'additionalValues'],
    ['dcgmExporter', { dcgmExporter: 'on' as unknown as boolean }, 'INVALID_BOOLEAN', 'dcgmExporter'],
  ];
  test.each(cases)('%s is a GpuClusterError with prop, value, allowed and fix', (_name, props, code, prop) => {
    const e = errorOf(() => new GpuOperator(helmStack(), 'op', props));
    expect(e.code).toBe(code);
    expect(e.prop).toBe(prop);
    expect('value' in e).toBe(true);
    expect(e.allowed).toBeTruthy();
    expect(e.fix).toBeTruthy();
    expect(e.message).not.toMatch(/NaN/);
  });

  test('the amiType error lists CUSTOM as allowed', () => {
    expect(errorOf(() => new GpuOperator(helmStack(), 'op', { amiType: 'ubuntu' as unknown as AmiType })).allowed).toMatch(/CUSTOM/);
  });

  test('a final value outside the chart, however it got there, fails synth', () => {
    const stack = helmStack();
    const op = new GpuOperator(stack, 'op');
    // A later change to the construct's own values is still checked at synth.
    Object.defineProperty(op, 'chartValues', { get: () => ({ drivre: { enabled: false } }) });
    expect(synthError(() => synthJson(stack))).toMatch(/GpuClusterError UNKNOWN_HELM_VALUE: values\.drivre: .*did you mean driver\?/);
  });
});
