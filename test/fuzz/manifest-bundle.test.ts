import fc from 'fast-check';
import { parse } from 'yaml';
import { ManifestBundle } from '../../src/core/manifest-bundle.js';
import type { ManifestBundleProps } from '../../src/core/manifest-bundle.js';
import type { KubernetesObject } from '../../src/core/kubernetes-object.js';
import { cleanString, corrupted, dnsName, fuzzParams, hostile, unicodeString } from './arbitraries.js';
import { expectSomeSynth, fuzzStack, outcomeOf } from './outcome.js';

const props = fc.record({ releaseName: dnsName, namespace: dnsName, description: fc.oneof(cleanString({ maxLength: 40 }), unicodeString) }, { requiredKeys: [] });
// Objects with text Terraform and Helm would otherwise evaluate (`${`, `%{`, `{{ }}`), unicode and names that repeat.
const text = fc.oneof(cleanString({ maxLength: 20 }), unicodeString, fc.constantFrom('${var.x}', '%{ if x }', '{{ $labels.pod }}', '$${x}', 'a: b', '- x', '#c'));
const object = fc.record({
  apiVersion: fc.constantFrom('v1', 'example.com/v1'),
  kind: fc.constantFrom('ConfigMap', 'Widget'),
  metadata: fc.record({ name: fc.constantFrom('one', 'two', 'three') }),
  data: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9.-]{0,8}$/), text, { maxKeys: 3 }),
});

describe('fuzz: ManifestBundle', () => {
  test('random objects reach the release values as written (escaped once), or duplicates fail with a GpuClusterError', () => {
    const seen: string[] = [];
    fc.assert(
      fc.property(corrupted(props, ['releaseName', 'namespace', 'description']), fc.array(fc.oneof({ arbitrary: object, weight: 9 }, { arbitrary: fc.oneof(hostile, fc.constantFrom(null, 5, 'x', [], {}, { kind: 'A' })), weight: 1 }), { maxLength: 3 }), (p, objects) => {
        const outcome = outcomeOf(() => {
          const stack = fuzzStack();
          const bundle = new ManifestBundle(stack, 'bundle', p as ManifestBundleProps);
          for (const o of objects) bundle.add(o as KubernetesObject);
          return stack;
        });
        seen.push(outcome.kind);
        if (outcome.kind === 'synth') {
          const values = Object.values<Record<string, any>>(outcome.json.resource.helm_release)[0]!.values[0] as string;
          // Every ${ and %{ of the objects is escaped for Terraform, so none reaches it bare.
          expect(values).not.toMatch(/(^|[^$])\$\{|(^|[^%])%\{/);
          // Only Kubernetes objects are carried: the hostile values were refused.
          const carried = (parse(values.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')) as { objects: Array<Record<string, any>> }).objects;
          expect(carried).toHaveLength(objects.length);
          for (const o of carried) expect([typeof o.apiVersion, typeof o.kind, typeof o.metadata?.name]).toEqual(['string', 'string', 'string']);
        }
      }),
      fuzzParams,
    );
    expectSomeSynth(seen);
  });
});
