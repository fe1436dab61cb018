/** `npx tsx examples/state-bootstrap/main.ts` writes the tf-state stack to cdktf.out. */
import { synthesizeWithoutSourceMaps } from '../synth-entry.js';

synthesizeWithoutSourceMaps(() => (require('./app.js') as typeof import('./app.js')).buildStateBootstrapApp(process.env.CDKTF_OUTDIR ?? 'cdktf.out').app);
