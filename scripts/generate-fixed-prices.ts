/**
 * Writes src/catalog/data/fixed-prices.json (every bundled region's fixed-cost prices) from the
 * sourced copies in data-sources/aws/fixed-prices/fixed-prices.json (see its README for every
 * source, commit and cross-check).
 *
 *   npx tsx scripts/generate-fixed-prices.ts
 *
 * Only values read in a source are written: a region without a value for an item has no entry,
 * and the price book reports that line unpriced (never another region's number).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
type Source = { repo?: string; path?: string; commit?: string; date?: string; url?: string; dateRead?: string };
type Entry = { usd: number; unit: string; derivation?: string; note?: string; sources: Source[] };
const data = JSON.parse(readFileSync(join(root, 'data-sources/aws/fixed-prices/fixed-prices.json'), 'utf8')) as Record<string, Record<string, Entry>>;

const cite = (s: Source) => (s.repo ? `${s.repo} ${s.path} @ ${s.commit!.slice(0, 12)}` : `${s.url} (read ${s.dateRead})`);
const out: Record<string, Record<string, { usd: number; source: string; asOf: string | null; note?: string }>> = {};
for (const region of Object.keys(data).sort()) {
  out[region] = {};
  for (const item of Object.keys(data[region]!).sort()) {
    const e = data[region]![item]!;
    const [first] = e.sources;
    if (!first || typeof e.usd !== 'number' || !(e.usd > 0)) throw new Error(`${region} ${item}: no source or price`);
    const note = [e.derivation, e.note].filter(Boolean).join('; ');
    out[region]![item] = {
      usd: e.usd,
      // Every source that gives the value (cross-checks included), first the one read.
      source: [...new Set(e.sources.map(cite))].join("; "),
      asOf: first.date ?? first.dateRead ?? null,
      ...(note ? { note } : {}),
    };
  }
}
const doc = {
  note: 'AWS list prices per region, each read in a cited copy of AWS\'s published prices (data-sources/aws/fixed-prices); asOf is the date of that copy',
  regions: out,
};
writeFileSync(join(root, 'src/catalog/data/fixed-prices.json'), JSON.stringify(doc, null, 1) + '\n');
console.log(`wrote ${Object.keys(out).length} regions`);
