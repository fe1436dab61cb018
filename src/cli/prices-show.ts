/**
 * `gpu-tco prices show`: GPU instance prices in one region, cheapest per GPU-hour first, with the
 * source and date of every figure.
 */
import { compareText } from '../base/text-order.js';
import Table from 'cli-table3';
import { InstanceCatalog } from '../catalog/instance-catalog.js';
import { PriceBook } from '../catalog/price-book.js';
import type { PriceQuote } from '../catalog/price-quote.js';
import { CliError } from './io.js';

export interface ShowOptions {
  readonly region: string;
  /** Karpenter GPU name, e.g. `h100`. */
  readonly gpu?: string;
  /** A lock file to read before the bundled snapshot. */
  readonly lockFile?: string;
}

interface Row {
  readonly name: string;
  readonly gpuName: string;
  readonly gpus: number;
  readonly onDemand?: PriceQuote;
  readonly perGpuHour?: number;
  readonly spotMedian?: number;
  readonly spotAzs: number;
}

export function renderPriceTable(options: ShowOptions): string {
  const book = PriceBook.forRegion(options.region, options.lockFile ? { lockFile: options.lockFile } : {});
  let specs = InstanceCatalog.gpuTypes();
  if (options.gpu !== undefined) {
    const names = [...new Set(specs.map((s) => s.gpuName))].sort();
    const gpu = options.gpu.toLowerCase();
    if (!names.includes(gpu)) throw new CliError(`gpu-tco prices show: unknown GPU "${options.gpu}"; known: ${names.join(', ')}`);
    specs = specs.filter((s) => s.gpuName === gpu);
  }
  const rows: Row[] = [];
  for (const s of specs) {
    const onDemand = book.hasOnDemand(s.name) ? book.onDemand(s.name) : undefined;
    const spot = book.spot(s.name);
    if (!onDemand && !spot) continue;
    rows.push({
      name: s.name,
      gpuName: s.gpuName,
      gpus: s.gpuCount,
      onDemand,
      // Fractional GPUs (g6f, gr6f) divide by the fraction, never by 0.
      perGpuHour: onDemand && s.gpuCount > 0 ? onDemand.usdPerHour / s.gpuCount : undefined,
      spotMedian: spot?.median,
      spotAzs: spot?.azIds.length ?? 0,
    });
  }
  if (rows.length === 0) {
    const what = options.gpu ? `${options.gpu} instances` : 'GPU instances';
    throw new CliError(
      `gpu-tco prices show: no ${what} priced in ${options.region}${book.inSnapshot ? '' : ' (region not in the bundled snapshot)'}; ` +
        `run \`gpu-tco prices fetch --region ${options.region}\` and pass --lock-file`,
    );
  }
  rows.sort((a, b) => (a.perGpuHour ?? Infinity) - (b.perGpuHour ?? Infinity) || compareText(a.name, b.name));

  const table = new Table({
    head: ['Instance type', 'GPU', 'GPUs', 'On-demand $/h', '$/GPU-hour', 'Spot median $/h', 'Spot saving'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [], compact: true },
  });
  for (const r of rows) {
    const saving = r.onDemand && r.spotMedian !== undefined ? `${Math.round((1 - r.spotMedian / r.onDemand.usdPerHour) * 100)}%` : '-';
    table.push([
      r.name,
      r.gpuName,
      String(r.gpus),
      r.onDemand ? money(r.onDemand.usdPerHour) : 'no price',
      r.perGpuHour !== undefined ? money(r.perGpuHour) : '-',
      r.spotMedian !== undefined ? `${money(r.spotMedian)} (${r.spotAzs} AZ${r.spotAzs === 1 ? '' : 's'})` : '-',
      saving,
    ]);
  }
  const sources = new Set<string>();
  for (const r of rows) {
    const od = r.onDemand;
    if (od) sources.add(`On-demand: ${od.source} (${od.asOf ? `fetched ${od.asOf}` : (od.note ?? 'date unknown')})`);
    const spot = book.spot(r.name);
    if (spot) sources.add(`Spot: ${spot.source} (${spot.asOf ? `fetched ${spot.asOf}` : 'date unknown'})`);
  }
  const lines = [
    `GPU instance prices in ${options.region}${options.gpu ? ` (${options.gpu.toLowerCase()})` : ''}, cheapest per GPU-hour first (USD, Linux)`,
    table.toString(),
    ...[...sources].sort(),
    'Spot median: the middle of the per-AZ prices, each capped at on-demand; a snapshot, not a forecast.',
  ];
  return lines.join('\n') + '\n';
}

function money(n: number): string {
  return n.toFixed(4);
}
