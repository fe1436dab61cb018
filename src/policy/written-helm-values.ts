import { createRequire } from 'node:module';
import { Token, Tokenization } from '../core/cdktf.js';
import type { IConstruct } from '../core/cdktf.js';
import type { HelmValuesSource } from '../core/helm-values-record.js';
import { resolveAsWritten } from '../core/resolved-terraform.js';

// yaml loads on first use, so that importing the library stays cheap.
const requireCjs = createRequire(import.meta.url);
const parseYaml = (text: string): unknown => (requireCjs('yaml') as typeof import('yaml')).parse(text);

/** Terraform's template escapes, undone: the values as the chart receives them. */
const unescape = (text: string): string => (text.includes('{') ? text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : text);

/**
 * A reference as cdktf writes it (`${aws_iam_role.x.name}`): no quote, backslash, newline, `#` or
 * `:`, so it reads back from YAML exactly as it stands, whatever scalar style holds it.
 */
const PLAIN_REFERENCE = /^\$\{[^"'\\\n\r#:]*\}$/;

/** Anything that may hold a number token written into a string (cdktf resolves those too). */
const MAYBE_NUMBER_TOKEN = /\de\+\d/i;

class Unknown extends Error {}

/**
 * Reads helm_release `values` texts of one stack as YAML would parse them, without parsing what
 * helmValuesYaml wrote during the same resolution (a 50-pool stack's objects are ~120 KB of YAML,
 * ~100 ms to parse): a text is taken from its source when resolving the source's text gives the
 * written text exactly, and the source's values convert as YAML reads them back (tokens resolve
 * to plain references, no functions or symbols). Anything else is parsed.
 */
export class WrittenHelmValues {
  private readonly plain = new Map<string, HelmValuesSource>();
  private readonly tokenized: HelmValuesSource[] = [];

  constructor(
    private readonly stack: IConstruct,
    sources: readonly HelmValuesSource[],
  ) {
    for (const s of sources) {
      if (Token.isUnresolved(s.text)) this.tokenized.push(s);
      else this.plain.set(s.text, s);
    }
  }

  /** The values `text` holds (Terraform escapes undone), or none when it is not YAML. */
  read(text: string): unknown[] {
    const source = this.sourceOf(text);
    if (source) {
      try {
        return [this.convert(source.values, source !== this.plain.get(text))];
      } catch (e) {
        if (!(e instanceof Unknown)) throw e;
      }
    }
    try {
      return [parseYaml(unescape(text))];
    } catch {
      return [];
    }
  }

  private sourceOf(text: string): HelmValuesSource | undefined {
    const plain = this.plain.get(text);
    if (plain) return plain;
    for (const s of this.tokenized) {
      // Cheap test first: the text up to the first token is written as it stands.
      const head = s.text.slice(0, s.text.indexOf('${TfToken['));
      if (text.startsWith(head) && resolveAsWritten(this.stack, s.text) === text) return s;
    }
    return undefined;
  }

  /** `value` as YAML.parse returns it from its stringified, resolved form. */
  private convert(value: unknown, tokens: boolean): unknown {
    switch (typeof value) {
      case 'string':
        return unescape(tokens ? this.resolveString(value) : value);
      case 'number':
        // Number tokens are huge doubles; small integers never are.
        if (!(Number.isSafeInteger(value) && Math.abs(value) < 2 ** 32) && Token.isUnresolved(value)) throw new Unknown();
        return value;
      case 'boolean':
        return value;
      case 'object': {
        if (value === null) return null;
        if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : this.convert(v, tokens)));
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
          if (v === undefined) continue;
          if (k === '__proto__') throw new Unknown();
          out[this.convert(k, tokens) as string] = this.convert(v, tokens);
        }
        return out;
      }
      default:
        // undefined at the top, functions, symbols, bigints: YAML has its own say.
        throw new Unknown();
    }
  }

  private resolveString(s: string): string {
    if (s.includes('${') && Token.isUnresolved(s)) {
      for (const token of Tokenization.reverseString(s).tokens) {
        const r = resolveAsWritten(this.stack, token);
        if (typeof r !== 'string' || !PLAIN_REFERENCE.test(r)) throw new Unknown();
      }
      return resolveAsWritten(this.stack, s) as string;
    }
    if (MAYBE_NUMBER_TOKEN.test(s) && resolveAsWritten(this.stack, s) !== s) throw new Unknown();
    return s;
  }
}
