import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/** `gpu-tco prices fetch|show`. Implementations load on use: `show` never loads the AWS SDK. */
export function registerPricesCommands(program: Command, io: CliIo): void {
  const prices = program.command('prices').description('regional instance and fixed-cost prices');

  prices
    .command('fetch')
    .description('fetch prices for a region from the AWS Price List and EC2 spot price history into a lock file (needs AWS credentials)')
    .requiredOption('--region <region>', 'AWS region code, e.g. eu-central-1')
    .option('--instance-types <types...>', 'instance types to price (default: every catalog GPU and system type)')
    .option('--out <file>', 'lock file to write', 'gpu-prices.lock.json')
    .option('--timeout <seconds>', 'give up after this many seconds (connections and requests included)', '60')
    .action(async (opts: { region: string; instanceTypes?: string[]; out: string; timeout: string }) => {
      const { runPricesFetch } = require('../prices-fetch.js') as typeof import('../prices-fetch.js');
      const types = opts.instanceTypes?.flatMap((t) => t.split(',')).filter((t) => t !== '');
      await runPricesFetch({ region: opts.region, instanceTypes: types, out: opts.out, timeoutSeconds: Number(opts.timeout) }, io);
    });

  prices
    .command('show')
    .description('GPU instance prices in a region, cheapest per GPU-hour first')
    .requiredOption('--region <region>', 'AWS region code, e.g. eu-west-1')
    .option('--gpu <name>', 'only this GPU, e.g. h100, l40s, a10g')
    .option('--lock-file <file>', 'read prices from this lock file before the bundled snapshot')
    .action(async (opts: { region: string; gpu?: string; lockFile?: string }) => {
      const { renderPriceTable } = require('../prices-show.js') as typeof import('../prices-show.js');
      io.stdout(renderPriceTable(opts));
    });
}
