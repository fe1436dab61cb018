// MigLayout and GpuSharing are values, not constructs: fuzz their factories and what they compute
// for every catalog instance type (no synth, so many runs are cheap).
import fc from 'fast-check';
import { MigLayout } from '../../src/catalog/mig-layout.js';
import { GpuSharing } from '../../src/catalog/gpu-sharing.js';
import { InstanceCatalog } from '../../src/catalog/instance-catalog.js';
import { dnsName, fuzzParams, hostile, migSpec, sharingSpec, toMigLayout, toSharing } from './arbitraries.js';
import { expectCleanJson, expectGpuClusterFailure } from './outcome.js';

const types = InstanceCatalog.gpuTypes().map((s) => s.name);

/** Runs `fn`; a failure must be a GpuClusterError. Returns the value or undefined. */
function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    expectGpuClusterFailure(e);
    return undefined;
  }
}

const layoutInput = fc.oneof(
  { arbitrary: migSpec.map((s) => () => toMigLayout(s) as MigLayout), weight: 3 },
  { arbitrary: fc.tuple(hostile, hostile).map(([p, c]) => () => MigLayout.uniform(p as string, c as number)), weight: 1 },
  { arbitrary: hostile.map((c) => () => MigLayout.mixed(c as Record<string, number>)), weight: 1 },
  { arbitrary: fc.tuple(migSpec, fc.oneof(dnsName, hostile)).map(([s, name]) => () => (s.kind === 'uniform' ? MigLayout.uniform(s.profile, { name: name as string }) : MigLayout.mixed(s.counts, { name: name as string }))), weight: 1 },
);
const sharingInput = fc.oneof(
  { arbitrary: sharingSpec.map((s) => () => toSharing(s) as GpuSharing), weight: 3 },
  { arbitrary: fc.record({ replicas: hostile, renameByDefault: hostile, name: hostile }, { requiredKeys: [] }).map((o) => () => GpuSharing.timeSlicing(o as never)), weight: 1 },
  { arbitrary: hostile.map((o) => () => GpuSharing.mps(o as never)), weight: 1 },
);

describe('fuzz: MigLayout', () => {
  test('random layouts build, narrow, place and render for every type, or fail with a GpuClusterError', () => {
    let built = 0;
    fc.assert(
      fc.property(layoutInput, fc.subarray(types, { minLength: 1, maxLength: 6 }), (make, sample) => {
        const layout = attempt(make);
        if (!layout) return;
        built++;
        const narrowing = layout.narrow(sample);
        expect(narrowing.kept.length + narrowing.dropped.length).toBe(sample.length);
        for (const t of narrowing.kept) {
          const out = { slices: layout.slicesPerNode(t), advertised: layout.advertisedResourcesPerNode(t), json: layout.toJSON(), name: layout.name };
          expectCleanJson(out);
          for (const n of Object.values(out.slices)) expect(Number.isInteger(n) && n > 0).toBe(true);
        }
        for (const { instanceType } of narrowing.dropped) attempt(() => layout.validateFor(instanceType));
        expectCleanJson({ config: attempt(() => MigLayout.renderMigPartedConfig([layout])) ?? {} });
      }),
      { ...fuzzParams, numRuns: fuzzParams.numRuns! * 3 },
    );
    expect(built).toBeGreaterThan(0);
  });
});

describe('fuzz: GpuSharing', () => {
  test('random sharing configs render and count replicas for every type (with and without MIG), or fail with a GpuClusterError', () => {
    let built = 0;
    fc.assert(
      fc.property(sharingInput, fc.option(layoutInput, { nil: undefined }), fc.constantFrom(...types), (make, makeLayout, type) => {
        const sharing = attempt(make);
        if (!sharing) return;
        built++;
        const migLayout = makeLayout ? attempt(makeLayout) : undefined;
        if (makeLayout && !migLayout) return;
        const out = attempt(() => ({
          config: sharing.devicePluginConfig({ migLayout }),
          advertised: sharing.advertisedResourcesPerNode(type, { migLayout }),
          replicas: sharing.replicasPerNode(type, { migLayout }),
          name: sharing.configName(migLayout),
        }));
        if (!out) return;
        expectCleanJson(out);
        expect(Number.isInteger(out.replicas) && out.replicas > 0).toBe(true);
      }),
      { ...fuzzParams, numRuns: fuzzParams.numRuns! * 3 },
    );
    expect(built).toBeGreaterThan(0);
  });
});
