// Preloaded into each benchmarked process (`node --import ./bench/measure.ts`): on exit, writes the
// process's own elapsed time and peak RSS to $BENCH_REPORT.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const report = process.env.BENCH_REPORT;
if (report) {
  process.on('exit', () => {
    writeFileSync(report, JSON.stringify({ ms: performance.now(), maxRssKb: process.resourceUsage().maxRSS }));
  });
}
