// Preloaded into each benchmarked process (`node --import ./bench/measure.ts`): on exit, writes the
// process's own elapsed time, CPU time (user + system, all threads) and peak RSS to $BENCH_REPORT.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const report = process.env.BENCH_REPORT;
if (report) {
  process.on('exit', () => {
    writeFileSync(report, JSON.stringify({ ms: performance.now(), cpuMs: cpuMs(), maxRssKb: process.resourceUsage().maxRSS }));
  });
}

function cpuMs(): number {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1000;
}
