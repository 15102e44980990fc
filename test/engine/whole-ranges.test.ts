/**
 * Whole rows, whole columns and ranges that run to the sheet's edge cost what the used range costs, and
 * give what the whole range gives (issue 11, section 4).
 */
import fc from "fast-check";
import { isRuleError } from "../../src/core/errors";
import { Engine, type CellInput, type CellValue } from "../../src/engine/engine";
import { findFunction } from "../../src/functions/registry";
import { formatMessage } from "../../src/i18n/messages";

const ROWS = 1048576;
const COLS = 16384;

/** Time and memory taken by `f` (resident memory, which includes HyperFormula's graph). */
function measure<T>(f: () => T): { value: T; ms: number; mb: number } {
  global.gc?.();
  const rss = process.memoryUsage().rss;
  const t = Date.now();
  const value = f();
  return { value, ms: Date.now() - t, mb: (process.memoryUsage().rss - rss) / 1e6 };
}

describe("whole rows and columns in HyperFormula's own functions", () => {
  // 2,000 rows of three numbers: row i holds i, 2i, 3.
  const data: CellInput[][] = Array.from({ length: 2000 }, (_, i) => [i, 2 * i, 3]);
  const total = (1999 * 2000) / 2 * 3 + 3 * 2000;
  const formulas = [
    "=SUM(S!1:1048576)",
    "=SUM(S!A:XFD)",
    "=SUM(S!A1:XFD1048576)",
    "=SUM(S!G1:XFD1048576)",
    "=SUM(S!A2:A1048576)",
    "=SUM(S!2:1048576)",
    "=ROWS(S!1:1048576)",
    "=COLUMNS(S!A:XFD)",
    "=ROWS(S!A2:A1048576)",
    "=COLUMNS(S!G1:XFD1048576)",
  ];

  test("are computed over the used range, in bounded time and memory, and their size is unchanged", () => {
    const { value: e, ms, mb } = measure(() => Engine.create({ S: data, F: formulas.map((f) => [f]) }));
    const v = (i: number) => e.getValue("F", i, 0);
    expect([v(0), v(1), v(2), v(3), v(4), v(5)]).toEqual([total, total, total, 0, (1999 * 2000) / 2, total - 3]);
    expect([v(6), v(7), v(8), v(9)]).toEqual([ROWS, COLS, ROWS - 1, COLS - 6]);
    // Before: SUM(S!1:1048576) alone took 12 s and 2 GB on a 3-row sheet (one graph vertex per cell).
    expect(ms).toBeLessThan(8000);
    expect(mb).toBeLessThan(400);

    // A value typed past the used range (lower, and further right) still reaches every range that covers it.
    e.setCell("S", 5000, 2, 7);
    e.setCell("S", 0, 30, 1000);
    expect([v(0), v(1), v(2), v(3), v(4), v(5)]).toEqual([total + 1007, total + 1007, total + 1007, 1000, (1999 * 2000) / 2, total + 4]);
    e.destroy();
  });
});

/** What the registry's own function gives for these arguments, as a cell shows it (the unclipped oracle). */
function direct(id: string, ...args: unknown[]): CellValue {
  try {
    const v = findFunction(id)!.impl(...args);
    return v as CellValue;
  } catch (e) {
    if (!isRuleError(e)) throw e;
    return { error: e.code, message: formatMessage("en-US", e.key, e.params) };
  }
}

/** The cells of `rows` x `cols` starting at (top, left) of a sheet, materialized whole (empty: null). */
function materialize(sheet: CellInput[][], top: number, left: number, height: number, width: number): unknown[][] {
  const out = new Array<unknown[]>(height);
  for (let r = 0; r < height; r++) {
    const row = new Array<unknown>(width);
    const src = sheet[top + r];
    for (let c = 0; c < width; c++) row[c] = src?.[left + c] ?? null;
    out[r] = row;
  }
  return out;
}

const COLUMN_LETTERS = ["A", "B", "C"];

/** A range that runs to the sheet's edge, as written and as its corner and size. */
const edgeRange = fc.oneof(
  fc.integer({ min: 0, max: 2 }).map((c) => ({ text: `S!${COLUMN_LETTERS[c]}:${COLUMN_LETTERS[c]}`, top: 0, left: c, height: ROWS, width: 1 })),
  fc
    .record({ c: fc.integer({ min: 0, max: 2 }), r: fc.integer({ min: 0, max: 8 }) })
    .map(({ c, r }) => ({ text: `S!${COLUMN_LETTERS[c]}${r + 1}:${COLUMN_LETTERS[c]}${ROWS}`, top: r, left: c, height: ROWS - r, width: 1 })),
  fc.integer({ min: 0, max: 6 }).map((r) => ({ text: `S!${r + 1}:${r + 1}`, top: r, left: 0, height: 1, width: COLS })),
  fc.integer({ min: 0, max: 6 }).map((r) => ({ text: `S!A${r + 1}:XFD${r + 1}`, top: r, left: 0, height: 1, width: COLS })),
  // A range that does not reach the edge: read as written.
  fc.record({ c: fc.integer({ min: 0, max: 2 }), n: fc.integer({ min: 1, max: 9 }) }).map(({ c, n }) => ({ text: `S!${COLUMN_LETTERS[c]}1:${COLUMN_LETTERS[c]}${n}`, top: 0, left: c, height: n, width: 1 })),
);

/** A cell as regulators fill them: tonnes, marks, text, empty. */
const cell: fc.Arbitrary<CellInput> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 500000 }).map((n) => n / 100) },
  { weight: 2, arbitrary: fc.constantFrom<CellInput>("/", "-", null) },
  { weight: 1, arbitrary: fc.constantFrom<CellInput>("abc", -1) },
);
const smallSheet = fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 });

describe("ER functions over whole rows and columns", () => {
  test("give what the whole range gives: the value, the error and its message (property)", () => {
    const two = ["EIA_TOTAL", "PERFORMANCE_TOTAL", "INITIAL_RIGHT_PHASED", "INITIAL_RIGHT_TOTAL", "METHOD_DIFFERENCE"];
    fc.assert(
      fc.property(smallSheet, fc.constantFrom(...two, "REGIONAL_TOTAL"), edgeRange, edgeRange, (sheet, id, a, b) => {
        const formula = id === "REGIONAL_TOTAL" ? `=ER.${id}(${a.text})` : `=ER.${id}(${a.text},${b.text})`;
        const e = Engine.create({ S: sheet, F: [[formula]] });
        const got = e.getValue("F", 0, 0);
        e.destroy();
        const argA = materialize(sheet, a.top, a.left, a.height, a.width);
        const expected = id === "REGIONAL_TOTAL" ? direct(id, argA) : direct(id, argA, materialize(sheet, b.top, b.left, b.height, b.width));
        expect({ formula, got }).toEqual({ formula, got: expected });
      }),
      { numRuns: 10 },
    );
  });

  test("a range of the whole sheet is refused naming its size as written, without reading it", () => {
    const { value, ms } = measure(() => {
      const e = Engine.create({ S: [[1, 2], [3, 4]], F: [["=ER.EIA_TOTAL(S!1:1048576,S!A:XFD)"], ["=ER.EIA_TOTAL(S!A:A,S!B1:B2)"]] });
      const out = [e.getValue("F", 0, 0), e.getValue("F", 1, 0)];
      e.destroy();
      return out;
    });
    expect(value).toEqual([
      { error: "#VALUE!", message: formatMessage("en-US", "notLine", { arg: "eia", rows: ROWS, cols: COLS }) },
      { error: "#VALUE!", message: formatMessage("en-US", "lengthMismatch", { arg1: "eia", n1: ROWS, arg2: "performance", n2: 2 }) },
    ]);
    expect(ms).toBeLessThan(8000);
  });

  test("a date range past the used range is refused as the whole range is (more than two dates)", () => {
    const e = Engine.create({ S: [["2012-01-01"]], F: [['=ER.EMISSION_LIMIT("GB13223-2011","SO2",S!A:A)']] });
    expect(e.getValue("F", 0, 0)).toEqual(direct("EMISSION_LIMIT", "GB13223-2011", "SO2", materialize([["2012-01-01"]], 0, 0, ROWS, 1), null, null, null));
    expect(e.getValue("F", 0, 0)).toMatchObject({ error: "#VALUE!" });
    e.destroy();
  });

  test("a scalar parameter given a whole column runs once per row of the used range, and keeps up as the sheet grows", () => {
    const sheet: CellInput[][] = [[11.34e9, 200], [20.568e9, 200], ["/", 100]];
    const e = Engine.create({ S: sheet, F: [["=ER.PERFORMANCE_EMISSION(S!A:A,S!B:B)"]] });
    expect([0, 1, 2, 3].map((r) => e.getValue("F", r, 0))).toEqual([2268, 4113.6, "/", null]);
    e.setCells("S", 3, 0, [[2e9, 50]]);
    expect([0, 1, 2, 3, 4].map((r) => e.getValue("F", r, 0))).toEqual([2268, 4113.6, "/", 100, null]);
    e.destroy();
  });
});
