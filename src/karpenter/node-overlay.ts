import { Construct } from '../core/cdktf.js';
import { PropChecker } from '../core/validate.js';
import { isLabelKey } from '../base/labels.js';
import type { KubernetesObject, ObjectProblem } from '../core/kubernetes-object.js';
import type { Karpenter } from './karpenter.js';
import type { NodePoolRef, NodeRequirement } from './pool-types.js';
import { validateNodeOverlaySchema } from './crd-schemas.js';
import { checkRequirements } from './requirements.js';

/** Props of a NodeOverlay. */
export interface NodeOverlayProps {
  /** The controller (its chart gets the NodeOverlay feature gate). */
  readonly karpenter: Karpenter;
  /**
   * Apply to the instance types of this pool (adds a `karpenter.sh/nodepool` requirement).
   * @default - only `requirements`
   */
  readonly nodePool?: NodePoolRef;
  /**
   * Which instance types the overlay applies to in Karpenter's scheduling simulation.
   * @default []
   */
  readonly requirements?: NodeRequirement[];
  /**
   * Extended resources to ADD to matching instance types (Karpenter never replaces a resource
   * through an overlay): advertise time-sliced replicas under a renamed resource such as
   * `nvidia.com/gpu.shared`, or MIG slices (`nvidia.com/mig-1g.10gb`) under the mixed strategy.
   * @default - no capacity change
   */
  readonly capacity?: Record<string, number>;
  /**
   * Price change for matching types in Karpenter's cost choices: `-15%` (a negotiated discount),
   * `+10%`, or a fixed change in USD/hour (`-0.5`). Not with `price`.
   * @default - no adjustment
   */
  readonly priceAdjustment?: string;
  /**
   * Absolute price in USD/hour (e.g. a reserved rate). Not with `priceAdjustment`.
   * @default - no override
   */
  readonly price?: string;
  /**
   * Precedence among overlays (higher wins).
   * @default - none (0)
   */
  readonly weight?: number;
  /**
   * Object name.
   * @default - the construct id, lower-cased
   */
  readonly name?: string;
}

const STANDARD_RESOURCES = ['cpu', 'memory', 'ephemeral-storage', 'pods'];
const PRICE_ADJUSTMENT = /^(([+-]{1}(\d*\.?\d+))|(\+{1}\d*\.?\d+%)|(^(-\d{1,2}(\.\d+)?%)$)|(-100%))$/;

/**
 * A Karpenter NodeOverlay (karpenter.sh/v1alpha1, behind the NodeOverlay feature gate, which this
 * construct turns on in the controller's chart values). It makes Karpenter's scheduling simulation
 * see capacity the device plugin will advertise (shared GPUs, MIG slices) and its cost choices use
 * the prices the user actually pays. Validated at synth against the v1.14.1 CRD.
 */
export class NodeOverlay extends Construct {
  readonly overlayName: string;

  constructor(scope: Construct, id: string, props: NodeOverlayProps) {
    super(scope, id);
    const check = new PropChecker(this.node.path);
    if (props === null || typeof props !== 'object' || typeof props.karpenter?.enableNodeOverlay !== 'function') {
      check.fail('MISSING_KARPENTER', 'karpenter', props?.karpenter, 'is required', 'a Karpenter construct');
    }
    this.overlayName = check.string('name', props.name ?? id.toLowerCase(), { pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, allowed: 'a Kubernetes object name' });
    const capacity: Record<string, number> = {};
    for (const [resource, amount] of Object.entries(props.capacity ?? {})) {
      if (STANDARD_RESOURCES.includes(resource)) check.fail('INVALID_OVERLAY_CAPACITY', `capacity[${JSON.stringify(resource)}]`, resource, 'is a standard resource; an overlay adds extended resources only', 'extended resources such as nvidia.com/gpu.shared or nvidia.com/mig-1g.10gb');
      if (resource === 'nvidia.com/gpu') check.fail('INVALID_OVERLAY_CAPACITY', 'capacity["nvidia.com/gpu"]', resource, 'would be added to the nvidia.com/gpu the instance already has, not replace it', 'a renamed resource (nvidia.com/gpu.shared for time-slicing) or MIG resources (mixed strategy)', 'advertise shared GPUs as nvidia.com/gpu.shared (device plugin renameByDefault)');
      if (!isLabelKey(resource)) check.fail('INVALID_OVERLAY_CAPACITY', `capacity[${JSON.stringify(resource)}]`, resource, 'is not a resource name', 'a qualified name such as nvidia.com/gpu.shared');
      capacity[resource] = check.integer(`capacity[${JSON.stringify(resource)}]`, amount, { min: 1, max: 10_000 });
    }
    if (props.price !== undefined && props.priceAdjustment !== undefined) {
      check.fail('CONFLICTING_PRICE', 'price', props.price, 'is set together with priceAdjustment', 'one of price or priceAdjustment');
    }
    if (props.priceAdjustment !== undefined) check.string('priceAdjustment', props.priceAdjustment, { pattern: PRICE_ADJUSTMENT, allowed: "a percentage (-15%, +10%; at most -100%) or a signed USD/hour change (-0.5, +1.2)" });
    if (props.price !== undefined) check.string('price', props.price, { pattern: /^\d+(\.\d+)?$/, allowed: 'a USD/hour price such as "12.5"' });
    if (!Object.keys(capacity).length && props.price === undefined && props.priceAdjustment === undefined) {
      check.fail('EMPTY_OVERLAY', 'capacity', props.capacity, 'is empty and no price is set: the overlay would change nothing', 'capacity, price or priceAdjustment');
    }
    const weight = props.weight === undefined ? undefined : check.integer('weight', props.weight, { min: 1, max: 10_000 });
    const requirements: NodeRequirement[] = checkRequirements(check, 'requirements', props.requirements);
    if (props.nodePool) requirements.push({ key: 'karpenter.sh/nodepool', operator: 'In', values: [props.nodePool.poolName] });
    if (!requirements.length) check.fail('MISSING_REQUIREMENTS', 'requirements', props.requirements, 'select no instance types; an overlay without requirements applies to every instance type of every pool', 'nodePool or requirements', 'pass nodePool or requirements such as node.kubernetes.io/instance-type In [...]');

    props.karpenter.enableNodeOverlay();
    const overlay = (): KubernetesObject => ({
      apiVersion: 'karpenter.sh/v1alpha1',
      kind: 'NodeOverlay',
      metadata: { name: this.overlayName },
      spec: {
        requirements: requirements.map((r) => ({ key: r.key, operator: r.operator, ...(r.values ? { values: [...r.values] } : {}) })),
        ...(Object.keys(capacity).length ? { capacity } : {}),
        ...(props.priceAdjustment !== undefined ? { priceAdjustment: props.priceAdjustment } : {}),
        ...(props.price !== undefined ? { price: props.price } : {}),
        ...(weight !== undefined ? { weight } : {}),
      },
    });
    props.karpenter.manifests.add(overlay, { owner: this, validate: [validateNodeOverlaySchema, overlayRules] });
  }
}

/** NodeOverlay rules the CRD states in CEL. */
function overlayRules(o: KubernetesObject): ObjectProblem[] {
  const spec = o.spec as { capacity?: Record<string, unknown>; price?: string; priceAdjustment?: string };
  const problems: ObjectProblem[] = [];
  for (const r of Object.keys(spec.capacity ?? {})) if (STANDARD_RESOURCES.includes(r)) problems.push({ path: `spec.capacity[${JSON.stringify(r)}]`, message: 'invalid resource restricted' });
  if (spec.price !== undefined && spec.priceAdjustment !== undefined) problems.push({ path: 'spec.price', message: "cannot set both 'price' and 'priceAdjustment'" });
  return problems;
}
