/**
 * A smoke run of the benchmark (`npm run bench`) on a small province: it must keep working end to end,
 * print one JSON object with the keys of issue 6, and the ER and built-in workbooks must agree. The bench
 * is not a timed test: no figure is compared with its target here.
 */
import { spawnSync } from "child_process";
import { existsSync } from "fs";
import { join } from "path";
import type { TargetName } from "../../bench/main";
import { ROOT } from "../helpers";

const KEYS = [
  "engine_ratio",
  "cli_ratio",
  "calls_per_second",
  "functions_js_bytes",
  "taskpane_js_bytes",
  "functions_json_bytes",
  "peak_memory_bytes",
  "monitoring_peak_memory_bytes",
  "monitoring_ms",
] as const;
const TARGETS: readonly TargetName[] = ["engine_ratio", "cli_ratio", "calls_per_second", "functions_js_bytes", "peak_memory_bytes", "monitoring_peak_memory_bytes"];
/** Hours of the monitoring-sized workbook in this smoke run (the bench's default is a year, 8,760). */
const HOURS = 24;

interface BenchJson {
  [key: string]: unknown;
  agree: boolean;
  errors: string[];
  calls_per_second_by_function: Record<string, number>;
  targets: Record<string, { value: number | null; target: string; pass: boolean | null }>;
  details: {
    verification: { agree: boolean; rights: number; performance: number; mismatches: number };
    cli: { output_check: { formulas: number; wrong: number } };
    monitoring: { workbook: { hours: number; units: number; columns_per_unit: number; cells: number; formulas: number }; summary: string };
  };
}

let bench: BenchJson;

beforeAll(() => {
  for (const f of ["dist/functions.js", "lib/engine/engine.js", "bin/emission-rights.js"]) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const args = ["run", "--silent", "bench", "--", "--plants", "50", "--json", "--runs", "1", "--cli-runs", "1", "--call-seconds", "0.05", "--monitoring-rows", String(HOURS), "--no-build"];
  const r = spawnSync(npm, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`npm ${args.join(" ")} exited with ${r.status}:\n${r.stderr}\n${r.stdout}`);
  bench = JSON.parse(r.stdout) as BenchJson;
}, 120000);

test("prints one JSON object with every key of the issue, each a measured number", () => {
  for (const k of KEYS) {
    expect(typeof bench[k]).toBe("number");
    expect(Number.isFinite(bench[k] as number)).toBe(true);
    expect(bench[k] as number).toBeGreaterThan(0);
  }
  expect(Object.keys(bench.calls_per_second_by_function).sort()).toEqual(["INITIAL_RIGHT_PHASED", "INITIAL_RIGHT_TOTAL", "PERFORMANCE_EMISSION"]);
  expect(bench.calls_per_second).toBe(Math.min(...Object.values(bench.calls_per_second_by_function)));
  for (const t of TARGETS) expect(bench.targets[t].value).toBe(bench[t]);
  expect(bench.errors).toEqual([]);
});

test("the ER and built-in workbooks compute the same rights", () => {
  expect(bench.agree).toBe(true);
  expect(bench.details.verification).toMatchObject({ agree: true, rights: 50 * 4, mismatches: 0 });
  expect(bench.details.verification.performance).toBeGreaterThan(50 * 2 * 2);
});

test("the CLI's copy carries the values the engine computed", () => {
  expect(bench.details.cli.output_check.wrong).toBe(0);
  expect(bench.details.cli.output_check.formulas).toBeGreaterThan(0);
});

test("the monitoring-sized workbook goes through recalc --out, timed, with its peak memory", () => {
  // hours x 12 units x (flow, 3 concentrations, 2 emissions) and the hour, a header row, and a Year sheet
  // of 12 units x (name, SO2 total, NOx total) with its header.
  expect(bench.details.monitoring.workbook).toEqual({ hours: HOURS, units: 12, columns_per_unit: 6, cells: (HOURS + 1) * 73 + 13 * 3, formulas: HOURS * 24 + 24, xlsx_bytes: expect.any(Number) as number });
  expect(bench.targets.monitoring_peak_memory_bytes).toMatchObject({ target: "<= 1073741824" });
  expect(bench.targets.peak_memory_bytes).toMatchObject({ target: "<= 314572800" });
  expect(bench.targets.cli_ratio).toMatchObject({ target: "<= 0.8" });
});
