/**
 * `npm run synth` writes the showcase stacks (see app.ts) to cdktf.out; `cdktf synth` runs it
 * through cdktf.json.
 */
import { synthesizeWithoutSourceMaps } from '../synth-entry.js';

await synthesizeWithoutSourceMaps(async () => (await import('./app.js')).buildGpuClusterApp(process.env.CDKTF_OUTDIR ?? 'cdktf.out').app);
