/**
 * The bundled fixed-cost prices are the vendored evidence (data-sources/aws/fixed-prices), value for
 * value, and each price a source is cited for is in the vendored copy of that source.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const root = join(__dirname, '../..');
type Source = { repo?: string; path?: string; url?: string; quote: string; role?: string };
type Entry = { usd: number; derivation?: string; sources: Source[] };
const evidence = JSON.parse(readFileSync(join(root, 'data-sources/aws/fixed-prices/fixed-prices.json'), 'utf8')) as Record<string, Record<string, Entry>>;
const bundled = JSON.parse(readFileSync(join(root, 'src/catalog/data/fixed-prices.json'), 'utf8')).regions as Record<string, Record<string, { usd: number; asOf: string | null }>>;
const sourcesDir = join(root, 'data-sources/aws/fixed-prices/sources');
const copies = readdirSync(sourcesDir);

/** The vendored copy (or excerpt) of a repository file: `<owner>__<repo>__…<file name stem>…`. */
function copyOf(s: Source): string {
  const stem = basename(s.path!).replace(/\.golden$/, '').split('.')[0]!;
  const found = copies.filter((f) => f.startsWith(s.repo!.replace('/', '__')) && f.includes(stem) && !f.endsWith('.tf.txt'));
  if (found.length === 0) throw new Error(`no vendored copy of ${s.repo} ${s.path}`);
  return found.map((f) => readFileSync(join(sourcesDir, f), 'utf8')).join('\n');
}

/** The prices a quote cites: `"price": "0.0450000000"` or `$0.40`. */
const pricesIn = (quote: string) => [...quote.matchAll(/"price": ?"([\d.]+)"|\$([\d.]+)/g)].map((m) => m[1] ?? m[2]!);

test('every bundled value is the evidence value, in every region, and nothing is bundled without evidence', () => {
  expect(Object.keys(bundled).sort()).toEqual(Object.keys(evidence).sort());
  for (const [region, items] of Object.entries(evidence)) {
    expect(Object.keys(bundled[region]!).sort()).toEqual(Object.keys(items).sort());
    for (const [item, e] of Object.entries(items)) expect({ region, item, usd: bundled[region]![item]!.usd }).toEqual({ region, item, usd: e.usd });
  }
  // The three regions the gate must price completely (SQS is sourced for us-east-1 only).
  for (const region of ['us-east-1', 'us-west-2', 'eu-central-1']) expect(Object.keys(bundled[region]!).length).toBeGreaterThanOrEqual(15);
});

test('each price quoted from a repository is in its vendored copy; a primary quote states the value itself unless a derivation is recorded', () => {
  let checked = 0;
  for (const [region, items] of Object.entries(evidence)) {
    for (const [item, e] of Object.entries(items)) {
      e.sources.forEach((s, i) => {
        if (!s.repo) return; // a page excerpt (KMS rotation, EKS extended support): see its own file
        const cited = pricesIn(s.quote);
        expect({ region, item, cited: cited.length > 0 }).toEqual({ region, item, cited: true });
        const copy = copyOf(s);
        for (const p of cited) expect({ region, item, price: p, inCopy: copy.includes(p) }).toEqual({ region, item, price: p, inCopy: true });
        if (i === 0 && e.derivation === undefined) expect({ region, item, matches: cited.some((p) => Math.abs(Number(p) - e.usd) < 1e-12) }).toEqual({ region, item, matches: true });
        checked++;
      });
    }
  }
  expect(checked).toBeGreaterThan(350);
});
