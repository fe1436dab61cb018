import { GpuClusterError } from '../../src/base/errors.js';
import { GpuInstanceType } from '../../src/catalog/gpu-instance-type.js';
import { MigGpuModels } from '../../src/catalog/mig-gpu-models.js';
import { MigLayout } from '../../src/catalog/mig-layout.js';
import { defaultMigPartedConfig } from './mig-fixtures.js';
import type { DefaultEntry } from './mig-fixtures.js';

const operatorDefault = defaultMigPartedConfig();

describe('MigLayout.renderMigPartedConfig', () => {
  test('a uniform layout on p5 nodes: all-disabled (as the operator default) and one devices: all entry', () => {
    const config = MigLayout.renderMigPartedConfig([{ layout: MigLayout.uniform('1g.10gb', 7), instanceTypes: [GpuInstanceType.P5_48XLARGE] }]);
    expect(config).toEqual({
      version: 'v1',
      'mig-configs': {
        'all-disabled': [{ devices: 'all', 'mig-enabled': false }],
        '7x1g.10gb': [{ devices: 'all', 'mig-enabled': true, 'mig-devices': { '1g.10gb': 7 } }],
      },
    });
    expect(config['mig-configs']['all-disabled']).toEqual(operatorDefault['mig-configs']['all-disabled']);
  });

  test('a named mixed layout lists its devices smallest first, as the operator default does', () => {
    const layout = MigLayout.mixed({ '3g.40gb': 1, '2g.20gb': 1, '1g.10gb': 1 }, { name: 'inference-mixed' });
    const config = MigLayout.renderMigPartedConfig([{ layout, instanceTypes: ['p5.48xlarge', 'p4de.24xlarge'] }]);
    expect(config['mig-configs']).toEqual({
      'all-disabled': [{ devices: 'all', 'mig-enabled': false }],
      'inference-mixed': [{ devices: 'all', 'mig-enabled': true, 'mig-devices': { '1g.10gb': 1, '2g.20gb': 1, '3g.40gb': 1 } }],
    });
    expect(Object.keys(config['mig-configs']['inference-mixed']![0]!['mig-devices']!)).toEqual(['1g.10gb', '2g.20gb', '3g.40gb']);
  });

  test('a layout whose counts differ by GPU gets one entry per GPU with a device-filter of PCI ids', () => {
    const config = MigLayout.renderMigPartedConfig([{ layout: MigLayout.uniform('1g.10gb'), instanceTypes: ['p4d.24xlarge', 'p4de.24xlarge', 'p5.48xlarge'] }]);
    expect(config['mig-configs']['all-1g.10gb']).toEqual([
      { 'device-filter': ['0x20B010DE', '0x20B110DE', '0x20F110DE', '0x20F610DE'], devices: 'all', 'mig-enabled': true, 'mig-devices': { '1g.10gb': 4 } },
      {
        'device-filter': ['0x20B210DE', '0x20B510DE', '0x20F310DE', '0x20F510DE', '0x233010DE', '0x233110DE', '0x232210DE'],
        devices: 'all',
        'mig-enabled': true,
        'mig-devices': { '1g.10gb': 7 },
      },
    ]);
  });

  test('the same layout from two pools is rendered once; two different layouts with one name are an error', () => {
    const a = MigLayout.uniform('3g.40gb', 2, { name: 'halves' });
    const config = MigLayout.renderMigPartedConfig([a, MigLayout.uniform('3g.40gb', 2, { name: 'halves' })]);
    expect(Object.keys(config['mig-configs'])).toEqual(['all-disabled', 'halves']);
    expect(() => MigLayout.renderMigPartedConfig([a, MigLayout.uniform('3g.40gb', 1, { name: 'halves' })])).toThrow(GpuClusterError);
    expect(() => MigLayout.renderMigPartedConfig([a, MigLayout.uniform('3g.40gb', 1, { name: 'halves' })])).toThrow(/DUPLICATE_MIG_LAYOUT_NAME/);
  });

  test('a targeted type that cannot run the layout is an error, not a silent entry', () => {
    expect(() => MigLayout.renderMigPartedConfig([{ layout: MigLayout.uniform('3g.40gb'), instanceTypes: ['p4d.24xlarge'] }])).toThrow(/UNKNOWN_MIG_PROFILE/);
    expect(() => MigLayout.renderMigPartedConfig([MigLayout.uniform('3g.41gb')])).toThrow(/MIG_LAYOUT_FITS_NO_GPU/);
  });

  // Cross-check with NVIDIA's own config: for every GPU model, our uniform layout of each profile and
  // our rendering of its balanced layout give the devices the operator's default config gives that GPU.
  const defaultFor = (configName: string, pciId: string): DefaultEntry | undefined => {
    const entries = operatorDefault['mig-configs'][configName] ?? [];
    return (
      entries.find((e) => [e['device-filter']].flat().includes(pciId)) ?? entries.find((e) => e['device-filter'] === undefined)
    );
  };

  test.each(MigGpuModels.all().map((m) => [m.id, m] as const))(
    '%s: uniform layouts and all-balanced match the operator default config',
    (_id, model) => {
      const pci = model.pciDeviceIds[0]!;
      for (const p of model.profiles) {
        const layout = MigLayout.uniform(p.name);
        const ours = MigLayout.renderMigPartedConfig([{ layout, instanceTypes: MigGpuModels.instanceTypesOf(model).slice(0, 1) }])['mig-configs'][layout.name]!;
        expect([layout.name, ours[0]!['mig-devices']]).toEqual([layout.name, defaultFor(layout.name, pci)?.['mig-devices']]);
      }
      const balanced = defaultFor('all-balanced', pci)!['mig-devices']!;
      const ours = MigLayout.renderMigPartedConfig([{ layout: MigLayout.mixed(balanced, { name: 'all-balanced' }), instanceTypes: MigGpuModels.instanceTypesOf(model).slice(0, 1) }]);
      expect(ours['mig-configs']['all-balanced']![0]!['mig-devices']).toEqual(balanced);
    },
  );
});
