/**
 * What synth left in an out dir, per stack: cost-report.json, infracost-map.json and the resource
 * addresses of cdk.tf.json. A missing or empty out dir is an exit-2 error naming what to run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CostReport } from '../cost/cost-report.js';
import { INFRACOST_MAP_FILE } from '../cost/infracost-map.js';
import type { InfracostMap } from '../cost/infracost-map.js';
import { CliError } from './io.js';

export interface SynthStack {
  readonly name: string;
  /** The stack directory, relative paths resolved. */
  readonly dir: string;
  readonly report: CostReport;
  /** Absent for stacks synthesized before synth wrote it. */
  readonly map?: InfracostMap;
  /** Resource addresses (`type.logical_id`) in cdk.tf.json. */
  readonly addresses: ReadonlySet<string>;
}

const SYNTH_HINT = 'run `npm run synth` (or `npx cdktf synth`) first';

function readJson<T>(file: string, what: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new CliError(`gpu-tco: cannot read ${what} ${file}: ${(e as Error).message.split('\n')[0]}; ${SYNTH_HINT}`);
  }
}

let validateReport: ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null } | undefined;

/** The first way `report` breaks the cost-report schema, or undefined. */
function costReportProblem(report: unknown): string | undefined {
  if (!validateReport) {
    const Ajv = (require('ajv') as typeof import('ajv')).default;
    validateReport = new Ajv({ allErrors: false, strict: false }).compile(JSON.parse(readFileSync(join(__dirname, '../cost/schema/cost-report.schema.json'), 'utf8')));
  }
  if (validateReport(report)) return undefined;
  const [e] = validateReport.errors ?? [];
  return `${e?.instancePath || '/'} ${e?.message ?? 'is invalid'}`;
}

/** Every stack of `outDir` that has a cost report, sorted by name. */
export function loadOutDir(outDir: string, cwd: string): SynthStack[] {
  const root = resolve(cwd, outDir);
  const stacksDir = join(root, 'stacks');
  if (!existsSync(stacksDir)) throw new CliError(`gpu-tco: ${outDir} has no stacks/ folder: no cdktf synth output there; ${SYNTH_HINT}`);
  const stacks: SynthStack[] = [];
  for (const name of readdirSync(stacksDir).sort()) {
    const dir = join(stacksDir, name);
    const reportFile = join(dir, 'cost-report.json');
    if (!existsSync(reportFile)) continue;
    const report = readJson<CostReport>(reportFile, 'cost report');
    const problem = costReportProblem(report);
    if (problem) throw new CliError(`gpu-tco: ${reportFile} is not a cost report (cost-report.schema.json): ${problem}; ${SYNTH_HINT}`);
    const mapFile = join(dir, INFRACOST_MAP_FILE);
    const map = existsSync(mapFile) ? readJson<InfracostMap>(mapFile, 'Infracost map') : undefined;
    const tfFile = join(dir, 'cdk.tf.json');
    const tf = existsSync(tfFile) ? readJson<{ resource?: Record<string, Record<string, unknown>> }>(tfFile, 'Terraform JSON') : {};
    const addresses = new Set(Object.entries(tf.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)));
    stacks.push({ name, dir, report, map, addresses });
  }
  if (stacks.length === 0) throw new CliError(`gpu-tco: no cost-report.json under ${join(outDir, 'stacks')}: the stacks there declare no cost-bearing constructs or were synthesized without this library; ${SYNTH_HINT}`);
  return stacks;
}
