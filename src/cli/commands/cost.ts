import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/** `gpu-tco report` and `gpu-tco check`. Implementations load on use (ajv only for check). */
export function registerCostCommands(program: Command, io: CliIo): void {
  program
    .command('report')
    .description('the cost reports synth wrote, for every stack of an out dir')
    .argument('[outdir]', 'cdktf output directory', 'cdktf.out')
    .option('--format <format>', 'table, json or markdown', 'table')
    .action(async (outDir: string, opts: { format: string }) => {
      const { runReport } = require('../report.js') as typeof import('../report.js');
      runReport({ outDir, format: opts.format as never }, io);
    });

  program
    .command('check')
    .description("merge Infracost's breakdown with the costs only this library knows and apply the stacks' budgets (exit 1 over budget)")
    .requiredOption('--infracost <file>', 'infracost breakdown --format json output (schema 0.2); - reads standard input')
    .option('--out-dir <dir>', 'cdktf output directory', 'cdktf.out')
    .option('--format <format>', 'markdown, json or table', 'markdown')
    .option('--compare-to <file>', 'baseline breakdown (e.g. of the base branch) for the delta; - reads standard input')
    .option('--compare-out-dir <dir>', "the baseline's cdktf output directory, for its Karpenter and spot costs")
    .option('--fail-on-drift', 'exit 1 when Infracost and the library price a resource more than 1 % apart')
    .option('--usd-rate <rate>', "USD per unit of the breakdown's currency, for a breakdown not in USD (budgets are in USD)")
    .action(async (opts: { infracost: string; outDir: string; format: string; compareTo?: string; compareOutDir?: string; failOnDrift?: boolean; usdRate?: string }) => {
      const { runCheck } = require('../check.js') as typeof import('../check.js');
      runCheck({ ...opts, format: opts.format as never }, io);
    });
}
