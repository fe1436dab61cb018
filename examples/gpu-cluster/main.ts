/**
 * `npm run synth` writes the showcase stack (see app.ts) to cdktf.out; `cdktf synth` runs it
 * through cdktf.json.
 */
import { buildGpuClusterApp } from './app.js';

buildGpuClusterApp(process.env.CDKTF_OUTDIR ?? 'cdktf.out').app.synth();
