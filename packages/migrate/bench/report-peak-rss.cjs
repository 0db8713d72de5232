// Preloaded (node --require) into a process whose peak memory a benchmark wants: on exit the
// main thread writes the kernel's peak resident set (getrusage maxrss, all threads, in KiB)
// to the file named by IDPORT_BENCH_PEAK_RSS_FILE. Exact, unlike sampling while it runs.
const { writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const file = process.env.IDPORT_BENCH_PEAK_RSS_FILE;
if (file && isMainThread) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
