/**
 * The pane's actions on the in-memory workbook (the headless engine): the numbers on screen, the comparison
 * sheet's live formulas, making a table live and undoing it exactly, and the empty-cell guard.
 */
import { applyLive, compareSelection, compareSheet, findEmptyInErRanges, insertComparison, planLiveFor, StaleError, undoLive } from "../../src/taskpane/actions";
import { MemoryHost, typedToEngine } from "../../src/taskpane/host/memory";
import type { CellInput } from "../../src/taskpane/host/types";
import { sixPlants } from "../helpers";
import { plantsAcross, table1, table3, type Rows } from "./layouts";

const T5 = sixPlants.table5_comparison;

function workbook(sheets: Record<string, Rows>): MemoryHost {
  return new MemoryHost(Object.fromEntries(Object.entries(sheets).map(([k, cells]) => [k, { cells: cells.map((r) => r.map((v) => (typeof v === "string" && v.startsWith("'") ? v.slice(1) : v))) }])));
}

/** Every input of a sheet, as a user would retype it. */
function inputs(host: MemoryHost, sheet: string): CellInput[][] {
  const { rows, cols } = host.size(sheet);
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => host.input(sheet, r, c)));
}

test("typed inputs are read as Excel reads what a user types", () => {
  expect(["4113.6", "'4113.6", "=A1", "TRUE", "#n/a", "-", "", "SO2", 12, null].map(typedToEngine)).toEqual([4113.6, "4113.6", "=A1", true, "#N/A", "-", null, "SO2", 12, null]);
});

describe("on Table 3 as printed", () => {
  test("the whole-table view gives Table 5", async () => {
    const host = workbook({ "表3": table3() });
    const v = (await compareSheet(host, "表3"))!;
    for (const pol of ["so2", "nox"] as const) {
      const rs = v.results.filter((r) => r.group.pollutant === pol);
      expect(rs.map((r) => r.phased)).toEqual(T5[pol].phased);
      expect(rs.map((r) => r.total?.right)).toEqual(T5[pol].total);
      expect(rs.map((r) => r.difference)).toEqual(T5[pol].difference);
    }
  });

  test("the inserted comparison sheet holds live ER formulas that give Table 5, two decimals", async () => {
    const host = workbook({ "表3": table3() });
    const v = (await compareSheet(host, "表3"))!;
    const done = await insertComparison(host, v.analysis, "en-US");
    expect(done).toEqual({ sheet: "Comparison", formulas: 36 });
    expect(host.activeName()).toBe("Comparison");
    const row = (r: number) => Array.from({ length: 6 }, (_, j) => host.cell("Comparison", r, 2 + j));
    expect(row(2).map((c) => c.value)).toEqual(T5.so2.phased);
    expect(row(3).map((c) => c.value)).toEqual(T5.so2.total);
    expect(row(4).map((c) => c.value)).toEqual(T5.so2.difference);
    expect(row(5).map((c) => c.value)).toEqual(T5.nox.phased);
    expect(row(6).map((c) => c.value)).toEqual(T5.nox.total);
    expect(row(7).map((c) => c.value)).toEqual(T5.nox.difference);
    expect(row(2).every((c) => c.format === "0.00" && c.formula?.startsWith("=ER.INITIAL_RIGHT_PHASED("))).toBe(true);
    // live: a changed source cell changes the comparison
    host.setInputs("表3", 5, 4, [[5000]]); // plant 2, SO2 phase 2 EIA 12042 -> 5000
    expect(host.cell("Comparison", 2, 3).value).toBe(10904); // 4014 + 5000 + 1890
    expect(host.cell("Comparison", 3, 3).value).toBe(11234); // min(4014 + 5000 + 2220, 14345)
    // a second comparison sheet gets its own name
    expect((await insertComparison(host, v.analysis, "zh-CN")).sheet).toBe("对比结果");
  });

  test("make live, then undo: every old number comes back exactly and the added sheets go", async () => {
    const host = workbook({ "表3": table3() });
    const before = inputs(host, "表3");
    const v = (await compareSheet(host, "表3"))!;
    const plan = await planLiveFor(host, v.analysis, "zh-CN");
    const done = await applyLive(host, plan, "zh-CN");
    expect(done.auditSheet).toBe("审计");
    expect(done.undo.addedSheets).toEqual(["审计", "ER 输入"]);
    for (const c of plan.cells) {
      expect(host.cell("表3", c.row, c.col).formula).toBe(c.formula);
      expect(host.cell("表3", c.row, c.col).value).toBe(c.expected);
    }
    // the audit sheet: one row per replaced number, the old number as it was
    expect(host.cell("审计", 3, 0).value).toBe("表3!D5");
    expect(host.cell("审计", 3, 2).value).toBe(1562);
    expect(host.cell("审计", 3, 7).formula).toBe("='表3'!D5");
    const undone = await undoLive(host, done.undo);
    expect(undone).toEqual({ restored: 40, skipped: [], removedSheets: ["审计", "ER 输入"] });
    expect(inputs(host, "表3")).toEqual(before);
    expect(host.sheetList()).toEqual(["表3"]);
  });

  test("undo leaves alone a cell the user changed after the formulas were written", async () => {
    const host = workbook({ T3: table3() });
    const plan = await planLiveFor(host, (await compareSheet(host, "T3"))!.analysis, "en-US");
    const done = await applyLive(host, plan, "en-US");
    host.setInputs("T3", 4, 3, [[1600]]);
    const undone = await undoLive(host, done.undo);
    expect(undone.skipped).toEqual(["D5"]);
    expect(host.input("T3", 4, 3)).toBe(1600);
    expect(undone.restored).toBe(39);
  });

  test("a cell changed between planning and writing stops the write before anything is written", async () => {
    const host = workbook({ T3: table3() });
    const plan = await planLiveFor(host, (await compareSheet(host, "T3"))!.analysis, "en-US");
    host.setInputs("T3", 4, 3, [[1600]]);
    await expect(applyLive(host, plan, "en-US")).rejects.toBeInstanceOf(StaleError);
    expect(host.sheetList()).toEqual(["T3"]);
  });

  test("the selection of one plant's cells, read with the headers around it", async () => {
    const host = workbook({ T3: table3() });
    await host.select({ sheet: "T3", row: 12, col: 4, rows: 9, cols: 1 });
    const s = await compareSelection(host);
    expect(s.results).toHaveLength(1);
    expect(s.results[0].group).toMatchObject({ plant: "排污单位 2", pollutant: "nox" });
    expect([s.results[0].phased, s.results[0].total?.right]).toEqual([13399.5, 13399.5]);
  });
});

describe("on a table laid out differently (plants across, English headers, 10^9 m3)", () => {
  test("make live: performance from volume and limit, rights and totals; the numbers that differ; undo restores all", async () => {
    const host = workbook({ "Plants across": plantsAcross() });
    const before = inputs(host, "Plants across");
    const v = (await compareSheet(host, "Plants across"))!;
    const plan = await planLiveFor(host, v.analysis, "en-US");
    expect(plan.gatherRows).toEqual([]);
    const done = await applyLive(host, plan, "en-US");
    expect(done.undo.addedSheets).toEqual(["Audit"]);
    for (const c of plan.cells) {
      const got = host.cell("Plants across", c.row, c.col).value;
      if (c.expected !== null && typeof c.expected === "object") expect(got).toMatchObject({ error: c.expected.error });
      else expect(got).toBe(c.expected ?? "-"); // no EIA total: '-', as printed
    }
    // plant 2 SO2: 41.52e9 m3 x 200 mg/m3 is 8304 t/a, printed 8303
    const after = (await compareSheet(host, "Plants across"))!;
    expect(after.results.find((r) => r.group.plant === "Plant 2" && r.group.pollutant === "so2")?.total?.right).toBe(14346);
    const marks = Array.from({ length: plan.cells.length }, (_, i) => host.cell("Audit", 3 + i, 5).value).filter((m) => m === "≠");
    expect(marks.length).toBe(plan.cells.filter((c) => c.differs).length);
    expect(marks.length).toBeGreaterThan(0);
    await undoLive(host, done.undo);
    expect(inputs(host, "Plants across")).toEqual(before);
  });
});

describe("the empty-cell guard", () => {
  test("finds ER formulas that read truly empty cells, on the same sheet or another", async () => {
    const host = workbook({
      Data: [
        ["EIA", 1562, null, "-"],
        ["Performance", 2268, 4640, "/"],
      ],
      Sums: [["=ER.INITIAL_RIGHT_PHASED(Data!B1:D1,Data!B2:D2)", "=ER.INITIAL_RIGHT(Data!B1,Data!B2)", "=SUM(Data!C1)"]],
    });
    const read = (await host.read((await host.usedRange("Sums"))!))!;
    const found = await findEmptyInErRanges(host, read);
    expect(found).toEqual([{ at: "A1", sheet: "Sums", name: "INITIAL_RIGHT_PHASED", cells: [{ sheet: "Data", row: 0, col: 2, rows: 1, cols: 1 }] }]);
  });

  test("on the sheet itself, including empty cells below its used range", async () => {
    const host = workbook({
      T: [
        [null, "Phase 1", "Phase 2", "Right"],
        ["EIA", 1562, null, "=ER.INITIAL_RIGHT_PHASED(B2:C2,B3:C3)"],
        ["Performance", 2268, 4640, "=ER.INITIAL_RIGHT_TOTAL(B2:B5,C2:C5)"],
      ],
    });
    const read = await host.read((await host.usedRange("T"))!);
    const found = await findEmptyInErRanges(host, read);
    expect(found.map((f) => [f.at, f.cells.map((c) => `${c.row},${c.col}`)])).toEqual([
      ["D2", ["1,2"]],
      ["D3", ["3,1", "4,1", "1,2", "3,2", "4,2"]],
    ]);
  });
});

describe("Table 1 as printed", () => {
  test("make live writes ER.PERFORMANCE_EMISSION from volume and limit; undo restores", async () => {
    const host = workbook({ T1: table1() });
    const before = inputs(host, "T1");
    const plan = await planLiveFor(host, (await compareSheet(host, "T1"))!.analysis, "en-US");
    expect(plan.cells).toHaveLength(28);
    const done = await applyLive(host, plan, "en-US");
    expect(host.cell("T1", 5, 5).value).toBe(8304);
    await undoLive(host, done.undo);
    expect(inputs(host, "T1")).toEqual(before);
  });
});
