#!/usr/bin/env node
// gpu-tco: `npx gpu-tco prices show --region us-east-1 --gpu h100`
import { processIo } from './io.js';
import { runCli } from './program.js';

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
