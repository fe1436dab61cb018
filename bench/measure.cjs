// Preloaded into each benchmarked process (`node --require ./bench/measure.cjs`): on exit, writes the
// process's own elapsed time, CPU time (user + system, all threads) and peak RSS to $BENCH_REPORT.
// Plain JavaScript, so that cases run with plain node load no TypeScript loader for it.
const { writeFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');

const report = process.env.BENCH_REPORT;
if (report) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(report, JSON.stringify({ ms: performance.now(), cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }));
  });
}
