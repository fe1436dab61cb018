import type { ResolvedThresholds } from '../thresholds.js';
import { gpuText } from './rule-types.js';
import type { AlertingRule, LabelContext, RuleGroup } from './rule-types.js';

/** XID codes by class (NVIDIA's XID catalog); the app-fault codes are the workload's, not the GPU's. */
export const XID_CLASSES = {
  doubleBitEcc: [48],
  rowRemapEvent: [63],
  rowRemapFailure: [64],
  fallenOffBus: [79],
  containedEcc: [94],
  uncontainedEcc: [95],
  applicationFault: [13, 31, 43],
} as const;

const XID = 'DCGM_FI_DEV_XID_ERRORS';
// The exporter reports the last XID seen as a gauge: it keeps the value until the next XID or a
// reset, so hardware classes stay firing until the GPU is reset; the others fire for 10 minutes
// after a new XID arrives.
const NEW_XID = `changes(${XID}[10m]) > 0`;

/** `metric == a or metric == b` (PromQL has no `in`). */
function xidIs(codes: readonly number[]): string {
  return codes.map((c) => `${XID} == ${c}`).join(' or ');
}

/**
 * GPU health: XIDs by class, temperatures, power, throttling, uncorrectable ECC and row-remap
 * failure, NVLink errors. Every alert keeps the exporter's per-GPU labels (gpu, UUID, modelName,
 * the hostname label, and pod/namespace/container while a pod holds the GPU).
 */
export function healthGroup(t: ResolvedThresholds, l: LabelContext): RuleGroup {
  const gpu = gpuText(l);
  const rules: AlertingRule[] = [
    {
      alert: 'GpuXidFallenOffBus',
      expr: xidIs(XID_CLASSES.fallenOffBus),
      for: '1m',
      labels: { severity: 'critical' },
      annotations: {
        summary: 'GPU fell off the bus (XID 79) on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} reported XID 79: the GPU is no longer reachable over PCIe. Jobs on it have failed; cordon and drain the node and replace or reboot it.`,
      },
    },
    {
      alert: 'GpuXidDoubleBitEcc',
      expr: xidIs(XID_CLASSES.doubleBitEcc),
      for: '1m',
      labels: { severity: 'critical' },
      annotations: {
        summary: 'Double-bit ECC error (XID 48) on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} reported XID 48, an uncorrectable double-bit ECC error. The application on it was stopped; the GPU needs a reset before it is trusted again.`,
      },
    },
    {
      alert: 'GpuXidRowRemapEvent',
      expr: xidIs(XID_CLASSES.rowRemapEvent),
      for: '1m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Row remapping pending (XID 63) on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} reported XID 63: a memory row was marked for remapping after an ECC error. The remap takes effect at the next GPU reset; schedule one when the GPU is free.`,
      },
    },
    {
      alert: 'GpuXidRowRemapFailure',
      expr: xidIs(XID_CLASSES.rowRemapFailure),
      for: '1m',
      labels: { severity: 'critical' },
      annotations: {
        summary: 'Row remapping failed (XID 64) on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} reported XID 64: a memory row could not be remapped. Cordon the node; the GPU needs service.`,
      },
    },
    {
      alert: 'GpuXidContainedEcc',
      expr: xidIs(XID_CLASSES.containedEcc),
      for: '1m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Contained ECC error (XID 94) on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} reported XID 94: an uncorrectable ECC error was contained to one application, which was stopped. Other work on the GPU continues; reset the GPU when it is free.`,
      },
    },
    {
      alert: 'GpuXidUncontainedEcc',
      expr: xidIs(XID_CLASSES.uncontainedEcc),
      for: '1m',
      labels: { severity: 'critical' },
      annotations: {
        summary: 'Uncontained ECC error (XID 95) on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} reported XID 95: an uncorrectable ECC error could not be contained; every application on the GPU is affected. Cordon and drain the node and reset the GPU.`,
      },
    },
    {
      alert: 'GpuXidApplicationFault',
      expr: `(${xidIs(XID_CLASSES.applicationFault)}) and on(UUID, gpu) ${NEW_XID}`,
      for: '0m',
      labels: { severity: 'info' },
      annotations: {
        summary: 'Application fault XID {{ $value }} on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} reported XID {{ $value }} (13: graphics engine exception, 31: memory page fault, 43: GPU stopped processing). These come from the application (bad kernel, out-of-bounds access), not from the hardware; tell the workload's owner.`,
      },
    },
    {
      alert: 'GpuXidError',
      expr: `(${XID} > 0 ${Object.values(XID_CLASSES).flat().map((c) => `!= ${c}`).join(' ')}) and on(UUID, gpu) ${NEW_XID}`,
      for: '0m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'XID {{ $value }} on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} reported XID {{ $value }}, which has no alert of its own. Look it up in NVIDIA's XID catalog and the node's kernel log.`,
      },
    },
    {
      alert: 'GpuUncorrectableEccErrors',
      expr: 'increase(DCGM_FI_DEV_ECC_DBE_VOL_TOTAL[10m]) > 0',
      for: '0m',
      labels: { severity: 'critical' },
      annotations: {
        summary: 'Uncorrectable ECC errors on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} counted {{ $value }} new double-bit (uncorrectable) volatile ECC errors in 10 minutes. Cordon the node: work on this GPU may compute wrong results.`,
      },
    },
    {
      alert: 'GpuRowRemapFailure',
      expr: 'DCGM_FI_DEV_ROW_REMAP_FAILURE > 0',
      for: '0m',
      labels: { severity: 'critical' },
      annotations: {
        summary: 'Row remapping failed on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} has run out of spare memory rows (row remap failure). Cordon the node; the GPU needs replacement.`,
      },
    },
    {
      alert: 'GpuTemperatureHigh',
      expr: `DCGM_FI_DEV_GPU_TEMP >= ${t.gpuTempWarningC} < ${t.gpuTempCriticalC}`,
      for: '5m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'GPU at {{ $value }} C on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} has been at or above ${t.gpuTempWarningC} C for 5 minutes ({{ $value }} C).`,
      },
    },
    {
      alert: 'GpuTemperatureCritical',
      expr: `DCGM_FI_DEV_GPU_TEMP >= ${t.gpuTempCriticalC}`,
      for: '2m',
      labels: { severity: 'critical' },
      annotations: {
        summary: 'GPU at {{ $value }} C on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} has been at or above ${t.gpuTempCriticalC} C for 2 minutes ({{ $value }} C); it is slowing down and will shut down if it keeps heating.`,
      },
    },
    // GPUs without a memory sensor report DCGM's blank value (about 9.2e18): the upper bound keeps
    // it from reading as a hot GPU.
    {
      alert: 'GpuMemoryTemperatureHigh',
      expr: `DCGM_FI_DEV_MEMORY_TEMP >= ${t.memoryTempWarningC} < ${t.memoryTempCriticalC}`,
      for: '5m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'GPU memory at {{ $value }} C on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu}: memory (HBM) has been at or above ${t.memoryTempWarningC} C for 5 minutes ({{ $value }} C).`,
      },
    },
    {
      alert: 'GpuMemoryTemperatureCritical',
      expr: `DCGM_FI_DEV_MEMORY_TEMP >= ${t.memoryTempCriticalC} < 1000`,
      for: '2m',
      labels: { severity: 'critical' },
      annotations: {
        summary: 'GPU memory at {{ $value }} C on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu}: memory (HBM) has been at or above ${t.memoryTempCriticalC} C for 2 minutes ({{ $value }} C); expect ECC errors and throttling.`,
      },
    },
    {
      alert: 'GpuPowerNearLimit',
      expr: `DCGM_FI_DEV_POWER_USAGE / (DCGM_FI_DEV_POWER_MGMT_LIMIT > 0) * 100 > ${t.powerPercentOfLimit}`,
      for: '15m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'GPU at {{ $value | printf "%.0f" }} % of its power limit on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} has drawn more than ${t.powerPercentOfLimit} % of its power limit for 15 minutes; clocks are capped.`,
      },
    },
    {
      alert: 'GpuThermalThrottling',
      expr: `rate(DCGM_FI_DEV_THERMAL_VIOLATION[5m]) / 1e7 > ${t.thermalThrottlePercent}`,
      for: '10m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'GPU thermally throttled {{ $value | printf "%.0f" }} % of the time on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} has had its clocks reduced for thermal reasons more than ${t.thermalThrottlePercent} % of the time for 10 minutes. Check cooling and airflow.`,
      },
    },
    {
      alert: 'GpuPowerThrottling',
      expr: `rate(DCGM_FI_DEV_POWER_VIOLATION[5m]) / 1e7 > ${t.powerThrottlePercent}`,
      for: '10m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'GPU power-capped {{ $value | printf "%.0f" }} % of the time on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} has had its clocks reduced by the power cap more than ${t.powerThrottlePercent} % of the time for 10 minutes.`,
      },
    },
    {
      alert: 'GpuNvlinkErrors',
      expr: [
        'DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL',
        'DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL',
        'DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL',
        'DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL',
      ].map((m) => `increase(${m}[15m])`).join(' + ').replace(/^/, '(').concat(`) > ${t.nvlinkErrorsPer15m}`),
      for: '0m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'NVLink errors on {{ $labels.' + l.hostname + ' }}',
        description: `${gpu} counted {{ $value | printf "%.0f" }} NVLink CRC, replay and recovery errors in 15 minutes (threshold ${t.nvlinkErrorsPer15m}). Multi-GPU jobs on this node slow down or hang.`,
      },
    },
  ];
  return { name: 'gpu-health', rules };
}
