import { Command, CommanderError } from 'commander';
import { registerCostCommands } from './commands/cost.js';
import { registerPricesCommands } from './commands/prices.js';
import { CliError } from './io.js';
import type { CliIo } from './io.js';

/** The gpu-tco program. Each command group registers itself from src/cli/commands/<group>.ts. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('gpu-tco')
    .description('GPU cluster cost tools for cdktf-gpu-cluster')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerCostCommands(program, io);
  registerPricesCommands(program, io);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const c of program.commands.flatMap((g) => g.commands)) c.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

/**
 * Runs gpu-tco with `argv` (arguments only) and returns the exit code: 0 done, 1 check failed (over
 * budget, fatal drift), 2 for an error; failures are one line on stderr (no stack trace).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors; commander has printed its own message for usage errors.
      return e.exitCode === 0 ? 0 : 2;
    }
    const message = e instanceof CliError || (e as Error)?.name === 'GpuClusterError' ? (e as Error).message : `gpu-tco: ${(e as Error)?.message ?? String(e)}`;
    io.stderr(message.split('\n')[0] + '\n');
    return e instanceof CliError ? e.exitCode : 2;
  }
}
