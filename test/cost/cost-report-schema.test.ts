import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { BudgetBasis, COST_REPORT_SCHEMA_VERSION, CostBudget, CostPolicy, GpuInstanceType, GpuNodeGroup } from '../../src/index.js';
import { buildGpuClusterApp } from '../../examples/gpu-cluster/app.js';
import { newStack } from '../support/synth.js';

const schemaPath = join(__dirname, '../../src/cost/schema/cost-report.schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const errorsOf = (report: unknown) => (validate(report) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`));

describe('cost-report.json schema (src/cost/schema/cost-report.schema.json)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'gpu-example-'));
  buildGpuClusterApp(outdir).app.synth();
  const example = JSON.parse(readFileSync(join(outdir, 'stacks/ml-cluster/cost-report.json'), 'utf8'));
  const addons = JSON.parse(readFileSync(join(outdir, 'stacks/ml-addons/cost-report.json'), 'utf8'));

  test('the example stacks\' reports validate, with every kind of line they price and a budget over both stacks', () => {
    expect(errorsOf(example)).toEqual([]);
    expect(errorsOf(addons)).toEqual([]);
    expect(example.schemaVersion).toBe(COST_REPORT_SCHEMA_VERSION);
    const categories = [...example.lines, ...addons.lines].map((l: { category: string }) => l.category);
    expect(new Set(categories)).toEqual(new Set(['compute', 'storage', 'fixed', 'rework', 'commitment']));
    expect(addons.budgets.some((b: { stacks?: string[] }) => b.stacks?.length === 2)).toBe(true);
  });

  test('a report with an acknowledged broken budget and findings validates', () => {
    const { app, stack } = newStack('eu-central-1', 'ack');
    const group = new GpuNodeGroup(stack, 'train', {
      clusterName: 'ml-prod', subnetIds: ['subnet-a'], instanceTypes: [GpuInstanceType.P4D_24XLARGE], scaling: { min: 0, desired: 1, max: 2 },
      costTags: { team: 'research', costCenter: 'cc-7', environment: 'dev' },
    });
    new CostBudget(stack, 'budget', { monthlyLimitUsd: 1_000, basis: BudgetBasis.EXPECTED });
    CostPolicy.acknowledge(group, { rule: 'budget-exceeded', reason: 'approved by finance, ticket FIN-9' });
    app.synth();
    const report = JSON.parse(readFileSync(join(app.outdir, 'stacks/ack/cost-report.json'), 'utf8'));
    expect(report.budgets[0].status).toBe('exceeded-acknowledged');
    expect(errorsOf(report)).toEqual([]);
  });

  test('the schema rejects what a broken report would hold', () => {
    const nullFigure = structuredClone(example);
    nullFigure.lines[0].monthlyUsd.expected = null; // what NaN becomes in JSON
    expect(errorsOf(nullFigure)).toContain('/lines/0/monthlyUsd/expected must be number');
    const extra = { ...structuredClone(example), total: 1 };
    expect(errorsOf(extra)).toContain(' must NOT have additional properties');
    const badDate = structuredClone(example);
    badDate.priceSources[0].asOf = '23/11/2026';
    expect(errorsOf(badDate).length).toBeGreaterThan(0);
  });
});
