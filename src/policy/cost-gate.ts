import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { App, Construct, TerraformStack, addCustomSynthesis } from '../core/cdktf.js';
import type { IConstruct, ISynthesisSession } from '../core/cdktf.js';
import { GpuClusterError } from '../base/errors.js';
import { collectCostProfiles, costProfileDeclarations } from '../core/cost-registry.js';
import { onCostBearingConstruct } from '../core/stack-hooks.js';
import { PriceBookSettings } from './price-settings.js';
import { priceProfiles } from '../cost/tco-engine.js';
import type { CostLine } from '../cost/tco-engine.js';
import { buildReport, monthlyTotal } from '../cost/cost-report.js';
import type { BudgetOutcome, CostReport, Finding } from '../cost/cost-report.js';
import { renderConsole, renderMarkdown } from '../cost/render-report.js';
import { recommend } from '../cost/recommendations.js';
import { DEFAULT_RULES } from './packs.js';
import { evaluateBudget } from '../cost/budget-evaluation.js';
import { CostPolicy } from './acknowledgements.js';
import { stackInfracostFiles, writeInfracostFiles } from './infracost-files.js';
import { INFRACOST_MAP_FILE, INFRACOST_USAGE_FILE } from '../cost/infracost-map.js';
import type { GatedBudget, GatedCommitment } from './cost-gate-entries.js';
import { applyCommitments } from '../cost/commitments.js';
import { yearTotals } from '../cost/multi-year.js';
import type { Commitment } from '../cost/commitments.js';
import { TerraformView } from './terraform-view.js';
import { shareResolvedTerraformOnSynth } from '../core/resolved-terraform.js';
import { addSynthCheck, onSynthFailure } from '../core/synth-checks.js';
import { addWarningOnce } from '../core/warn-once.js';

const ID = 'CostGate';
const YEARS = 3;

/** A stack's cost lines as priced in its region, with what pricing found. */
export interface PricedStack {
  readonly profiles: ReturnType<typeof collectCostProfiles>;
  readonly lines: readonly CostLine[];
  /** The lines before commitments, and the commitments (for `gpu-tco check`, which applies them again). */
  readonly linesBeforeCommitments: readonly CostLine[];
  readonly commitments: readonly Commitment[];
  /** price-missing findings. */
  readonly findings: readonly Finding[];
  readonly region: string;
  readonly recommendations: readonly string[];
  readonly priceWarnings: readonly string[];
}

/** What one evaluation of a stack found. */
export interface GateResult {
  readonly report: CostReport;
  /** Unacknowledged errors per construct path, as validation messages. */
  readonly errors: ReadonlyMap<string, string[]>;
  /** Price book warnings (stale lock file, fixed costs no source prices in the region). */
  readonly priceWarnings: readonly string[];
}

/**
 * The synth gate of one stack: prices its cost profiles, evaluates budgets and policy rules,
 * fails synth on unacknowledged errors (one validation per construct, so one synth lists every
 * problem) and writes cost-report.json, cost-report.md, policy-report.json and Infracost's inputs
 * (infracost-files.ts) beside cdk.tf.json.
 */
export class CostGate extends Construct {
  /** The gate of the stack holding `scope`, created on first use. */
  static ensure(scope: IConstruct): CostGate {
    const stack = TerraformStack.of(scope);
    return (stack.node.tryFindChild(ID) as CostGate | undefined) ?? new CostGate(stack, ID);
  }

  /** The gate of `stack`, if it has one (a stack without cost-bearing constructs or budgets has none). */
  static of(stack: IConstruct): CostGate | undefined {
    return TerraformStack.of(stack).node.tryFindChild(ID) as CostGate | undefined;
  }

  /** Milliseconds spent pricing, evaluating rules and writing reports in this process (for `npm run bench`). */
  static elapsedMs = 0;

  private readonly budgets: GatedBudget[] = [];
  private readonly commitments: GatedCommitment[] = [];
  private readonly watched = new Set<string>();
  /** The last evaluation, for a later one over the same inputs and Terraform (e.g. outside a synth's pass). */
  private cache?: { key: string; priced: PricedStack; terraform: TerraformView; result: GateResult };
  private pricedCache?: { key: string; priced: PricedStack };
  /** The result while one synchronous pass (one synth's validations) runs; see evaluate. */
  private passCache?: { constructs: number; inputs: string; result: GateResult };

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = scope as TerraformStack;
    this.watch(this);
    // One check for the stack: every unacknowledged error, each under its construct's path.
    addSynthCheck(this, () => [...this.evaluate().errors].flatMap(([path, messages]) => messages.map((message) => ({ path, message }))));
    // The security rules read the Terraform cdktf is about to write: resolve it once per synthesis.
    // The gate (the only earlier reader) pays for it; when cdktf reuses it, that is synth's own work.
    shareResolvedTerraformOnSynth(stack, ({ ms, calls }) => {
      if (calls > 1) CostGate.elapsedMs -= ms;
    });
    addCustomSynthesis(this, {
      onSynthesize: (session: ISynthesisSession) => {
        const started = performance.now();
        // The validation pass of this same synth has evaluated the stack already: reuse it.
        const result = this.passCache?.result ?? this.evaluateUncounted();
        const dir = join(session.outdir, session.manifest.forStack(stack).workingDirectory);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'cost-report.json'), JSON.stringify(result.report, null, 2) + '\n');
        writeFileSync(join(dir, 'cost-report.md'), renderMarkdown(result.report));
        writeFileSync(join(dir, 'policy-report.json'), JSON.stringify({ findings: result.report.findings }, null, 2) + '\n');
        const priced = this.pricedStack();
        writeInfracostFiles(stack, session.outdir, dir, stackInfracostFiles(stack.node.id, priced.profiles, { lines: priced.linesBeforeCommitments, commitments: priced.commitments }));
        for (const f of result.report.findings) {
          if (f.level === 'warning' && !f.acknowledged) addWarningOnce(stack, `[${f.constructPath}] ${f.message}`);
        }
        for (const w of result.priceWarnings) addWarningOnce(stack, w);
        if (process.env.GPU_TCO_CONSOLE !== 'off') console.log(renderConsole(result.report));
        // The pass ends with this synth: a later synth of the same app in the same tick prices afresh.
        this.passCache = undefined;
        CostGate.elapsedMs += performance.now() - started;
      },
    });
  }

  /** Adds a budget (its findings are reported on it). */
  addBudget(budget: GatedBudget): void {
    this.budgets.push(budget);
    this.watch(budget);
  }

  /** Adds a Savings Plan or Reserved Instance commitment, applied to the stack's on-demand usage. */
  addCommitment(commitment: GatedCommitment): void {
    this.commitments.push(commitment);
    this.watch(commitment);
  }

  /** Reports the unacknowledged errors found at `construct` under its path (others under the gate's). */
  watch(construct: IConstruct): void {
    this.watched.add(construct.node.path);
  }

  /** Prices the stack and runs the rules; memoized while profiles and budgets stay the same. */
  evaluate(): GateResult {
    const started = performance.now();
    try {
      // Every watched construct's validation asks for the result in the same synchronous pass:
      // price once per pass (a 50-pool stack would otherwise price 50 times), unless constructs,
      // budgets or commitments were added in the meantime.
      const constructs = costProfileDeclarations();
      const inputs = `${this.budgets.length}|${this.commitments.length}|${PriceBookSettings.of(this).version}`;
      const pass = this.passCache;
      if (pass && pass.constructs === constructs && pass.inputs === inputs) return pass.result;
      const result = this.evaluateUncounted();
      this.passCache = { constructs, inputs, result };
      queueMicrotask(() => (this.passCache = undefined));
      return result;
    } finally {
      CostGate.elapsedMs += performance.now() - started;
    }
  }

  /** The stack's priced lines (commitments applied) and pricing problems; memoized while profiles and commitments stay the same. */
  pricedStack(): PricedStack {
    const stack = this.node.scope!;
    const profiles = collectCostProfiles(stack);
    const commitments = this.commitments.map((c) => c.toCommitment());
    const settings = PriceBookSettings.of(stack);
    // Every input of a figure: profiles, commitments, price settings (overrides, lock file contents, region).
    let book: ReturnType<PriceBookSettings['priceBook']> | undefined;
    let bookError: unknown;
    try {
      book = settings.priceBook(stack);
    } catch (e) {
      bookError = e; // reported by the pricing below
    }
    const key = JSON.stringify([profiles.map((p) => p.profile), commitments, book?.region ?? 'unpriceable', settings.fingerprint()]);
    if (this.pricedCache?.key === key) return this.pricedCache.priced;

    const findings: Finding[] = [];
    let lines: CostLine[] = [];
    let before: CostLine[] = [];
    let region = 'unknown';
    let recommendations: string[] = [];
    let priceWarnings: readonly string[] = [];
    try {
      if (!book) throw bookError;
      const prices = book;
      priceWarnings = prices.warnings;
      region = prices.region;
      // Every type without a price, in one error naming the constructs that use each; the other
      // profiles still price (for the report's figures).
      const missing = new Map<string, string[]>();
      for (const { profile } of profiles) {
        if (profile.kind === 'fixed') continue;
        for (const t of profile.instanceTypes) if (!prices.hasOnDemand(t)) missing.set(t, [...new Set([...(missing.get(t) ?? []), profile.constructPath])]);
      }
      if (missing.size) {
        const e = prices.noPrices(missing);
        findings.push({ ruleId: 'price-missing', area: 'cost', level: 'error', constructPath: [...missing.values()][0]![0]!, message: e.validationMessage, fix: e.fix ?? '' });
      }
      const unpriceable = new Set([...missing.values()].flat());
      for (const { profile } of profiles) {
        if (unpriceable.has(profile.constructPath)) continue;
        try {
          lines.push(...priceProfiles([profile], prices));
        } catch (e) {
          if (!(e instanceof GpuClusterError)) throw e;
          findings.push({ ruleId: 'price-missing', area: 'cost', level: 'error', constructPath: profile.constructPath, message: e.validationMessage, fix: e.fix ?? '' });
        }
      }
      before = lines;
      lines = applyCommitments(lines, commitments);
      recommendations = recommend(profiles.map((p) => p.profile), prices);
    } catch (e) {
      if (!(e instanceof GpuClusterError)) throw e;
      findings.push({ ruleId: 'price-missing', area: 'cost', level: 'error', constructPath: stack.node.path, message: e.validationMessage, fix: e.fix ?? '' });
      lines = [];
    }
    const priced = { profiles, lines, linesBeforeCommitments: before, commitments, findings, region, recommendations, priceWarnings };
    this.pricedCache = { key, priced };
    return priced;
  }

  private evaluateUncounted(): GateResult {
    const stack = this.node.scope!;
    const priced = this.pricedStack();
    const { profiles, lines, region, recommendations, priceWarnings } = priced;
    // Lines of the other stacks budgets cover (a GpuCluster budget spans two stacks).
    const linesByBudget = new Map<string, readonly CostLine[]>();
    for (const b of this.budgets) {
      if (b.includeStacks.length === 0) continue;
      const others = b.includeStacks.flatMap((s) => CostGate.of(s)?.pricedStack().lines ?? []);
      linesByBudget.set(b.node.path, [...lines, ...others]);
    }
    // Security rules read the synthesized Terraform: it is part of what the result depends on.
    const terraform = new TerraformView(stack);
    const budgetKey = this.budgets.map((b) => {
      const covered = linesByBudget.get(b.node.path);
      return [b.node.path, b.monthlyLimitUsd, b.basis, b.scope.id, b.warnAtPercent, covered && [covered.length, monthlyTotal(covered, 'EXPECTED'), monthlyTotal(covered, 'WORST_CASE')]];
    });
    const key = JSON.stringify(budgetKey);
    // Fingerprints are built only when there is an earlier evaluation to compare with (never in a synth's first pass).
    const cache = this.cache;
    if (cache?.key === key && cache.priced === priced && cache.terraform.fingerprint === terraform.fingerprint) return cache.result;

    const findings: Finding[] = [...priced.findings];
    const budgets = this.budgets.map((b) => budgetOutcome(b, linesByBudget.get(b.node.path) ?? lines));
    const ctx = { stack, profiles, lines, budgets, terraform, linesByBudget };
    for (const rule of DEFAULT_RULES) {
      for (const raw of rule.evaluate(ctx)) {
        const ack = CostPolicy.find(stack, rule.id, raw.constructPath, raw.related);
        findings.push({ ruleId: rule.id, area: rule.area, level: rule.level, constructPath: raw.constructPath, message: raw.message, fix: rule.fix, ...(ack ? { acknowledged: ack } : {}) });
      }
    }
    const budgetsWithAcks = budgets.map((b) => {
      const f = findings.find((x) => x.ruleId === 'budget-exceeded' && x.constructPath === b.constructPath);
      return f?.acknowledged ? { ...b, status: 'exceeded-acknowledged' as const, acknowledgement: f.acknowledged } : b;
    });

    const errors = new Map<string, string[]>();
    for (const f of findings) {
      if (f.level !== 'error' || f.acknowledged) continue;
      const path = this.watched.has(f.constructPath) ? f.constructPath : this.node.path;
      const message = f.message.startsWith('GpuClusterError ')
        ? f.message
        : `GpuClusterError ${f.ruleId.toUpperCase().replace(/-/g, '_')}: ${f.message}${path === f.constructPath ? '' : ` (at ${f.constructPath})`}. Fix: ${f.fix}.`;
      errors.set(path, [...(errors.get(path) ?? []), message]);
    }
    const yearly = yearTotals(priced.linesBeforeCommitments.length ? priced.linesBeforeCommitments : lines, priced.commitments, YEARS);
    const report = buildReport({ stack: stack.node.id, region, years: YEARS, lines, budgets: budgetsWithAcks, findings, recommendations, yearly });
    const result = { report, errors, priceWarnings };
    this.cache = { key, priced, terraform, result };
    return result;
  }
}

function budgetOutcome(b: GatedBudget, lines: readonly CostLine[]): BudgetOutcome {
  return {
    ...evaluateBudget({ constructPath: b.node.path, scope: b.scope.id, basis: b.basis, monthlyLimitUsd: b.monthlyLimitUsd, warnAtPercent: b.warnAtPercent }, lines),
    ...(b.includeStacks.length > 0 ? { stacks: [TerraformStack.of(b).node.id, ...b.includeStacks.map((s) => s.node.id)] } : {}),
  };
}

/**
 * A failed synth leaves no reports: a stack written earlier in the same synth would otherwise keep
 * reports (and Infracost files) the failed stacks lack, a set `gpu-tco check` would misread.
 */
const REPORT_FILES = ['cost-report.json', 'cost-report.md', 'policy-report.json', INFRACOST_USAGE_FILE, INFRACOST_MAP_FILE];
onSynthFailure((stack) => {
  const outdir = App.of(stack).outdir;
  const stacksDir = join(outdir, 'stacks');
  if (existsSync(stacksDir)) {
    for (const dir of readdirSync(stacksDir)) for (const file of REPORT_FILES) rmSync(join(stacksDir, dir, file), { force: true });
  }
  rmSync(join(outdir, 'infracost.yml'), { force: true });
});

// Every cost-bearing construct is watched by its stack's gate.
onCostBearingConstruct((construct) => CostGate.ensure(construct).watch(construct));
