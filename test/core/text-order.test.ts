import fc from 'fast-check';
import { compareText } from '../../src/core/text-order.js';

const sign = (n: number) => Math.sign(n);

describe('compareText (Intl-free localeCompare)', () => {
  test('root collation on ASCII: punctuation before digits before letters, case second, prefixes first', () => {
    const words = ['b', 'B', 'a2', 'a10', 'a1', 'Ab', 'aB', 'ab', 'a-b', 'a_b', 'a_', 'A', 'a', '_a'];
    expect([...words].sort(compareText)).toEqual(['_a', 'a', 'A', 'a_', 'a_b', 'a-b', 'a1', 'a10', 'a2', 'ab', 'aB', 'Ab', 'b', 'B']);
    expect(compareText('aws_iam_role.x', 'aws_iam_role.x')).toBe(0);
    expect(compareText('ON_DEMAND', 'SPOT')).toBe(-1);
  });

  test('has the sign of localeCompare on printable ASCII, and defers to it elsewhere', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 32, max: 126 }).map((c) => String.fromCharCode(c)), maxLength: 8 });
    const nearby = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', '_', '-', '.', '1', ' '), maxLength: 6 });
    const any = fc.string({ unit: 'grapheme', maxLength: 6 });
    for (const strings of [ascii, nearby, any]) {
      fc.assert(
        fc.property(strings, strings, (a, b) => {
          expect(compareText(a, b)).toBe(sign(a.localeCompare(b)));
        }),
        { numRuns: 4000 },
      );
    }
  });
});
