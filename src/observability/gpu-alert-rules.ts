import { Annotations, Construct, TerraformStack } from '../core/cdktf.js';
import { addSynthCheck } from '../core/synth-checks.js';
import { DcgmExporter } from '../gpu/dcgm-exporter.js';
import { DCGM_EXPORTER_METRICS } from '../gpu/dcgm-counters.js';
import type { IConstruct, ITerraformDependable } from '../core/cdktf.js';
import { PropChecker } from '../core/validate.js';
import { GpuClusterError } from '../base/errors.js';
import { isLabelKey, isLabelValue } from '../base/labels.js';
import { ManifestBundle } from '../core/manifest-bundle.js';
import type { KubernetesObject } from '../core/kubernetes-object.js';
import { GpuNodeGroup } from '../compute/gpu-node-group.js';
import { CostBudget } from '../policy/cost-budget.js';
import { checkDuration, resolveThresholds } from './thresholds.js';
import type { GpuAlertThresholds, ResolvedThresholds } from './thresholds.js';
import { describeProblem, promqlProblems } from './promql.js';
import { alertTemplateProblem } from './alert-templates.js';
import { dcgmFieldsUsed, missingDcgmFields } from './dcgm-fields.js';
import { validatePrometheusRuleSchema } from './prometheus-rule-schema.js';
import { stackPrices, usesMig } from './stack-prices.js';
import { healthGroup } from './rules/health.js';
import { capacityGroup } from './rules/capacity.js';
import { efficiencyGroup } from './rules/efficiency.js';
import { exporterGroup } from './rules/exporter.js';
import { costGroup } from './rules/cost.js';
import { isAlertingRule } from './rules/rule-types.js';
import type { AlertingRule, LabelContext, Rule, RuleGroup } from './rules/rule-types.js';


/** An alert of the user's own, added to the `gpu-extra` group. */
export interface GpuExtraAlertRule {
  /** Alert name (letters, digits, `_`; starts with a letter or `_`). */
  readonly alert: string;
  /** PromQL; parsed at synth (a syntax error is a synth error with its position). */
  readonly expr: string;
  /**
   * How long the expression must hold (a Prometheus duration).
   * @default '5m'
   */
  readonly for?: string;
  /**
   * @default 'warning'
   */
  readonly severity?: 'critical' | 'warning' | 'info';
  readonly summary: string;
  readonly description: string;
  /**
   * @default - none
   */
  readonly runbookUrl?: string;
}

/** Props of GpuAlertRules. */
export interface GpuAlertRulesProps {
  /**
   * Labels the user's Prometheus selects PrometheusRules by. kube-prometheus-stack selects
   * `release: <its release name>` unless `ruleSelectorNilUsesHelmValues` is false.
   * @default { release: 'kube-prometheus-stack' }
   */
  readonly ruleSelectorLabels?: Record<string, string>;
  /**
   * Namespace of the PrometheusRule and its Helm release (kube-prometheus-stack watches all
   * namespaces for rules by default).
   * @default 'monitoring'
   */
  readonly namespace?: string;
  /**
   * Name of the PrometheusRule.
   * @default 'gpu-alerts'
   */
  readonly name?: string;
  /**
   * Name of the Helm release carrying the rule.
   * @default 'gpu-alert-rules'
   */
  readonly releaseName?: string;
  /**
   * Base URL where you host the runbooks (they ship in the package's `docs/runbooks`, one
   * `<Alert>.md` per alert); each alert then links `<base>/<Alert>.md` as its `runbook_url`.
   * @default - no runbook_url (synth says where the runbooks are)
   */
  readonly runbookBaseUrl?: string;
  /**
   * Alert thresholds.
   * @default - see GpuAlertThresholds
   */
  readonly thresholds?: GpuAlertThresholds;
  /**
   * Add the MIG idle rule (DCGM_FI_PROF_GR_ENGINE_ACTIVE: MIG instances report no DCGM_FI_DEV_GPU_UTIL).
   * @default - true when a construct in `costScopes` declares a MIG layout
   */
  readonly mig?: boolean;
  /**
   * The node-name label of DCGM series. dcgm-exporter releases up to 4.5.3-4.8.2 write `Hostname`;
   * its main branch renamed it to `hostname` (NVIDIA/dcgm-exporter d5e5f51, #655).
   * @default 'Hostname'
   */
  readonly hostnameLabel?: 'Hostname' | 'hostname';
  /**
   * The `job` label of dcgm-exporter's scrape target (the GPU Operator's ServiceMonitor sets
   * `jobLabel: app`, so the job is the `app` label of its Service).
   * @default 'nvidia-dcgm-exporter'
   */
  readonly dcgmExporterJob?: string;
  /**
   * Constructs whose cost profiles, node groups, MIG layouts and CostBudgets the rules cover.
   * @default - the stack of this construct
   */
  readonly costScopes?: IConstruct[];
  /**
   * Add the cost recording rules and budget alerts.
   * @default true
   */
  readonly costRules?: boolean;
  /**
   * DCGM fields the deployed exporter collects: a rule reading any other field is a synth error
   * (it could never fire). Give it when the exporter is deployed outside this library.
   * @default - the fields of the stack's DcgmExporter(s), or else the library's metrics CSV (DCGM_EXPORTER_METRICS)
   */
  readonly exportedDcgmFields?: readonly string[];
  /**
   * Alerts of your own (group `gpu-extra`).
   * @default []
   */
  readonly extraRules?: GpuExtraAlertRule[];
  /**
   * What the release waits for: the release that installs the Prometheus Operator CRDs
   * (kube-prometheus-stack).
   * @default []
   */
  readonly dependsOn?: ITerraformDependable[];
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ALERT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const JOB = /^[^"\\\n]+$/;

/**
 * GPU alert and recording rules as one PrometheusRule (monitoring.coreos.com/v1), delivered
 * through a generated Helm chart and validated at synth against the prometheus-operator v0.93.0
 * CRD. Groups: health, capacity, efficiency, exporter and cost; every alert has `for`, a
 * severity, a summary and description naming node, GPU and pod, and a runbook URL. Every
 * expression is parsed at synth.
 *
 * The cost and pool rules join kube-state-metrics' `kube_node_labels`: allow-list the labels of
 * `COST_NODE_LABELS` (see `kubeStateMetricsValues()`).
 *
 * @example
 * new GpuAlertRules(addons, 'gpu-alerts', { ruleSelectorLabels: { release: 'prometheus' } });
 */
export class GpuAlertRules extends Construct {
  readonly manifests: ManifestBundle;
  readonly ruleName: string;
  readonly namespace: string;
  readonly thresholds: ResolvedThresholds;
  readonly selectorLabels: Readonly<Record<string, string>>;
  private readonly props: GpuAlertRulesProps;
  private readonly labelContext: LabelContext;
  private readonly runbookBaseUrl?: string;
  private readonly dcgmJob: string;
  private readonly extra: AlertingRule[];

  constructor(scope: Construct, id: string, props: GpuAlertRulesProps = {}) {
    super(scope, id);
    const check = new PropChecker(this.node.path);
    if (props === null || typeof props !== 'object') check.fail('INVALID_PROPS', 'props', props, 'must be an object', 'a GpuAlertRulesProps object or nothing');
    this.props = props;
    this.selectorLabels = resolveSelector(check, props.ruleSelectorLabels);
    this.namespace = check.string('namespace', props.namespace ?? 'monitoring', { pattern: NAME, allowed: 'a Kubernetes namespace name' });
    this.ruleName = check.string('name', props.name ?? 'gpu-alerts', { pattern: NAME, allowed: 'a Kubernetes object name: lower-case letters, digits and -' });
    if (props.runbookBaseUrl !== undefined) {
      this.runbookBaseUrl = check.string('runbookBaseUrl', props.runbookBaseUrl, {
        pattern: /^https?:\/\/\S+[^/]$/,
        allowed: 'an http(s) URL without a trailing slash',
      });
      checkTemplate(check, 'runbookBaseUrl', `${this.runbookBaseUrl}/Alert.md`, this.runbookBaseUrl);
    } else {
      Annotations.of(this).addInfo(
        'the alerts carry no runbook_url: their runbooks ship in the package (node_modules/cdktf-gpu-cluster/docs/runbooks/<Alert>.md); publish that folder (a wiki, your repository, an internal site) and set runbookBaseUrl to its URL',
      );
    }
    this.thresholds = resolveThresholds(check, props.thresholds);
    const hostname = check.oneOf('hostnameLabel', props.hostnameLabel ?? 'Hostname', ['Hostname', 'hostname'] as const, "use 'Hostname' (dcgm-exporter releases) or 'hostname' (its main branch)");
    this.labelContext = { hostname };
    this.dcgmJob = check.string('dcgmExporterJob', props.dcgmExporterJob ?? 'nvidia-dcgm-exporter', { pattern: JOB, allowed: 'a Prometheus job label value without quotes or backslashes' });
    if (props.mig !== undefined && typeof props.mig !== 'boolean') check.fail('INVALID_BOOLEAN', 'mig', props.mig, 'must be true or false', 'true or false');
    if (props.costRules !== undefined && typeof props.costRules !== 'boolean') check.fail('INVALID_BOOLEAN', 'costRules', props.costRules, 'must be true or false', 'true or false');
    if (props.costScopes !== undefined) {
      const scopes = check.nonEmptyArray<unknown>('costScopes', props.costScopes, 'constructs (stacks or constructs inside them)');
      const bad = scopes.findIndex((s) => !Construct.isConstruct(s));
      if (bad >= 0) check.fail('INVALID_SCOPES', `costScopes[${bad}]`, scopes[bad], 'is not a construct', 'stacks or constructs inside them', 'pass the stacks that hold the node groups, pools and budgets');
    }
    if (props.exportedDcgmFields !== undefined && !Array.isArray(props.exportedDcgmFields)) {
      check.fail('INVALID_FIELD_LIST', 'exportedDcgmFields', props.exportedDcgmFields, 'must be a list of DCGM field names', 'e.g. DCGM_EXPORTER_FIELDS');
    }
    if (props.extraRules !== undefined && !Array.isArray(props.extraRules)) check.fail('INVALID_RULE', 'extraRules', props.extraRules, 'must be a list', 'a list of { alert, expr, for?, severity?, summary, description }', 'pass extraRules: [] for none');
    this.extra = (props.extraRules ?? []).map((r, i) => extraRule(check, `extraRules[${i}]`, r));

    // The PrometheusRule CRD may come from a kube-prometheus-stack outside this stack: render only where served.
    this.manifests = new ManifestBundle(this, 'objects', {
      onlyServedApis: true,
      releaseName: props.releaseName ?? 'gpu-alert-rules',
      namespace: this.namespace,
      dependsOn: props.dependsOn,
      description: 'GPU alert and recording rules generated by cdktf-gpu-cluster',
    });
    this.manifests.add(() => this.prometheusRule(), { owner: this, validate: validatePrometheusRuleSchema });
    addSynthCheck(this, () => this.problems());
  }

  /** The rule groups as they stand now (cost rules priced with the scopes' price books). */
  groups(): RuleGroup[] {
    return this.build(true);
  }

  /** The DCGM fields the rules read, parsed from their expressions. */
  dcgmFields(): string[] {
    return dcgmFieldsUsed(this.build(false));
  }

  /** The DCGM fields the rules read that `exported` (field names, or a counters CSV) lacks. */
  missingDcgmFields(exported: readonly string[] | string): string[] {
    return missingDcgmFields(this.build(false), exported);
  }

  /** The PrometheusRule object. */
  prometheusRule(): KubernetesObject {
    return {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: {
        name: this.ruleName,
        namespace: this.namespace,
        labels: { ...this.selectorLabels, 'app.kubernetes.io/part-of': 'cdktf-gpu-cluster' },
      },
      spec: { groups: this.build(false).map(cleanGroup) },
    };
  }

  /** The groups; with `strict` a missing price throws, without it the cost group is left out (the validation reports it). */
  private build(strict: boolean): RuleGroup[] {
    const scopes = this.props.costScopes ?? [TerraformStack.of(this)];
    const t = this.thresholds;
    const mig = this.props.mig ?? scopes.some((s) => usesMig(s));
    const nodeGroups = scopes
      .flatMap((s) => s.node.findAll())
      .filter((c): c is GpuNodeGroup => c instanceof GpuNodeGroup)
      .map((g) => ({ pool: g.nodeGroupName, maxNodes: g.scaling.max }));
    const groups: RuleGroup[] = [
      healthGroup(t, this.labelContext),
      capacityGroup(t, this.labelContext, nodeGroups),
      efficiencyGroup(t, this.labelContext, mig),
      exporterGroup(this.labelContext, this.dcgmJob),
    ];
    if (this.props.costRules ?? true) {
      try {
        const budgets = scopes
          .flatMap((s) => s.node.findAll())
          .filter((c): c is CostBudget => c instanceof CostBudget)
          .map((b) => ({ path: b.node.path, monthlyLimitUsd: b.monthlyLimitUsd, scope: b.scope.id }));
        groups.push(costGroup(stackPrices(scopes), budgets));
      } catch (e) {
        if (strict || !(e instanceof GpuClusterError)) throw e;
      }
    }
    if (this.extra.length) groups.push({ name: 'gpu-extra', rules: this.extra });
    return groups.map((g) => ({ ...g, rules: g.rules.map((r) => this.withRunbook(r)) }));
  }

  private withRunbook(rule: Rule): Rule {
    if (this.runbookBaseUrl === undefined || !isAlertingRule(rule) || rule.annotations.runbook_url !== undefined || this.extra.includes(rule)) return rule;
    return { ...rule, annotations: { ...rule.annotations, runbook_url: `${this.runbookBaseUrl}/${rule.alert}.md` } };
  }

  private problems(): string[] {
    let groups: RuleGroup[];
    try {
      groups = this.groups();
    } catch (e) {
      if (e instanceof GpuClusterError) return [e.validationMessage];
      throw e;
    }
    const messages: string[] = [];
    for (const g of groups) {
      for (const r of g.rules) {
        const problems = promqlProblems(r.expr);
        if (problems.length) {
          const name = isAlertingRule(r) ? r.alert : r.record;
          messages.push(new GpuClusterError({ code: 'INVALID_PROMQL', prop: `${g.name}/${name}.expr`, value: r.expr, problem: `does not parse: ${problems.map(describeProblem).join('; ')}`, allowed: 'PromQL that Prometheus 2.42 and later load', fix: 'correct the expression at that position' }).validationMessage);
        }
      }
    }
    {
      const missing = missingDcgmFields(groups, this.props.exportedDcgmFields ?? exportedByStack(this));
      if (missing.length) {
        messages.push(new GpuClusterError({ code: 'DCGM_FIELD_NOT_EXPORTED', prop: 'exportedDcgmFields', value: missing, problem: `lacks DCGM fields the rules read (${missing.join(', ')}); those rules could never fire`, allowed: 'a field list holding every field of dcgmFields()', fix: 'add the fields to the exporter\'s counters CSV (the metrics ConfigMap)' }).validationMessage);
      }
    }
    return messages;
  }
}

function resolveSelector(check: PropChecker, given: unknown): Record<string, string> {
  if (given === undefined) return { release: 'kube-prometheus-stack' };
  const allowed = "a non-empty map of label key to non-empty value, e.g. { release: 'kube-prometheus-stack' }";
  if (given === null || typeof given !== 'object' || Array.isArray(given) || Object.keys(given).length === 0) {
    check.fail('EMPTY_RULE_SELECTOR', 'ruleSelectorLabels', given, "is empty: the user's Prometheus selects rules by label, and a rule without them is never loaded", allowed, 'set the labels of your Prometheus ruleSelector (kube-prometheus-stack: release: <its release name>)');
  }
  for (const [k, v] of Object.entries(given as Record<string, unknown>)) {
    if (!isLabelKey(k)) check.fail('INVALID_RULE_SELECTOR', 'ruleSelectorLabels', k, 'has a key that is not a Kubernetes label key', allowed);
    if (typeof v !== 'string' || v === '' || !isLabelValue(v)) {
      check.fail('EMPTY_RULE_SELECTOR', `ruleSelectorLabels[${JSON.stringify(k)}]`, v, v === '' ? 'is empty: a selector on an empty value matches no rule Prometheus is told to load' : 'is not a Kubernetes label value', allowed, `set it to the value your Prometheus ruleSelector matches`);
    }
  }
  return { ...(given as Record<string, string>) };
}

function extraRule(check: PropChecker, prop: string, r: GpuExtraAlertRule): AlertingRule {
  if (r === null || typeof r !== 'object') check.fail('INVALID_RULE', prop, r, 'must be an object', '{ alert, expr, for?, severity?, summary, description }');
  check.string(`${prop}.alert`, r.alert, { pattern: ALERT_NAME, allowed: 'letters, digits and _, starting with a letter or _' });
  if (typeof r.expr !== 'string') check.fail('INVALID_PROMQL', `${prop}.expr`, r.expr, 'must be a PromQL string', 'a PromQL expression');
  const problems = promqlProblems(r.expr);
  if (problems.length) {
    check.fail('INVALID_PROMQL', `${prop}.expr`, r.expr, `does not parse: ${problems.map(describeProblem).join('; ')}`, 'PromQL that Prometheus 2.42 and later load', 'correct the expression at that position');
  }
  const duration = checkDuration(check, `${prop}.for`, r.for ?? '5m');
  const severity = check.oneOf(`${prop}.severity`, r.severity ?? 'warning', ['critical', 'warning', 'info'] as const);
  const summary = check.string(`${prop}.summary`, r.summary, { allowed: 'one line on what fired' });
  const description = check.string(`${prop}.description`, r.description, { allowed: 'what it means and what to do' });
  const runbook = r.runbookUrl === undefined ? undefined : check.string(`${prop}.runbookUrl`, r.runbookUrl, { pattern: /^https?:\/\/\S+$/, allowed: 'an http(s) URL' });
  for (const [key, text] of [['summary', summary], ['description', description], ['runbookUrl', runbook]] as const) {
    if (text !== undefined) checkTemplate(check, `${prop}.${key}`, text);
  }
  return { alert: r.alert, expr: r.expr, for: duration, labels: { severity }, annotations: { summary, description, ...(runbook ? { runbook_url: runbook } : {}) } };
}

/** Prometheus parses annotations as templates when it loads the rules: text it cannot parse fails the whole group. */
function checkTemplate(check: PropChecker, prop: string, text: string, given: string = text): void {
  const problem = alertTemplateProblem(text);
  if (problem) {
    check.fail('INVALID_TEMPLATE', prop, given, `${problem}; Prometheus parses annotations as Go templates and would refuse to load the rules`, 'text with template actions such as {{ $labels.pod }}, {{ $value | humanize }}', 'close or remove the {{ }} action (write a literal {{ as {{ "{{" }})');
  }
}

/** Plain objects in the key order Prometheus documents (no undefined fields). */
function cleanGroup(g: RuleGroup): Record<string, unknown> {
  return {
    name: g.name,
    ...(g.interval ? { interval: g.interval } : {}),
    rules: g.rules.map((r) =>
      isAlertingRule(r)
        ? { alert: r.alert, expr: r.expr, ...(r.for ? { for: r.for } : {}), labels: { ...r.labels }, annotations: Object.fromEntries(Object.entries(r.annotations).filter(([, v]) => v !== undefined)) }
        : { record: r.record, expr: r.expr, ...(r.labels ? { labels: { ...r.labels } } : {}) },
    ),
  };
}

/** The fields every DcgmExporter of `scope`'s stack collects, or the library's default CSV. */
function exportedByStack(scope: IConstruct): readonly string[] {
  const exporters = TerraformStack.of(scope).node.findAll().filter((c): c is DcgmExporter => c instanceof DcgmExporter);
  if (exporters.length === 0) return DCGM_EXPORTER_METRICS;
  return [...new Set(exporters.flatMap((e) => e.fields.map((f) => f.name)))];
}
