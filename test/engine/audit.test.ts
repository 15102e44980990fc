import { join } from "path";
import { auditWorkbook, type Finding } from "../../src/engine/audit";
import { readWorkbook } from "../../src/engine/xlsx";
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
