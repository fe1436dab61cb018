/** `npx tsx examples/platform-repo/main.ts` writes the platform-repo stack to cdktf.out. */
import { buildPlatformRepoApp } from './app.js';

buildPlatformRepoApp(process.env.CDKTF_OUTDIR ?? 'cdktf.out').app.synth();
