/**
 * Parsers for the duration and cron strings Karpenter accepts. The CRD's regular expressions let
 * through values its controller rejects (`99 99 * * *` matches the cron pattern), so the library
 * checks them fully at synth.
 */

const DURATION = /^([0-9]+(s|m|h))+$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** Seconds of a Go-style duration of h, m and s parts (`1h30m`, `720h`), or undefined. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string' || !DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/([0-9]+)(s|m|h)/g)) total += Number(n) * UNIT_SECONDS[unit!]!;
  return Number.isSafeInteger(total) ? total : undefined;
}

/** A budget's duration: hours and minutes only (`8h`, `1h30m`), as the NodePool CRD requires. */
export function isBudgetDuration(text: unknown): boolean {
  return typeof text === 'string' && /^(([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?$/.test(text) && parseDuration(text.replace(/0s$/, ''))! > 0;
}

const MACROS = ['@annually', '@yearly', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIELDS: Array<{ name: string; min: number; max: number; names?: string[]; namesFrom?: number }> = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { name: 'day of week', min: 0, max: 6, names: DAYS, namesFrom: 0 },
];

/**
 * Why `text` is not a standard five-field cron expression (minute hour day-of-month month
 * day-of-week, with `*`, lists, ranges, steps, month and day names) or one of Karpenter's
 * macros; undefined when it is one. Time zones are not supported (schedules run in UTC).
 */
export function cronProblem(text: unknown): string | undefined {
  if (typeof text !== 'string') return 'is not a string';
  if (text.startsWith('@')) return MACROS.includes(text) ? undefined : `is not one of the macros ${MACROS.join(', ')}`;
  if (/^\s*(CRON_)?TZ=/.test(text)) return 'sets a time zone; Karpenter schedules run in UTC and take no TZ= prefix';
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 5) return `has ${parts.length} fields; a cron schedule has 5 (minute hour day-of-month month day-of-week)`;
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(parts[i]!, FIELDS[i]!);
    if (problem) return `${FIELDS[i]!.name} field ${JSON.stringify(parts[i])} ${problem}`;
  }
  return undefined;
}

function fieldProblem(field: string, spec: (typeof FIELDS)[number]): string | undefined {
  for (const item of field.split(',')) {
    const [range, step, extra] = item.split('/');
    if (extra !== undefined) return 'has more than one step';
    if (step !== undefined && !(/^[0-9]+$/.test(step) && Number(step) > 0)) return `has step ${JSON.stringify(step)}; a step is a positive whole number`;
    if (range === '*' || (range === '?' && spec.name.startsWith('day'))) continue;
    const bounds = range!.split('-');
    if (bounds.length > 2) return 'has a malformed range';
    const values = bounds.map((b) => value(b, spec));
    if (values.some((v) => v === undefined)) return `is outside ${spec.min}-${spec.max}${spec.names ? ` (or ${spec.names[0]}-${spec.names[spec.names.length - 1]})` : ''}`;
    if (values.length === 2 && values[0]! > values[1]!) return 'has a range that runs backwards';
  }
  return undefined;
}

function value(text: string, spec: (typeof FIELDS)[number]): number | undefined {
  if (/^[0-9]+$/.test(text)) {
    const n = Number(text);
    return n >= spec.min && n <= spec.max ? n : undefined;
  }
  const i = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  return i >= 0 ? i + spec.namesFrom! : undefined;
}
