import type { TerraformBlock, TerraformView } from './terraform-view.js';
import { asList } from './terraform-view.js';

/** One IAM policy statement, normalized from policy JSON or an aws_iam_policy_document block. */
export interface IamStatement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  /** True when the statement uses NotAction (every action except those listed). */
  readonly notAction: boolean;
  readonly resources: readonly string[];
  readonly notResource: boolean;
  /** `'*'` for `Principal: "*"`; else principal type (AWS, Service, Federated, CanonicalUser) to identifiers. */
  readonly principals?: '*' | Readonly<Record<string, readonly string[]>>;
  /** Condition keys as written (`oidc.eks...:sub`, `aws:SourceArn`), with their operator and values. */
  readonly conditions: ReadonlyArray<{ readonly operator: string; readonly key: string; readonly values: readonly string[] }>;
}

/** Where a policy document was found. */
export interface IamDocument {
  readonly block: TerraformBlock;
  /** The attribute holding it (`policy`, `assume_role_policy`, `inline_policy[0].policy`, `statement`). */
  readonly attribute: string;
  readonly statements: readonly IamStatement[];
}

const strings = (v: unknown): string[] => asList(v).filter((x): x is string => typeof x === 'string');

/** Statements of a policy JSON string; undefined when it is not JSON (e.g. a reference to a data source). */
export function parsePolicyJson(text: unknown): IamStatement[] | undefined {
  if (typeof text !== 'string') return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (doc === null || typeof doc !== 'object') return undefined;
  return asList((doc as Record<string, unknown>).Statement).filter((s) => s !== null && typeof s === 'object').map((s: Record<string, unknown>) => {
    const principal = s.Principal;
    let principals: IamStatement['principals'];
    if (principal === '*') principals = '*';
    else if (principal !== null && typeof principal === 'object') {
      principals = Object.fromEntries(Object.entries(principal as Record<string, unknown>).map(([k, v]) => [k, strings(v)]));
    }
    const conditions = Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap(([operator, byKey]) =>
      Object.entries(byKey ?? {}).map(([key, values]) => ({ operator, key, values: strings(values) })),
    );
    return {
      ...(typeof s.Sid === 'string' ? { sid: s.Sid } : {}),
      effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: strings(s.Action ?? s.NotAction),
      notAction: s.NotAction !== undefined,
      resources: strings(s.Resource ?? s.NotResource),
      notResource: s.NotResource !== undefined,
      ...(principals ? { principals } : {}),
      conditions,
    } satisfies IamStatement;
  });
}

/** Statements of a data.aws_iam_policy_document block (snake_case attributes). */
function documentBlockStatements(attrs: Readonly<Record<string, any>>): IamStatement[] {
  return asList(attrs.statement).map((s: Record<string, any>) => {
    const principalBlocks = [...asList(s.principals)];
    let principals: IamStatement['principals'];
    if (principalBlocks.length) {
      const map: Record<string, string[]> = {};
      for (const p of principalBlocks) map[p.type] = [...(map[p.type] ?? []), ...strings(p.identifiers)];
      principals = map.AWS?.includes('*') && Object.keys(map).length === 1 ? '*' : map;
    }
    return {
      ...(typeof s.sid === 'string' ? { sid: s.sid } : {}),
      effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
      actions: strings(s.actions ?? s.not_actions),
      notAction: s.not_actions !== undefined,
      resources: strings(s.resources ?? s.not_resources),
      notResource: s.not_resources !== undefined,
      ...(principals ? { principals } : {}),
      conditions: asList(s.condition).map((c: Record<string, any>) => ({ operator: String(c.test), key: String(c.variable), values: strings(c.values) })),
    } satisfies IamStatement;
  });
}

/** Permission policies (identity and resource policies, not trust policies) of the stack. */
export function permissionDocuments(view: TerraformView): IamDocument[] {
  const docs: IamDocument[] = [];
  const add = (block: TerraformBlock, attribute: string, text: unknown) => {
    const statements = parsePolicyJson(text);
    if (statements) docs.push({ block, attribute, statements });
  };
  for (const type of ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_sqs_queue_policy', 'aws_sns_topic_policy', 'aws_s3_bucket_policy', 'aws_kms_key']) {
    for (const block of view.resources(type)) add(block, 'policy', block.attrs.policy);
  }
  for (const block of view.resources('aws_iam_role')) {
    asList(block.attrs.inline_policy).forEach((p: Record<string, unknown>, i) => add(block, `inline_policy[${i}].policy`, p?.policy));
  }
  for (const block of view.data('aws_iam_policy_document')) {
    docs.push({ block, attribute: 'statement', statements: documentBlockStatements(block.attrs) });
  }
  return docs;
}

/** Trust (assume-role) policies of the stack's IAM roles. */
export function trustDocuments(view: TerraformView): IamDocument[] {
  return view.resources('aws_iam_role').flatMap((block) => {
    const statements = parsePolicyJson(block.attrs.assume_role_policy);
    return statements ? [{ block, attribute: 'assume_role_policy', statements }] : [];
  });
}

/** `Sid "x"` or `statement 2`, for messages. */
export function statementName(s: IamStatement, index: number): string {
  return s.sid ? `statement ${JSON.stringify(s.sid)}` : `statement ${index + 1}`;
}
