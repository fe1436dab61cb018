import type { IConstruct } from '../core/cdktf.js';
import type { HelmValuesSource } from '../core/helm-values-record.js';
import { resolveAsWritten } from '../core/resolved-terraform.js';

// yaml loads on first use, so that importing the library stays cheap.
const parseYaml = (text: string): unknown => (require('yaml') as typeof import('yaml')).parse(text);

/** Terraform's template escapes, undone: the values as the chart receives them. */
const unescape = (text: string): string => (text.includes('{') ? text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : text);

/**
 * A reference as cdktf writes it (`${aws_iam_role.x.name}`): no quote, backslash, newline, `#` or
 * `:`, so it reads back from YAML exactly as it stands, whatever scalar style holds it.
 */
const PLAIN_REFERENCE = /^\$\{[^"'\\\n\r#:]*\}$/;

/** A cdktf string token as it stands in unresolved text. */
const TOKEN = /\$\{TfToken\[TOKEN\.\d+\]\}/g;

class Unknown extends Error {}

/**
 * Reads helm_release `values` texts of one stack as YAML would parse them, without parsing what
 * helmValuesYaml wrote during the same resolution (a 50-pool stack's objects are ~120 KB of YAML,
 * ~100 ms to parse). A written text is taken from its source when the source's text, each token
 * replaced by the plain reference it resolves to, is the written text exactly (cdktf resolved
 * nothing else: no number tokens, no escape sequences around tokens); the source's values then
 * read back from YAML as they are, with the same replacements. Anything else is parsed.
 */
export class WrittenHelmValues {
  private readonly plain = new Map<string, HelmValuesSource>();
  private readonly tokenized: HelmValuesSource[] = [];
  /** Token placeholder to the plain reference it resolves to (undefined: not plain). */
  private readonly references = new Map<string, string | undefined>();

  constructor(
    private readonly stack: IConstruct,
    sources: readonly HelmValuesSource[],
  ) {
    for (const s of sources) {
      if (s.text.includes('${TfToken[')) this.tokenized.push(s);
      else this.plain.set(s.text, s);
    }
  }

  /** The values `text` holds (Terraform escapes undone), or none when it is not YAML. */
  read(text: string): unknown[] {
    try {
      const plain = this.plain.get(text);
      if (plain) return [plain.verbatim ? plain.values : convert(plain.values, (v) => v)];
      for (const s of this.tokenized) {
        if (this.withReferences(s.text) !== text) continue;
        if (s.verbatim && s.tokenPaths) return [replaceAt(s.values, s.tokenPaths, (v) => this.resolved(v))];
        return [
          convert(s.values, (v) => (v.includes('${TfToken[') ? this.resolved(v) : v)),
        ];
      }
    } catch (e) {
      if (!(e instanceof Unknown)) throw e;
    }
    try {
      return [parseYaml(unescape(text))];
    } catch {
      return [];
    }
  }

  /** `text` with its tokens resolved to plain references; Unknown when one is not plain. */
  private resolved(text: string): string {
    const resolved = this.withReferences(text);
    if (resolved === undefined) throw new Unknown();
    return resolved;
  }

  /** `text` with each token replaced by the plain reference it resolves to; undefined when one is not plain. */
  private withReferences(text: string): string | undefined {
    let plain = true;
    const out = text.replace(TOKEN, (placeholder) => {
      if (!this.references.has(placeholder)) {
        const r: unknown = resolveAsWritten(this.stack, placeholder);
        this.references.set(placeholder, typeof r === 'string' && PLAIN_REFERENCE.test(r) ? r : undefined);
      }
      const r = this.references.get(placeholder);
      if (r === undefined) plain = false;
      return r ?? placeholder;
    });
    return plain ? out : undefined;
  }
}

/**
 * `root` with the strings at `paths` replaced by `resolve` of them: containers on those paths are
 * copied (once each), everything else is shared (the view only reads it).
 */
function replaceAt(root: Readonly<Record<string, unknown>>, paths: ReadonlyArray<ReadonlyArray<string | number>>, resolve: (s: string) => string): unknown {
  const copies = new Map<object, Record<string | number, unknown>>();
  const copyOf = (o: object): Record<string | number, unknown> => {
    let c = copies.get(o);
    if (!c) copies.set(o, (c = (Array.isArray(o) ? [...o] : { ...o }) as Record<string | number, unknown>));
    return c;
  };
  const out = copyOf(root);
  for (const path of paths) {
    let from: any = root;
    let to = out;
    for (let i = 0; i < path.length - 1; i++) {
      from = from[path[i]!];
      to = to[path[i]!] = copyOf(from);
    }
    const last = path[path.length - 1]!;
    to[last] = resolve(from[last] as string);
  }
  return out;
}

/**
 * `value` as YAML.parse returns it from its stringified form, strings passed through `resolve` and
 * unescaped. Unchanged objects and arrays are returned as they are (the view only reads them).
 */
function convert(value: unknown, resolve: (s: string) => string): unknown {
  switch (typeof value) {
    case 'string':
      return unescape(resolve(value));
    case 'number':
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        let out: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
          const v: unknown = value[i];
          const c = v === undefined ? null : convert(v, resolve);
          if (c !== v) (out ??= value.slice(0, i)).push(c);
          else out?.push(c);
        }
        return out ?? value;
      }
      let out: Record<string, unknown> | undefined;
      const keys = Object.keys(value);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        if (k === '__proto__') throw new Unknown();
        const v = (value as Record<string, unknown>)[k];
        const ck = unescape(resolve(k));
        const c = v === undefined ? undefined : convert(v, resolve);
        if (!out && (c !== v || ck !== k)) {
          out = {};
          for (let j = 0; j < i; j++) out[keys[j]!] = (value as Record<string, unknown>)[keys[j]!];
        }
        if (out && c !== undefined) out[ck] = c;
      }
      return out ?? value;
    }
    default:
      // Functions, symbols, bigints: YAML has its own say.
      throw new Unknown();
  }
}
