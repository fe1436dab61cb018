import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One import of src/index.ts in a fresh node through tsx: its wall time and the heavy packages it loaded. */
export interface IndexImport {
  ms: number;
  heavy: string[];
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = `
  const t = performance.now();
  await import(${JSON.stringify(join(root, 'src/index.ts'))});
  const ms = performance.now() - t;
  const { createRequire } = await import('node:module');
  const heavy = Object.keys(createRequire(import.meta.url).cache).filter((k) => /node_modules\\/(cdktf|@cdktf|ajv|yaml|@aws-sdk|commander|@prometheus-io)\\//.test(k));
  console.log(JSON.stringify({ ms, heavy }));`;

/** Imports the index `runs` times, each in its own process. */
export function measureIndexImport(runs: number): IndexImport[] {
  return Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })) as IndexImport);
}

/** Where jest's global setup leaves its measurement for the contract test. */
export const INDEX_IMPORT_ENV = 'GPU_CLUSTER_INDEX_IMPORT';

/**
 * Jest's global setup: measures before the test workers start, because a timing taken while two
 * workers load both cores measures the machine, not the library (the contract test reads it).
 */
export default function measureBeforeWorkers(): void {
  process.env[INDEX_IMPORT_ENV] = JSON.stringify(measureIndexImport(5));
}
