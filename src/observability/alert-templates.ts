/**
 * Prometheus parses every alert annotation and label as a Go text/template when it loads the rules:
 * an unclosed `{{`, an unknown function or a stray character inside an action makes the whole rule
 * group fail to load. This checks user text against the subset of the template language alert text
 * uses (a conservative grammar: what it accepts, Prometheus loads).
 */

/** Prometheus's template functions (prometheus/template/template.go) and Go's built-ins alert text uses. */
const FUNCTIONS = new Set([
  'query', 'first', 'label', 'value', 'strvalue', 'args', 'reReplaceAll', 'safeHtml', 'match', 'title', 'toUpper', 'toLower',
  'graphLink', 'tableLink', 'sortByLabel', 'humanize', 'humanize1024', 'humanizeDuration', 'humanizePercentage',
  'humanizeTimestamp', 'toTime', 'pathPrefix', 'externalURL', 'parseDuration', 'stripPort', 'stripDomain',
  'printf', 'print', 'len', 'index', 'and', 'or', 'not', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'html', 'js', 'urlquery',
]);
const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const TERM = new RegExp(`^(\\$labels\\.${IDENT}|\\$externalLabels\\.${IDENT}|\\$value|\\$labels|\\$externalURL|\\$|\\.|\\.Labels\\.${IDENT}|\\.Labels|\\.Value|\\.ExternalLabels\\.${IDENT}|\\.ExternalURL|"(\\\\.|[^"\\\\])*"|\`[^\`]*\`|-?[0-9][0-9.e+-]*|true|false)$`);
const TOKEN = /"(?:\\.|[^"\\])*"|`[^`]*`|\||[^\s|"`]+/g;

/** Why Prometheus would not load `text` as a template, or undefined. */
export function alertTemplateProblem(text: string): string | undefined {
  const open: string[] = [];
  let rest = text;
  for (;;) {
    const start = rest.indexOf('{{');
    if (start < 0) break;
    const end = rest.indexOf('}}', start + 2);
    if (end < 0) return `has an unclosed "{{" (Prometheus reads {{ ... }} as a template action)`;
    const action = rest.slice(start + 2, end).replace(/^-\s/, '').replace(/\s-$/, '').trim();
    rest = rest.slice(end + 2);
    if (action.startsWith('/*') && action.endsWith('*/')) continue;
    const control = /^(if|with|range)\s+(.*)$/s.exec(action);
    if (control) {
      const p = pipelineProblem(control[2]!);
      if (p) return `{{ ${action} }}: ${p}`;
      open.push(control[1]!);
    } else if (action === 'else') {
      if (!open.length) return '{{ else }} outside an if, with or range';
    } else if (action === 'end') {
      if (!open.pop()) return '{{ end }} without an if, with or range';
    } else {
      const p = pipelineProblem(action);
      if (p) return `{{ ${action} }}: ${p}`;
    }
  }
  if (open.length) return `{{ ${open[open.length - 1]} }} has no {{ end }}`;
  return undefined;
}

function pipelineProblem(pipeline: string): string | undefined {
  const tokens = pipeline.match(TOKEN) ?? [];
  if (tokens.join('').length !== pipeline.replace(/\s+/g, '').length) return 'holds characters a template action cannot';
  const commands: string[][] = [[]];
  for (const t of tokens) {
    if (t === '|') commands.push([]);
    else commands[commands.length - 1]!.push(t);
  }
  for (const [i, [head, ...args]] of commands.entries()) {
    if (head === undefined) return 'has an empty command';
    if (FUNCTIONS.has(head)) {
      const bad = args.find((a) => !TERM.test(a));
      if (bad !== undefined) return `"${bad}" is not a value Prometheus templates know`;
    } else if (i > 0 || args.length || !TERM.test(head)) {
      return `"${head}" is not a function or value Prometheus templates know`;
    }
  }
  return undefined;
}
