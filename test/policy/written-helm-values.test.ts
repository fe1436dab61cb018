import fc from 'fast-check';
import YAML from 'yaml';
import { Fn, Lazy, Token } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { Release } from '@cdktf/provider-helm/lib/release/index.js';
import { helmValuesYaml } from '../../src/core/helm-values.js';
import { resolvedTerraform, shareResolvedTerraform } from '../../src/core/resolved-terraform.js';
import { TerraformView } from '../../src/policy/terraform-view.js';
import { newStack } from '../support/synth.js';

/** Markers replaced, per stack, by tokens: a plain reference, a number token, an expression with quotes, a literal producer. */
const MARKERS = ['<role>', '<seconds>', '<join>', '<lazy>'] as const;

/** A stack with one helm_release whose values `make` builds (markers replaced by tokens of the stack). */
function releaseOf(values: unknown) {
  const { stack } = newStack();
  const role = new IamRole(stack, 'role', { assumeRolePolicy: '{}' });
  const tokens: Record<(typeof MARKERS)[number], unknown> = {
    '<role>': role.name,
    '<seconds>': Token.asNumber(role.maxSessionDuration),
    '<join>': Fn.join(',', ['a', 'b']),
    '<lazy>': Lazy.stringValue({ produce: () => 'plain text' }),
  };
  const withTokens = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const whole = MARKERS.find((m) => v === m);
      if (whole) return tokens[whole];
      return MARKERS.reduce((s, m) => (m === '<seconds>' ? s : s.split(m).join(String(tokens[m]))), v);
    }
    if (Array.isArray(v)) return v.map(withTokens);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [withTokens(k) as string, withTokens(x)]));
    return v;
  };
  new Release(stack, 'release', { name: 'r', chart: 'c', values: [Lazy.stringValue({ produce: () => helmValuesYaml(withTokens(values) as Record<string, unknown>) })] });
  return stack;
}

/** YAML.parse of a written text with Terraform's escapes undone; none when it is not YAML (a token broke it). */
function parseWritten(text: string): unknown[] {
  try {
    return [YAML.parse(text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'))];
  } catch {
    return [];
  }
}

/** What the view reads, what YAML parses from the written text, and the values helmValuesYaml recorded, all from one resolution. */
function readBack(values: unknown): { read: unknown[]; parsed: unknown[]; recorded: unknown } {
  const stack = releaseOf(values);
  let out!: { read: unknown[]; parsed: unknown[]; recorded: unknown };
  shareResolvedTerraform(stack, () => {
    const [release] = new TerraformView(stack).helmValues();
    const written = release!.block.attrs.values[0] as string;
    out = {
      read: release!.values,
      parsed: parseWritten(written),
      recorded: resolvedTerraform(stack).helmValues[0]!.values,
    };
  });
  return out;
}

const leaf = fc.oneof(
  fc.string(),
  fc.constantFrom('${HOME}', '%{ if x }', '$${x}', '$$${x}', '{{ $labels.pod }}', 'a: b', '#c', 'x #c', "it's", '"q"', 'line1\nline2', 'latest', 'true', 'null', '~', '1e+5', '0x10', '', ' x ', '-', '[a]', '{a}'),
  fc.constantFrom(...MARKERS, 'arn:<role>', 'role=<role>; again <role>', '"<role>"', 'x: <role>', '<join> and <lazy>', ' <join> ', '<join>\n', "it's <join>", '<role>\t<join>', '\u0007<join>'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const key = fc.oneof(fc.string(), fc.constantFrom('image', 'tag', '1', 'true', '${k}', '%{k}', 'a: b', '<role>'));
const { values } = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  values: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
}));

describe('Helm values read back from what helmValuesYaml wrote', () => {
  test('equal to parsing the written YAML, for any values, escapes and tokens (plain references, number tokens, expressions, literal producers)', () => {
    fc.assert(
      fc.property(values, (v) => {
        const { read, parsed } = readBack(v);
        expect(read).toEqual(parsed);
      }),
      { numRuns: 100 },
    );
  });

  test('values without tokens are taken as recorded, not parsed (untouched objects are the recorded ones)', () => {
    const values = { image: { repository: 'nvcr.io/nvidia/k8s/dcgm-exporter', tag: '4.2.3-4.1.3-ubuntu22.04' }, rules: [{ expr: 'DCGM_FI_DEV_XID_ERRORS{pod="{{ $labels.pod }}"}' }] };
    const { read, parsed, recorded } = readBack(values);
    expect(read).toEqual(parsed);
    expect((read[0] as any).image).toBe((recorded as any).image);
    // The escaped `{{ $labels.pod }}` has no Terraform escape to undo: the rule object is shared too.
    expect((read[0] as any).rules[0]).toBe((recorded as any).rules[0]);
  });

  test('values holding plain references are taken as recorded with the references resolved; subtrees without one are shared', () => {
    const values = { objects: [{ kind: 'EC2NodeClass', spec: { role: '<role>', tags: { a: '${literal}' } } }, { kind: 'NodePool', spec: { limits: { 'nvidia.com/gpu': 16 } } }] };
    const { read, parsed, recorded } = readBack(values);
    expect(read).toEqual(parsed);
    expect((read[0] as any).objects[0].spec).toEqual({ role: '${aws_iam_role.role.name}', tags: { a: '${literal}' } });
    expect((read[0] as any).objects[1]).toBe((recorded as any).objects[1]);
  });

  test('a number token, an expression with quotes or a literal producer in the values: the written text is parsed', () => {
    for (const marker of ['<seconds>', '<join>', '<lazy>']) {
      const { read, parsed, recorded } = readBack({ a: { b: marker }, c: { d: 1 } });
      expect(read).toEqual(parsed);
      expect((read[0] as any).c).not.toBe((recorded as any).c);
    }
  });
});
