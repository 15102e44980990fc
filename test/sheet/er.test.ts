/** The ER name forms, the calls of a formula, and the cells an ER call reads (src/sheet/er.ts, src/sheet/reads.ts). */
import { FUNCTIONS } from "../../src/functions/registry";
import { knownFunctionNames } from "../../src/engine/names";
import { erCall, erCallsIn, erFormula, erIdOf, savedErCall, typedFormula } from "../../src/sheet/er";
import { emptyCells, erReads, isEmptyValue, MAX_CHECKED_RANGE, type CellReader, type WorkbookNames } from "../../src/sheet/reads";
import type { CellValue } from "../../src/sheet/errors";
import { BARE_IDS } from "../../src/taskpane/model/formulas";

const book: WorkbookNames = { sheetNamed: (s) => (s.toLowerCase() === "missing" ? undefined : s) };

test("an ER call is written in one place, in both of its forms", () => {
  expect(erCall("EIA_TOTAL", ["A1:A3", "B1:B3"])).toBe("ER.EIA_TOTAL(A1:A3,B1:B3)");
  expect(erFormula("INITIAL_RIGHT", "B2", "C2")).toBe("=ER.INITIAL_RIGHT(B2,C2)");
  expect(savedErCall("EIA_TOTAL", "A1:A3,B1:B3")).toBe("_xldudf_ER_EIA_TOTAL(A1:A3,B1:B3)");
  expect(typedFormula(`=${savedErCall("EIA_TOTAL", "A1")}`)).toBe(`=${erCall("EIA_TOTAL", "A1")}`);
});

test("the three name forms of an ER function, and the prefixes Excel hides", () => {
  const bare = new Set(["INITIAL_RIGHT"]);
  expect(erIdOf("ER.initial_right", bare)).toBe("INITIAL_RIGHT");
  expect(erIdOf("_xldudf_ER_INITIAL_RIGHT", bare)).toBe("INITIAL_RIGHT");
  expect(erIdOf("_xlfn._xldudf_ER_INITIAL_RIGHT", bare)).toBe("INITIAL_RIGHT");
  expect(erIdOf("initial_right", bare)).toBe("INITIAL_RIGHT");
  expect(erIdOf("SUM", bare)).toBeUndefined();
  expect(erIdOf("_xldudf_OTHER_F", bare)).toBeUndefined();
});

test("no registry id is also a built-in function's name, so every bare id is an ER call", () => {
  const builtIn = [...knownFunctionNames()].filter((n) => !n.startsWith("ER."));
  expect(FUNCTIONS.map((f) => f.id).filter((id) => builtIn.includes(id))).toEqual([]);
  expect([...BARE_IDS].sort()).toEqual(FUNCTIONS.map((f) => f.id).sort());
});

test("the calls of a formula with their arguments, nested calls included; strings and quoted sheets are not calls", () => {
  expect(erCallsIn("=SUM(ER.INITIAL_RIGHT_PHASED('Table 3'!C4:E4, F4:H4), _xldudf_ER_INITIAL_RIGHT(MAX(A1,A2),{1,2}))", BARE_IDS)).toEqual([
    { id: "INITIAL_RIGHT_PHASED", args: ["'Table 3'!C4:E4", "F4:H4"] },
    { id: "INITIAL_RIGHT", args: ["MAX(A1,A2)", "{1,2}"] },
  ]);
  expect(erCallsIn("=ER.EIA_TOTAL(ER.EIA_TOTAL(A1),B1)", BARE_IDS)).toEqual([
    { id: "EIA_TOTAL", args: ["ER.EIA_TOTAL(A1)", "B1"] },
    { id: "EIA_TOTAL", args: ["A1"] },
  ]);
  expect(erCallsIn('="ER.EIA_TOTAL(A1)"&\'EIA_TOTAL(x\'!A1', BARE_IDS)).toEqual([]);
  expect(erCallsIn("=ER.ACTUAL_EMISSION()", BARE_IDS)).toEqual([{ id: "ACTUAL_EMISSION", args: [] }]);
});

test("erReads finds the ranges ER formulas read, in every form a workbook names them", () => {
  expect(erReads("=ER.INITIAL_RIGHT_PHASED(C4:E4,F4:H4)", "T", BARE_IDS, book)).toEqual([
    { id: "INITIAL_RIGHT_PHASED", ranges: [{ sheet: "T", row: 3, col: 2, rows: 1, cols: 3 }, { sheet: "T", row: 3, col: 5, rows: 1, cols: 3 }] },
  ]);
  expect(erReads("=_xlfn.IFNA(_xldudf_ER_EIA_TOTAL('表3 分期对比 Table 3'!C4:E4,'表3 分期对比 Table 3'!F4:H4),\"-\")", "T", BARE_IDS, book)[0]).toEqual({
    id: "EIA_TOTAL",
    ranges: [
      { sheet: "表3 分期对比 Table 3", row: 3, col: 2, rows: 1, cols: 3 },
      { sheet: "表3 分期对比 Table 3", row: 3, col: 5, rows: 1, cols: 3 },
    ],
  });
  expect(erReads("=INITIAL_RIGHT(B2, 100) + SUM(A1:A3)", "T", BARE_IDS, book)).toEqual([{ id: "INITIAL_RIGHT", ranges: [{ sheet: "T", row: 1, col: 1, rows: 1, cols: 1 }] }]);
  expect(erReads("=SUM(A1:A3)", "T", BARE_IDS, book)).toEqual([]);
});

test("a defined name reads the range it stands for; a sheet the workbook lacks reads nothing; sheet names match in any case", () => {
  const names: WorkbookNames = {
    sheetNamed: (s) => ({ data: "Data", t: "T" })[s.toLowerCase()],
    nameFormula: (name) => ({ eia_1: "=Data!$B$2:$D$2", constant: "=0.5" })[name.toLowerCase()],
  };
  expect(erReads("=ER.EIA_TOTAL(EIA_1, DATA!B3:D3, Missing!A1, constant)", "T", BARE_IDS, names)).toEqual([
    { id: "EIA_TOTAL", ranges: [{ sheet: "Data", row: 1, col: 1, rows: 1, cols: 3 }, { sheet: "Data", row: 2, col: 1, rows: 1, cols: 3 }] },
  ]);
});

test("empty: no formula, and no value or the empty text; each once; too large a range unchecked; cells not read skipped", () => {
  expect([null, "", undefined].map((v) => isEmptyValue(v as CellValue))).toEqual([true, true, true]);
  expect([0, " ", "/", false, { error: "#N/A" }].map((v) => isEmptyValue(v as CellValue))).toEqual([false, false, false, false, false]);
  expect(isEmptyValue(null, "=A1")).toBe(false);
  const values: Record<string, CellValue> = { "0,0": 1, "0,1": null, "0,2": "" };
  const reader: CellReader = { cell: (s, r, c) => (s === "T" && r === 0 && c < 3 ? { value: values[`${r},${c}`] } : undefined) };
  const line = { sheet: "T", row: 0, col: 0, rows: 1, cols: 3 };
  expect(emptyCells([line, line, { ...line, col: 2, cols: 5 }], reader)).toEqual({
    cells: [
      { sheet: "T", row: 0, col: 1 },
      { sheet: "T", row: 0, col: 2 },
    ],
    unchecked: 0,
  });
  expect(emptyCells([{ sheet: "T", row: 0, col: 0, rows: MAX_CHECKED_RANGE + 1, cols: 1 }], reader)).toEqual({ cells: [], unchecked: 1 });
});
