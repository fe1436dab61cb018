import { readFileSync } from 'node:fs';

/** What a command touches outside itself, so tests can capture output and freeze the clock. */
export interface CliIo {
  /** Results (tables, JSON). */
  readonly stdout: (text: string) => void;
  /** Progress and errors. */
  readonly stderr: (text: string) => void;
  /** The clock (fetch date, spot window). */
  readonly now: () => Date;
  /** Working directory that relative paths resolve against. */
  readonly cwd: string;
  /** All of standard input (a file argument `-`). */
  readonly stdin?: () => string;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    now: () => new Date(),
    cwd: process.cwd(),
    stdin: () => readFileSync(0, 'utf8'),
  };
}

/** An error the CLI reports as one line on stderr, exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
