/**
 * The library's import graph and its layer rules. Dependency-free (node:fs and node:path only).
 *
 * Layer order, top first (an import may point only down, or stay inside its own folder):
 *   cluster, cli → observability → gpu | karpenter (siblings) → compute → policy → core → cost → catalog → base
 *
 * Every kind of reference counts: `import`, `import type`, `export … from`, side-effect `import './x.js'`,
 * `require('./x.js')`, `import('./x.js')` (dynamic or `typeof import(…)` types). `.js` specifiers map to `.ts` files.
 *
 * A graph is a plain object: file (repository-relative, e.g. `src/base/errors.ts`) → the files it imports.
 * Fixture graphs for tests are written the same way.
 *
 * Run: `npx tsx import-graph.ts [repoRoot]` prints violations and cycles, and exits 1 if there are any.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';

/** file → files it imports (repository-relative posix paths, `src/…`). */
export type Graph = Record<string, readonly string[]>;
/** file → external (package) specifiers it imports. */
export type Externals = Record<string, readonly string[]>;

/** Layers, top first. Folders sharing a group are one layer; `isolated` groups may not import one another. */
export const LAYERS: readonly { readonly folders: readonly string[]; readonly isolated: boolean }[] = [
  { folders: ['cluster', 'cli'], isolated: false },
  { folders: ['observability'], isolated: false },
  { folders: ['gpu', 'karpenter'], isolated: true },
  { folders: ['compute'], isolated: false },
  { folders: ['policy'], isolated: false },
  { folders: ['core'], isolated: false },
  { folders: ['cost'], isolated: false },
  { folders: ['catalog'], isolated: false },
  { folders: ['base'], isolated: false },
];

/** Files exempt from the layer rules as importers (the public entry point). */
export const EXEMPT: readonly string[] = ['src/index.ts'];

/** Package specifiers the base layer may not import (the base is pure: nothing of cdktf). */
export const BASE_FORBIDDEN_PACKAGES: readonly RegExp[] = [/^cdktf(\/|$)/, /^@cdktf\//, /^constructs(\/|$)/];

export interface Layer {
  /** The top-level folder under src (`core`, `gpu`, …). */
  readonly folder: string;
  /** 0 = top. Higher rank = lower layer. */
  readonly rank: number;
  readonly isolated: boolean;
}

/** Repository-relative posix path from any path containing `src/`. */
export function normalize(file: string): string {
  const p = file.split(sep).join('/');
  const i = p.lastIndexOf('/src/');
  if (p.startsWith('src/')) return p;
  return i >= 0 ? p.slice(i + 1) : p;
}

/** The layer of a file, or `undefined` for files outside any layer (src/index.ts, or an unknown folder). */
export function layerOf(file: string): Layer | undefined {
  const parts = normalize(file).split('/');
  if (parts[0] !== 'src' || parts.length < 3) return undefined;
  const folder = parts[1]!;
  const rank = LAYERS.findIndex((l) => l.folders.includes(folder));
  if (rank < 0) return undefined;
  return { folder, rank, isolated: LAYERS[rank]!.isolated };
}

export type Rule =
  | 'upward' // imports a higher layer
  | 'sibling' // imports an isolated sibling (gpu ↔ karpenter)
  | 'public-entry' // imports src/index.ts
  | 'unlayered' // importer or imported file lies outside every layer
  | 'base-external'; // base imports cdktf / constructs

export interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: Rule;
  readonly detail: string;
}

/** One import against the layer order, or undefined if it is allowed. */
export function checkEdge(from: string, to: string): Violation | undefined {
  from = normalize(from);
  to = normalize(to);
  if (EXEMPT.includes(from)) return undefined;
  if (EXEMPT.includes(to)) return { from, to, rule: 'public-entry', detail: 'imports the public entry point' };
  const a = layerOf(from);
  const b = layerOf(to);
  if (!a || !b) {
    return { from, to, rule: 'unlayered', detail: `${!a ? from : to} lies in no layer` };
  }
  if (a.folder === b.folder) return undefined;
  if (b.rank < a.rank) {
    return { from, to, rule: 'upward', detail: `${a.folder} (layer ${a.rank}) imports ${b.folder} (layer ${b.rank}), a higher layer` };
  }
  if (b.rank === a.rank && a.isolated) {
    return { from, to, rule: 'sibling', detail: `${a.folder} and ${b.folder} are siblings: neither imports the other` };
  }
  return undefined;
}

/** Every import against the layer order. With `externals`, also base files importing cdktf. */
export function layerViolations(graph: Graph, externals: Externals = {}): Violation[] {
  const out: Violation[] = [];
  for (const from of Object.keys(graph).sort()) {
    for (const to of [...graph[from]!].sort()) {
      const v = checkEdge(from, to);
      if (v) out.push(v);
    }
  }
  for (const from of Object.keys(externals).sort()) {
    if (layerOf(from)?.folder !== 'base') continue;
    for (const spec of externals[from]!) {
      if (BASE_FORBIDDEN_PACKAGES.some((re) => re.test(spec))) {
        out.push({ from: normalize(from), to: spec, rule: 'base-external', detail: 'the base imports nothing of cdktf' });
      }
    }
  }
  return out;
}

/**
 * Every circle: each strongly connected component with more than one file, and each file importing itself.
 * Components are sorted, each listed as its files sorted.
 */
export function cycles(graph: Graph): string[][] {
  const nodes = new Set<string>(Object.keys(graph));
  for (const ts of Object.values(graph)) for (const t of ts) nodes.add(t);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  // Iterative Tarjan (no recursion limit on long chains).
  for (const root of [...nodes].sort()) {
    if (index.has(root)) continue;
    const work: { node: string; next: number; edges: readonly string[] }[] = [];
    const push = (n: string) => {
      index.set(n, counter);
      low.set(n, counter);
      counter++;
      stack.push(n);
      onStack.add(n);
      work.push({ node: n, next: 0, edges: graph[n] ?? [] });
    };
    push(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.next < frame.edges.length) {
        const w = frame.edges[frame.next++]!;
        if (!index.has(w)) push(w);
        else if (onStack.has(w)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      const v = frame.node;
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || (graph[v] ?? []).includes(v)) out.push(comp.sort());
      }
    }
  }
  return out.sort((x, y) => (x[0]! < y[0]! ? -1 : x[0]! > y[0]! ? 1 : 0));
}

/** One shortest circle through `start` inside `component` (for readable reports). */
export function shortestCycle(graph: Graph, component: readonly string[], start = component[0]!): string[] {
  const inComp = new Set(component);
  const prev = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length) {
    const n = queue.shift()!;
    for (const m of graph[n] ?? []) {
      if (!inComp.has(m)) continue;
      if (m === start) {
        const path = [n];
        let c = n;
        while (c !== start) path.push((c = prev.get(c)!));
        return [...path.reverse(), start];
      }
      if (!seen.has(m)) {
        seen.add(m);
        prev.set(m, n);
        queue.push(m);
      }
    }
  }
  return [start];
}

// ---------------------------------------------------------------------------------------------------------------------
// Parsing

/** Source text with comments, template text and non-specifier strings blanked out (regex literals kept). */
export function stripComments(src: string): string {
  let out = '';
  let i = 0;
  const n = src.length;
  // Characters after which a `/` starts a regex literal rather than a division.
  const regexPrev = /[(,=:[!&|?{};+\-*%<>~^]|^$/;
  const regexKeyword = /(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/;
  const templateDepth: number[] = []; // brace depth at each open `${`
  let braceDepth = 0;
  const lastSignificant = (): string => {
    const m = /\S(?=\s*$)/.exec(out);
    return m ? m[0] : '';
  };
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  const readString = (q: string) => {
    let j = i + 1;
    while (j < n && src[j] !== q) {
      if (src[j] === '\\') j++;
      else if (src[j] === '\n') break;
      j++;
    }
    const body = src.slice(i + 1, j);
    // A module specifier has no spaces or quotes; other strings are blanked, so that code quoted in a
    // string ("import x from './y.js'") is not read as an import.
    out += /[\s'"`]/.test(body) ? q + body.replace(/[^\n]/g, ' ') + (src[j] ?? '') : src.slice(i, j + 1);
    i = j + 1;
  };
  // Reads template text (blanked: only its `${…}` expressions are code) starting just after a backtick or a closing `}` of `${…}`.
  const readTemplate = () => {
    let j = i;
    while (j < n) {
      if (src[j] === '\\') {
        j += 2;
        continue;
      }
      if (src[j] === '`') {
        out += blank(src.slice(i, j)) + '`';
        i = j + 1;
        return;
      }
      if (src[j] === '$' && src[j + 1] === '{') {
        out += blank(src.slice(i, j)) + '${';
        i = j + 2;
        templateDepth.push(braceDepth);
        braceDepth++;
        return;
      }
      j++;
    }
    out += blank(src.slice(i));
    i = n;
  };
  while (i < n) {
    const c = src[i]!;
    const d = src[i + 1];
    if (c === '/' && d === '/') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && d === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") {
      readString(c);
      continue;
    }
    if (c === '`') {
      out += c;
      i++;
      readTemplate();
      continue;
    }
    if (c === '{') {
      braceDepth++;
    } else if (c === '}') {
      braceDepth--;
      if (templateDepth.length && templateDepth[templateDepth.length - 1] === braceDepth) {
        templateDepth.pop();
        out += c;
        i++;
        readTemplate();
        continue;
      }
    }
    if (c === '/') {
      const prev = lastSignificant();
      if (regexPrev.test(prev) || regexKeyword.test(out.trimEnd())) {
        let j = i + 1;
        let inClass = false;
        while (j < n && src[j] !== '\n') {
          if (src[j] === '\\') j++;
          else if (src[j] === '[') inClass = true;
          else if (src[j] === ']') inClass = false;
          else if (src[j] === '/' && !inClass) break;
          j++;
        }
        out += src.slice(i, j + 1);
        i = j + 1;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

/** Every module specifier a source file references (imports, re-exports, require, import()). */
export function specifiers(source: string): string[] {
  const text = stripComments(source);
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*(['"])([^'"\n]+)\1/g, // import … from / export … from
    /(?:^|[;\n])\s*import\s*(['"])([^'"\n]+)\1/g, // import './side-effect.js'
    /\brequire\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g, // require('./x.js')
    /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g, // import('./x.js'), typeof import('./x.js')
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[2]!);
  return [...new Set(found)];
}

/** The `.ts` file a relative specifier points to, or undefined (non-TS assets such as .json or .cjs). */
export function resolveSpecifier(fromAbs: string, spec: string): string | undefined {
  const base = resolve(dirname(fromAbs), spec);
  const candidates = spec.endsWith('.js')
    ? [base.slice(0, -3) + '.ts', base.slice(0, -3) + '.tsx']
    : [base, base + '.ts', join(base, 'index.ts')];
  return candidates.find((c) => c.endsWith('.ts') && existsSync(c) && statSync(c).isFile());
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

export interface ParsedSources {
  readonly graph: Graph;
  readonly externals: Externals;
  /** Relative specifiers that resolve to no .ts file inside src (assets, or paths leaving src). */
  readonly other: Record<string, readonly string[]>;
}

/** Parses every `src/**\/*.ts` under `root` (the repository root). */
export function parseSources(root: string): ParsedSources {
  const srcDir = resolve(root, 'src');
  const graph: Record<string, string[]> = {};
  const externals: Record<string, string[]> = {};
  const other: Record<string, string[]> = {};
  const rel = (abs: string) => relative(resolve(root), abs).split(sep).join(posix.sep);
  for (const abs of listTs(srcDir)) {
    const file = rel(abs);
    const edges = new Set<string>();
    const ext: string[] = [];
    const oth: string[] = [];
    for (const spec of specifiers(readFileSync(abs, 'utf8'))) {
      if (!spec.startsWith('.')) {
        ext.push(spec);
        continue;
      }
      const target = resolveSpecifier(abs, spec);
      if (target && target.startsWith(srcDir + sep)) edges.add(rel(target));
      else oth.push(spec);
    }
    graph[file] = [...edges].sort();
    if (ext.length) externals[file] = ext;
    if (oth.length) other[file] = oth;
  }
  return { graph, externals, other };
}

/** The file graph of `root/src`. */
export function buildGraph(root: string): Graph {
  return parseSources(root).graph;
}

// ---------------------------------------------------------------------------------------------------------------------
// Command line

if (require.main === module) {
  const root = resolve(process.argv[2] ?? '.');
  const { graph, externals } = parseSources(root);
  const violations = layerViolations(graph, externals);
  const circles = cycles(graph);
  const edges = Object.values(graph).reduce((s, e) => s + e.length, 0);
  console.log(`${Object.keys(graph).length} files, ${edges} imports`);
  console.log(`\n${violations.length} layer violations`);
  for (const v of violations) console.log(`  ${v.from} -> ${v.to}  [${v.rule}] ${v.detail}`);
  console.log(`\n${circles.length} cycles`);
  for (const c of circles) {
    console.log(`  (${c.length} files) ${c.join(', ')}`);
    console.log(`    e.g. ${shortestCycle(graph, c).join(' -> ')}`);
  }
  process.exitCode = violations.length || circles.length ? 1 : 0;
}
