import fc from 'fast-check';
import { dearestFill } from '../../src/cost/dearest-fill.js';

/** Every count vector that fits, by brute force. */
function bruteForce(items: Array<{ weight: number; value: number }>, capacity: number): number {
  let best = 0;
  const walk = (i: number, left: number, value: number): void => {
    if (i === items.length) {
      best = Math.max(best, value);
      return;
    }
    for (let n = 0; n * items[i]!.weight <= left; n++) walk(i + 1, left - n * items[i]!.weight, value + n * items[i]!.value);
  };
  walk(0, capacity, 0);
  return best;
}

describe('dearestFill', () => {
  test('a 12-GPU limit: one 8-GPU (40/h) and one 4-GPU (15/h) node beat three 4-GPU nodes (45) and one 8-GPU node (40)', () => {
    const fill = dearestFill([{ weight: 4, value: 15 }, { weight: 8, value: 40 }], 12);
    expect(fill).toEqual({ counts: [1, 1], value: 55, exact: true });
  });

  test('agrees with a brute force on random small cases, and its counts fit and add up', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ weight: fc.integer({ min: 1, max: 12 }), value: fc.integer({ min: 1, max: 100 }) }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 40 }), (items, capacity) => {
        const fill = dearestFill(items, capacity);
        expect(fill.value).toBeCloseTo(bruteForce(items, capacity), 6);
        expect(fill.counts.reduce((w, n, i) => w + n * items[i]!.weight, 0)).toBeLessThanOrEqual(capacity);
        expect(fill.counts.reduce((v, n, i) => v + n * items[i]!.value, 0)).toBeCloseTo(fill.value, 6);
      }),
      { numRuns: 200, seed: 20261202 },
    );
  });

  test('a capacity too large to search falls back to the dearest single item, and says so', () => {
    const fill = dearestFill([{ weight: 1, value: 1 }, { weight: 3, value: 4 }], 10_000_000);
    expect(fill.exact).toBe(false);
    expect(fill.counts).toEqual([0, 3_333_333]);
  });
});
