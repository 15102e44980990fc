/**
 * Runs a Node script as a child process, the way a user runs a command, and measures it: wall time from
 * the spawn to the exit, and peak memory.
 *
 * Peak memory is the child's own getrusage ru_maxrss, reported at exit by a preloaded module
 * (rss-report.js, `node --require`): exact, and the same on every Linux kernel. /proc/<pid>/status VmHWM
 * is also sampled every 50 ms while the child runs, as a cross-check and as the fallback should the
 * report be missing (a child killed by a signal never runs its exit handlers).
 */
import { spawn } from "child_process";
import { readFileSync, rmSync } from "fs";
import { join } from "path";

export interface ProcessRun {
  readonly ms: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak resident set size in bytes, or null when it could not be measured. */
  readonly maxRssBytes: number | null;
  /** "rusage" when the child reported it, "VmHWM" when only the sampling saw it. */
  readonly rssSource: "rusage" | "VmHWM" | null;
  /** CPU time of the child (user + system, all its threads) in ms, or null when it did not report. */
  readonly cpuMs: number | null;
}

const RSS_REPORT = join(__dirname, "rss-report.js");

function vmHwmKb(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `node --require rss-report.js <args>` in `cwd`; `rssFile` is a scratch path for the report. */
export function runNode(args: readonly string[], options: { cwd: string; rssFile: string; env?: NodeJS.ProcessEnv; maxOutput?: number }): Promise<ProcessRun> {
  const maxOutput = options.maxOutput ?? 64 * 1024 * 1024;
  rmSync(options.rssFile, { force: true });
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ["--require", RSS_REPORT, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, BENCH_RSS_FILE: options.rssFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let exitedAt = 0;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    child.stdout.on("data", (b: Buffer) => {
      outBytes += b.length;
      if (outBytes <= maxOutput) out.push(b);
    });
    child.stderr.on("data", (b: Buffer) => err.push(b));
    let hwm = 0;
    const sampler = setInterval(() => {
      if (child.pid !== undefined) hwm = Math.max(hwm, vmHwmKb(child.pid) ?? 0);
    }, 50);
    child.on("error", (e) => {
      clearInterval(sampler);
      reject(e);
    });
    child.on("exit", () => {
      exitedAt = performance.now();
      clearInterval(sampler);
    });
    child.on("close", (code, signal) => {
      const ms = (exitedAt || performance.now()) - start;
      let maxRssBytes: number | null = null;
      let rssSource: ProcessRun["rssSource"] = null;
      let cpuMs: number | null = null;
      try {
        const report = JSON.parse(readFileSync(options.rssFile, "utf8")) as { maxRssKb: number; cpuMs: number };
        maxRssBytes = report.maxRssKb * 1024;
        cpuMs = report.cpuMs;
        rssSource = "rusage";
      } catch {
        if (hwm > 0) {
          maxRssBytes = hwm * 1024;
          rssSource = "VmHWM";
        }
      }
      rmSync(options.rssFile, { force: true });
      resolve({ ms, code, signal, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), maxRssBytes, rssSource, cpuMs });
    });
  });
}
