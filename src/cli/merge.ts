/**
 * `gpu-tco check`'s arithmetic: Infracost's breakdown merged with the costs only this library knows.
 *
 * Per cost-bearing construct, infracost-map.json (written at synth) says which cost categories
 * Infracost prices from which addresses. Those categories take Infracost's figure (and are compared
 * with the library's for drift); the others take the library's expected figure, and any Infracost
 * component of theirs is dropped (e.g. a spot node group Infracost priced at on-demand). Resources no
 * construct claims (IAM, a cluster declared by hand) count as Infracost priced them.
 */
import type { BudgetOutcome } from '../cost/cost-report.js';
import type { CostCategory, MappedConstruct } from '../cost/infracost-map.js';
import type { Breakdown, BreakdownProject, BreakdownResource } from './breakdown.js';
import type { SynthStack } from './out-dir.js';
import { CliError } from './io.js';

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
  /** `merged`: Infracost + library-only (EXPECTED); `library`: the synth report's worst case (Infracost prices no worst case). */
  readonly figure: 'merged' | 'library';
}

export interface StackCheck {
  readonly stack: string;
  readonly region: string;
  /** The Infracost project priced as this stack, if any. */
  readonly project?: string;
  readonly monthlyUsd: number;
  /** Infracost's figures kept in the merge. */
  readonly infracostMonthlyUsd: number;
  /** The library's figures for what Infracost cannot see (Karpenter pools, spot shares, rework). */
  readonly libraryOnlyMonthlyUsd: number;
  /** Infracost figures replaced by the library's (e.g. spot node groups priced at on-demand). */
  readonly replacedMonthlyUsd: number;
  readonly baseMonthlyUsd?: number;
  readonly deltaMonthlyUsd?: number;
  readonly byTeam: readonly TeamCost[];
  readonly budgets: readonly CheckedBudget[];
}

export interface CheckResult {
  readonly currency: 'USD';
  readonly stacks: readonly StackCheck[];
  readonly drift: readonly Drift[];
  readonly warnings: readonly string[];
  /** Budgets broken (status exceeded, not acknowledged in code). */
  readonly overBudget: readonly string[];
}

interface Tally {
  monthly: number;
  infracost: number;
  libraryOnly: number;
  replaced: number;
  teams: Map<string, number>;
  /** Monthly cost per tag set, for team and cost-center budgets. */
  tagged: Array<{ tags: Readonly<Record<string, string>>; monthly: number }>;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const money = (s: string | null | undefined) => (s === null || s === undefined ? 0 : Number(s) || 0);
const inScope = (scope: string, tags: Readonly<Record<string, string>>) => {
  if (scope === 'stack') return true;
  const i = scope.indexOf('=');
  return tags[scope.slice(0, i)] === scope.slice(i + 1);
};

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

/**
 * Merges one stack. `baseline`: pricing the base of a comparison with the head's synth output, so a
 * construct whose resources the base breakdown lacks did not exist there (it costs nothing), and
 * no warnings are raised.
 */
function tallyStack(stack: SynthStack, project: BreakdownProject | undefined, warnings: string[], drift: Drift[] | null, baseline: boolean): Tally {
  const warn = (m: string) => void (baseline ? undefined : warnings.push(`${stack.name}: ${m}`));
  const t: Tally = { monthly: 0, infracost: 0, libraryOnly: 0, replaced: 0, teams: new Map(), tagged: [] };
  const resources = new Map((project?.breakdown.resources ?? []).map((r) => [r.name, r]));
  const claimed = new Set<string>();
  const charge = (tags: Readonly<Record<string, string>>, v: number) => {
    t.monthly += v;
    const team = tags.team ?? '(untagged)';
    t.teams.set(team, (t.teams.get(team) ?? 0) + v);
    t.tagged.push({ tags, monthly: v });
  };

  for (const c of stack.map!.constructs) {
    const lines = stack.report.lines.filter((l) => l.constructPath === c.constructPath);
    const tags = lines[0]?.tags ?? {};
    const present = c.addresses.filter((a) => resources.has(a));
    present.forEach((a) => claimed.add(a));
    const priced = project !== undefined && present.length > 0;
    if (project && c.infracostPrices.length > 0 && !priced) warn(`Infracost priced none of ${c.constructPath}'s resources (${c.addresses.join(', ')}): the library's figures are used`);
    if (baseline && c.addresses.length > 0 && !priced) continue; // not in the base
    const infra = new Map<CostCategory, number>();
    for (const a of present) for (const [cat, v] of costByCategory(resources.get(a)!, c.kind, warn)) infra.set(cat, (infra.get(cat) ?? 0) + v);
    const cats = new Set<CostCategory>([...lines.map((l) => l.category), ...infra.keys()]);
    for (const cat of cats) {
      const lib = lines.filter((l) => l.category === cat).reduce((s, l) => s + l.monthlyUsd.expected, 0);
      if (priced && c.infracostPrices.includes(cat)) {
        const inf = infra.get(cat) ?? 0;
        t.infracost += inf;
        charge(tags, inf);
        const percent = lib > 0 ? ((inf - lib) / lib) * 100 : inf > 0 ? 100 : 0;
        // A cent or less is the rounding of the library's lines, not drift.
        if (drift && Math.abs(percent) > DRIFT_THRESHOLD_PERCENT && Math.abs(inf - lib) >= 0.01) {
          drift.push({ stack: stack.name, constructPath: c.constructPath, category: cat, infracostMonthlyUsd: r2(inf), libraryMonthlyUsd: r2(lib), percent: Math.round(percent * 10) / 10 });
        }
      } else {
        t.libraryOnly += lib;
        t.replaced += infra.get(cat) ?? 0;
        charge(tags, lib);
      }
    }
  }

  for (const [address, r] of resources) {
    if (claimed.has(address)) continue;
    if (!stack.addresses.has(address)) warn(`resource ${address} in the breakdown is not in cdk.tf.json (breakdown and synth of different commits?): counted as Infracost priced it`);
    const v = money(r.monthlyCost);
    t.infracost += v;
    charge(r.tags ?? {}, v);
  }
  return t;
}

function checkBudgets(stack: SynthStack, t: Tally): CheckedBudget[] {
  return stack.report.budgets.map((b) => {
    const merged = b.basis === 'EXPECTED';
    const projected = merged ? r2(t.tagged.filter((x) => inScope(b.scope, x.tags)).reduce((s, x) => s + x.monthly, 0)) : b.projectedMonthlyUsd;
    const percent = b.monthlyLimitUsd > 0 ? Math.round((projected / b.monthlyLimitUsd) * 1000) / 10 : projected > 0 ? 999_999 : 0;
    const over = projected > b.monthlyLimitUsd;
    const status: CheckedBudget['status'] = over ? (b.acknowledgement ? 'exceeded-acknowledged' : 'exceeded') : percent >= b.warnAtPercent ? 'near-limit' : 'ok';
    return { constructPath: b.constructPath, scope: b.scope, basis: b.basis, monthlyLimitUsd: b.monthlyLimitUsd, projectedMonthlyUsd: projected, percentOfLimit: percent, status, figure: merged ? 'merged' : 'library' };
  });
}

export interface MergeInput {
  readonly stacks: readonly SynthStack[];
  readonly breakdown: Breakdown;
  readonly breakdownFile: string;
  readonly outDir: string;
  /** Baseline breakdown, and the synth output of its commit when known. */
  readonly base?: { readonly breakdown: Breakdown; readonly file: string; readonly stacks?: readonly SynthStack[] };
}

/** The merged figures, budgets, drift and warnings of every synthesized stack. */
export function mergeBreakdown(input: MergeInput): CheckResult {
  const warnings: string[] = [];
  for (const s of input.stacks) {
    if (!s.map) throw new CliError(`gpu-tco check: ${s.dir} has no infracost-map.json (synthesized by an older cdktf-gpu-cluster); run \`npm run synth\` again`);
  }
  const projects = matchProjects(input.breakdown, input.stacks, input.breakdownFile, input.outDir, warnings);
  const baseStacks = input.base?.stacks ?? input.stacks;
  const baseProjects = input.base ? matchProjects(input.base.breakdown, baseStacks.filter((s) => s.map), input.base.file, input.outDir, null) : undefined;
  const drift: Drift[] = [];
  const stacks: StackCheck[] = [];
  for (const s of input.stacks) {
    const project = projects.get(s.name);
    if (!project) warnings.push(`${s.name}: not in ${input.breakdownFile}: the library's figures only`);
    const t = tallyStack(s, project, warnings, drift, false);
    let base: Tally | undefined;
    if (baseProjects) {
      const bs = baseStacks.find((x) => x.name === s.name && x.map);
      const bp = baseProjects.get(s.name);
      base = bs && bp ? tallyStack(bs, bp, warnings, null, true) : { monthly: 0, infracost: 0, libraryOnly: 0, replaced: 0, teams: new Map(), tagged: [] };
    }
    const teams = [...new Set([...t.teams.keys(), ...(base?.teams.keys() ?? [])])].sort();
    stacks.push({
      stack: s.name,
      region: s.report.region,
      ...(project ? { project: project.name } : {}),
      monthlyUsd: r2(t.monthly),
      infracostMonthlyUsd: r2(t.infracost),
      libraryOnlyMonthlyUsd: r2(t.libraryOnly),
      replacedMonthlyUsd: r2(t.replaced),
      ...(base ? { baseMonthlyUsd: r2(base.monthly), deltaMonthlyUsd: r2(r2(t.monthly) - r2(base.monthly)) } : {}),
      byTeam: teams
        .map((name) => {
          const now = r2(t.teams.get(name) ?? 0);
          const was = base ? r2(base.teams.get(name) ?? 0) : undefined;
          return { name, monthlyUsd: now, ...(was !== undefined ? { baseMonthlyUsd: was, deltaMonthlyUsd: r2(now - was) } : {}) };
        })
        .sort((a, b) => b.monthlyUsd - a.monthlyUsd || a.name.localeCompare(b.name)),
      budgets: checkBudgets(s, t),
    });
  }
  const overBudget = stacks.flatMap((s) => s.budgets.filter((b) => b.status === 'exceeded').map((b) => `${b.constructPath} (${b.scope}, ${b.basis}): ${b.projectedMonthlyUsd} of ${b.monthlyLimitUsd} USD/month`));
  return { currency: 'USD', stacks, drift, warnings, overBudget };
}
