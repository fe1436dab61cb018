import { Construct } from '../core/cdktf.js';
import type { IConstruct } from '../core/cdktf.js';
import { PropChecker } from '../core/validate.js';
import { DEFAULT_RULES } from './packs.js';
import { justificationOf } from '../core/justifications.js';

/** An acknowledged finding: which rule, why, and on which construct. */
export interface Acknowledgement {
  readonly rule: string;
  readonly reason: string;
}

const acks = new WeakMap<IConstruct, Acknowledgement[]>();

/**
 * Acknowledgements of policy findings (cost and security rules), in code, with a reason (like
 * cdk-nag suppressions). Also exported as `Policy`.
 */
export class CostPolicy {
  /**
   * Acknowledges findings of `rule` on `construct`, its children, and findings that name it among
   * their biggest lines (a budget broken by this pool). The reason (10+ characters) goes into the report.
   */
  static acknowledge(construct: IConstruct, ack: Acknowledgement): void {
    const check = new PropChecker(Construct.isConstruct(construct) ? construct.node.path : '<unknown>');
    if (!Construct.isConstruct(construct)) check.fail('INVALID_CONSTRUCT', 'construct', construct, 'is not a construct', 'the construct (or stack) whose findings are acknowledged', 'pass the construct itself');
    const ids = DEFAULT_RULES.map((r) => r.id);
    check.oneOf('rule', ack?.rule, ids, `acknowledge one of ${ids.join(', ')}`);
    check.string('reason', ack.reason, { pattern: /^\s*\S[\s\S]{8,}\S\s*$/, allowed: 'at least 10 characters saying who approved it and why', fix: 'give a reason such as "Q4 launch, approved by finance FIN-221"' });
    const list = acks.get(construct) ?? [];
    list.push({ rule: ack.rule, reason: ack.reason.trim() });
    acks.set(construct, list);
  }

  /**
   * The acknowledgement of `rule` that covers a finding at `path` (own or ancestor) or on a related
   * construct: one made with `acknowledge`, or a construct's own stated reason (see core/justifications).
   */
  static find(root: IConstruct, rule: string, path: string, related: readonly string[] = []): { reason: string; by: string } | undefined {
    for (const c of root.node.findAll()) {
      const reason = acks.get(c)?.find((x) => x.rule === rule)?.reason ?? justificationOf(c, rule);
      if (reason === undefined) continue;
      const p = c.node.path;
      if (path === p || path.startsWith(`${p}/`) || related.some((r) => r === p || r.startsWith(`${p}/`))) return { reason, by: p };
    }
    return undefined;
  }
}

/** `CostPolicy` under the name that reads right for security rules: `Policy.acknowledge(queue, { rule: 'sqs-encryption', reason })`. */
export const Policy = CostPolicy;
export type Policy = CostPolicy;
