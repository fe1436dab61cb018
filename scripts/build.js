// `npm run build` (and prepack): src compiled to CommonJS in dist with declarations, then every file
// of src that is not TypeScript (prices, CRDs, chart values, precompiled validators and their
// SOURCES.md) copied to the same place under dist, where the compiled modules read it relative to
// themselves; chart values.yaml files also as JSON (see loadChartDefaults). Plain JavaScript, so
// the build needs no loader.
const { deepStrictEqual } = require('node:assert');
const { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const src = join(root, 'src');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
let copied = 0;
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
  const from = join(entry.parentPath, entry.name);
  const to = join(dist, from.slice(src.length));
  cpSync(from, to);
  copied++;
  if (entry.name.endsWith('-values.yaml')) {
    const parsed = require('yaml').parse(readFileSync(from, 'utf8')) ?? {};
    const json = JSON.stringify(parsed);
    // Only when JSON carries the values exactly (no dates, infinities or undefined).
    deepStrictEqual(JSON.parse(json), parsed);
    writeFileSync(to.replace(/\.yaml$/, '.json'), json);
  }
}
console.log(`dist: compiled src and copied ${copied} data files`);
