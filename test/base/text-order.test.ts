import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { compareText } from '../../src/base/text-order.js';

const sign = (n: number) => Math.sign(n);

describe('compareText (Intl-free localeCompare)', () => {
  test('root collation on ASCII: punctuation before digits before letters, case second, prefixes first', () => {
    const words = ['b', 'B', 'a2', 'a10', 'a1', 'Ab', 'aB', 'ab', 'a-b', 'a_b', 'a_', 'A', 'a', '_a'];
    expect([...words].sort(compareText)).toEqual(['_a', 'a', 'A', 'a_', 'a_b', 'a-b', 'a1', 'a10', 'a2', 'ab', 'aB', 'Ab', 'b', 'B']);
    expect(compareText('aws_iam_role.x', 'aws_iam_role.x')).toBe(0);
    expect(compareText('ON_DEMAND', 'SPOT')).toBe(-1);
  });

  test('has the sign of the root collation (localeCompare with en) on printable ASCII, and uses it elsewhere', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 32, max: 126 }).map((c) => String.fromCharCode(c)), maxLength: 8 });
    const nearby = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', '_', '-', '.', '1', ' '), maxLength: 6 });
    const any = fc.string({ unit: 'grapheme', maxLength: 6 });
    for (const strings of [ascii, nearby, any]) {
      fc.assert(
        fc.property(strings, strings, (a, b) => {
          expect(compareText(a, b)).toBe(sign(a.localeCompare(b, 'en')));
        }),
        { numRuns: 4000 },
      );
    }
  });

  test('the order of non-ASCII names does not change with LANG (en_US vs sv_SE)', () => {
    const script = `const { compareText } = require(${JSON.stringify(require.resolve('../../src/base/text-order.ts'))}); process.stdout.write(JSON.stringify(['zeta', 'ärlig', 'alfa', 'öga', 'Åre', 'ob'].sort(compareText)))`;
    const run = (lang: string) => execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, LANG: lang, LC_ALL: lang }, encoding: 'utf8' });
    const en = run('en_US.UTF-8');
    expect(run('sv_SE.UTF-8')).toBe(en);
    // Root collation: accents are secondary, so ä sorts with a and ö with o.
    expect(JSON.parse(en)).toEqual(['alfa', 'Åre', 'ärlig', 'ob', 'öga', 'zeta']);
  });
});
