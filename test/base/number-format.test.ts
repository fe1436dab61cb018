import fc from 'fast-check';
import { formatEnUs, formatUsd } from '../../src/base/number-format.js';

const intl = (n: number, min: number, max: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max }).format(n);

describe('formatEnUs (Intl-free en-US formatting)', () => {
  test('cents are rounded half away from zero from the shortest decimal, as ICU does (not as toFixed does)', () => {
    expect(formatUsd(1.005)).toBe('1.01');
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(formatUsd(2.675)).toBe('2.68');
    expect(formatUsd(-1234.565)).toBe('-1,234.57');
    expect(formatUsd(999_999.995)).toBe('1,000,000.00');
    expect(formatUsd(131_682.82)).toBe('131,682.82');
  });

  test('negative zero and values that round to zero keep their sign; exponent forms are written out', () => {
    expect(formatUsd(-0)).toBe('-0.00');
    expect(formatUsd(-0.001)).toBe('-0.00');
    expect(formatEnUs(-0, 0, 2)).toBe('-0');
    expect(formatUsd(1e21)).toBe('1,000,000,000,000,000,000,000.00');
    expect(formatUsd(1e-7)).toBe('0.00');
    expect(formatEnUs(1234.5, 0, 2)).toBe('1,234.5');
    expect(formatEnUs(Number.NaN, 2, 2)).toBe('NaN');
    expect(formatEnUs(Number.POSITIVE_INFINITY, 2, 2)).toBe('∞');
  });

  test('matches Intl.NumberFormat en-US on any double, for the digit settings the library uses', () => {
    const doubles = fc.oneof(
      fc.double({ noNaN: true }),
      fc.double({ min: -1e7, max: 1e7, noNaN: true }),
      fc.integer({ min: -1e9, max: 1e9 }).map((c) => c / 1000), // exact thousandths: the half cases
      fc.integer({ min: -1e6, max: 1e6 }).map((c) => c / 8),
    );
    fc.assert(
      fc.property(doubles, fc.constantFrom<[number, number]>([2, 2], [0, 2], [0, 0], [1, 3]), (n, [min, max]) => {
        expect(formatEnUs(n, min, max)).toBe(intl(n, min, max));
      }),
      { numRuns: 5000 },
    );
  });
});
