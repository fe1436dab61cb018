import { resolve } from 'node:path';
import { cycles, layerOf, layerViolations, parseSources, specifiers } from '../../scripts/import-graph.js';
import type { Graph } from '../../scripts/import-graph.js';

const repoRoot = resolve(__dirname, '../..');

describe('the import graph of src', () => {
  const { graph, externals } = parseSources(repoRoot);

  test('every import points down the layer order (docs/architecture.md)', () => {
    expect(layerViolations(graph, externals)).toEqual([]);
  });

  test('no circle between source files', () => {
    expect(cycles(graph)).toEqual([]);
  });

  test('the base imports nothing else of the library', () => {
    const base = Object.entries(graph).filter(([f]) => f.startsWith('src/base/'));
    expect(base.length).toBeGreaterThan(0);
    for (const [, targets] of base) for (const t of targets) expect(t).toMatch(/^src\/base\//);
  });
});

describe('the checker', () => {
  // A fixture graph that obeys the rules.
  const clean: Graph = {
    'src/index.ts': ['src/cluster/a.ts', 'src/base/errors.ts'],
    'src/cluster/a.ts': ['src/observability/b.ts', 'src/cli/x.ts'],
    'src/observability/b.ts': ['src/gpu/c.ts', 'src/karpenter/d.ts'],
    'src/gpu/c.ts': ['src/compute/e.ts'],
    'src/karpenter/d.ts': ['src/compute/e.ts', 'src/karpenter/d2.ts'],
    'src/karpenter/d2.ts': [],
    'src/compute/e.ts': ['src/policy/f.ts'],
    'src/policy/f.ts': ['src/core/g.ts'],
    'src/core/g.ts': ['src/cost/h.ts'],
    'src/cost/h.ts': ['src/catalog/i.ts'],
    'src/catalog/i.ts': ['src/base/errors.ts'],
    'src/base/errors.ts': [],
    'src/cli/x.ts': [],
  };

  test('passes a graph that obeys the layer order', () => {
    expect(layerViolations(clean)).toEqual([]);
    expect(cycles(clean)).toEqual([]);
  });

  test('fails on a deliberately added upward import', () => {
    const bad = { ...clean, 'src/catalog/i.ts': [...clean['src/catalog/i.ts']!, 'src/core/g.ts'] };
    expect(layerViolations(bad)).toEqual([expect.objectContaining({ from: 'src/catalog/i.ts', to: 'src/core/g.ts', rule: 'upward' })]);
  });

  test('fails when the base imports cdktf', () => {
    expect(layerViolations(clean, { 'src/base/errors.ts': ['cdktf'] })).toEqual([expect.objectContaining({ rule: 'base-external' })]);
  });

  test('fails on an import between the gpu and karpenter siblings', () => {
    const bad = { ...clean, 'src/gpu/c.ts': ['src/karpenter/d.ts'] };
    expect(layerViolations(bad)).toEqual([expect.objectContaining({ from: 'src/gpu/c.ts', rule: 'sibling' })]);
  });

  test('finds a circle inside one folder, and a self-import', () => {
    const circular = { ...clean, 'src/karpenter/d2.ts': ['src/karpenter/d.ts'], 'src/cli/x.ts': ['src/cli/x.ts'] };
    expect(cycles(circular)).toEqual([['src/cli/x.ts'], ['src/karpenter/d.ts', 'src/karpenter/d2.ts']]);
  });

  test('layers by folder', () => {
    expect(layerOf('src/base/errors.ts')?.folder).toBe('base');
    expect(layerOf('src/index.ts')).toBeUndefined();
    expect(layerOf('src/cli/commands/cost.ts')?.rank).toBe(layerOf('src/cluster/gpu-cluster.ts')?.rank);
  });

  test('reads every kind of import, and none in comments', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from './b.js';",
      "export { c } from './c.js';",
      "export * from './d.js';",
      "import './e.js';",
      "const f = require('./f.js');",
      "type G = typeof import('./g.js');",
      'import {',
      '  h,',
      "} from './h.js';",
      "// import { x } from './commented.js';",
      "/* import { y } from './block.js'; */",
      "const s = 'import z from \"./string.js\"';",
    ].join('\n');
    expect(specifiers(source).sort()).toEqual(['./a.js', './b.js', './c.js', './d.js', './e.js', './f.js', './g.js', './h.js']);
  });
});
