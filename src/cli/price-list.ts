/**
 * Reading AWS Price List API answers. Each GetProducts `PriceList` entry is a JSON string:
 * `{ product: { productFamily, attributes: {...}, sku }, terms: { OnDemand: { <sku.offerTerm>: {
 * priceDimensions: { <rateCode>: { unit, beginRange, pricePerUnit: { USD } } } } } } }`
 * (AWS Price List API reference, GetProducts example; Karpenter's pkg/providers/pricing/pricing.go
 * reads the same fields).
 */

export interface PriceListItem {
  readonly attributes: Readonly<Record<string, string>>;
  readonly productFamily?: string;
  /** On-demand price dimensions with a price above zero. */
  readonly dimensions: ReadonlyArray<{ readonly unit: string; readonly beginRange: number; readonly usd: number }>;
}

/** Parses one PriceList entry; undefined for an entry that is not a product with on-demand terms. */
export function parsePriceListItem(entry: unknown): PriceListItem | undefined {
  let doc: any;
  try {
    doc = typeof entry === 'string' ? JSON.parse(entry) : entry;
  } catch {
    return undefined;
  }
  const attributes = doc?.product?.attributes;
  const onDemand = doc?.terms?.OnDemand;
  if (!attributes || typeof attributes !== 'object' || !onDemand || typeof onDemand !== 'object') return undefined;
  const dimensions: Array<{ unit: string; beginRange: number; usd: number }> = [];
  for (const term of Object.values<any>(onDemand)) {
    for (const dim of Object.values<any>(term?.priceDimensions ?? {})) {
      const usd = Number(dim?.pricePerUnit?.USD);
      // Zero-priced dimensions (free tiers, placeholders) are ignored, as Karpenter does.
      if (!Number.isFinite(usd) || usd <= 0) continue;
      dimensions.push({ unit: String(dim.unit ?? ''), beginRange: Number(dim.beginRange ?? 0) || 0, usd });
    }
  }
  dimensions.sort((a, b) => a.beginRange - b.beginRange || a.usd - b.usd);
  return { attributes, productFamily: doc.product.productFamily, dimensions };
}

/** Rounds away float noise from unit conversions (12 significant digits, more than AWS publishes). */
export function tidy(n: number): number {
  return Number(n.toPrecision(12));
}
