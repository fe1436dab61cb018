/**
 * ServiceMonitor options for the charts the library installs with one (the DCGM exporter's,
 * Karpenter's): Prometheus finds a ServiceMonitor only when its labels match the Prometheus's
 * `serviceMonitorSelector`, which kube-prometheus-stack sets to `release: <its release name>`.
 */
import type { PropChecker } from './validate.js';
import { isLabelKey, isLabelValue } from '../base/labels.js';

/** The kube-prometheus-stack release name that ServiceMonitors and rules are labelled for by default. */
export const DEFAULT_PROMETHEUS_RELEASE = 'kube-prometheus-stack';

/** A ServiceMonitor Prometheus scrapes a component through. */
export interface ServiceMonitorOptions {
  /**
   * Create the ServiceMonitor (needs the Prometheus Operator CRDs in the cluster).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Scrape interval.
   * @default '15s' (the charts' default)
   */
  readonly interval?: string;
  /**
   * Scrape timeout; at most the interval.
   * @default '10s' (the charts' default)
   */
  readonly scrapeTimeout?: string;
  /**
   * Labels on the ServiceMonitor: what the Prometheus's `serviceMonitorSelector` matches.
   * kube-prometheus-stack selects `release: <its release name>` unless told otherwise.
   * @default { release: 'kube-prometheus-stack' }
   */
  readonly labels?: Record<string, string>;
}

const DURATION = /^(\d+(ms|s|m|h))+$/;

/** `given` checked, defaults filled in. `true`/`false` stand for `{ enabled }` where a prop allows a boolean. */
export function checkServiceMonitor(check: PropChecker, given: ServiceMonitorOptions | boolean | undefined): Required<ServiceMonitorOptions> {
  if (typeof given === 'boolean') given = { enabled: given };
  if (given !== undefined && (given === null || typeof given !== 'object')) check.fail('INVALID_SERVICE_MONITOR', 'serviceMonitor', given, 'must be an object', '{ enabled?, interval?, scrapeTimeout?, labels? }', 'pass an object or leave serviceMonitor out');
  const g = given ?? {};
  const enabled = g.enabled ?? true;
  if (typeof enabled !== 'boolean') check.fail('INVALID_BOOLEAN', 'serviceMonitor.enabled', enabled, 'must be true or false', 'true or false', 'set serviceMonitor.enabled to true or false');
  const duration = { pattern: DURATION, allowed: 'a Prometheus duration such as 15s, 1m or 1m30s' };
  const interval = check.string('serviceMonitor.interval', g.interval ?? '15s', duration);
  const scrapeTimeout = check.string('serviceMonitor.scrapeTimeout', g.scrapeTimeout ?? '10s', duration);
  if (seconds(scrapeTimeout) > seconds(interval)) {
    check.fail('INVALID_SCRAPE_TIMEOUT', 'serviceMonitor.scrapeTimeout', scrapeTimeout, `is longer than the interval (${interval}); Prometheus refuses such a scrape config`, `at most ${interval}`, `shorten scrapeTimeout or lengthen interval`);
  }
  const labels = g.labels ?? { release: DEFAULT_PROMETHEUS_RELEASE };
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) check.fail('INVALID_LABELS', 'serviceMonitor.labels', labels, 'must be an object', 'label keys to values, e.g. { release: "kube-prometheus-stack" }', 'pass the labels your Prometheus serviceMonitorSelector matches');
  for (const [k, v] of Object.entries(labels)) {
    if (!isLabelKey(k)) check.fail('INVALID_LABELS', `serviceMonitor.labels[${JSON.stringify(k)}]`, k, 'is not a valid label key', 'a Kubernetes label key', 'use the label key your Prometheus serviceMonitorSelector matches');
    if (typeof v !== 'string' || !isLabelValue(v)) check.fail('INVALID_LABELS', `serviceMonitor.labels[${JSON.stringify(k)}]`, v, 'is not a valid label value', 'up to 63 letters, digits, -, _ and .', 'use the value your Prometheus selects, e.g. its Helm release name');
  }
  return { enabled, interval, scrapeTimeout, labels };
}

function seconds(duration: string): number {
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const m of duration.matchAll(/(\d+)(ms|s|m|h)/g)) total += Number(m[1]) * unit[m[2]!]!;
  return total;
}
