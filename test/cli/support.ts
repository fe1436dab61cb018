import type { CliIo } from '../../src/cli/io.js';

/** Captured output and a frozen clock. */
export function captureIo(cwd: string, now = '2026-08-20T12:00:00.000Z', stdin?: string): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    now: () => new Date(now),
    cwd,
    ...(stdin !== undefined ? { stdin: () => stdin } : {}),
    out: () => out,
    err: () => err,
  };
}
