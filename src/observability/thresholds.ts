import type { PropChecker } from '../core/validate.js';

/**
 * Alert thresholds. Defaults start from the DCGM metric table of the project's seed notes
 * (temperature 80 / 90 C, memory 95 %, power 95 % of the limit, utilization under 20 % is waste).
 */
export interface GpuAlertThresholds {
  /**
   * GPU core temperature (C) for a warning.
   * @default 80
   */
  readonly gpuTempWarningC?: number;
  /**
   * GPU core temperature (C) for a critical alert.
   * @default 90
   */
  readonly gpuTempCriticalC?: number;
  /**
   * HBM / memory temperature (C) for a warning (HBM is specified up to about 95 C).
   * @default 85
   */
  readonly memoryTempWarningC?: number;
  /**
   * Memory temperature (C) for a critical alert.
   * @default 95
   */
  readonly memoryTempCriticalC?: number;
  /**
   * Framebuffer memory used, percent of used + free, for "memory almost full".
   * @default 95
   */
  readonly memoryUsedPercent?: number;
  /**
   * Power draw, percent of the GPU's power limit (DCGM_FI_DEV_POWER_MGMT_LIMIT, the TDP unless lowered).
   * @default 95
   */
  readonly powerPercentOfLimit?: number;
  /**
   * Percent of the time clocks were held down for thermal reasons (DCGM_FI_DEV_THERMAL_VIOLATION).
   * @default 10
   */
  readonly thermalThrottlePercent?: number;
  /**
   * Percent of the time clocks were held down by the power cap (DCGM_FI_DEV_POWER_VIOLATION).
   * Sustained full-load training touches the cap, hence the higher default.
   * @default 50
   */
  readonly powerThrottlePercent?: number;
  /**
   * NVLink CRC, replay and recovery errors per GPU in 15 minutes.
   * @default 10
   */
  readonly nvlinkErrorsPer15m?: number;
  /**
   * Utilization (percent) under which an allocated GPU counts as idle. For MIG instances the
   * same figure applies to DCGM_FI_PROF_GR_ENGINE_ACTIVE as a ratio (20 % is 0.2).
   * @default 20
   */
  readonly idleUtilizationPercent?: number;
  /**
   * How long a GPU must stay idle before the waste alert fires (a Prometheus duration).
   * @default '1h'
   */
  readonly idleFor?: string;
  /**
   * How long a pod asking for a GPU may stay Pending (a Prometheus duration).
   * @default '15m'
   */
  readonly pendingGpuPodFor?: string;
  /**
   * Percent of a NodePool's GPU limit (or a node group's max size) at which it counts as at its limit.
   * @default 100
   */
  readonly poolLimitPercent?: number;
}

export type ResolvedThresholds = Required<GpuAlertThresholds>;

export const DEFAULT_THRESHOLDS: ResolvedThresholds = {
  gpuTempWarningC: 80,
  gpuTempCriticalC: 90,
  memoryTempWarningC: 85,
  memoryTempCriticalC: 95,
  memoryUsedPercent: 95,
  powerPercentOfLimit: 95,
  thermalThrottlePercent: 10,
  powerThrottlePercent: 50,
  nvlinkErrorsPer15m: 10,
  idleUtilizationPercent: 20,
  idleFor: '1h',
  pendingGpuPodFor: '15m',
  poolLimitPercent: 100,
};

/** Prometheus durations as rule `for` fields take them: `90s`, `15m`, `1h30m`, `0`. */
export const PROMETHEUS_DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;

/** Checks a Prometheus duration prop (the PrometheusRule CRD's pattern, and not empty). */
export function checkDuration(check: PropChecker, prop: string, value: unknown): string {
  if (typeof value !== 'string' || value === '' || !PROMETHEUS_DURATION.test(value)) {
    check.fail('INVALID_DURATION', prop, value, 'is not a Prometheus duration', 'units y, w, d, h, m, s, ms from largest to smallest, e.g. 90s, 15m, 1h30m, or 0', `write e.g. '15m'`);
  }
  return value;
}

/** Thresholds with defaults filled in, each checked against its physical range. */
export function resolveThresholds(check: PropChecker, given: GpuAlertThresholds | undefined): ResolvedThresholds {
  if (given !== undefined && (given === null || typeof given !== 'object')) {
    check.fail('INVALID_THRESHOLDS', 'thresholds', given, 'must be an object', 'a GpuAlertThresholds object');
  }
  const t = { ...DEFAULT_THRESHOLDS, ...stripUndefined(given ?? {}) };
  const celsius = (prop: keyof GpuAlertThresholds) =>
    check.number(`thresholds.${prop}`, t[prop], { min: 0, max: 120, fix: `set thresholds.${prop} to a temperature in C from 0 to 120 (GPUs shut down below 120 C)` });
  const percent = (prop: keyof GpuAlertThresholds, min = 0) =>
    check.number(`thresholds.${prop}`, t[prop], { min, max: 100, fix: `set thresholds.${prop} to a percentage from ${min} to 100` });
  celsius('gpuTempWarningC');
  celsius('gpuTempCriticalC');
  celsius('memoryTempWarningC');
  celsius('memoryTempCriticalC');
  for (const [warn, crit] of [['gpuTempWarningC', 'gpuTempCriticalC'], ['memoryTempWarningC', 'memoryTempCriticalC']] as const) {
    if (t[warn] >= t[crit]) {
      check.fail('INVALID_THRESHOLDS', `thresholds.${warn}`, t[warn], `must be below thresholds.${crit} (${t[crit]})`, `a warning temperature below the critical one`, `lower thresholds.${warn} or raise thresholds.${crit}`);
    }
  }
  percent('memoryUsedPercent', 1);
  percent('powerPercentOfLimit', 1);
  percent('thermalThrottlePercent');
  percent('powerThrottlePercent');
  percent('idleUtilizationPercent', 1);
  percent('poolLimitPercent', 1);
  check.number('thresholds.nvlinkErrorsPer15m', t.nvlinkErrorsPer15m, { min: 0, max: 1e9 });
  checkDuration(check, 'thresholds.idleFor', t.idleFor);
  // idleFor is also the range of avg_over_time(...[idleFor]): PromQL refuses `[0]` and zero ranges.
  if (!/[1-9]/.test(t.idleFor)) check.fail('INVALID_DURATION', 'thresholds.idleFor', t.idleFor, 'is zero; it is also the range the idle rules average over, which must be positive', 'a positive duration such as 30m or 1h', "write e.g. '1h'");
  checkDuration(check, 'thresholds.pendingGpuPodFor', t.pendingGpuPodFor);
  return t;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
