/**
 * `gpu-tco check`'s arithmetic: Infracost's breakdown merged with the costs only this library knows,
 * and every budget evaluated over the merged lines exactly as synth evaluates it.
 *
 * Per stack, infracost-map.json (written at synth) holds the cost lines before commitments and says
 * which categories of which construct Infracost prices from which addresses. Those lines take
 * Infracost's figure (compared with the library's, before commitments, for drift); the others keep
 * the library's, and any Infracost component of theirs is dropped (e.g. a spot node group Infracost
 * priced at on-demand). The stack's commitments are then applied to the merged lines by the
 * engine's own function. Resources no construct claims (IAM, a cluster declared by hand) count as
 * Infracost priced them. A budget covers the lines of the stacks it covered at synth (a GpuCluster
 * budget spans both of its stacks), on its own basis.
 */
import type { BudgetOutcome } from '../cost/cost-report.js';
import { evaluateBudget } from '../cost/budget-evaluation.js';
import { applyCommitments } from '../cost/commitments.js';
import type { CostLine } from '../cost/tco-engine.js';
import type { CostCategory, MappedConstruct, MappedLine } from '../cost/infracost-map.js';
import type { Breakdown, BreakdownProject, BreakdownResource } from './breakdown.js';
import type { SynthStack } from './out-dir.js';
import { CliError } from './io.js';
import { compareText } from '../base/text-order.js';

/** Price drift above this share of the library's figure is reported. */
export const DRIFT_THRESHOLD_PERCENT = 1;

export interface TeamCost {
  readonly name: string;
  readonly monthlyUsd: number;
  readonly baseMonthlyUsd?: number;
  readonly deltaMonthlyUsd?: number;
}

export interface Drift {
  readonly stack: string;
  readonly constructPath: string;
  readonly category: CostCategory;
  readonly infracostMonthlyUsd: number;
  readonly libraryMonthlyUsd: number;
  /** (Infracost - library) / library, percent, one decimal. */
  readonly percent: number;
}

export interface CheckedBudget {
  readonly constructPath: string;
  readonly scope: string;
  readonly basis: BudgetOutcome['basis'];
  readonly monthlyLimitUsd: number;
  readonly projectedMonthlyUsd: number;
  readonly percentOfLimit: number;
  readonly status: BudgetOutcome['status'];
  /** The stacks whose merged lines the budget covers (its own first). */
  readonly stacks: readonly string[];
  /** Always `merged`: Infracost's figures where it prices, the library's elsewhere, commitments applied. */
  readonly figure: 'merged';
}

export interface StackCheck {
  readonly stack: string;
  readonly region: string;
  /** The Infracost project priced as this stack, if any. */
  readonly project?: string;
  readonly monthlyUsd: number;
  /** Infracost's figures kept in the merge (before commitments). */
  readonly infracostMonthlyUsd: number;
  /** The library's figures for what Infracost cannot see (Karpenter pools, spot shares, rework), before commitments. */
  readonly libraryOnlyMonthlyUsd: number;
  /** What the stack's commitments change: discounts on covered usage (negative) plus their unused part. */
  readonly commitmentsMonthlyUsd: number;
  /** Infracost figures replaced by the library's (e.g. spot node groups priced at on-demand). */
  readonly replacedMonthlyUsd: number;
  readonly baseMonthlyUsd?: number;
  readonly deltaMonthlyUsd?: number;
  readonly byTeam: readonly TeamCost[];
  readonly budgets: readonly CheckedBudget[];
}

export interface CheckResult {
  readonly currency: 'USD';
  /** Set when the breakdown was in another currency and converted with --usd-rate. */
  readonly conversion?: { readonly from: string; readonly usdRate: number };
  readonly stacks: readonly StackCheck[];
  readonly drift: readonly Drift[];
  readonly warnings: readonly string[];
  /** Budgets broken (status exceeded, not acknowledged in code). */
  readonly overBudget: readonly string[];
}

/** A merged line: the engine's line shape, figures from Infracost or the library. */
type MergedLine = MappedLine & Pick<CostLine, 'item' | 'prices' | 'assumptions'>;

interface Tally {
  /** The merged lines, commitments applied. */
  lines: CostLine[];
  infracost: number;
  libraryOnly: number;
  replaced: number;
  commitments: number;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const money = (s: string | null | undefined) => (s === null || s === undefined ? 0 : Number(s) || 0);
const expectedTotal = (lines: readonly { monthlyUsd: { expected: number } }[]) => lines.reduce((s, l) => s + l.monthlyUsd.expected, 0);

const STORAGE = /^(Storage|Provisioned IOPS|Provisioned throughput|EBS snapshot)/;

/** Infracost's monthly cost of a resource per library category (subresources included; instance hours and the like are compute). */
function costByCategory(r: BreakdownResource, kind: MappedConstruct['kind'], warn: (m: string) => void, storageScope = false): Map<CostCategory, number> {
  const out = new Map<CostCategory, number>();
  const add = (c: CostCategory, v: number) => out.set(c, (out.get(c) ?? 0) + v);
  for (const c of r.costComponents ?? []) {
    if (c.priceNotFound) warn(`Infracost found no price for "${c.name}" of ${r.name}`);
    const cat: CostCategory = kind === 'fixed' ? 'fixed' : storageScope || STORAGE.test(c.name) ? 'storage' : 'compute';
    add(cat, money(c.monthlyCost));
  }
  for (const sub of r.subresources ?? []) {
    const storage = storageScope || /block_device|root_block_device|ebs/i.test(sub.name);
    for (const [c, v] of costByCategory(sub, kind, warn, storage)) add(c, v);
  }
  return out;
}

/** Maps each breakdown project to a synthesized stack; unknown projects warn, phantom stacks fail. */
export function matchProjects(breakdown: Breakdown, stacks: readonly SynthStack[], file: string, outDir: string, warnings: string[] | null): Map<string, BreakdownProject> {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const matched = new Map<string, BreakdownProject>();
  for (const p of breakdown.projects) {
    const fromPath = /(?:^|[\\/])stacks[\\/]([^\\/]+)[\\/]?(?:cdk\.tf\.json)?$/.exec(p.metadata.path)?.[1];
    const name = byName.has(p.name) ? p.name : fromPath;
    if (name !== undefined && byName.has(name)) {
      if (matched.has(name)) warnings?.push(`${file}: projects "${matched.get(name)!.name}" and "${p.name}" both price stack ${name}; the first is used`);
      else matched.set(name, p);
    } else if (fromPath !== undefined) {
      if (warnings === null) continue; // a baseline may hold stacks the head removed
      throw new CliError(`gpu-tco check: ${file}: project "${p.name}" (${p.metadata.path}) is stack ${fromPath}, which synth did not produce in ${outDir} (stacks there: ${stacks.map((s) => s.name).join(', ')}); synthesize and run infracost on the same commit`);
    } else {
      warnings?.push(`${file}: project "${p.name}" (${p.metadata.path}) is not a stack of ${outDir}: ignored`);
    }
  }
  return matched;
}

/** `line` with Infracost's expected figure: the worst case keeps the library's usage, never below Infracost's. */
function withInfracostFigure(line: MappedLine, inf: number): MappedLine {
  const lib = line.monthlyUsd;
  // A line with one figure (fixed costs, always-on storage) takes Infracost's on both bases; a worst
  // case of other usage (max nodes) is the library's, raised to Infracost's if that is higher.
  const worst = lib.worstCase === lib.expected ? inf : Math.max(lib.worstCase, inf);
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : 1);
  const od = line.onDemand;
  return {
    ...line,
    monthlyUsd: { expected: r2(inf), worstCase: r2(worst) },
    ...(od
      ? {
          onDemand: {
            expected: { family: od.expected.family, monthlyUsd: r2(inf * share(od.expected.monthlyUsd, lib.expected)) },
            worstCase: { family: od.worstCase.family, monthlyUsd: r2(worst * share(od.worstCase.monthlyUsd, lib.worstCase)) },
          },
        }
      : {}),
  };
}

/**
 * Merges one stack. `baseline`: pricing the base of a comparison with the head's synth output, so a
 * construct whose resources the base breakdown lacks did not exist there (it costs nothing), and
 * no warnings are raised.
 */
function tallyStack(stack: SynthStack, project: BreakdownProject | undefined, warnings: string[], drift: Drift[] | null, baseline: boolean): Tally {
  const warn = (m: string) => void (baseline ? undefined : warnings.push(`${stack.name}: ${m}`));
  const t = { infracost: 0, libraryOnly: 0, replaced: 0 };
  const resources = new Map((project?.breakdown.resources ?? []).map((r) => [r.name, r]));
  const claimed = new Set<string>();
  const map = stack.map!;
  const merged: MergedLine[] = [];
  const asLine = (l: MappedLine, origin: string): MergedLine => ({ ...l, item: origin, prices: [], assumptions: [] });

  for (const c of map.constructs) {
    const lines = (map.lines ?? []).filter((l) => l.constructPath === c.constructPath);
    const present = c.addresses.filter((a) => resources.has(a));
    present.forEach((a) => claimed.add(a));
    const priced = project !== undefined && present.length > 0;
    if (project && c.infracostPrices.length > 0 && !priced) warn(`Infracost priced none of ${c.constructPath}'s resources (${c.addresses.join(', ')}): the library's figures are used`);
    if (baseline && c.addresses.length > 0 && !priced) continue; // not in the base
    const infra = new Map<CostCategory, number>();
    for (const a of present) for (const [cat, v] of costByCategory(resources.get(a)!, c.kind, warn)) infra.set(cat, (infra.get(cat) ?? 0) + v);
    const seen = new Set<CostCategory>();
    for (const line of lines) {
      const cat = line.category;
      const first = !seen.has(cat);
      seen.add(cat);
      if (priced && c.infracostPrices.includes(cat)) {
        // Infracost's figure for the category goes on its first line; a second line of it adds none.
        const inf = first ? (infra.get(cat) ?? 0) : 0;
        const lib = expectedTotal(lines.filter((l) => l.category === cat));
        if (first) {
          t.infracost += inf;
          const percent = lib > 0 ? ((inf - lib) / lib) * 100 : inf > 0 ? 100 : 0;
          // A cent or less is the rounding of the library's lines, not drift; an unpriced line has no figure to drift from.
          const unpriced = lines.some((l) => l.category === cat && l.unpriced);
          if (drift && !unpriced && Math.abs(percent) > DRIFT_THRESHOLD_PERCENT && Math.abs(inf - lib) >= 0.01) {
            drift.push({ stack: stack.name, constructPath: c.constructPath, category: cat, infracostMonthlyUsd: r2(inf), libraryMonthlyUsd: r2(lib), percent: Math.round(percent * 10) / 10 });
          }
        }
        merged.push(asLine(withInfracostFigure(line, inf), 'Infracost'));
      } else {
        t.libraryOnly += line.monthlyUsd.expected;
        if (first) t.replaced += infra.get(cat) ?? 0;
        merged.push(asLine(line, 'library'));
      }
    }
    // Categories Infracost prices that the library has no line for (e.g. a volume it did not expect).
    const tags = lines[0]?.tags ?? {};
    for (const [cat, inf] of infra) {
      if (seen.has(cat)) continue;
      if (priced && c.infracostPrices.includes(cat)) {
        t.infracost += inf;
        merged.push(asLine({ constructPath: c.constructPath, category: cat, tags, monthlyUsd: { expected: r2(inf), worstCase: r2(inf) } }, 'Infracost'));
      } else {
        t.replaced += inf;
      }
    }
  }

  for (const [address, r] of resources) {
    if (claimed.has(address)) continue;
    if (!stack.addresses.has(address)) warn(`resource ${address} in the breakdown is not in cdk.tf.json (breakdown and synth of different commits?): counted as Infracost priced it`);
    const v = r2(money(r.monthlyCost));
    t.infracost += v;
    merged.push(asLine({ constructPath: address, category: 'fixed', tags: r.tags ?? {}, monthlyUsd: { expected: v, worstCase: v } }, 'Infracost'));
  }
  const before = expectedTotal(merged);
  const lines = applyCommitments(merged as CostLine[], map.commitments ?? []);
  return { lines, ...t, commitments: expectedTotal(lines) - before };
}

function byTeam(lines: readonly CostLine[]): Map<string, number> {
  const teams = new Map<string, number>();
  for (const l of lines) teams.set(l.tags.team ?? '(untagged)', (teams.get(l.tags.team ?? '(untagged)') ?? 0) + l.monthlyUsd.expected);
  return teams;
}

/** The stack's budgets over the merged lines of every stack each covers. */
function checkBudgets(stack: SynthStack, merged: ReadonlyMap<string, Tally>, warnings: string[]): CheckedBudget[] {
  return stack.report.budgets.map((b) => {
    const names = b.stacks ?? [stack.name];
    const missing = names.filter((n) => !merged.has(n));
    if (missing.length) warnings.push(`${b.constructPath}: covers stack(s) ${missing.join(', ')}, which have no cost report in the out dir: counted at 0`);
    const lines = names.flatMap((n) => merged.get(n)?.lines ?? []);
    const e = evaluateBudget(b, lines);
    const status: CheckedBudget['status'] = e.status === 'exceeded' && b.acknowledgement ? 'exceeded-acknowledged' : e.status;
    return { constructPath: b.constructPath, scope: b.scope, basis: b.basis, monthlyLimitUsd: b.monthlyLimitUsd, projectedMonthlyUsd: e.projectedMonthlyUsd, percentOfLimit: e.percentOfLimit, status, stacks: names, figure: 'merged' };
  });
}

export interface MergeInput {
  readonly stacks: readonly SynthStack[];
  readonly breakdown: Breakdown;
  readonly breakdownFile: string;
  readonly outDir: string;
  /** Baseline breakdown, and the synth output of its commit when known. */
  readonly base?: { readonly breakdown: Breakdown; readonly file: string; readonly stacks?: readonly SynthStack[] };
  /** The breakdowns' currency and USD per unit of it, when not USD. */
  readonly conversion?: { readonly from: string; readonly usdRate: number };
}

const EMPTY: Tally = { lines: [], infracost: 0, libraryOnly: 0, replaced: 0, commitments: 0 };

/** The merged figures, budgets, drift and warnings of every synthesized stack. */
export function mergeBreakdown(input: MergeInput): CheckResult {
  const warnings: string[] = [];
  for (const s of input.stacks) {
    if (!s.map?.lines) throw new CliError(`gpu-tco check: ${s.dir} has no infracost-map.json of version 1.1 or later (synthesized by an older cdktf-gpu-cluster); run \`npm run synth\` again`);
  }
  const projects = matchProjects(input.breakdown, input.stacks, input.breakdownFile, input.outDir, warnings);
  const baseStacks = input.base?.stacks ?? input.stacks;
  const baseProjects = input.base ? matchProjects(input.base.breakdown, baseStacks.filter((s) => s.map?.lines), input.base.file, input.outDir, null) : undefined;
  const drift: Drift[] = [];
  const head = new Map<string, Tally>();
  const base = new Map<string, Tally>();
  for (const s of input.stacks) {
    const project = projects.get(s.name);
    if (!project) warnings.push(`${s.name}: not in ${input.breakdownFile}: the library's figures only`);
    head.set(s.name, tallyStack(s, project, warnings, drift, false));
    if (baseProjects) {
      const bs = baseStacks.find((x) => x.name === s.name && x.map?.lines);
      const bp = baseProjects.get(s.name);
      base.set(s.name, bs && bp ? tallyStack(bs, bp, warnings, null, true) : EMPTY);
    }
  }
  const stacks: StackCheck[] = input.stacks.map((s) => {
    const t = head.get(s.name)!;
    const b = baseProjects ? base.get(s.name)! : undefined;
    const monthly = r2(expectedTotal(t.lines));
    const teamsNow = byTeam(t.lines);
    const teamsWas = b ? byTeam(b.lines) : undefined;
    const teams = [...new Set([...teamsNow.keys(), ...(teamsWas?.keys() ?? [])])];
    return {
      stack: s.name,
      region: s.report.region,
      ...(projects.get(s.name) ? { project: projects.get(s.name)!.name } : {}),
      monthlyUsd: monthly,
      infracostMonthlyUsd: r2(t.infracost),
      libraryOnlyMonthlyUsd: r2(t.libraryOnly),
      commitmentsMonthlyUsd: r2(t.commitments),
      replacedMonthlyUsd: r2(t.replaced),
      ...(b ? { baseMonthlyUsd: r2(expectedTotal(b.lines)), deltaMonthlyUsd: r2(monthly - r2(expectedTotal(b.lines))) } : {}),
      byTeam: teams
        .map((name) => {
          const now = r2(teamsNow.get(name) ?? 0);
          const was = teamsWas ? r2(teamsWas.get(name) ?? 0) : undefined;
          return { name, monthlyUsd: now, ...(was !== undefined ? { baseMonthlyUsd: was, deltaMonthlyUsd: r2(now - was) } : {}) };
        })
        .sort((x, y) => y.monthlyUsd - x.monthlyUsd || compareText(x.name, y.name)),
      budgets: checkBudgets(s, head, warnings),
    };
  });
  const overBudget = stacks.flatMap((s) => s.budgets.filter((b) => b.status === 'exceeded').map((b) => `${b.constructPath} (${b.scope}, ${b.basis}): ${b.projectedMonthlyUsd} of ${b.monthlyLimitUsd} USD/month`));
  return { currency: 'USD', ...(input.conversion ? { conversion: input.conversion } : {}), stacks, drift, warnings, overBudget };
}
