/**
 * `npm run synth` writes the showcase stacks (see app.ts) to cdktf.out; `cdktf synth` runs it
 * through cdktf.json.
 */
import { synthesizeWithoutSourceMaps } from '../synth-entry.js';

synthesizeWithoutSourceMaps(() => (require('./app.js') as typeof import('./app.js')).buildGpuClusterApp(process.env.CDKTF_OUTDIR ?? 'cdktf.out').app);
