import type { App } from 'cdktf';

/**
 * Synthesizes the app `load` builds, with source-mapped stack traces off unless Node was asked for
 * them (`--enable-source-maps`). tsx turns them on by itself; synth has no use for them and they
 * cost: Node then decodes and keeps the inline source map of every module loaded after that
 * (cdktf and the provider bindings ship them: about 20 MB of a synth's peak memory) and maps the
 * creation stack cdktf records for every token. The library's errors name the construct path and
 * prop, not a line. `load` requires the app, so its modules load after the switch.
 */
export function synthesizeWithoutSourceMaps(load: () => App): void {
  const asked = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].includes('--enable-source-maps');
  if (!asked) process.setSourceMapsEnabled(false);
  load().synth();
}
