/**
 * Preloaded (node --require) into the processes the bench times: when the process exits, writes its peak
 * resident set size (getrusage ru_maxrss, via process.resourceUsage().maxRSS, in KiB) and the CPU time it
 * used (user + system, all threads, in ms) to the file named by BENCH_RSS_FILE. It does nothing else and
 * adds no work before the exit.
 */
import { writeFileSync } from "fs";

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
  });
}
