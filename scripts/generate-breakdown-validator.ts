/**
 * Compiles Infracost's breakdown schema (src/cli/schema/infracost.schema.json, draft-04) into a
 * standalone validator, so `gpu-tco check` does not compile it at every run (about 270 ms of a
 * sub-second budget). `format` keywords are not enforced, as issue 13 asks.
 *
 *   npx tsx scripts/generate-breakdown-validator.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { breakdownValidatorSource } from './breakdown-validator-source.js';

const dir = join(__dirname, '..', 'src', 'cli', 'schema');
const schema = JSON.parse(readFileSync(join(dir, 'infracost.schema.json'), 'utf8'));
writeFileSync(join(dir, 'infracost.validate.cjs'), breakdownValidatorSource(schema));
