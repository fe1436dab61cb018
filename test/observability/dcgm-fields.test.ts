import { missingDcgmFields, parseCountersCsv } from '../../src/observability/dcgm-fields.js';
import { alertStack, fixture } from './support.js';

// The rules' DCGM fields against dcgm-exporter's upstream counter lists (copied to
// test/fixtures/dcgm-exporter) and against a list that has everything.
const { rules } = alertStack({ mig: true });

describe('DCGM field cross-check', () => {
  test('the fields the rules read, parsed from their expressions', () => {
    expect(rules.dcgmFields()).toEqual([
      'DCGM_FI_DEV_ECC_DBE_VOL_TOTAL',
      'DCGM_FI_DEV_FB_FREE',
      'DCGM_FI_DEV_FB_USED',
      'DCGM_FI_DEV_GPU_TEMP',
      'DCGM_FI_DEV_GPU_UTIL',
      'DCGM_FI_DEV_MEMORY_TEMP',
      'DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL',
      'DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL',
      'DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL',
      'DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL',
      'DCGM_FI_DEV_POWER_MGMT_LIMIT',
      'DCGM_FI_DEV_POWER_USAGE',
      'DCGM_FI_DEV_POWER_VIOLATION',
      'DCGM_FI_DEV_ROW_REMAP_FAILURE',
      'DCGM_FI_DEV_THERMAL_VIOLATION',
      'DCGM_FI_DEV_XID_ERRORS',
      'DCGM_FI_PROF_GR_ENGINE_ACTIVE',
    ]);
  });

  // What the upstream defaults lack: ECC volatile totals, violation (throttle) counters, NVLink
  // error counters and the power limit are commented out or absent, so the library's CSV adds them.
  const lackedByDefaults = [
    'DCGM_FI_DEV_ECC_DBE_VOL_TOTAL',
    'DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL',
    'DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL',
    'DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL',
    'DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL',
    'DCGM_FI_DEV_POWER_MGMT_LIMIT',
    'DCGM_FI_DEV_POWER_VIOLATION',
    'DCGM_FI_DEV_THERMAL_VIOLATION',
  ];

  test.each(['default-counters.csv', 'dcp-metrics-included.csv'])('upstream %s lacks the ECC, throttle, NVLink and power-limit fields', (csv) => {
    expect(rules.missingDcgmFields(fixture(`dcgm-exporter/${csv}`))).toEqual(lackedByDefaults);
  });

  test('the 1.x compatibility CSV (dcgm_* names) has none of them', () => {
    expect(rules.missingDcgmFields(fixture('dcgm-exporter/1.x-compatibility-metrics.csv'))).toEqual(rules.dcgmFields());
  });

  test('a list with every field: nothing missing; remove one and it is reported', () => {
    const everything = [...parseCountersCsv(fixture('dcgm-exporter/default-counters.csv')), ...lackedByDefaults];
    expect(rules.missingDcgmFields(everything)).toEqual([]);
    expect(missingDcgmFields(rules.groups(), everything.filter((f) => f !== 'DCGM_FI_DEV_XID_ERRORS'))).toEqual(['DCGM_FI_DEV_XID_ERRORS']);
  });

  test('commented and blank CSV lines are not fields', () => {
    expect(parseCountersCsv('# c\n\nDCGM_FI_DEV_GPU_TEMP, gauge, t\n# DCGM_FI_DEV_X, counter, x\nDCGM_FI_DEV_DEC_UTIL , gauge, d')).toEqual(['DCGM_FI_DEV_GPU_TEMP', 'DCGM_FI_DEV_DEC_UTIL']);
  });
});
