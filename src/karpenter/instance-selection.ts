import { Annotations } from '../core/cdktf.js';
import type { IConstruct } from '../core/cdktf.js';
import type { PropChecker } from '../core/validate.js';
import { GpuInstanceType, unknownType } from '../catalog/gpu-instance-type.js';
import { InstanceCatalog } from '../catalog/instance-catalog.js';
import type { GpuInstanceSpec } from '../catalog/instance-spec.js';

/** How a pool names the instance types it may launch; the filters given are ANDed. */
export interface InstanceSelection {
  readonly instanceTypes?: ReadonlyArray<GpuInstanceType | string>;
  readonly gpuNames?: readonly string[];
  readonly families?: readonly string[];
  readonly gpuCounts?: readonly number[];
}

/**
 * The catalog types a selection allows. Partitioned types (g6f, gr6f: a fraction of one L4)
 * advertise no whole `nvidia.com/gpu`, so a GPU limit cannot bound them: they are refused when
 * named and dropped, with a warning, when a filter would include them.
 */
export function selectInstanceTypes(scope: IConstruct, check: PropChecker, sel: InstanceSelection): GpuInstanceSpec[] {
  const all = InstanceCatalog.gpuTypes();
  const given = ['instanceTypes', 'gpuNames', 'families', 'gpuCounts'].filter((k) => sel[k as keyof InstanceSelection] !== undefined);
  if (!given.some((k) => k !== 'gpuCounts')) {
    check.fail('MISSING_INSTANCE_SELECTION', 'instanceTypes', undefined, 'names no instance types; one of instanceTypes, gpuNames or families is required', 'GpuInstanceType values, Karpenter GPU names (h100, l40s, ...) or GPU families (p5, g6e, ...)', "pass e.g. gpuNames: ['l40s']");
  }
  let specs: GpuInstanceSpec[] = [...all];
  if (sel.instanceTypes !== undefined) {
    const list = check.nonEmptyArray<unknown>('instanceTypes', sel.instanceTypes, 'GPU instance types (GpuInstanceType.G6E_12XLARGE, ...)');
    const named = list.map((t, i) => {
      if (GpuInstanceType.isGpuInstanceType(t)) return t.spec;
      const spec = typeof t === 'string' ? InstanceCatalog.gpu(t) : undefined;
      if (!spec) throw unknownType(t, `instanceTypes[${i}]`, check.path);
      return spec;
    });
    const dupes = named.map((s) => s.name).filter((n, i, a) => a.indexOf(n) !== i);
    if (dupes.length) check.fail('DUPLICATE_VALUE', 'instanceTypes', named.map((s) => s.name), `lists ${dupes[0]} more than once`, 'each type once', `remove the duplicate ${dupes[0]}`);
    const partial = named.filter((s) => !Number.isInteger(s.gpuCount));
    if (partial.length) {
      check.fail('FRACTIONAL_GPU_TYPE', 'instanceTypes', partial.map((s) => s.name), 'holds types that sell a fraction of one GPU; they advertise no nvidia.com/gpu, so the pool GPU limit cannot bound them', 'types with whole GPUs', 'put fractional-GPU types (g6f, gr6f) in a GpuNodeGroup with a node count');
    }
    specs = named;
  }
  if (sel.gpuNames !== undefined) {
    const names = check.nonEmptyArray<unknown>('gpuNames', sel.gpuNames, 'Karpenter GPU names');
    const known = [...new Set(all.map((s) => s.gpuName))];
    names.forEach((n, i) => {
      if (typeof n !== 'string' || !known.includes(n)) check.fail('UNKNOWN_GPU_NAME', `gpuNames[${i}]`, n, 'is not a GPU name in the catalog', known.join(', '), 'use the lower-case name Karpenter labels nodes with (karpenter.k8s.aws/instance-gpu-name)');
    });
    specs = specs.filter((s) => (names as string[]).includes(s.gpuName));
  }
  if (sel.families !== undefined) {
    const families = check.nonEmptyArray<unknown>('families', sel.families, 'GPU instance families');
    const known = [...new Set(all.map((s) => s.family))];
    families.forEach((f, i) => {
      if (typeof f !== 'string' || !known.includes(f)) {
        const cpu = typeof f === 'string' && /^[a-z][a-z0-9-]*$/.test(f) && !/^(g|gr|p)\d/.test(f);
        check.fail(cpu ? 'INSTANCE_FAMILY_WITHOUT_GPUS' : 'UNKNOWN_INSTANCE_FAMILY', `families[${i}]`, f, cpu ? 'is an instance family without GPUs' : 'is not a GPU instance family in the catalog', known.join(', '), cpu ? 'GPU pools take GPU families; run CPU workloads in another NodePool' : 'use a family from the catalog');
      }
    });
    specs = specs.filter((s) => (families as string[]).includes(s.family));
  }
  if (sel.gpuCounts !== undefined) {
    const counts = check.nonEmptyArray<unknown>('gpuCounts', sel.gpuCounts, 'GPUs per instance');
    counts.forEach((c, i) => check.integer(`gpuCounts[${i}]`, c, { min: 1, max: 16 }));
    specs = specs.filter((s) => (counts as number[]).includes(s.gpuCount));
  }
  if (sel.instanceTypes === undefined) {
    const partial = specs.filter((s) => !Number.isInteger(s.gpuCount));
    if (partial.length) {
      Annotations.of(scope).addWarning(`${partial.map((s) => s.name).join(', ')} left out: they sell a fraction of one GPU and advertise no nvidia.com/gpu, so the pool GPU limit cannot bound them.`);
      specs = specs.filter((s) => Number.isInteger(s.gpuCount));
    }
  }
  if (specs.length === 0) {
    check.fail('NO_INSTANCE_TYPES', given.join(' + '), Object.fromEntries(given.map((k) => [k, sel[k as keyof InstanceSelection]])), 'together match no instance type in the catalog', 'filters that overlap (e.g. gpuNames l40s with families g6e)', 'widen or correct the filters');
  }
  return specs;
}
