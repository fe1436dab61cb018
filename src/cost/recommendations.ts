import type { CostProfile } from './cost-profile.js';
import { HOURS_PER_MONTH } from './cost-profile.js';
import type { Prices } from './prices.js';
import { usd } from './cost-report.js';

/** Plain suggestions that would lower the bill, each with its figure. Deterministic, in profile order. */
export function recommend(profiles: readonly CostProfile[], prices: Prices): string[] {
  const out: string[] = [];
  for (const p of profiles) {
    if (p.kind !== 'eks-node-group') continue;
    const type = p.instanceTypes[0]!;
    let od: number;
    try {
      od = prices.onDemand(type).usdPerHour;
    } catch {
      continue; // the missing price is reported as a finding already
    }
    if (p.capacityType === 'ON_DEMAND' && p.nodes.desired > 0) {
      const spot = prices.spot(type);
      if (spot && spot.usdPerHour < od) {
        const saving = (od - spot.usdPerHour) * p.nodes.desired * p.hoursPerMonth;
        out.push(
          `${p.constructPath}: ${type} spot (median ${spot.usdPerHour} USD/h in ${prices.region}) would save about ${usd(saving)} USD/month ` +
            `(${Math.round((1 - spot.usdPerHour / od) * 100)} %) for interruptible work; keep serving capacity on-demand.`,
        );
      }
      if (p.nodes.min > 0 && p.hoursPerMonth >= HOURS_PER_MONTH) {
        out.push(
          `${p.constructPath}: ${p.nodes.min} always-on ${type} node(s) cost ${usd(od * p.nodes.min * HOURS_PER_MONTH)} USD/month on-demand; ` +
            'a 1-year Compute Savings Plan covering that baseline typically cuts it by a quarter or more.',
        );
      }
    }
    if (p.nodes.min > 0 && p.nodes.min === p.nodes.desired && p.nodes.max > p.nodes.min) {
      out.push(`${p.constructPath}: min ${p.nodes.min} keeps ${p.nodes.min} node(s) up when idle (${usd(od * p.nodes.min * HOURS_PER_MONTH)} USD/month on-demand); min 0 lets the group scale to zero.`);
    }
  }
  return out;
}
