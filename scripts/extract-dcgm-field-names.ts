/**
 * Writes the DCGM field names go-dcgm knows (current and legacy names) to
 * test/fixtures/dcgm/go-dcgm-field-names.txt, one a line, sorted. The tests check that every field
 * of the library's DCGM exporter CSV is a real DCGM field.
 *
 * Usage: tsx scripts/extract-dcgm-field-names.ts <path to go-dcgm's pkg/dcgm/const_fields.go>
 * (NVIDIA/go-dcgm; the commit used is in test/fixtures/dcgm/SOURCES.md).
 */
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';

const [source] = process.argv.slice(2);
if (!source) {
  console.error('usage: tsx scripts/extract-dcgm-field-names.ts <const_fields.go>');
  process.exit(2);
}
const text = readFileSync(source, 'utf8');
// The name -> id maps (`dcgmFields`, `legacyDCGMFields`): lines such as `"DCGM_FI_DEV_GPU_TEMP": 150,`.
const names = new Set<string>();
for (const m of text.matchAll(/^\s*"(DCGM_FI_[A-Z0-9_]+)":\s*\d+,/gm)) names.add(m[1]!);
if (names.size < 500) throw new Error(`only ${names.size} names found; is ${source} go-dcgm's const_fields.go?`);
const out = join(__dirname, '../test/fixtures/dcgm/go-dcgm-field-names.txt');
writeFileSync(out, [...names].sort().join('\n') + '\n');
console.log(`${names.size} field names written to ${out}`);
