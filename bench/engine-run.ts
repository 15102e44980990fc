/**
 * One timed headless recalculation, in a process of its own (so that every sample starts from the same
 * cold state, as a command-line run does): generates the workbook, then times Engine.create (HyperFormula
 * builds the workbook and computes every formula) plus reading every computed value back.
 *
 * Usage: node engine-run.js <plants> <er|builtin> [seed]. Prints one JSON line.
 */
import { Engine, type CellContent } from "../src/engine/engine";
import { buildSheets, generatePlants, RIGHTS_SHEET, type Variant } from "./workbook";

export interface EngineSample {
  readonly variant: Variant;
  /** Engine.create plus reading all values, in milliseconds. */
  readonly ms: number;
  readonly createMs: number;
  readonly readMs: number;
  /** CPU time of the timed part (user + system, all threads: V8 collects garbage on helper threads). */
  readonly cpuMs: number;
  /** Sum of the rights sheet's numbers: the same for both variants when they agree. */
  readonly checksum: number;
  readonly maxRssKb: number;
}

function main(): void {
  const plants = Number(process.argv[2]);
  const variant = process.argv[3] as Variant;
  const seed = process.argv[4] === undefined ? undefined : Number(process.argv[4]);
  if (!(plants > 0) || (variant !== "er" && variant !== "builtin")) throw new Error("usage: engine-run <plants> <er|builtin> [seed]");
  const sheets = buildSheets(generatePlants(plants, seed), variant) as Record<string, CellContent[][]>;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const engine = Engine.create(sheets);
  const t1 = performance.now();
  const values = Object.keys(sheets).map((name) => engine.getSheetValues(name));
  const t2 = performance.now();
  const cpu = process.cpuUsage(c0);
  let checksum = 0;
  const rights = values[Object.keys(sheets).indexOf(RIGHTS_SHEET)];
  for (const row of rights) for (const v of row) if (typeof v === "number") checksum += v;
  const sample: EngineSample = { variant, ms: t2 - t0, createMs: t1 - t0, readMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000, checksum, maxRssKb: process.resourceUsage().maxRSS };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

main();
