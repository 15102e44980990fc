/**
 * Property (issue 7, item 2): the headless engine and the Excel bundle give identical results for the
 * same cells. 10,000 generated plants, each a row of cells as a regulator's workbook holds them (numbers,
 * numbers stored as text, missing-value marks, empty cells, and some bad values), are computed once by the
 * engine as a workbook and once by dist/functions.js called as Excel calls it. Numbers must be equal to
 * the last bit; errors must have the same code and the bundle's message must be in the engine's.
 */
import fc from "fast-check";
import { Engine, type CellContent } from "../../src/engine/engine";
import { isCellError, type CellValue } from "../../src/sheet/errors";
import { loadBundle, StubError } from "../functions/bundle";

const CASES = 10000;

/** A cell as a workbook holds it. Two-decimal numbers, as emissions are kept. */
const cell: fc.Arbitrary<CellContent> = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 2_000_000 }).map((n) => n / 100) },
  { weight: 2, arbitrary: fc.constantFrom("-", "/", "—", "无", "N/A") },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2_000_000 }).map((n) => String(n / 100)) },
  { weight: 1, arbitrary: fc.constantFrom("abc", "1,200", "#DIV/0!", "#N/A", -5, true, 1e300) },
);

interface Case {
  eia: CellContent[];
  performance: CellContent[];
  volume: CellContent;
  limit: CellContent;
  /** Pass the bundle columns instead of rows (Excel passes a range as rows of cells). */
  columns: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  eia: fc.array(cell, { minLength: 3, maxLength: 3 }),
  performance: fc.array(cell, { minLength: 3, maxLength: 3 }),
  // Volumes in m3/a, whole millions or to the cubic centimetre; limits as the standard gives them or to
  // two decimals: products with more than 15 significant digits, which Excel keeps unrounded.
  volume: fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 30_000 }).map((n) => n * 1e6) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 3_000_000_000_000 }).map((n) => n / 100) },
    { weight: 1, arbitrary: cell },
  ),
  limit: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(20, 35, 50, 100, 200, 400, 1200) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((n) => n / 100) },
    { weight: 1, arbitrary: cell },
  ),
  columns: fc.boolean(),
});

/** A cell as Excel hands it to a custom function: an error cell is an error object. */
function excelArg(v: CellContent): unknown {
  return typeof v === "string" && /^#/.test(v) ? new StubError(v) : v;
}

const FORMULAS = [
  ["INITIAL_RIGHT_PHASED", (r: number) => `=ER.INITIAL_RIGHT_PHASED(A${r}:C${r},D${r}:F${r})`],
  ["INITIAL_RIGHT_TOTAL", (r: number) => `=ER.INITIAL_RIGHT_TOTAL(A${r}:C${r},D${r}:F${r})`],
  ["METHOD_DIFFERENCE", (r: number) => `=ER.METHOD_DIFFERENCE(A${r}:C${r},D${r}:F${r})`],
  ["EIA_TOTAL", (r: number) => `=ER.EIA_TOTAL(A${r}:C${r},D${r}:F${r})`],
  ["INITIAL_RIGHT", (r: number) => `=ER.INITIAL_RIGHT(A${r},D${r})`],
  ["PERFORMANCE_EMISSION", (r: number) => `=ER.PERFORMANCE_EMISSION(G${r},H${r})`],
] as const;

function bundleArgs(id: string, c: Case): unknown[] {
  const range = (cells: CellContent[]) => (c.columns ? cells.map((v) => [excelArg(v)]) : [cells.map(excelArg)]);
  if (id === "INITIAL_RIGHT") return [excelArg(c.eia[0]), excelArg(c.performance[0])];
  if (id === "PERFORMANCE_EMISSION") return [excelArg(c.volume), excelArg(c.limit), null];
  return [range(c.eia), range(c.performance)];
}

/** A number, or the "/" PERFORMANCE_EMISSION gives for a phase that does not exist, or an error. */
type Outcome = { value: number | "/" } | { error: string; message: string };

function fromEngine(v: CellValue): Outcome {
  if (isCellError(v)) return { error: v.error, message: v.message ?? "" };
  if (typeof v !== "number" && v !== "/") throw new Error(`engine gave ${JSON.stringify(v)}`);
  return { value: v };
}

function fromBundle(v: unknown): Outcome {
  if (v instanceof Object && "code" in v) return { error: String((v as StubError).code), message: String((v as StubError).message ?? "") };
  if (typeof v !== "number" && v !== "/") throw new Error(`bundle gave ${JSON.stringify(v)}`);
  return { value: v };
}

test(`the engine and the bundle agree on ${CASES} generated plants, for every function`, () => {
  const cases = fc.sample(caseArb, { numRuns: CASES, seed: 20261130 });
  const rows = cases.map((c, i) => [...c.eia, ...c.performance, c.volume, c.limit, ...FORMULAS.map(([, f]) => f(i + 1))]);
  const engine = Engine.create({ S: rows });
  const bundle = loadBundle();
  const counts = { numbers: 0, errors: 0, beyond15Digits: 0 };
  const mismatches: string[] = [];
  try {
    cases.forEach((c, i) => {
      FORMULAS.forEach(([id], k) => {
        const e = fromEngine(engine.getValue("S", i, 8 + k));
        const b = fromBundle(bundle.call(id, ...bundleArgs(id, c)));
        const same =
          "value" in e && "value" in b
            ? Object.is(e.value, b.value)
            : "error" in e && "error" in b && e.error === b.error && e.message.includes(b.message);
        if ("value" in e) counts.numbers++;
        else counts.errors++;
        if ("value" in b && typeof b.value === "number" && b.value !== Number(b.value.toPrecision(15))) counts.beyond15Digits++;
        if (!same && mismatches.length < 10) mismatches.push(`${id} row ${i + 1} ${JSON.stringify(c)}: engine ${JSON.stringify(e)}, bundle ${JSON.stringify(b)}`);
      });
    });
  } finally {
    engine.destroy();
  }
  expect(mismatches).toEqual([]);
  // The cases exercise every side: numbers, errors, and results HyperFormula alone would round.
  expect(counts.numbers).toBeGreaterThan(CASES * 2);
  expect(counts.errors).toBeGreaterThan(CASES);
  expect(counts.beyond15Digits).toBeGreaterThan(CASES / 10);
}, 120000);
