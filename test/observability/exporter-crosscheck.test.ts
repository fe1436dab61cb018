// The alert rules against the exporter this library deploys: every DCGM field a rule reads is in
// the metrics ConfigMap, and a rule reading a field the exporter lacks fails synth.
import { AmiType, DCGM_EXPORTER_METRICS, DcgmExporter, GpuOperator } from '../../src/index.js';
import { parseCountersCsv } from '../../src/observability/dcgm-fields.js';
import { synthJson } from '../support/synth.js';
import { configMapOf } from '../gpu/support.js';
import { alertStack } from './support.js';

describe('alert rules x deployed DCGM exporter', () => {
  test('every field the rules read (MIG rules included) is in the library\'s metrics ConfigMap', () => {
    const { stack, rules } = alertStack({ mig: true });
    new GpuOperator(stack, 'gpu-operator', { amiType: AmiType.AL2023_X86_64_NVIDIA });
    new DcgmExporter(stack, 'dcgm');
    const json = synthJson(stack);
    const csv = configMapOf(json, 'gpu-operator-config', 'dcgm-exporter-metrics').data['dcgm-metrics.csv'] as string;
    const exported = parseCountersCsv(csv);
    expect(rules.dcgmFields().filter((f) => !exported.includes(f))).toEqual([]);
    expect(rules.dcgmFields().every((f) => DCGM_EXPORTER_METRICS.includes(f))).toBe(true);
  });

  test('a stack whose exporter lacks a field the rules read fails synth naming the field', () => {
    const { stack, rules } = alertStack();
    const dropped = rules.dcgmFields()[0]!;
    const fields = DCGM_EXPORTER_METRICS.filter((f) => f !== dropped);
    expect(() => synthJson(stack)).not.toThrow();
    const { stack: other } = alertStack({ exportedDcgmFields: fields });
    expect(() => synthJson(other)).toThrow(new RegExp(`DCGM_FIELD_NOT_EXPORTED: .*${dropped}`));
  });

  test('without an exporter in the stack the rules are checked against the library CSV; extra fields of the stack\'s exporter count', () => {
    const { stack } = alertStack({ extraRules: [{ alert: 'GpuClockLow', expr: 'DCGM_FI_DEV_MAX_SM_CLOCK < 100', severity: 'info', summary: 's', description: 'd' }] } as never);
    expect(() => synthJson(stack)).toThrow(/DCGM_FIELD_NOT_EXPORTED: .*DCGM_FI_DEV_MAX_SM_CLOCK/);
    const { stack: withExporter } = alertStack({ extraRules: [{ alert: 'GpuClockLow', expr: 'DCGM_FI_DEV_MAX_SM_CLOCK < 100', severity: 'info', summary: 's', description: 'd' }] } as never);
    new GpuOperator(withExporter, 'gpu-operator', { amiType: AmiType.AL2023_X86_64_NVIDIA });
    new DcgmExporter(withExporter, 'dcgm', { extraFields: [{ name: 'DCGM_FI_DEV_MAX_SM_CLOCK', type: 'gauge', help: 'max SM clock (MHz)' }] });
    expect(() => synthJson(withExporter)).not.toThrow();
  });
});
