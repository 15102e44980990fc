/**
 * Calls per second of the custom functions as Excel calls them: the built dist/functions.js run as a
 * script in a global scope that provides a stub `CustomFunctions`, the functions called through what the
 * bundle associated, with Excel-shaped arguments: scalars for PERFORMANCE_EMISSION (the omitted optional
 * medium as null), ranges as rows of cells for the rights (a column of 3 phases: [[e1], [e2], [e3]], with
 * the '-' and '/' marks as text).
 *
 * Two ways of loading the bundle are measured:
 * - "script": vm.runInThisContext in a process of its own, the way the shared runtime's page loads
 *   functions.js with a <script> tag: the bundle's globals (Math, Array, Number...) are ordinary globals.
 *   This is the figure the bench reports.
 * - "vm-context": vm.runInContext in a fresh context, as the tests load the bundle (test/functions/bundle.ts).
 *   Node's contextified global answers every global lookup through an interceptor (about 0.2 µs each
 *   instead of a few ns), which no Excel runtime has, so this figure mostly measures Node's vm; it is
 *   reported as a detail.
 */
import { readFileSync } from "fs";
import { createContext, runInContext, runInThisContext } from "vm";
import { median, round } from "./stats";
import { PHASES, type Plant } from "./workbook";

export const MEASURED_FUNCTIONS = ["INITIAL_RIGHT_PHASED", "INITIAL_RIGHT_TOTAL", "PERFORMANCE_EMISSION"] as const;
export type MeasuredFunction = (typeof MEASURED_FUNCTIONS)[number];

type Fn = (...args: unknown[]) => unknown;

class StubError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
};

export type LoadMode = "script" | "vm-context";

/**
 * The functions dist/functions.js associates, by id. "script" defines `CustomFunctions` on this
 * process's global object (run it in a process of its own).
 */
export function loadFunctions(bundleFile: string, mode: LoadMode): Map<string, Fn> {
  const functions = new Map<string, Fn>();
  const customFunctions = { associate: (id: string, fn: Fn) => functions.set(id, fn), Error: StubError, ErrorCode: ERROR_CODES };
  const code = readFileSync(bundleFile, "utf8");
  if (mode === "script") {
    (globalThis as Record<string, unknown>).CustomFunctions = customFunctions;
    runInThisContext(code, { filename: "functions.js" });
  } else {
    const sandbox: Record<string, unknown> = { CustomFunctions: customFunctions, console };
    createContext(sandbox);
    runInContext(code, sandbox, { filename: "functions.js" });
  }
  return functions;
}

/** Argument lists of each function, from the plants of the workbook, as Excel would pass them. */
export function excelArguments(plants: readonly Plant[], size = 4096): Record<MeasuredFunction, unknown[][]> {
  const phased: unknown[][] = [];
  const emission: unknown[][] = [];
  for (let i = 0; phased.length < size || emission.length < size; i++) {
    const plant = plants[i % plants.length];
    for (let j = 0; j < 2; j++) {
      const eia: unknown[][] = [];
      const performance: unknown[][] = [];
      for (let k = 0; k < PHASES; k++) {
        const ph = plant.phases[k];
        if (ph.volume === null) {
          eia.push(["/"]);
          performance.push(["/"]);
          continue;
        }
        eia.push([ph.eia[j] ?? "-"]);
        performance.push([(ph.volume * ph.limits[j]) / 1e9]);
        if (emission.length < size) emission.push([ph.volume, ph.limits[j], null]);
      }
      if (phased.length < size) phased.push([eia, performance]);
    }
  }
  return { INITIAL_RIGHT_PHASED: phased, INITIAL_RIGHT_TOTAL: phased, PERFORMANCE_EMISSION: emission };
}

export interface CallsResult {
  readonly mode: LoadMode;
  /** Median calls per second of each function. */
  readonly perFunction: Record<MeasuredFunction, number>;
  /** The slowest function's rate. */
  readonly min: number;
  readonly repetitions: number;
  readonly secondsPerRepetition: number;
}

/**
 * Measures each function: one warm-up repetition, then `repetitions` timed ones of at least `seconds`
 * each, cycling through the argument lists; the median rate of each function. Every result must be a
 * number (an error thrown or returned would mean the arguments were not what Excel passes).
 */
export function measureCalls(bundleFile: string, plants: readonly Plant[], mode: LoadMode, repetitions = 5, seconds = 0.4): CallsResult {
  const functions = loadFunctions(bundleFile, mode);
  const args = excelArguments(plants);
  const perFunction = {} as Record<MeasuredFunction, number>;
  for (const id of MEASURED_FUNCTIONS) {
    const fn = functions.get(id);
    if (!fn) throw new Error(`dist/functions.js does not associate ${id}`);
    const list = args[id];
    for (const a of list) {
      const r = fn(...a);
      if (typeof r !== "number") throw new Error(`${id}(${JSON.stringify(a)}) gave ${JSON.stringify(r)}, not a number`);
    }
    const rates: number[] = [];
    for (let rep = 0; rep <= repetitions; rep++) {
      const rate = timeCalls(fn, list, seconds);
      if (rep > 0) rates.push(rate);
    }
    perFunction[id] = round(median(rates));
  }
  return { mode, perFunction, min: Math.min(...Object.values(perFunction)), repetitions, secondsPerRepetition: seconds };
}

/** Calls `fn` over `list` in batches until `seconds` have passed; calls per second. */
function timeCalls(fn: Fn, list: readonly unknown[][], seconds: number): number {
  const n = list.length;
  const mask = n - 1; // n is a power of two
  const batch = 20000;
  let calls = 0;
  let sink = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < batch; i++) {
      const a = list[(calls + i) & mask];
      sink += (a.length === 3 ? fn(a[0], a[1], a[2]) : fn(a[0], a[1])) as number;
    }
    calls += batch;
    elapsed = (performance.now() - start) / 1000;
  } while (elapsed < seconds);
  if (!Number.isFinite(sink)) throw new Error("a call gave a non-finite result");
  return calls / elapsed;
}
