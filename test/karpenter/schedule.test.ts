import fc from 'fast-check';
import { cronProblem, isBudgetDuration, parseDuration } from '../../src/karpenter/schedule.js';
import { restrictedTagKeyProblem } from '../../src/karpenter/restricted-keys.js';

describe('durations', () => {
  test.each([
    ['30s', 30],
    ['10m', 600],
    ['1h30m', 5400],
    ['720h', 2_592_000],
  ])('%s is %d seconds', (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  test.each(['', '10', '1d', '1.5h', '10 m', '-5m', 'Never', '5M'])('%j does not parse', (text) => expect(parseDuration(text)).toBeUndefined());

  test('budget durations take hours and minutes only', () => {
    expect(['8h', '90m', '1h30m', '10h0s'].map(isBudgetDuration)).toEqual([true, true, true, true]);
    expect(['30s', '0m', '1d', ''].map(isBudgetDuration)).toEqual([false, false, false, false]);
  });

  test('any sequence of h/m/s parts parses to the sum of its parts', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 999 }), fc.constantFrom('h', 'm', 's')), { minLength: 1, maxLength: 4 }), (parts) => {
        const text = parts.map(([n, u]) => `${n}${u}`).join('');
        const expected = parts.reduce((sum, [n, u]) => sum + n * { h: 3600, m: 60, s: 1 }[u], 0);
        return parseDuration(text) === expected;
      }),
    );
  });
});

describe('cron schedules', () => {
  test.each(['0 8 * * mon-fri', '*/15 * * * *', '0 0 1,15 * *', '30 22 * jan-mar 0', '@daily', '@weekly', '0 9-17/2 * * 1-5'])('%j is accepted', (text) => expect(cronProblem(text)).toBeUndefined());

  test.each([
    ['every weekday', 'has 2 fields'],
    ['99 8 * * *', 'minute field "99" is outside 0-59'],
    ['0 24 * * *', 'hour field "24"'],
    ['0 8 0 * *', 'day of month field "0"'],
    ['0 8 * 13 *', 'month field "13"'],
    ['0 8 * * 8', 'day of week field "8"'],
    ['0 8 * * fri-mon', 'runs backwards'],
    ['*/0 * * * *', 'step'],
    ['@every 5m', 'macros'],
    ['TZ=UTC 0 8 * * *', 'time zone'],
    ['0 8 * * * *', 'has 6 fields'],
  ])('%j is refused: %s', (text, problem) => expect(cronProblem(text)).toContain(problem));
});

describe('EC2NodeClass tag keys', () => {
  test.each(['', 'eks:eks-cluster-name', 'kubernetes.io/cluster/ml', 'kubernetes.io/cluster', 'karpenter.sh/nodepool', 'karpenter.sh/anything', 'karpenter.k8s.aws/ec2nodeclass', 'karpenter.k8s.aws/x'])('%j is refused', (key) => expect(restrictedTagKeyProblem(key)).toBeDefined());
  test.each(['team', 'cost-center', 'karpenter.shx', 'kubernetes.io/role', 'eks:other', 'Name'])('%j is allowed', (key) => expect(restrictedTagKeyProblem(key)).toBeUndefined());
});
