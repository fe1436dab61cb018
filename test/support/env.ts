
process.env.GPU_TCO_CONSOLE = 'off';

// cdktf records a full stack trace for every token it creates (debug information, never part of
// the output). Under jest each capture is formatted through jest's source-map support, which took
// about half of a fuzz test's time (Node falls back to the main realm's prepareStackTrace, which is
// jest's): format these captures plainly. Jest's reports of failing tests still map their stacks.
const plain = (error: Error, frames: NodeJS.CallSite[]): string => `${error}${frames.map((f) => `\n    at ${f}`).join('')}`;
const trace = require('cdktf/lib/tokens/private/stack-trace.js') as { captureStackTrace: (below?: Function) => string[] };
const capture = trace.captureStackTrace;
trace.captureStackTrace = function plainCaptureStackTrace(below?: Function): string[] {
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = plain;
  try {
    return capture(below ?? plainCaptureStackTrace);
  } finally {
    Error.prepareStackTrace = prepare;
  }
};
