import type { IConstruct } from '../core/cdktf.js';
import { collectCostProfiles } from '../core/cost-registry.js';
import { collectGpuPartitions } from '../compute/gpu-partitions.js';
import { PriceBookSettings } from '../policy/price-settings.js';
import { InstanceCatalog } from '../catalog/instance-catalog.js';
import type { InstancePrice } from './rules/cost.js';
import { compareText } from '../base/text-order.js';

/**
 * The hourly price of every instance type and capacity type the cost profiles under `scopes`
 * may run, from the price book of each profile's stack (its region, overrides and lock file).
 * A type with no on-demand price is the price book's GpuClusterError, never $0. Spot uses the
 * median over the region's AZs (capped at on-demand); where no spot price is known it is the
 * on-demand price, and `source` says so.
 */
export function stackPrices(scopes: readonly IConstruct[]): InstancePrice[] {
  const seen = new Map<string, InstancePrice>();
  for (const scope of scopes) {
    for (const { construct, profile } of collectCostProfiles(scope)) {
      if (profile.kind === 'fixed') continue;
      const capacityTypes = profile.kind === 'eks-node-group' ? [profile.capacityType] : profile.capacityTypes;
      const book = PriceBookSettings.of(construct).priceBook(construct);
      for (const type of profile.instanceTypes) {
        for (const ct of capacityTypes) {
          const capacityType = ct === 'SPOT' ? 'spot' : 'on-demand';
          const key = `${type}|${capacityType}`;
          if (seen.has(key)) continue;
          const onDemand = book.onDemand(type, { path: construct.node.path, prop: 'instanceTypes' });
          const spot = capacityType === 'spot' ? book.spot(type) : undefined;
          const usdPerHour = capacityType === 'spot' && spot ? spot.usdPerHour : onDemand.usdPerHour;
          const source = capacityType === 'on-demand' ? `on-demand ${book.region}` : spot ? `spot median ${book.region}` : `on-demand ${book.region} (no spot price known)`;
          const gpus = InstanceCatalog.gpu(type)?.gpuCount ?? 1;
          seen.set(key, { instanceType: type, capacityType, usdPerHour, gpuDevices: Math.max(1, Math.ceil(gpus)), source });
        }
      }
    }
  }
  return [...seen.values()].sort((a, b) => compareText(a.instanceType, b.instanceType) || compareText(a.capacityType, b.capacityType));
}

/** True when a construct under `scope` applies a MIG layout to its nodes. */
export function usesMig(scope: IConstruct): boolean {
  return collectGpuPartitions(scope).some((p) => p.migLayout !== undefined);
}
