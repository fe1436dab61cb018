import fc from 'fast-check';
import { parse } from 'yaml';
import { helmValuesYaml, kubernetesYaml } from '../../src/core/helm-values.js';

// Helm (sigs.k8s.io/yaml), mig-parted and the device plugin parse YAML 1.1: strings that are
// booleans, numbers or timestamps there must be quoted, or a team called `no` reaches a chart as
// false; `<<` must not read as a merge key.
const YAML_11_LOOKALIKES = ['no', 'No', 'NO', 'yes', 'on', 'off', 'y', 'n', 'Y', 'N', 'true', 'False', '1_000', '0x1F', '010', '1:20', '2026-01-01', '.5', '+12', '~', 'null', '.inf', '<<'];

describe('YAML written for Kubernetes tooling', () => {
  test('strings YAML 1.1 would read as something else stay strings, as values and as keys', () => {
    const values = { team: 'no', labels: Object.fromEntries(YAML_11_LOOKALIKES.map((s) => [s, s])), list: YAML_11_LOOKALIKES };
    expect(parse(helmValuesYaml(values), { version: '1.1' })).toEqual(values);
    expect(parse(kubernetesYaml(values), { version: '1.1' })).toEqual(values);
    expect(helmValuesYaml({ team: 'no' })).toBe('team: "no"\n');
    expect(parse(helmValuesYaml({ '<<': { a: 1 } }), { version: '1.1', merge: true })).toEqual({ '<<': { a: 1 } });
  });

  test('any plain data reads back the same under YAML 1.1 and 1.2', () => {
    const leaf = fc.oneof(fc.constantFrom(...YAML_11_LOOKALIKES), fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const data = fc.dictionary(fc.oneof(fc.constantFrom(...YAML_11_LOOKALIKES), fc.string().filter((k) => k !== '__proto__')), fc.oneof(leaf, fc.array(leaf, { maxLength: 3 })), { maxKeys: 6 });
    fc.assert(
      fc.property(data, (values) => {
        const text = kubernetesYaml(values);
        expect(parse(text, { version: '1.1' })).toEqual(values);
        expect(parse(text)).toEqual(values);
      }),
      { numRuns: 200 },
    );
  });
});
