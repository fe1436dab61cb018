import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const data = JSON.parse(readFileSync(join(__dirname, '../../src/catalog/data/fixed-prices.json'), 'utf8')) as { regions: Record<string, Record<string, { usd: number }>> };

/** The bundled fixed-cost price of `item` in `region`, read from the data file (not through the library). */
export function bundledFixedPrice(item: string, region = 'us-east-1'): number {
  const usd = data.regions[region]?.[item]?.usd;
  if (usd === undefined) throw new Error(`no bundled ${item} price in ${region}`);
  return usd;
}
