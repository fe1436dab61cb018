/** How dcgm-exporter emits a field: a Prometheus gauge or counter, or a label on every series. */
export type DcgmFieldType = 'gauge' | 'counter' | 'label';

/** One line of dcgm-exporter's metrics CSV (`DCGM FIELD, Prometheus metric type, help message`). */
export interface DcgmField {
  /** DCGM field name; also the Prometheus metric name (gauge and counter fields). */
  readonly name: string;
  readonly type: DcgmFieldType;
  readonly help: string;
}

const f = (name: string, type: DcgmFieldType, help: string): DcgmField => ({ name, type, help });

/**
 * The counters the library's exporter collects: dcgm-exporter's default counters (etc/default-counters.csv,
 * the standalone chart's default), all DCP profiling fields, and the error and health fields GPU alert
 * rules need (ECC, retired pages, row remapping, XID, NVLink errors, clock events and throttling
 * violations). Help texts follow dcgm-exporter's CSVs where they list the field.
 */
export const DCGM_FIELDS: readonly DcgmField[] = Object.freeze([
  // Clocks
  f('DCGM_FI_DEV_SM_CLOCK', 'gauge', 'SM clock frequency (in MHz).'),
  f('DCGM_FI_DEV_MEM_CLOCK', 'gauge', 'Memory clock frequency (in MHz).'),
  // Temperature
  f('DCGM_FI_DEV_MEMORY_TEMP', 'gauge', 'Memory temperature (in C).'),
  f('DCGM_FI_DEV_GPU_TEMP', 'gauge', 'GPU temperature (in C).'),
  // Power
  f('DCGM_FI_DEV_POWER_USAGE', 'gauge', 'Power draw (in W).'),
  // The alert rules' power threshold is a share of this limit (not in the exporter's default CSVs; a go-dcgm field name).
  f('DCGM_FI_DEV_POWER_MGMT_LIMIT', 'gauge', 'Current power management limit (in W).'),
  f('DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION', 'counter', 'Total energy consumption since boot (in mJ).'),
  // PCIe
  f('DCGM_FI_DEV_PCIE_REPLAY_COUNTER', 'counter', 'Total number of PCIe retries.'),
  // Utilization (not reported by MIG instances: use DCGM_FI_PROF_GR_ENGINE_ACTIVE there)
  f('DCGM_FI_DEV_GPU_UTIL', 'gauge', 'GPU utilization (in %).'),
  f('DCGM_FI_DEV_MEM_COPY_UTIL', 'gauge', 'Memory utilization (in %).'),
  f('DCGM_FI_DEV_ENC_UTIL', 'gauge', 'Encoder utilization (in %).'),
  f('DCGM_FI_DEV_DEC_UTIL', 'gauge', 'Decoder utilization (in %).'),
  // Errors and violations
  f('DCGM_FI_DEV_XID_ERRORS', 'gauge', 'Value of the last XID error encountered.'),
  f('DCGM_FI_DEV_CLOCKS_EVENT_REASONS', 'gauge', 'Current clock event (throttle) reasons (bitmask of DCGM_CLOCKS_EVENT_REASON_*).'),
  f('DCGM_FI_DEV_POWER_VIOLATION', 'counter', 'Throttling duration due to power constraints (in ns).'),
  f('DCGM_FI_DEV_THERMAL_VIOLATION', 'counter', 'Throttling duration due to thermal constraints (in ns).'),
  f('DCGM_FI_DEV_SYNC_BOOST_VIOLATION', 'counter', 'Throttling duration due to sync-boost constraints (in ns).'),
  f('DCGM_FI_DEV_BOARD_LIMIT_VIOLATION', 'counter', 'Throttling duration due to board limit constraints (in ns).'),
  f('DCGM_FI_DEV_LOW_UTIL_VIOLATION', 'counter', 'Throttling duration due to low utilization (in ns).'),
  f('DCGM_FI_DEV_RELIABILITY_VIOLATION', 'counter', 'Throttling duration due to reliability constraints (in ns).'),
  // Memory usage
  f('DCGM_FI_DEV_FB_FREE', 'gauge', 'Framebuffer memory free (in MiB).'),
  f('DCGM_FI_DEV_FB_USED', 'gauge', 'Framebuffer memory used (in MiB).'),
  f('DCGM_FI_DEV_FB_RESERVED', 'gauge', 'Framebuffer memory reserved (in MiB).'),
  // ECC
  f('DCGM_FI_DEV_ECC_SBE_VOL_TOTAL', 'counter', 'Total number of single-bit volatile ECC errors.'),
  f('DCGM_FI_DEV_ECC_DBE_VOL_TOTAL', 'counter', 'Total number of double-bit volatile ECC errors.'),
  f('DCGM_FI_DEV_ECC_SBE_AGG_TOTAL', 'counter', 'Total number of single-bit persistent ECC errors.'),
  f('DCGM_FI_DEV_ECC_DBE_AGG_TOTAL', 'counter', 'Total number of double-bit persistent ECC errors.'),
  // Retired pages (pre-Ampere GPUs; Ampere and later remap rows instead)
  f('DCGM_FI_DEV_RETIRED_SBE', 'counter', 'Total number of retired pages due to single-bit errors.'),
  f('DCGM_FI_DEV_RETIRED_DBE', 'counter', 'Total number of retired pages due to double-bit errors.'),
  f('DCGM_FI_DEV_RETIRED_PENDING', 'counter', 'Total number of pages pending retirement.'),
  // NVLink
  f('DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL', 'counter', 'Total number of NVLink flow-control CRC errors.'),
  f('DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL', 'counter', 'Total number of NVLink data CRC errors.'),
  f('DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL', 'counter', 'Total number of NVLink retries.'),
  f('DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL', 'counter', 'Total number of NVLink recovery errors.'),
  f('DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL', 'counter', 'Total number of NVLink bandwidth counters for all lanes.'),
  // vGPU license status
  f('DCGM_FI_DEV_VGPU_LICENSE_STATUS', 'gauge', 'vGPU License status'),
  // Remapped rows
  f('DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS', 'counter', 'Number of remapped rows for uncorrectable errors'),
  f('DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS', 'counter', 'Number of remapped rows for correctable errors'),
  f('DCGM_FI_DEV_ROW_REMAP_FAILURE', 'gauge', 'Whether remapping of rows has failed'),
  f('DCGM_FI_DEV_ROW_REMAP_PENDING', 'gauge', 'Whether remapping of rows is pending'),
  // Static configuration, a label on the other series
  f('DCGM_FI_DRIVER_VERSION', 'label', 'Driver Version'),
  // Datacenter profiling (DCP): Volta and later datacenter GPUs; also reported per MIG instance
  f('DCGM_FI_PROF_GR_ENGINE_ACTIVE', 'gauge', 'Ratio of time the graphics engine is active.'),
  f('DCGM_FI_PROF_SM_ACTIVE', 'gauge', 'The ratio of cycles an SM has at least 1 warp assigned.'),
  f('DCGM_FI_PROF_SM_OCCUPANCY', 'gauge', 'The ratio of number of warps resident on an SM.'),
  f('DCGM_FI_PROF_PIPE_TENSOR_ACTIVE', 'gauge', 'Ratio of cycles the tensor (HMMA) pipe is active.'),
  f('DCGM_FI_PROF_DRAM_ACTIVE', 'gauge', 'Ratio of cycles the device memory interface is active sending or receiving data.'),
  f('DCGM_FI_PROF_PIPE_FP64_ACTIVE', 'gauge', 'Ratio of cycles the fp64 pipes are active.'),
  f('DCGM_FI_PROF_PIPE_FP32_ACTIVE', 'gauge', 'Ratio of cycles the fp32 pipes are active.'),
  f('DCGM_FI_PROF_PIPE_FP16_ACTIVE', 'gauge', 'Ratio of cycles the fp16 pipes are active.'),
  f('DCGM_FI_PROF_PCIE_TX_BYTES', 'gauge', 'The rate of data transmitted over the PCIe bus - including both protocol headers and data payloads - in bytes per second.'),
  f('DCGM_FI_PROF_PCIE_RX_BYTES', 'gauge', 'The rate of data received over the PCIe bus - including both protocol headers and data payloads - in bytes per second.'),
  f('DCGM_FI_PROF_NVLINK_TX_BYTES', 'gauge', 'The rate of data transmitted over NVLink - including both headers and payload - in bytes per second.'),
  f('DCGM_FI_PROF_NVLINK_RX_BYTES', 'gauge', 'The rate of data received over NVLink - including both headers and payload - in bytes per second.'),
]);

/**
 * Names of every field in the library's metrics CSV. Stable: alert and recording rules are
 * cross-checked against it. Fields of type `label` (DCGM_FI_DRIVER_VERSION) appear as labels,
 * not as series; use DCGM_EXPORTER_METRICS for the series names.
 */
export const DCGM_EXPORTER_FIELDS: readonly string[] = Object.freeze(DCGM_FIELDS.map((x) => x.name));

/** Names of the Prometheus series the library's exporter emits (gauge and counter fields). */
export const DCGM_EXPORTER_METRICS: readonly string[] = Object.freeze(DCGM_FIELDS.filter((x) => x.type !== 'label').map((x) => x.name));

/** dcgm-exporter's CSV for `fields`, one `NAME, type, help` line each, after a header comment. */
export function renderDcgmMetricsCsv(fields: readonly DcgmField[]): string {
  const header = ['# Generated by cdktf-gpu-cluster.', '# DCGM FIELD, Prometheus metric type, help message'];
  return [...header, ...fields.map((x) => `${x.name}, ${x.type}, ${x.help}`)].join('\n') + '\n';
}
