import { Token, Tokenization } from './cdktf.js';
import type { IFragmentConcatenator } from './cdktf.js';

/**
 * Escapes Terraform template sequences in literal text: `${` becomes `$${` and `%{` becomes
 * `%%{`, so text such as a PromQL `{{ $labels.x }}` or a shell `${HOME}` reaches its destination
 * as written. cdktf tokens inside the string (references such as a role name) are left alone,
 * so Terraform still interpolates them.
 */
export function escapeTerraformTemplate(text: string): string {
  if (!Token.isUnresolved(text)) return escapeLiteral(text);
  const fragments = Tokenization.reverseString(text);
  if (fragments.length <= 1) {
    return fragments.tokens.length ? text : escapeLiteral(text);
  }
  const parts = fragments.join(new Collect()) as unknown as Collected;
  return parts.items.map((p) => (Token.isUnresolved(p) ? p : escapeLiteral(p))).join('');
}

function escapeLiteral(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

class Collected {
  constructor(readonly items: string[]) {}
}

/** Collects fragments in order instead of concatenating them (literals stay apart from tokens). */
class Collect implements IFragmentConcatenator {
  join(left: unknown, right: unknown): unknown {
    const items = left instanceof Collected ? left.items : [String(left)];
    return new Collected([...items, String(right)]);
  }
}
