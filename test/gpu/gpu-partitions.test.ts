import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Construct } from 'constructs';
import type { TerraformStack } from 'cdktf';
import { AmiType } from '../../src/compute/ami-type.js';
import { declareGpuPartition } from '../../src/compute/gpu-partitions.js';
import type { DevicePluginConfigEntry } from '../../src/compute/gpu-partitions.js';
import { GENERIC_TEMPLATE } from '../../src/core/generic-chart.js';
import { MigLayout } from '../../src/catalog/mig-layout.js';
import { GpuOperator } from '../../src/gpu/gpu-operator.js';
import type { GpuOperatorProps } from '../../src/gpu/gpu-operator.js';
import { synthJson } from '../support/synth.js';
import { configMapOf, helmStack, objectsOf, release, synthError, valuesOf } from './support.js';

/** A plain construct standing for a node group that declares its partitioning. */
function pool(stack: TerraformStack, id: string, decl: { instanceTypes: string[]; migLayout?: MigLayout; devicePluginConfig?: DevicePluginConfigEntry }): Construct {
  const owner = new Construct(stack, id);
  declareGpuPartition(owner, () => ({ owner, ...decl }));
  return owner;
}

const timeSlicing = (replicas: number): DevicePluginConfigEntry => ({
  name: `ts-${replicas}`,
  config: { version: 'v1', sharing: { timeSlicing: { renameByDefault: true, failRequestsGreaterThanOne: true, resources: [{ name: 'nvidia.com/gpu', replicas }] } } },
});

function synth(build: (stack: TerraformStack) => void, props: GpuOperatorProps = {}) {
  const stack = helmStack();
  new GpuOperator(stack, 'gpu-operator', props);
  build(stack);
  const json = synthJson(stack);
  return { json, values: valuesOf(json, 'gpu-operator') };
}

describe('GPU Operator: MIG layouts declared by node pools', () => {
  const { json, values } = synth((stack) => {
    pool(stack, 'h100', { instanceTypes: ['p5.48xlarge'], migLayout: MigLayout.uniform('1g.10gb', 7) });
    pool(stack, 'a100', { instanceTypes: ['p4d.24xlarge'], migLayout: MigLayout.uniform('3g.20gb', 2) });
  });

  test('render one mig-parted ConfigMap (config.yaml) with all-disabled and each layout', () => {
    const cm = configMapOf(json, 'gpu-operator-config', 'gpu-operator-mig-parted-config');
    expect(cm.metadata.namespace).toBe('gpu-operator');
    expect(Object.keys(cm.data)).toEqual(['config.yaml']);
    expect(parse(cm.data['config.yaml'])).toEqual({
      version: 'v1',
      'mig-configs': {
        'all-disabled': [{ devices: 'all', 'mig-enabled': false }],
        '7x1g.10gb': [{ devices: 'all', 'mig-enabled': true, 'mig-devices': { '1g.10gb': 7 } }],
        '2x3g.20gb': [{ devices: 'all', 'mig-enabled': true, 'mig-devices': { '3g.20gb': 2 } }],
      },
    });
  });

  test('point the MIG manager at it with all-disabled as default; uniform layouts use the single strategy', () => {
    expect(values.migManager).toEqual({ config: { name: 'gpu-operator-mig-parted-config', default: 'all-disabled' } });
    expect(values.mig).toEqual({ strategy: 'single' });
  });

  test('without sharing configs the device plugin gets no config', () => {
    expect(values.devicePlugin).toEqual({ enabled: true });
    expect(objectsOf(json, 'gpu-operator-config').map((o) => o.metadata.name)).toEqual(['gpu-operator-mig-parted-config']);
  });

  test('the ConfigMap release goes first (creating the namespace) and carries only the generic template', () => {
    const cfg = release(json, 'gpu-operator-config');
    expect(cfg.create_namespace).toBe(true);
    expect(cfg.namespace).toBe('gpu-operator');
    expect(release(json, 'gpu-operator').depends_on).toEqual([expect.stringMatching(/^helm_release\.gpu-operator_config_release_/)]);
    expect(GENERIC_TEMPLATE).toContain('{{- range .Values.objects }}');
  });
});

describe('GPU Operator: strategy and sharing', () => {
  test('a mixed layout anywhere makes the cluster strategy mixed', () => {
    const { values } = synth((stack) => {
      pool(stack, 'uniform', { instanceTypes: ['p5.48xlarge'], migLayout: MigLayout.uniform('1g.10gb', 7) });
      pool(stack, 'mixed', { instanceTypes: ['p5.48xlarge'], migLayout: MigLayout.mixed({ '3g.40gb': 1, '2g.20gb': 1, '1g.10gb': 1 }) });
    });
    expect(values.mig).toEqual({ strategy: 'mixed' });
  });

  test('sharing configs render the device-plugin ConfigMap, one key each plus the default', () => {
    const { json, values } = synth((stack) => {
      pool(stack, 'ts4', { instanceTypes: ['g6e.12xlarge'], devicePluginConfig: timeSlicing(4) });
      pool(stack, 'ts2', { instanceTypes: ['g6e.2xlarge'], devicePluginConfig: timeSlicing(2) });
      pool(stack, 'ts4-again', { instanceTypes: ['g6e.4xlarge'], devicePluginConfig: timeSlicing(4) });
    });
    expect(values.devicePlugin).toEqual({ enabled: true, config: { name: 'gpu-operator-device-plugin-config', default: 'default' } });
    expect(values.mig).toBeUndefined();
    expect(values.migManager).toBeUndefined();
    const cm = configMapOf(json, 'gpu-operator-config', 'gpu-operator-device-plugin-config');
    expect(Object.keys(cm.data)).toEqual(['default', 'ts-2', 'ts-4']);
    expect(parse(cm.data.default)).toEqual({ version: 'v1', flags: { migStrategy: 'none' } });
    expect(parse(cm.data['ts-4'])).toEqual(timeSlicing(4).config);
    expect(parse(cm.data['ts-2']).sharing.timeSlicing.resources[0].replicas).toBe(2);
  });

  test('declarations in another stack are read through partitionScopes', () => {
    const stack = helmStack();
    const other = helmStack();
    pool(other, 'elsewhere', { instanceTypes: ['p5.48xlarge'], migLayout: MigLayout.uniform('3g.40gb', 2) });
    new GpuOperator(stack, 'gpu-operator', { partitionScopes: [other] });
    expect(valuesOf(synthJson(stack), 'gpu-operator').mig).toEqual({ strategy: 'single' });
  });
});

describe('GPU Operator: conflicting or unusable declarations fail synth', () => {
  test('two layouts with one name and different content name both owners', () => {
    const msg = synthError(() =>
      synth((stack) => {
        pool(stack, 'pool-a', { instanceTypes: ['p5.48xlarge'], migLayout: MigLayout.uniform('3g.40gb', 2, { name: 'halves' }) });
        pool(stack, 'pool-b', { instanceTypes: ['p5.48xlarge'], migLayout: MigLayout.uniform('3g.40gb', 1, { name: 'halves' }) });
      }),
    );
    expect(msg).toMatch(/GpuClusterError CONFLICTING_GPU_PARTITION: MIG layout halves: is declared by test\/pool-a as 2 x 3g\.40gb and by test\/pool-b as 1 x 3g\.40gb/);
  });

  test('two sharing configs with one name and different content name both owners', () => {
    const msg = synthError(() =>
      synth((stack) => {
        pool(stack, 'pool-a', { instanceTypes: ['g6e.12xlarge'], devicePluginConfig: { name: 'shared', config: { version: 'v1', sharing: { timeSlicing: { resources: [{ name: 'nvidia.com/gpu', replicas: 4 }] } } } } });
        pool(stack, 'pool-b', { instanceTypes: ['g6e.12xlarge'], devicePluginConfig: { name: 'shared', config: { version: 'v1', sharing: { timeSlicing: { resources: [{ name: 'nvidia.com/gpu', replicas: 8 }] } } } } });
      }),
    );
    expect(msg).toMatch(/CONFLICTING_GPU_PARTITION: device-plugin config shared: is declared by test\/pool-a .* and by test\/pool-b/);
  });

  test('the same content under one name, keys in another order, is no conflict', () => {
    const a = { version: 'v1', sharing: { mps: { resources: [{ name: 'nvidia.com/gpu', replicas: 2 }] } } };
    const b = { sharing: { mps: { resources: [{ replicas: 2, name: 'nvidia.com/gpu' }] } }, version: 'v1' };
    const { json } = synth((stack) => {
      pool(stack, 'a', { instanceTypes: ['g6e.12xlarge'], devicePluginConfig: { name: 'mps-2', config: a } });
      pool(stack, 'b', { instanceTypes: ['g6e.12xlarge'], devicePluginConfig: { name: 'mps-2', config: b } });
    });
    expect(Object.keys(configMapOf(json, 'gpu-operator-config', 'gpu-operator-device-plugin-config').data)).toEqual(['default', 'mps-2']);
  });

  test('a sharing config named "default" is refused', () => {
    expect(synthError(() => synth((stack) => void pool(stack, 'a', { instanceTypes: ['g6e.12xlarge'], devicePluginConfig: { name: 'default', config: { version: 'v1' } } })))).toMatch(
      /INVALID_DEVICE_PLUGIN_CONFIG_NAME: test\/a devicePluginConfig\.name: is reserved/,
    );
  });

  test('MIG on Bottlerocket (device plugin off) is refused', () => {
    const msg = synthError(() => synth((stack) => void pool(stack, 'a', { instanceTypes: ['p5.48xlarge'], migLayout: MigLayout.uniform('1g.10gb', 7) }), { amiType: AmiType.BOTTLEROCKET_X86_64_NVIDIA }));
    expect(msg).toMatch(/GpuClusterError DEVICE_PLUGIN_DISABLED: devicePlugin\.enabled: is off \(Bottlerocket ships its own device plugin\)/);
  });

  test('a layout the pool GPU cannot run is reported, not thrown mid-render', () => {
    const msg = synthError(() => synth((stack) => void pool(stack, 'a', { instanceTypes: ['p4d.24xlarge'], migLayout: MigLayout.uniform('3g.40gb', 2) })));
    expect(msg).toMatch(/GpuClusterError UNKNOWN_MIG_PROFILE/);
  });
});

describe('GPU Operator: through App.synth (Lazy values resolved before aspects run)', () => {
  test('writes the ConfigMap release and the operator values, twice byte for byte', () => {
    const write = () => {
      const stack = helmStack();
      new GpuOperator(stack, 'gpu-operator');
      pool(stack, 'h100', { instanceTypes: ['p5.48xlarge'], migLayout: MigLayout.uniform('1g.10gb', 7) });
      const app = stack.node.scope as unknown as { synth(): void; outdir: string };
      app.synth();
      return readFileSync(join(app.outdir, 'stacks', 'test', 'cdk.tf.json'), 'utf8');
    };
    const text = write();
    const json = JSON.parse(text);
    expect(Object.values(json.resource.helm_release).map((r: any) => r.name).sort()).toEqual(['gpu-operator', 'gpu-operator-config']);
    expect(valuesOf(json, 'gpu-operator').mig).toEqual({ strategy: 'single' });
    expect(write()).toBe(text);
  });
});
