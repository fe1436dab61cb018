/**
 * The dearest way to fill a limit: how many of each item (nodes of each instance type) fit in
 * `capacity` (GPUs or vCPUs) with the highest total value (price per hour). An unbounded knapsack,
 * solved exactly by dynamic programming over the capacity divided by the weights' greatest common
 * divisor; the worst case of a pool is what its limits admit at the most cost, which a fill of one
 * type can miss (a 12-GPU limit holds one 8-GPU and one 4-GPU node).
 */
export interface FillItem {
  /** Integer capacity one unit takes. */
  readonly weight: number;
  /** What one unit costs. */
  readonly value: number;
}

export interface Fill {
  /** Units of each item, in the order given. */
  readonly counts: readonly number[];
  readonly value: number;
  /** False when the capacity was too large to search: the dearest fill of a single item instead. */
  readonly exact: boolean;
}

/** Cells (capacity steps x items) above which the search gives way to the single-item fill. */
const MAX_CELLS = 4_000_000;

/**
 * Fills already solved: pools of one stack (or of many) often share their types and limits, and
 * the search allocates two arrays over the capacity. Pure inputs, frozen results: safe to share.
 */
const solved = new Map<string, Fill>();

export function dearestFill(items: readonly FillItem[], capacity: number): Fill {
  const key = `${capacity}|${items.map((it) => `${it.weight}:${it.value}`).join(',')}`;
  let fill = solved.get(key);
  if (!fill) {
    if (solved.size >= 1024) solved.clear();
    fill = Object.freeze(search(items, capacity));
    solved.set(key, fill);
  }
  return fill;
}

function search(items: readonly FillItem[], capacity: number): Fill {
  const usable = items.map((it, i) => ({ ...it, i })).filter((it) => it.weight > 0 && it.weight <= capacity);
  if (!usable.length) return { counts: items.map(() => 0), value: 0, exact: true };
  const step = usable.reduce((g, it) => gcd(g, it.weight), 0);
  const cells = Math.floor(capacity / step);
  if (cells * usable.length > MAX_CELLS) return singleItemFill(items, capacity);
  const best = new Float64Array(cells + 1);
  const choice = new Int32Array(cells + 1).fill(-1);
  for (let c = 1; c <= cells; c++) {
    best[c] = best[c - 1]!;
    choice[c] = -2; // unused capacity: same as c - 1
    for (const it of usable) {
      const w = it.weight / step;
      if (w <= c && best[c - w]! + it.value > best[c]! + 1e-9) {
        best[c] = best[c - w]! + it.value;
        choice[c] = it.i;
      }
    }
  }
  const counts = items.map(() => 0);
  for (let c = cells; c > 0; ) {
    const i = choice[c]!;
    if (i === -2) {
      c--;
      continue;
    }
    counts[i]!++;
    c -= items[i]!.weight / step;
  }
  return { counts, value: best[cells]!, exact: true };
}

function singleItemFill(items: readonly FillItem[], capacity: number): Fill {
  let best = { i: -1, value: 0 };
  items.forEach((it, i) => {
    const value = it.weight > 0 ? Math.floor(capacity / it.weight) * it.value : 0;
    if (value > best.value) best = { i, value };
  });
  return { counts: items.map((it, i) => (i === best.i ? Math.floor(capacity / it.weight) : 0)), value: best.value, exact: false };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
