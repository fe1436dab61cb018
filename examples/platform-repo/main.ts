/** `npx tsx examples/platform-repo/main.ts` writes the platform-repo stack to cdktf.out. */
import { synthesizeWithoutSourceMaps } from '../synth-entry.js';

synthesizeWithoutSourceMaps(() => (require('./app.js') as typeof import('./app.js')).buildPlatformRepoApp(process.env.CDKTF_OUTDIR ?? 'cdktf.out').app);
