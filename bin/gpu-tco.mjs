#!/usr/bin/env node
// The gpu-tco executable: Node 20 cannot run TypeScript, so register tsx's loader, then run the
// TypeScript entry. `npx gpu-tco check --infracost breakdown.json`
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/gpu-tco.ts');
