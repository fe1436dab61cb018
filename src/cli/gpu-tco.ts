#!/usr/bin/env node
// gpu-tco: `npx tsx src/cli/gpu-tco.ts prices show --region eu-west-1 --gpu h100`
import { processIo } from './io.js';
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
