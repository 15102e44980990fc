/**
 * OfficeHost against Excel's object model, mocked with office-addin-mock: properties are only readable
 * after load() and sync(), as in Excel; ranges are handed out by getRangeByIndexes, selection and
 * activation events are registered with add() and removed in their own request context.
 */
import { OfficeMockObject } from "office-addin-mock";
import { OfficeHost } from "../../src/taskpane/host/office";

// office-addin-mock needs only the OfficeApp names from office-addin-manifest, whose ESM-only dependencies
// jest (CommonJS) cannot load.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));

/** What the mock does that its typings keep private: add a child mock object and fill it. */
interface Mockable {
  addMock(name: string): void;
  populate(data: object): void;
}
const mockable = (o: OfficeMockObject) => o as unknown as Mockable;

interface FakeSheet {
  values: unknown[][];
  formulas: unknown[][];
  valueTypes: string[][];
  numberFormat: string[][];
  /** The used range (valuesOnly), or null for an empty sheet. */
  used: { row: number; col: number; rows: number; cols: number } | null;
}

interface Log {
  formulas: { sheet: string; row: number; col: number; rows: number; cols: number; grid: unknown }[];
  formats: { sheet: string; row: number; col: number; value: unknown }[];
  selected: { sheet: string; row: number; col: number; rows: number; cols: number }[];
  activated: string[];
  added: string[];
  deleted: string[];
  handlers: Map<string, (() => Promise<void>)[]>;
  removed: string[];
  runs: number;
}

const slice = <T>(grid: T[][], row: number, col: number, rows: number, cols: number): T[][] =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => grid[row + i]?.[col + j] as T));

/** An Excel mock with the given sheets; the active sheet is the first; the selection is `selection`. */
function excelMock(sheets: Record<string, FakeSheet>, selection: { sheet: string; row: number; col: number; rows: number; cols: number }) {
  const log: Log = { formulas: [], formats: [], selected: [], activated: [], added: [], deleted: [], handlers: new Map(), removed: [], runs: 0 };
  let serial = 0;
  const event = (name: string) => ({
    add: function (h: () => Promise<void>) {
      const list = log.handlers.get(name) ?? [];
      list.push(h);
      log.handlers.set(name, list);
      return { context: "the-context", remove: () => log.removed.push(name) };
    },
  });

  /** A range mock attached to `owner` so that context.sync() loads it, like a proxy object in Excel. */
  function rangeMock(owner: OfficeMockObject, sheet: string, row: number, col: number, rows: number, cols: number): OfficeMockObject {
    const s = sheets[sheet];
    const key = `range${serial++}`;
    mockable(owner).addMock(key);
    const r = (owner as unknown as Record<string, OfficeMockObject>)[key];
    mockable(r).populate({
      values: slice(s.values, row, col, rows, cols),
      formulas: slice(s.formulas, row, col, rows, cols),
      valueTypes: slice(s.valueTypes, row, col, rows, cols),
      numberFormat: slice(s.numberFormat, row, col, rows, cols),
      rowIndex: row,
      columnIndex: col,
      rowCount: rows,
      columnCount: cols,
      worksheet: { name: sheet },
      select: () => log.selected.push({ sheet, row, col, rows, cols }),
    });
    // As in Excel, isNullObject needs no load.
    Object.defineProperty(r, "isNullObject", { value: false });
    // Assignments are what the add-in writes (the mock's own updates after sync() are not).
    const mine = (v: unknown) => !(typeof v === "string" && v.startsWith("Error,"));
    let formulas: unknown;
    Object.defineProperty(r, "formulas", {
      get: () => formulas ?? (r as unknown as { _properties: Map<string, { _value: unknown }> })._properties.get("formulas")?._value,
      set: (grid) => {
        if (!mine(grid)) return;
        formulas = grid;
        log.formulas.push({ sheet, row, col, rows, cols, grid });
      },
    });
    let fmt: unknown;
    Object.defineProperty(r, "numberFormat", {
      get: () => fmt ?? (r as unknown as { _properties: Map<string, { _value: unknown }> })._properties.get("numberFormat")?._value,
      set: (value) => {
        if (!mine(value)) return;
        fmt = value;
        log.formats.push({ sheet, row, col, value });
      },
    });
    return r;
  }

  const sheetMock = (name: string) => ({
    name,
    activate: () => log.activated.push(name),
    delete: () => log.deleted.push(name),
    getRangeByIndexes: function (this: OfficeMockObject, row: number, col: number, rows: number, cols: number) {
      return rangeMock(this, name, row, col, rows, cols);
    },
    getUsedRangeOrNullObject: function (this: OfficeMockObject, valuesOnly?: boolean) {
      expect(valuesOnly).toBe(true);
      const u = sheets[name].used;
      if (!u) {
        mockable(this).addMock(`nothing${serial++}`);
        const n = (this as unknown as Record<string, OfficeMockObject>)[`nothing${serial - 1}`];
        mockable(n).populate({ rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 });
        Object.defineProperty(n, "isNullObject", { value: true });
        return n;
      }
      return rangeMock(this, name, u.row, u.col, u.rows, u.cols);
    },
  });

  const names = Object.keys(sheets);
  const data = {
    context: {
      workbook: {
        onSelectionChanged: event("selection"),
        getSelectedRange: function (this: OfficeMockObject) {
          return rangeMock(this, selection.sheet, selection.row, selection.col, selection.rows, selection.cols);
        },
        worksheets: {
          items: names.map((name) => ({ name })),
          // Office.js loads collections with "items/name"; the mock loads the items array as a whole.
          load: function (this: OfficeMockObject) {
            OfficeMockObject.prototype.load.call(this, "items");
          },
          ...Object.fromEntries(names.map((n, i) => [`sheet${i}`, sheetMock(n)])),
          getItem: function (this: Record<string, unknown>, name: string) {
            const i = names.indexOf(name);
            if (i < 0) throw new Error(`ItemNotFound: ${name}`);
            return this[`sheet${i}`];
          },
          getActiveWorksheet: function (this: Record<string, unknown>) {
            return this.sheet0;
          },
          add: (name: string) => log.added.push(name),
          onActivated: event("activated"),
          onChanged: event("changed"),
          onAdded: event("added"),
          onDeleted: event("deleted"),
        },
      },
    },
    run: async function (this: { context: unknown }, a: unknown, b?: unknown) {
      log.runs++;
      const cb = (typeof a === "function" ? a : b) as (c: unknown) => Promise<unknown>;
      return cb(this.context);
    },
  };
  return { mock: new OfficeMockObject(data), log };
}

function install(mock: OfficeMockObject, isSetSupported = true) {
  (globalThis as Record<string, unknown>).Excel = mock;
  (globalThis as Record<string, unknown>).Office = { context: { requirements: { isSetSupported: () => isSetSupported } } };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

/** Table 3's first row of plant 2, NOx: '-' marks, numbers, an empty cell, a formula and an error. */
const SHEET: FakeSheet = {
  values: [
    ["SO2", 2, "-", "", 1938, 4151.5, 0, 13399.5, "#VALUE!"],
    ["NOx", 3, "", "", "", "", "", "", ""],
  ],
  formulas: [
    ["SO2", 2, "-", "", 1938, 4151.5, 0, "=ER.INITIAL_RIGHT_PHASED(C1:E1,F1:H1)", "=ER.INITIAL_RIGHT(1,\"x\")"],
    ["NOx", 3, "", "", "", "", "", "", ""],
  ],
  valueTypes: [
    ["String", "Integer", "String", "Empty", "Integer", "Double", "Integer", "Double", "Error"],
    ["String", "Integer", "Empty", "Empty", "Empty", "Empty", "Empty", "Empty", "Empty"],
  ],
  numberFormat: [
    ["General", "General", "General", "General", "0.00", "General", "General", "0.00", "General"],
    ["General", "General", "General", "General", "General", "General", "General", "General", "General"],
  ],
  used: { row: 0, col: 0, rows: 2, cols: 9 },
};

describe("OfficeHost on a mocked Excel", () => {
  test("read: an empty cell (valueTypes Empty) is null, not 0 and not empty text; formulas, errors and formats come through", async () => {
    const { mock } = excelMock({ "Table 3": SHEET }, { sheet: "Table 3", row: 0, col: 0, rows: 1, cols: 1 });
    install(mock);
    const d = await new OfficeHost().read({ sheet: "Table 3", row: 0, col: 0, rows: 1, cols: 9 });
    expect(d.cells[0]).toEqual([
      { value: "SO2" },
      { value: 2 },
      { value: "-" },
      { value: null },
      { value: 1938, format: "0.00" },
      { value: 4151.5 },
      { value: 0 },
      { value: 13399.5, formula: "=ER.INITIAL_RIGHT_PHASED(C1:E1,F1:H1)", format: "0.00" },
      { value: { error: "#VALUE!" }, formula: '=ER.INITIAL_RIGHT(1,"x")' },
    ]);
  });

  test("read: a large rectangle is read in bands of rows, one request each", async () => {
    const rows = 3000;
    const big: FakeSheet = {
      values: Array.from({ length: rows }, (_, i) => Array.from({ length: 10 }, (_, j) => i * 10 + j)),
      formulas: Array.from({ length: rows }, (_, i) => Array.from({ length: 10 }, (_, j) => i * 10 + j)),
      valueTypes: Array.from({ length: rows }, () => Array(10).fill("Integer")),
      numberFormat: Array.from({ length: rows }, () => Array(10).fill("General")),
      used: { row: 0, col: 0, rows, cols: 10 },
    };
    const { mock, log } = excelMock({ Big: big }, { sheet: "Big", row: 0, col: 0, rows: 1, cols: 1 });
    install(mock);
    const d = await new OfficeHost().read({ sheet: "Big", row: 0, col: 0, rows, cols: 10 });
    expect(d.cells).toHaveLength(rows);
    expect(d.cells[2999][9]).toEqual({ value: 29999 });
    expect(log.runs).toBe(2);
  });

  test("getSelection, usedRange, sheetNames, activeSheet", async () => {
    const { mock } = excelMock({ "Table 3": SHEET, Empty: { ...SHEET, used: null } }, { sheet: "Table 3", row: 3, col: 2, rows: 9, cols: 1 });
    install(mock);
    const host = new OfficeHost();
    expect(await host.getSelection()).toEqual({ sheet: "Table 3", row: 3, col: 2, rows: 9, cols: 1 });
    expect(await host.usedRange("Table 3")).toEqual({ sheet: "Table 3", row: 0, col: 0, rows: 2, cols: 9 });
    expect(await host.usedRange("Empty")).toBeNull();
    expect(await host.sheetNames()).toEqual(["Table 3", "Empty"]);
    expect(await host.activeSheet()).toBe("Table 3");
  });

  test("write: inputs go through formulas (null clears with \"\"), formats only where given", async () => {
    const { mock, log } = excelMock({ Comparison: SHEET }, { sheet: "Comparison", row: 0, col: 0, rows: 1, cols: 1 });
    install(mock);
    await new OfficeHost().write([
      {
        sheet: "Comparison",
        row: 2,
        col: 1,
        inputs: [["SO2", "=ER.INITIAL_RIGHT_PHASED(A1:C1,A2:C2)", null], ["'1562", 4113.6, true]],
        formats: [[null, "0.00", null], [null, null, null]],
      },
    ]);
    expect(log.formulas).toEqual([
      { sheet: "Comparison", row: 2, col: 1, rows: 2, cols: 3, grid: [["SO2", "=ER.INITIAL_RIGHT_PHASED(A1:C1,A2:C2)", ""], ["'1562", 4113.6, true]] },
    ]);
    expect(log.formats).toEqual([{ sheet: "Comparison", row: 2, col: 2, value: [["0.00"]] }]);
  });

  test("select activates the sheet and selects the rectangle; add and delete sheets", async () => {
    const { mock, log } = excelMock({ "Table 3": SHEET, Audit: SHEET }, { sheet: "Table 3", row: 0, col: 0, rows: 1, cols: 1 });
    install(mock);
    const host = new OfficeHost();
    await host.select({ sheet: "Audit", row: 3, col: 1, rows: 6, cols: 2 });
    expect(log.activated).toEqual(["Audit"]);
    expect(log.selected).toEqual([{ sheet: "Audit", row: 3, col: 1, rows: 6, cols: 2 }]);
    await host.addSheet("Comparison");
    await host.deleteSheet("Audit");
    expect(log.added).toEqual(["Comparison"]);
    expect(log.deleted).toEqual(["Audit"]);
  });

  test("selection changes and sheet activation reach the listener; unsubscribing removes both handlers", async () => {
    const { mock, log } = excelMock({ "Table 3": SHEET }, { sheet: "Table 3", row: 0, col: 0, rows: 1, cols: 1 });
    install(mock);
    const listener = jest.fn();
    const off = await new OfficeHost().onSelectionChanged(listener);
    await log.handlers.get("selection")![0]();
    await log.handlers.get("activated")![0]();
    expect(listener).toHaveBeenCalledTimes(2);
    await off();
    expect(log.removed.sort()).toEqual(["activated", "selection"]);
  });

  test("edits are followed where ExcelApi 1.9 is supported, and skipped quietly where it is not", async () => {
    const supported = excelMock({ "Table 3": SHEET }, { sheet: "Table 3", row: 0, col: 0, rows: 1, cols: 1 });
    install(supported.mock, true);
    const listener = jest.fn();
    const off = await new OfficeHost().onChanged(listener);
    await supported.log.handlers.get("changed")![0]();
    expect(listener).toHaveBeenCalledTimes(1);
    expect([...supported.log.handlers.keys()].sort()).toEqual(["added", "changed", "deleted"]);
    await off();
    expect(supported.log.removed.sort()).toEqual(["added", "changed", "deleted"]);

    const old = excelMock({ "Table 3": SHEET }, { sheet: "Table 3", row: 0, col: 0, rows: 1, cols: 1 });
    install(old.mock, false);
    await (await new OfficeHost().onChanged(listener))();
    expect(old.log.handlers.size).toBe(0);
  });
});
