/**
 * OfficeHost and the pane's actions against Excel's object model, mocked with office-addin-mock (fake-excel.ts):
 * properties are readable only after load() and sync(), writes reach the workbook at sync. Each test is one
 * way real Excel would have hurt the pane: several selected areas, the batches and round trips each action
 * costs, cell edit mode, a write Excel refuses halfway, number formats, spilled cells, the requirement sets,
 * the names that track a write, and the pane's visibility.
 */
import { applyLive, insertComparison, NeedsSpillCheck, planLiveFor, readSelection, readTable, SpillError, undoLive, WriteFailed } from "../../src/taskpane/actions";
import { forTests, MAX_CELLS_PER_REQUEST, OfficeHost } from "../../src/taskpane/host/office";
import { isCellEditError } from "../../src/taskpane/host/types";
import { FakeExcel, type FakeCell } from "./fake-excel";
import { plantsAcross, table3 } from "./layouts";

// office-addin-mock needs only the OfficeApp names from office-addin-manifest, whose ESM-only dependencies
// jest (CommonJS) cannot load.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));

interface Installed {
  visibility: ((args: { visibilityMode: string }) => void)[];
}

/** Installs the fake as the Excel global, with Office's requirement sets: those up to `excelApi` and SharedRuntime 1.1. */
function install(fake: FakeExcel, excelApi = "1.12"): Installed {
  const installed: Installed = { visibility: [] };
  const version = (v: string) => v.split(".").map(Number);
  const atMost = (v: string, max: string) => {
    const [a, b] = version(v);
    const [c, d] = version(max);
    return a < c || (a === c && b <= d);
  };
  (globalThis as Record<string, unknown>).Excel = fake.mock();
  (globalThis as Record<string, unknown>).Office = {
    context: { requirements: { isSetSupported: (set: string, v: string) => (set === "ExcelApi" ? atMost(v, excelApi) : set === "SharedRuntime" ? atMost(v, "1.1") : false) } },
    VisibilityMode: { hidden: "Hidden", taskpane: "Taskpane" },
    addin: {
      onVisibilityModeChanged: async (h: (args: { visibilityMode: string }) => void) => {
        installed.visibility.push(h);
        return async () => {
          installed.visibility.splice(installed.visibility.indexOf(h), 1);
        };
      },
    },
  };
  return installed;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

/** Table 3 as Excel holds it (the grid's text and numbers; its rows start at A1). */
const T3 = () => FakeExcel.cells(table3());

const counts = (fake: FakeExcel) => ({ runs: fake.log.runs, syncs: fake.log.syncs });
const reset = (fake: FakeExcel) => {
  fake.log.runs = 0;
  fake.log.syncs = 0;
};

test("toCellInfo: an empty cell (valueTypes Empty) is null, not 0 and not empty text; formulas, errors and formats come through", () => {
  const { toCellInfo } = forTests;
  expect(toCellInfo("", "", "Empty", "General")).toEqual({ value: null });
  expect(toCellInfo(0, 0, "Double", "General")).toEqual({ value: 0 });
  expect(toCellInfo("", "", "String", "General")).toEqual({ value: "" });
  expect(toCellInfo(13399.5, "=ER.INITIAL_RIGHT_PHASED(C1:E1,F1:H1)", "Double", "0.00")).toEqual({ value: 13399.5, formula: "=ER.INITIAL_RIGHT_PHASED(C1:E1,F1:H1)", format: "0.00" });
  expect(toCellInfo("#VALUE!", '=ER.INITIAL_RIGHT(1,"x")', "Error", "General")).toEqual({ value: { error: "#VALUE!" }, formula: '=ER.INITIAL_RIGHT(1,"x")' });
  // Text typed after an apostrophe that begins with "=": `formulas` gives it back as "=...", but it is text.
  expect(toCellInfo("=ER.INITIAL_RIGHT(D3,D4)", "=ER.INITIAL_RIGHT(D3,D4)", "String", "General")).toEqual({ value: "=ER.INITIAL_RIGHT(D3,D4)" });
  expect(toCellInfo("x", '="x"', "String", "General")).toEqual({ value: "x", formula: '="x"' });
});

describe("several selected areas", () => {
  test("are read with getSelectedRanges (ExcelApi 1.9) and compared together; getSelectedRange, which throws on them, is not called", async () => {
    const fake = new FakeExcel(
      { PA: FakeExcel.cells(plantsAcross()) },
      { sheet: "PA", areas: [{ row: 5, col: 5, rows: 1, cols: 3 }, { row: 6, col: 5, rows: 1, cols: 3 }] },
    );
    install(fake);
    const s = await readSelection(new OfficeHost());
    expect(fake.log.selectionCalls).toEqual(["getSelectedRanges"]);
    expect(s.selection.areas).toEqual([
      { sheet: "PA", row: 5, col: 5, rows: 1, cols: 3 },
      { sheet: "PA", row: 6, col: 5, rows: 1, cols: 3 },
    ]);
    expect(s.results.map((r) => [r.group.plant, r.phased, r.total?.right])).toEqual([["Plant 2", 14207, 14345]]);
  });

  test("without ExcelApi 1.9 the single selected range is read with getSelectedRange", async () => {
    const fake = new FakeExcel({ PA: FakeExcel.cells(plantsAcross()) }, { sheet: "PA", areas: [{ row: 5, col: 5, rows: 2, cols: 3 }] });
    install(fake, "1.8");
    const s = await readSelection(new OfficeHost());
    expect(fake.log.selectionCalls).toEqual(["getSelectedRange"]);
    expect(s.results[0].phased).toBe(14207);
  });

  test("a plant's cells are selected as several areas with getRanges", async () => {
    const fake = new FakeExcel({ T3: T3() });
    install(fake);
    const host = new OfficeHost();
    await host.run(async (tx) => {
      tx.select([
        { sheet: "T3", row: 2, col: 4, rows: 3, cols: 1 },
        { sheet: "T3", row: 6, col: 4, rows: 2, cols: 1 },
      ]);
      await tx.sync();
    });
    expect(fake.log.activated).toEqual(["T3"]);
    expect(fake.log.selected).toEqual([{ sheet: "T3", address: "E3:E5,E7:E8" }]);
    // Without ExcelApi 1.9 (no getRanges) the first area is selected.
    const old = new FakeExcel({ T3: T3() });
    install(old, "1.8");
    await new OfficeHost().run(async (tx) => {
      tx.select([
        { sheet: "T3", row: 2, col: 4, rows: 3, cols: 1 },
        { sheet: "T3", row: 6, col: 4, rows: 2, cols: 1 },
      ]);
      await tx.sync();
    });
    expect(old.log.selected).toEqual([{ sheet: "T3", address: "E3:E5" }]);
  });
});

describe("batches and round trips per action", () => {
  test("each action is one Excel.run, started with delayForCellEdit, with as few syncs as its data allow", async () => {
    const fake = new FakeExcel({ T3: T3() }, { sheet: "T3", areas: [{ row: 4, col: 3, rows: 1, cols: 3 }] });
    install(fake);
    const host = new OfficeHost();
    const read = await readTable(host, "T3");
    expect(counts(fake)).toEqual({ runs: 1, syncs: 2 }); // used range and sheet names; the cells
    reset(fake);
    await readSelection(host, read.table);
    expect(counts(fake)).toEqual({ runs: 1, syncs: 1 }); // the selection; its cells come from the table read
    reset(fake);
    await readSelection(host);
    expect(counts(fake)).toEqual({ runs: 1, syncs: 3 }); // the selection, the used range, the window
    reset(fake);
    const plan = await planLiveFor(host, read.table!.analysis, read.sheets, "en-US");
    expect(counts(fake)).toEqual({ runs: 1, syncs: 1 }); // spill parents of the 40 planned cells
    expect(fake.log.spillChecks).toBe(40);
    reset(fake);
    const done = await applyLive(host, plan, "en-US");
    expect(counts(fake)).toEqual({ runs: 1, syncs: 2 }); // the check; the write
    reset(fake);
    await undoLive(host, done.undo);
    expect(counts(fake)).toEqual({ runs: 1, syncs: 4 }); // names; used ranges; cells; the writes
    reset(fake);
    await insertComparison(host, read.table!.analysis, "en-US");
    expect(counts(fake)).toEqual({ runs: 1, syncs: 2 });
    expect(fake.log.runOptions.every((o) => (o as { delayForCellEdit?: boolean }).delayForCellEdit === true)).toBe(true);
  });

  test("a large sheet is read in bands, each sync under Excel's payload limit, and never past MAX_CELLS", async () => {
    const rows = 9000;
    const big: FakeCell[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: 10 }, (_, j) => ({ value: i * 10 + j })));
    const fake = new FakeExcel({ Big: big });
    install(fake);
    const read = await readTable(new OfficeHost(), "Big");
    expect(read.table?.truncated).toBe(true);
    expect(read.table?.data.rows).toBe(6000); // 60,000 cells of 10 columns
    expect(read.table?.data.cells[5999][9]).toEqual({ value: 59999 });
    expect(counts(fake)).toEqual({ runs: 1, syncs: 1 + Math.ceil(60000 / MAX_CELLS_PER_REQUEST) });
  });

  test("a Ctrl+A on a 200,000-row sheet reads at most MAX_CELLS cells", async () => {
    const big: FakeCell[][] = Array.from({ length: 200000 }, (_, i) => [{ value: `P${i}` }, { value: 100 }, { value: 120 }]);
    const fake = new FakeExcel({ Big: big }, { sheet: "Big", areas: [{ row: 0, col: 0, rows: 200000, cols: 3 }] });
    install(fake);
    const s = await readSelection(new OfficeHost());
    expect(s.truncated).toBe(true);
    // the selection, the used range, then 20,000 rows of 3 columns in bands under the payload limit
    const band = Math.floor(MAX_CELLS_PER_REQUEST / 3);
    expect(counts(fake)).toEqual({ runs: 1, syncs: 2 + Math.ceil(20000 / band) });
  });
});

describe("cell edit mode", () => {
  test("a batch started while the user edits a cell waits for the edit to end instead of failing", async () => {
    const fake = new FakeExcel({ T3: T3() });
    install(fake);
    fake.editing = true;
    const p = readTable(new OfficeHost(), "T3");
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.log.syncs).toBe(0);
    fake.endEdit();
    expect((await p).table?.results.length).toBe(12);
  });

  test("Excel's refusal in cell edit mode is recognised, so a background read can skip it quietly", async () => {
    const fake = new FakeExcel({ T3: T3() });
    fake.editing = true;
    const excel = fake.mock() as unknown as { run: (cb: () => Promise<void>) => Promise<void> };
    const e = await excel.run(async () => undefined).catch((x: unknown) => x);
    expect(isCellEditError(e)).toBe(true);
    expect(isCellEditError(new Error("other"))).toBe(false);
  });
});

describe("writes", () => {
  test("a Make live write Excel refuses halfway is rolled back in one more batch", async () => {
    const fake = new FakeExcel({ T3: T3() });
    install(fake);
    const host = new OfficeHost();
    const read = await readTable(host, "T3");
    const plan = await planLiveFor(host, read.table!.analysis, read.sheets, "en-US");
    reset(fake);
    fake.failSync = 2; // the check passes, the write fails after adding the sheets
    const err = await applyLive(host, plan, "en-US").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteFailed);
    expect((err as WriteFailed).undone).toBe(true);
    expect(fake.log.added).toEqual(["Audit", "ER inputs"]);
    expect(fake.log.deleted).toEqual(["Audit", "ER inputs"]);
    expect([...fake.sheets.keys()]).toEqual(["T3"]);
    expect(counts(fake)).toEqual({ runs: 2, syncs: 4 });
  });

  test("the names that track a write are hidden, absolute, one per written cell and per range read; undo deletes them", async () => {
    const fake = new FakeExcel({ T3: T3() });
    install(fake);
    const host = new OfficeHost();
    const read = await readTable(host, "T3");
    const plan = await planLiveFor(host, read.table!.analysis, read.sheets, "en-US");
    const done = await applyLive(host, plan, "en-US");
    expect(fake.log.namesAdded.length).toBe(done.undo.names.length);
    expect(fake.log.namesAdded.every((n) => n.visible === false && /^=('[^']+'|\w+)!\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?$/.test(n.reference))).toBe(true);
    expect(fake.log.namesAdded[0]).toMatchObject({ name: `${done.undo.prefix}1`, reference: "='T3'!$D$5" });
    // One block write for the 40 formulas (null leaves the cells between them alone).
    const formulaWrites = fake.log.formulas.filter((w) => w.sheet === "T3");
    expect(formulaWrites).toHaveLength(1);
    expect(formulaWrites[0].grid.flat().filter((v) => typeof v === "string" && v.startsWith("=ER."))).toHaveLength(40);
    expect(formulaWrites[0].grid.flat().filter((v) => v === null).length).toBeGreaterThan(0);
    await undoLive(host, done.undo);
    expect(fake.log.namesDeleted.sort()).toEqual(done.undo.names.slice().sort());
    expect(fake.names.size).toBe(0);
  });

  test("undo writes the old numbers where Excel moved the cells (the names say where), not where they were", async () => {
    const fake = new FakeExcel({ T3: T3() });
    install(fake);
    const host = new OfficeHost();
    const read = await readTable(host, "T3");
    const plan = await planLiveFor(host, read.table!.analysis, read.sheets, "en-US");
    const done = await applyLive(host, plan, "en-US");
    // What Excel does when two rows are inserted above the table: cells, the formulas that refer to them and
    // the names move down.
    const moveT3 = (f: string, onT3: boolean) =>
      f.replace(/('(?:[^']|'')+'!|[A-Za-z_][\w.]*!)?(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)/g, (m, sheet: string | undefined, ref: string) =>
        (sheet ? sheet.replace(/^'|'?!$/g, "") : onT3 ? "T3" : "") === "T3" ? `${sheet ?? ""}${ref.replace(/(\$?[A-Z]{1,3}\$?)(\d+)/g, (_, c: string, r: string) => `${c}${Number(r) + 2}`)}` : m,
      );
    (fake.sheets.get("T3") as FakeCell[][]).unshift([], []);
    for (const [name, cells] of fake.sheets) for (const line of cells) for (const c of line) if (c?.formula) c.formula = moveT3(c.formula, name === "T3");
    for (const [name, n] of fake.names) fake.names.set(name, { ...n, formula: moveT3(n.formula, false) });
    fake.log.formulas.length = 0;
    const undone = await undoLive(host, done.undo);
    expect(undone).toMatchObject({ restored: 40, refused: [], removedSheets: ["Audit", "ER inputs"] });
    // D5 (plant 1, SO2 phase 1 right) is now D7: the old 1562 goes there.
    const restore = fake.log.formulas.find((w) => w.sheet === "T3")!;
    expect(restore.grid[7 - 1 - restore.row][3 - restore.col]).toBe(1562);
    expect(fake.cell("T3", 6, 3)?.value).toBe(1562);
  });

  test("the comparison sheet's number formats are one 2-D write, null where a cell keeps its format", async () => {
    const fake = new FakeExcel({ T3: T3() });
    install(fake);
    const host = new OfficeHost();
    const read = await readTable(host, "T3");
    await insertComparison(host, read.table!.analysis, "en-US");
    expect(fake.log.formats).toHaveLength(1);
    const f = fake.log.formats[0];
    expect(f.grid.flat().filter((x) => x === "0.00")).toHaveLength(36);
    expect(f.grid.flat().filter((x) => x === null).length).toBe(f.rows * f.cols - 36);
    expect(fake.log.formulas).toHaveLength(1);
  });
});

describe("dynamic arrays and requirement sets", () => {
  test("Make live leaves out a cell a dynamic array spilled into, and refuses to write over one found at write time", async () => {
    const fake = new FakeExcel({ T3: T3() });
    install(fake);
    const host = new OfficeHost();
    const read = await readTable(host, "T3");
    fake.spills.set("T3!4,3", { row: 2, col: 3 }); // D5 holds a value spilled from D3
    const plan = await planLiveFor(host, read.table!.analysis, read.sheets, "en-US");
    expect(plan.spilled).toEqual([{ cell: "D5", parent: "D3" }]);
    expect(plan.cells.some((c) => c.row === 4 && c.col === 3)).toBe(false);
    fake.spills.set("T3!5,3", { row: 2, col: 3 }); // D6 too, after planning
    reset(fake);
    const plan2 = await planLiveFor(host, read.table!.analysis, read.sheets, "en-US");
    fake.spills.set("T3!7,3", { row: 2, col: 3 });
    await expect(applyLive(host, plan2, "en-US")).rejects.toBeInstanceOf(SpillError);
    expect(fake.log.added).toEqual([]);
  });

  test("without ExcelApi 1.12 (no way to tell spilled cells) Make live writes nothing and says why", async () => {
    const fake = new FakeExcel({ T3: T3() });
    install(fake, "1.11");
    const host = new OfficeHost();
    expect(host.capabilities).toEqual({ multiArea: true, changeEvents: true, spill: false });
    const read = await readTable(host, "T3");
    const plan = await planLiveFor(host, read.table!.analysis, read.sheets, "en-US");
    expect(fake.log.spillChecks).toBe(0);
    await expect(applyLive(host, plan, "en-US")).rejects.toBeInstanceOf(NeedsSpillCheck);
    expect(fake.log.added).toEqual([]);
  });
});

describe("events", () => {
  test("selection changes and sheet activation reach the listener; unsubscribing removes both handlers", async () => {
    const fake = new FakeExcel({ T3: T3() });
    install(fake);
    const listener = jest.fn();
    const off = await new OfficeHost().onSelectionChanged(listener);
    await fake.log.handlers.get("selection")![0]();
    await fake.log.handlers.get("activated")![0]();
    expect(listener).toHaveBeenCalledTimes(2);
    await off();
    expect(fake.log.removed.sort()).toEqual(["activated", "selection"]);
  });

  test("edits are followed where ExcelApi 1.9 is supported, and skipped quietly where it is not", async () => {
    const supported = new FakeExcel({ T3: T3() });
    install(supported);
    const listener = jest.fn();
    const off = await new OfficeHost().onChanged(listener);
    await supported.log.handlers.get("changed")![0]();
    expect(listener).toHaveBeenCalledTimes(1);
    expect([...supported.log.handlers.keys()].sort()).toEqual(["added", "changed", "deleted"]);
    await off();
    expect(supported.log.removed.sort()).toEqual(["added", "changed", "deleted"]);

    const old = new FakeExcel({ T3: T3() });
    install(old, "1.8");
    await (await new OfficeHost().onChanged(listener))();
    expect(old.log.handlers.size).toBe(0);
  });

  test("the pane hears when Excel hides and shows it (Office.addin.onVisibilityModeChanged)", async () => {
    const fake = new FakeExcel({ T3: T3() });
    const office = install(fake);
    const host = new OfficeHost();
    const heard: boolean[] = [];
    const off = await host.onVisibilityChanged((v) => heard.push(v));
    office.visibility.forEach((h) => h({ visibilityMode: "Hidden" }));
    expect(host.isVisible()).toBe(false);
    office.visibility.forEach((h) => h({ visibilityMode: "Taskpane" }));
    expect(heard).toEqual([false, true]);
    await off();
    expect(office.visibility).toEqual([]);
  });
});
