import { join } from "path";
import { auditWorkbook, type Finding } from "../../src/engine/audit";
import { readWorkbook } from "../../src/engine/workbook";
import { tempDir, writeWorkbook, type CellSpec } from "./fixtures";

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

async function audit(rows: CellSpec[][], decorate?: Parameters<typeof writeWorkbook>[2], options: { recomputeAll?: boolean } = {}) {
  const file = join(tmp.dir, "a.xlsx");
  await writeWorkbook(file, { S: rows }, decorate);
  const wb = await readWorkbook(file, options);
  const report = auditWorkbook(wb);
  wb.engine.destroy();
  const at = (address: string): Finding[] => report.findings.filter((f) => f.address === address);
  return { report, at };
}

test("a clean workbook", async () => {
  const { report } = await audit([[1562, 2268, { formula: "_xldudf_ER_INITIAL_RIGHT(A1,B1)", result: 1562 }, { formula: "A1+B1", result: 3830 }]]);
  expect(report).toMatchObject({ formulas: 2, erFormulas: 1, findings: [], clean: true });
});

test("stored values are judged at the cell's displayed precision", async () => {
  const { report, at } = await audit(
    [
      [4113.6, 4488.7, { formula: "_xldudf_ER_PERFORMANCE_TOTAL({1980,1456},A1:B1)", result: 8602.304 }],
      [4113.6, 4488.7, { formula: "_xldudf_ER_PERFORMANCE_TOTAL({1980,1456},A2:B2)", result: 8602.31 }],
      [4113.6, 4488.7, { formula: "ER.PERFORMANCE_TOTAL({1980,1456},A3:B3)", result: 4301.1 }],
      [4113.6, 4488.7, { formula: "A4+B4", result: 8602.300000000001 }],
    ],
    (wb) => {
      const ws = wb.getWorksheet("S")!;
      for (const a of ["C1", "C2", "C3"]) ws.getCell(a).numFmt = "0.00";
    },
  );
  expect(at("C1")).toEqual([]);
  expect(at("C2")).toEqual([expect.objectContaining({ kind: "changed", stored: 8602.31, value: 8602.3 })]);
  expect(at("C3")).toEqual([expect.objectContaining({ kind: "changed", stored: 4301.1, value: 8602.3 })]);
  expect(at("C4")).toEqual([]);
  expect(report.clean).toBe(false);
  expect(report.counts.changed).toBe(2);
});

test("a formula without a stored value, an ER formula ending in an error", async () => {
  const { report, at } = await audit([
    [1562, 2268, { formula: "_xldudf_ER_INITIAL_RIGHT(A1,B1)" }],
    ["x", 2268, { formula: "_xldudf_ER_INITIAL_RIGHT(A2,B2)", result: { error: "#VALUE!" } }],
    [1, 0, { formula: "A3/B3", result: { error: "#DIV/0!" } }],
  ]);
  expect(at("C1")).toEqual([expect.objectContaining({ kind: "missing", stored: null, value: 1562 })]);
  expect(at("C2")).toEqual([expect.objectContaining({ kind: "erError", value: "#VALUE!", message: expect.stringContaining("eia") })]);
  expect(at("C3")).toEqual([]); // not an ER formula, and the stored error is what Excel shows
  expect(report.clean).toBe(false);
});

test("ER formulas that read empty cells are warned about, without making the file unclean", async () => {
  const { report, at } = await audit(
    [
      [null, 2268, { formula: "_xldudf_ER_INITIAL_RIGHT(A1,B1)", result: 2268 }],
      [1562, null, { formula: "ER.INITIAL_RIGHT_PHASED(eia,Other!A1:A2)", result: 1 }],
      ["-", 4640, { formula: "SUM(A1:B2)+ER.INITIAL_RIGHT(A3,B3)", result: 2268 + 1562 + 4640 }],
    ],
    (wb) => {
      const other = wb.addWorksheet("Other");
      other.getCell("A2").value = 1;
      wb.definedNames.add("S!$A$1:$A$2", "eia");
    },
  );
  expect(at("C1")).toEqual([expect.objectContaining({ kind: "emptyInput", cells: ["A1"] })]);
  expect(at("C2")).toEqual([expect.objectContaining({ kind: "emptyInput", cells: ["A1", "Other!A1"] })]);
  expect(at("C3")).toEqual([]); // '-' is a mark, not an empty cell; SUM's range is not an ER argument
  expect(report.counts.emptyInput).toBe(2);
  expect(report.clean).toBe(true);
});

test("the audit's empty cells follow src/sheet/reads: an empty text is empty, sheet names match in any case, and are quoted as formulas quote them", async () => {
  const { report, at } = await audit(
    [
      ["", 2268, { formula: "_xldudf_ER_INITIAL_RIGHT(A1,B1)", result: 2268 }],
      [1562, 2268, { formula: "ER.INITIAL_RIGHT('a1'!A1,B2)", result: 2268 }],
    ],
    (wb) => void wb.addWorksheet("A1"),
  );
  expect(at("C1")).toEqual([expect.objectContaining({ kind: "emptyInput", cells: ["A1"] })]);
  expect(at("C2")).toEqual([expect.objectContaining({ kind: "emptyInput", cells: ["'A1'!A1"] })]);
  expect(report.counts.emptyInput).toBe(2);
});

test("formulas the engine cannot compute are not verified, not judged (with every formula recomputed)", async () => {
  const { report, at } = await audit([[{ formula: 'CONCAT("a","b")', result: "ab" }, { formula: "A1", result: "ab" }, { formula: "LEN(A1)+1", result: 3 }]], undefined, { recomputeAll: true });
  expect(at("A1")).toEqual([expect.objectContaining({ kind: "notVerified", message: expect.stringContaining("CONCAT") })]);
  expect(at("B1")).toEqual([expect.objectContaining({ kind: "notVerified", message: expect.stringContaining("A1: CONCAT") })]); // it reads A1
  expect(at("C1")).toEqual([expect.objectContaining({ kind: "notVerified", message: expect.stringContaining("LEN") })]); // its own reason first
  expect(report.counts.notVerified).toBe(3);
  expect(report.clean).toBe(true);
});

test("formulas that do not depend on an ER function keep the file's value and are not judged", async () => {
  const { report } = await audit([[1, { formula: 'CONCAT("a","b")', result: "ab" }, { formula: "A1*2", result: 5 }, { formula: "_xldudf_ER_INITIAL_RIGHT(A1,A1)", result: 1 }]]);
  expect(report).toMatchObject({ formulas: 3, erFormulas: 1, recomputed: 1, findings: [], clean: true });
});

describe("only results the audit stands behind are judged: the rest is not verified, never differs", () => {
  // A1 is an ER cell (1562 + ... = 1562); each row reads it through a cause Excel and the engine disagree on.
  const er: CellSpec = { formula: "_xldudf_ER_INITIAL_RIGHT(1562,2268)", result: 1562 };

  test("INDEX on a one-row range, approximate VLOOKUP on an unsorted table, SUMIF with an empty criterion, TEXT, a 3-D reference", async () => {
    const file = join(tmp.dir, "causes.xlsx");
    await writeWorkbook(file, {
      S1: [
        [er, 5, 6, 7],
        [{ formula: "INDEX(A1:D1,2)", result: 5 }, { formula: "SUM(A2,A1)", result: 1567 }], // Excel: the 2nd cell of the row; the engine: #NUM!
        [3, "c", { formula: "VLOOKUP(A1,A3:B5,2)", result: "b" }], // unsorted: Excel's binary search lands elsewhere
        [1, "a"],
        [2000, "b"],
        [{ formula: "SUMIF(A1:A5,E6)", result: 0 }], // E6 empty
        [{ formula: 'TEXT(A1,"#,##0.0")', result: "1,562.0" }],
      ],
      S2: [[null, null, 1]],
      S3: [[null, null, 1]],
      Total: [[{ formula: "COUNTA(S1:S3!A1)+A1*0", result: 3 }]],
    });
    const wb = await readWorkbook(file);
    const report = auditWorkbook(wb);
    wb.engine.destroy();
    const kind = (sheet: string, address: string) => report.findings.filter((f) => f.sheet === sheet && f.address === address).map((f) => [f.kind, f.message]);
    expect(kind("S1", "A2")).toEqual([["notVerified", expect.stringContaining("INDEX")]]);
    expect(kind("S1", "B2")).toEqual([["notVerified", "A2: " + "INDEX is not among the functions checked against Excel"]]); // a verified SUM reading it
    expect(kind("S1", "C3")).toEqual([["notVerified", expect.stringContaining("VLOOKUP")]]);
    expect(kind("S1", "A6")).toEqual([["notVerified", expect.stringContaining("SUMIF")]]);
    expect(kind("S1", "A7")).toEqual([["notVerified", expect.stringContaining("TEXT")]]);
    expect(kind("Total", "A1")).toEqual([["notVerified", expect.stringContaining("3-D reference S1:S3!A1")]]);
    expect(report.counts).toMatchObject({ changed: 0, missing: 0, notVerified: 6 });
    expect(report.clean).toBe(true);
  });

  test("an ER cell feeding a SUM feeding an unverified function: the SUM is judged (a stale value differs), the function is not verified", async () => {
    const { report, at } = await audit([[er, { formula: "SUM(A1,1)", result: 1000 }, { formula: "MEDIAN(B1,A1)", result: 1 }, { formula: "A1*2", result: 3124 }]]);
    expect(at("B1")).toEqual([expect.objectContaining({ kind: "changed", stored: 1000, value: 1563 })]);
    expect(at("C1")).toEqual([expect.objectContaining({ kind: "notVerified", message: expect.stringContaining("MEDIAN") })]);
    expect(at("D1")).toEqual([]);
    expect(report.clean).toBe(false);
  });

  test("an error masked by ISNA/IFERROR that comes from a cell not computed is not verified", async () => {
    const { report, at } = await audit([[er, { formula: "SQRT(-1)" }, { formula: "IF(ISNA(B1),0,B1)+A1", result: 1562 }, { formula: "IFERROR(B1,0)+A1", result: 1562 }]]);
    expect(at("C1")).toEqual([expect.objectContaining({ kind: "notVerified", message: expect.stringContaining("B1 is not computed") })]);
    expect(at("D1")).toEqual([expect.objectContaining({ kind: "notVerified", message: expect.stringContaining("B1 is not computed") })]);
    expect(report.counts).toMatchObject({ notComputed: 1, notVerified: 2, changed: 0 });
    expect(report.clean).toBe(true);
  });

  test("implicit intersection, & on numbers, \"\" in arithmetic, external references, names of letters then digits, a legacy array formula", async () => {
    const { report, at } = await audit(
      [
        [er, { formula: 'IF(A1>0,"",1)', result: "" }, { formula: "B1+A1" }, { formula: "ABS(B1)+A1*0", result: 0 }, { formula: 'IF(B1="","",B1*2)', result: "" }],
        [{ formula: "ROUND(A1:A3,0)", result: 1562 }, { formula: 'A1&" t"', result: "1562 t" }, { formula: "'[Book.xlsx]S'!A1+A1", result: 1563 }],
        [{ formula: "Plant1*2", result: 3124 }, { formula: "SUM(Emission2019)", result: 1562 }],
        [{ formula: "A1*{1,2}", result: 1562, shareType: "array", ref: "A4:B4" }, 3124],
      ],
      (wb) => {
        wb.definedNames.add("S!$A$1", "Plant1");
        wb.definedNames.add("S!$A$1:$A$2", "Emission2019");
      },
    );
    expect(at("C1")).toEqual([expect.objectContaining({ kind: "notVerified", message: expect.stringContaining('""') })]);
    expect(at("D1")).toEqual([expect.objectContaining({ kind: "notVerified", message: expect.stringContaining('""') })]); // ABS of ""
    expect(at("E1")).toEqual([]); // the guard took its "" branch: as in Excel
    expect(at("A2")).toEqual([expect.objectContaining({ kind: "notVerified", message: expect.stringContaining("A1:A3") })]);
    expect(at("B2")).toEqual([expect.objectContaining({ kind: "notVerified", message: expect.stringContaining("&") })]);
    expect(at("C2")).toEqual([expect.objectContaining({ kind: "notVerified", message: expect.stringContaining("another workbook") })]);
    expect(at("A3")).toEqual([]); // the name works: 3124, as stored
    expect(at("B3")).toEqual([expect.objectContaining({ kind: "notVerified", message: expect.stringContaining("A2") })]); // reads A2 through the name
    expect(at("A4")).toEqual([expect.objectContaining({ kind: "notVerified", message: expect.stringContaining("array formula") })]); // a legacy array formula
    expect(report.clean).toBe(true);
  });
});
