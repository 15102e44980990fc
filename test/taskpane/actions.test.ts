/**
 * The pane's actions on the in-memory workbook (the headless engine, moving cells and names as Excel does):
 * the numbers on screen, the comparison sheet's live formulas, making a table live and undoing it exactly,
 * also after rows and columns moved, the refusals with their reasons, the rollback of a half-done write, the
 * empty-cell guard, several selected areas, and the batches each action costs.
 */
import { applyLive, insertComparison, planLiveFor, readSelection, readTable, removeComparison, SpillError, StaleError, undoLive, WriteFailed, type TableView } from "../../src/taskpane/actions";
import { MemoryHost, typedToEngine } from "../../src/taskpane/host/memory";
import type { UserInput, RangeRef } from "../../src/taskpane/host/types";
import { sixPlants } from "../helpers";
import { plantsAcross, table1, table3, type Rows } from "./layouts";

const T5 = sixPlants.table5_comparison;

function workbook(sheets: Record<string, Rows>): MemoryHost {
  return new MemoryHost(Object.fromEntries(Object.entries(sheets).map(([k, cells]) => [k, { cells: cells.map((r) => r.map((v) => (typeof v === "string" && v.startsWith("'") ? v.slice(1) : v))) }])));
}

/** Every input of a sheet, as a user would retype it. */
function inputs(host: MemoryHost, sheet: string): UserInput[][] {
  const { rows, cols } = host.size(sheet);
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => host.input(sheet, r, c)));
}

async function table(host: MemoryHost, sheet: string): Promise<TableView> {
  return (await readTable(host, sheet)).table as TableView;
}

/** Makes the sheet live as the pane does: read, plan, write. */
async function makeLive(host: MemoryHost, sheet: string, locale: "en-US" | "zh-CN" = "en-US") {
  const read = await readTable(host, sheet);
  const plan = await planLiveFor(host, read.table!.analysis, read.sheets, locale);
  return { plan, done: await applyLive(host, plan, locale) };
}

test("typed inputs are read as Excel reads what a user types", () => {
  expect(["4113.6", "'4113.6", "=A1", "TRUE", "#n/a", "-", "", "SO2", 12, null, "'=A1"].map(typedToEngine)).toEqual([4113.6, { text: "4113.6" }, "=A1", true, "#N/A", { text: "-" }, null, { text: "SO2" }, 12, null, { text: "=A1" }]);
});

describe("on Table 3 as printed", () => {
  test("the whole-table view gives Table 5, in one batch of two syncs", async () => {
    const host = workbook({ "表3": table3() });
    const v = await table(host, "表3");
    for (const pol of ["so2", "nox"] as const) {
      const rs = v.results.filter((r) => r.group.pollutant === pol);
      expect(rs.map((r) => r.phased)).toEqual(T5[pol].phased);
      expect(rs.map((r) => r.total?.right)).toEqual(T5[pol].total);
      expect(rs.map((r) => r.difference)).toEqual(T5[pol].difference);
    }
    expect(host.stats).toEqual({ runs: 1, syncs: 2 });
  });

  test("the inserted comparison sheet holds live ER formulas that give Table 5, two decimals", async () => {
    const host = workbook({ "表3": table3() });
    const v = await table(host, "表3");
    const done = await insertComparison(host, v.analysis, "en-US");
    expect(done).toMatchObject({ sheet: "Comparison", formulas: 36 });
    expect(host.activeName()).toBe("Comparison");
    const row = (r: number) => Array.from({ length: 6 }, (_, j) => host.cell("Comparison", r, 2 + j));
    expect(row(2).map((c) => c.value)).toEqual(T5.so2.phased);
    expect(row(3).map((c) => c.value)).toEqual(T5.so2.total);
    expect(row(4).map((c) => c.value)).toEqual(T5.so2.difference);
    expect(row(5).map((c) => c.value)).toEqual(T5.nox.phased);
    expect(row(6).map((c) => c.value)).toEqual(T5.nox.total);
    expect(row(7).map((c) => c.value)).toEqual(T5.nox.difference);
    expect(row(2).every((c) => c.format === "0.00" && c.formula?.startsWith("=ER.INITIAL_RIGHT_PHASED("))).toBe(true);
    // The label columns are fitted to their text ("Phased comparison (recommended)"), not to the long title of row 1.
    const [a, b] = host.columnWidths("Comparison");
    expect(b).toBeGreaterThan(200);
    expect(a).toBeLessThan(200);
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
    const { plan, done } = await makeLive(host, "表3", "zh-CN");
    expect(done.auditSheet).toBe("审计");
    expect(done.undo.helpers.map((h) => h.sheet)).toEqual(["审计", "ER 输入"]);
    for (const c of plan.cells) {
      expect(host.cell("表3", c.row, c.col).formula).toBe(c.formula);
      expect(host.cell("表3", c.row, c.col).value).toBe(c.expected);
    }
    // the audit sheet: one row per replaced number, the old number as it was, the formula as text
    expect(host.cell("审计", 3, 0).value).toBe("表3!D5");
    expect(host.cell("审计", 3, 2).value).toBe(1562);
    expect(host.cell("审计", 3, 6)).toEqual({ value: "=ER.INITIAL_RIGHT(D3,D4)" });
    expect(host.cell("审计", 3, 7).formula).toBe("='表3'!D5");
    // the written cells and the ranges their formulas read are tracked by hidden names
    expect(host.nameList().filter((n) => n.name.startsWith(done.undo.prefix)).length).toBe(done.undo.names.length);
    const undone = await undoLive(host, done.undo);
    expect(undone).toEqual({ restored: 40, refused: [], removedSheets: ["审计", "ER 输入"], keptSheets: [] });
    expect(inputs(host, "表3")).toEqual(before);
    expect(host.sheetList()).toEqual(["表3"]);
    expect(host.nameList().filter((n) => n.name.startsWith(done.undo.prefix))).toEqual([]);
  });

  test("the audit sheet's 'Formula written' column is text: never computed, never flagged, never made live", async () => {
    const host = workbook({ T3: table3() });
    const { plan, done } = await makeLive(host, "T3");
    const written = plan.cells.map((_, i) => host.cell(done.auditSheet, 3 + i, 6));
    expect(written.every((c, i) => c.formula === undefined && c.value === plan.cells[i].formula)).toBe(true);
    const audit = await readTable(host, done.auditSheet);
    expect(audit.empties).toEqual([]);
    const again = await planLiveFor(host, audit.table!.analysis, audit.sheets, "en-US");
    expect(again.cells).toEqual([]);
  });

  test("undo after rows and columns were inserted above and left of the table puts every number back where it moved", async () => {
    const host = workbook({ T3: table3(), Notes: [["see T3"]] });
    const before = inputs(host, "T3");
    const { done } = await makeLive(host, "T3");
    host.insertRows("T3", 0, 3);
    host.insertColumns("T3", 0, 2);
    host.setInputs("T3", 0, 0, [["inserted after Make live"]]);
    const undone = await undoLive(host, done.undo);
    expect(undone).toMatchObject({ restored: 40, refused: [], removedSheets: ["Audit", "ER inputs"], keptSheets: [] });
    // the table, three rows down and two columns right, is as it was; nothing was written into the old positions
    const now = inputs(host, "T3");
    expect(now.slice(3).map((r) => r.slice(2))).toEqual(before);
    expect(now[0][0]).toBe("inserted after Make live");
  });

  test("a row inserted inside the table (between the inputs and the formulas) still matches exactly", async () => {
    const host = workbook({ T3: table3() });
    const { done } = await makeLive(host, "T3");
    host.insertRows("T3", 4, 1); // between plant rows 环评/绩效 (3, 4) and 初始权 (5)
    const undone = await undoLive(host, done.undo);
    expect(undone.refused).toEqual([]);
    expect(host.input("T3", 5, 3)).toBe(1562); // D5, moved to D6
    expect(host.input("T3", 4, 3)).toBeNull(); // the inserted row stays empty
  });

  test("undo refuses, with a reason, a cell deleted and a cell changed since; the old numbers stay on the audit sheet", async () => {
    const host = workbook({ T3: table3() });
    const { done } = await makeLive(host, "T3");
    host.setInputs("T3", 4, 4, [[1600]]); // E5 typed over
    host.deleteRows("T3", 7, 1); // row 8: plant rights of SO2 phase 2
    const undone = await undoLive(host, done.undo);
    expect(undone.refused).toEqual(expect.arrayContaining([{ cell: "E5", reason: "changed" }, { cell: "D8", reason: "deleted" }]));
    expect(undone.refused.filter((r) => r.reason === "deleted")).toHaveLength(6);
    expect(host.input("T3", 4, 4)).toBe(1600);
    expect(undone.restored).toBe(40 - 7);
    // The audit sheet's references to the deleted cells turned #REF!, as Excel turns them: that is no edit.
    expect(undone.removedSheets).toEqual(["Audit", "ER inputs"]);
  });

  test("a formula changed since still reads the helper sheet, so the helper sheet stays", async () => {
    const host = workbook({ T3: table3() });
    const { done } = await makeLive(host, "T3");
    const total = host.cell("T3", 11, 3).formula as string; // D12: plant 1's SO2 total, read through 'ER inputs'
    expect(total).toMatch(/ER inputs/);
    host.setInputs("T3", 11, 3, [[`${total}*2`]]);
    const undone = await undoLive(host, done.undo);
    expect(undone.refused).toEqual([{ cell: "D12", reason: "changed" }]);
    expect(undone.removedSheets).toEqual(["Audit"]);
    expect(undone.keptSheets).toEqual([{ sheet: "ER inputs", reason: "referenced", where: "T3!D12" }]);
  });

  test("undo keeps an added sheet that was edited, or that another sheet or a name refers to", async () => {
    const host = workbook({ T3: table3(), Report: [["Report"]] });
    const { done } = await makeLive(host, "T3");
    host.setInputs("Audit", 40, 0, [["my note"]]);
    host.setInputs("Report", 1, 0, [["='ER inputs'!D3"]]);
    const undone = await undoLive(host, done.undo);
    expect(undone.restored).toBe(40);
    expect(undone.removedSheets).toEqual([]);
    expect(undone.keptSheets).toEqual([
      { sheet: "Audit", reason: "edited" },
      { sheet: "ER inputs", reason: "referenced", where: "Report!A2" },
    ]);
  });

  test("a write that fails midway is rolled back: no sheet, no formula, no name is left", async () => {
    const host = workbook({ T3: table3() });
    const before = inputs(host, "T3");
    const read = await readTable(host, "T3");
    const plan = await planLiveFor(host, read.table!.analysis, read.sheets, "en-US");
    host.failOn((op) => op.kind === "addName"); // after the sheets and the formulas were written
    const err = await applyLive(host, plan, "en-US").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteFailed);
    expect((err as WriteFailed).undone).toBe(true);
    expect(inputs(host, "T3")).toEqual(before);
    expect(host.sheetList()).toEqual(["T3"]);
    expect(host.nameList()).toEqual([]);
  });

  test("a cell changed between planning and writing stops the write before anything is written", async () => {
    const host = workbook({ T3: table3() });
    const read = await readTable(host, "T3");
    const plan = await planLiveFor(host, read.table!.analysis, read.sheets, "en-US");
    host.setInputs("T3", 4, 3, [[1600]]);
    await expect(applyLive(host, plan, "en-US")).rejects.toBeInstanceOf(StaleError);
    expect(host.sheetList()).toEqual(["T3"]);
  });

  test("the selection of one plant's cells, read with the headers around it", async () => {
    const host = workbook({ T3: table3() });
    await host.run(async (tx) => {
      tx.select({ sheet: "T3", row: 12, col: 4, rows: 9, cols: 1 });
      await tx.sync();
    });
    const s = await readSelection(host);
    expect(s.results).toHaveLength(1);
    expect(s.results[0].group).toMatchObject({ plant: "排污单位 2", pollutant: "nox" });
    expect([s.results[0].phased, s.results[0].total?.right]).toEqual([13399.5, 13399.5]);
  });
});

describe("a selection of several areas (Ctrl+click)", () => {
  test("a plant's EIA cells and its performance cells, selected apart, are compared as one plant", async () => {
    const host = workbook({ PA: plantsAcross() });
    // plant 2 SO2: EIA F6:H6 and performance F7:H7, and its NOx EIA F10:H10 with performance F11:H11
    host.setSelection([
      { sheet: "PA", row: 5, col: 5, rows: 1, cols: 3 },
      { sheet: "PA", row: 6, col: 5, rows: 1, cols: 3 },
      { sheet: "PA", row: 9, col: 5, rows: 2, cols: 3 },
    ]);
    const s = await readSelection(host);
    expect(s.selection.areas).toHaveLength(3);
    expect(s.results.map((r) => [r.group.plant, r.group.pollutant, r.phased, r.total?.right])).toEqual([
      ["Plant 2", "so2", 14207, 14345],
      ["Plant 2", "nox", 13399.5, 13399.5],
    ]);
  });

  test("a plant's cells are selected as areas that hold no other plant's cells", async () => {
    const host = workbook({ T3: table3() });
    const v = await table(host, "T3");
    for (const p of v.analysis.plants) {
      const others = v.analysis.entries.filter((e) => e.plant !== p.plant);
      const inside = (r: RangeRef, e: { row: number; col: number }) => e.row >= r.row && e.row < r.row + r.rows && e.col >= r.col && e.col < r.col + r.cols;
      expect(others.filter((e) => p.areas.some((a) => inside(a, e)))).toEqual([]);
      expect(v.analysis.entries.filter((e) => e.plant === p.plant).every((e) => p.areas.some((a) => inside(a, e)))).toBe(true);
    }
  });

  test("a Ctrl+A on a large sheet reads at most MAX_CELLS cells", async () => {
    const rows: Rows = [["Plant", "EIA", "Performance"], ...Array.from({ length: 21000 }, (_, i) => [`P${i}`, 100, 120] as UserInput[])];
    const host = workbook({ Big: rows });
    host.setSelection({ sheet: "Big", row: 0, col: 0, rows: 21001, cols: 3 });
    const s = await readSelection(host);
    expect(s.truncated).toBe(true);
    expect(host.stats.syncs).toBe(3); // selection, used range, cells
  });
});

describe("dynamic arrays", () => {
  test("Make live leaves out cells a dynamic array spilled into, and refuses to write over one that spills there later", async () => {
    const rows = table1();
    const host = workbook({ T1: rows, Src: [[1, 2]] });
    const read = await readTable(host, "T1");
    const plan0 = await planLiveFor(host, read.table!.analysis, read.sheets, "en-US");
    expect(plan0.spilled).toBeUndefined();
    // A formula in the row above the SO2 column spills down over F3:F4 (plant 1's performance figures).
    host.setInputs("T1", 2, 5, [[null], [null]]);
    host.setInputs("T1", 1, 8, [["=TRANSPOSE(Src!A1:B1)"]]);
    host.setInputs("T1", 1, 8, [[null]]);
    host.setInputs("T1", 2, 5, [["=TRANSPOSE(Src!A1:B1)"]]);
    // F3 is a formula now; F4 is a spilled value without a formula
    expect(host.cell("T1", 3, 5)).toEqual({ value: 2 });
    const again = await readTable(host, "T1");
    const plan = await planLiveFor(host, again.table!.analysis, again.sheets, "en-US");
    expect(plan.spilled).toEqual([{ cell: "F4", parent: "F3" }]);
    expect(plan.cells.some((c) => c.row === 3 && c.col === 5)).toBe(false);
    // The plan made before the spill would have written over F4: it is refused, and nothing is written.
    const stale = { ...plan0, cells: plan0.cells.filter((c) => !(c.row === 2 && c.col === 5)).map((c) => (c.row === 3 && c.col === 5 ? { ...c, old: host.cell("T1", 3, 5) } : c)) };
    await expect(applyLive(host, stale, "en-US")).rejects.toBeInstanceOf(SpillError);
    expect(host.sheetList()).toEqual(["T1", "Src"]);
  });
});

describe("on a table laid out differently (plants across, English headers, 10^9 m3)", () => {
  test("make live: performance from volume and limit, rights and totals; the numbers that differ; undo restores all", async () => {
    const host = workbook({ "Plants across": plantsAcross() });
    const before = inputs(host, "Plants across");
    const { plan, done } = await makeLive(host, "Plants across");
    expect(plan.gatherRows).toEqual([]);
    expect(done.undo.helpers.map((h) => h.sheet)).toEqual(["Audit"]);
    for (const c of plan.cells) {
      const got = host.cell("Plants across", c.row, c.col).value;
      if (c.expected !== null && typeof c.expected === "object") expect(got).toMatchObject({ error: c.expected.error });
      else expect(got).toBe(c.expected ?? "-"); // no EIA total: '-', as printed
    }
    // plant 2 SO2: 41.52e9 m3 x 200 mg/m3 is 8304 t/a, printed 8303
    const after = await table(host, "Plants across");
    expect(after.results.find((r) => r.group.plant === "Plant 2" && r.group.pollutant === "so2")?.total?.right).toBe(14346);
    const marks = Array.from({ length: plan.cells.length }, (_, i) => host.cell("Audit", 3 + i, 5).value).filter((m) => m === "≠");
    expect(marks.length).toBe(plan.cells.filter((c) => c.differs).length);
    expect(marks.length).toBeGreaterThan(0);
    // the audit sheet's formula column is text, also for the formulas with ROUND(...)
    expect(host.cell("Audit", 3, 6)).toEqual({ value: "=ER.PERFORMANCE_EMISSION(ROUND(C4*1000000000,0),C5)" });
    await undoLive(host, done.undo);
    expect(inputs(host, "Plants across")).toEqual(before);
  });
});

describe("removing an inserted comparison sheet", () => {
  test("removed when untouched (also after the source moved), kept with a reason when edited or referred to", async () => {
    const host = workbook({ T3: table3(), Report: [["Report"]] });
    const v = await table(host, "T3");
    const first = await insertComparison(host, v.analysis, "en-US");
    host.insertRows("T3", 0, 2);
    expect(await removeComparison(host, first)).toEqual({ removed: true });
    const second = await insertComparison(host, v.analysis, "en-US");
    host.setInputs("Report", 1, 0, [["=Comparison!C3"]]);
    expect(await removeComparison(host, second)).toEqual({ removed: false, kept: { reason: "referenced", where: "Report!A2" } });
    host.setInputs("Report", 1, 0, [[null]]);
    host.setInputs("Comparison", 2, 2, [[5062]]);
    expect(await removeComparison(host, second)).toEqual({ removed: false, kept: { reason: "edited" } });
    expect(host.sheetList()).toContain("Comparison");
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
    const read = await readTable(host, "Sums");
    expect(read.empties).toEqual([{ at: "A1", sheet: "Sums", name: "INITIAL_RIGHT_PHASED", cells: [{ sheet: "Data", row: 0, col: 2, rows: 1, cols: 1 }] }]);
    expect(host.stats).toEqual({ runs: 1, syncs: 3 }); // used range, the sheet, the ranges it reads elsewhere
  });

  test("through a defined name, local to the sheet before the workbook's, as the audit reads it (src/sheet/reads.ts)", async () => {
    const host = new MemoryHost(
      {
        Data: { cells: [["EIA", 1562, null, ""], ["Performance", 2268, 4640, 1]] },
        Sums: { cells: [["=ER.INITIAL_RIGHT_PHASED(eia, perf)", "=ER.EIA_TOTAL(eia, perf)"]] },
      },
      {
        names: [
          { name: "eia", expression: "Data!$B$1:$D$1" },
          { name: "perf", expression: "Data!$B$2:$D$2" },
          { name: "eia", expression: "Data!$B$2:$C$2", scope: "Sums" },
        ],
      },
    );
    const read = await readTable(host, "Sums");
    // Sums's own "eia" (B2:C2, filled) wins; the workbook's "perf" has D2 = 1; so nothing is empty there.
    expect(read.empties).toEqual([]);
    const other = await readTable(host, "Data");
    expect(other.empties).toEqual([]);
    const host2 = new MemoryHost(
      { Data: { cells: [["EIA", 1562, null, ""]] }, Sums: { cells: [["=ER.EIA_TOTAL(eia, eia)"]] } },
      { names: [{ name: "eia", expression: "Data!$B$1:$D$1" }] },
    );
    const found = await readTable(host2, "Sums");
    // The empty cell and the empty text, each once although the name is read twice.
    expect(found.empties).toEqual([{ at: "A1", sheet: "Sums", name: "EIA_TOTAL", cells: [{ sheet: "Data", row: 0, col: 2, rows: 1, cols: 1 }, { sheet: "Data", row: 0, col: 3, rows: 1, cols: 1 }] }]);
    expect(host2.stats).toEqual({ runs: 1, syncs: 3 });
  });

  test("on the sheet itself, including empty cells below its used range", async () => {
    const host = workbook({
      T: [
        [null, "Phase 1", "Phase 2", "Right"],
        ["EIA", 1562, null, "=ER.INITIAL_RIGHT_PHASED(B2:C2,B3:C3)"],
        ["Performance", 2268, 4640, "=ER.INITIAL_RIGHT_TOTAL(B2:B5,C2:C5)"],
      ],
    });
    const found = (await readTable(host, "T")).empties;
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
    const { plan, done } = await makeLive(host, "T1");
    expect(plan.cells).toHaveLength(28);
    expect(host.cell("T1", 5, 5).value).toBe(8304);
    await undoLive(host, done.undo);
    expect(inputs(host, "T1")).toEqual(before);
  });
});

describe("round trips: each action is one batch", () => {
  test("read, plan, write, undo, insert: batches and syncs per action", async () => {
    const host = workbook({ T3: table3() });
    const count = async <T>(f: () => Promise<T>): Promise<[T, { runs: number; syncs: number }]> => {
      host.stats.runs = 0;
      host.stats.syncs = 0;
      const v = await f();
      return [v, { ...host.stats }];
    };
    const [read, r1] = await count(() => readTable(host, "T3"));
    expect(r1).toEqual({ runs: 1, syncs: 2 });
    const [, r2] = await count(() => readSelection(host, read.table));
    expect(r2).toEqual({ runs: 1, syncs: 1 }); // the selection lies in the table last read
    const [plan, r3] = await count(() => planLiveFor(host, read.table!.analysis, read.sheets, "en-US"));
    expect(r3).toEqual({ runs: 1, syncs: 1 });
    const [done, r4] = await count(() => applyLive(host, plan, "en-US"));
    expect(r4).toEqual({ runs: 1, syncs: 2 });
    const [, r5] = await count(() => undoLive(host, done.undo));
    expect(r5).toEqual({ runs: 1, syncs: 4 });
    const [, r6] = await count(() => insertComparison(host, read.table!.analysis, "en-US"));
    expect(r6).toEqual({ runs: 1, syncs: 2 });
  });
});
