/**
 * A small Excel for OfficeHost's tests, on office-addin-mock: every proxy is an OfficeMockObject, so a property
 * read without load() and sync() gives the mock's "not loaded" error text instead of a value, as in Excel.
 * Behind the proxies is a workbook (sheets of cells, names, the selection, which cells a dynamic array spilled
 * into); writes queue and reach it at sync, in order. It counts Excel.run batches and context.sync round
 * trips, records the options each batch was started with, fails a chosen sync, and refuses a batch started
 * without delayForCellEdit while a cell is being edited, as Excel does.
 */
import { OfficeMockObject } from "office-addin-mock";

/** What office-addin-mock does that its typings keep private: add a child mock object and fill it. */
interface Mockable {
  addMock(name: string): void;
  populate(data: object): void;
}
const mockable = (o: OfficeMockObject) => o as unknown as Mockable;

export interface FakeCell {
  value: unknown;
  formula?: string;
  format?: string;
}

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface FakeLog {
  runs: number;
  syncs: number;
  runOptions: unknown[];
  /** Every `formulas` assignment: the sheet, the rectangle, the grid. */
  formulas: { sheet: string; row: number; col: number; rows: number; cols: number; grid: unknown[][] }[];
  /** Every `numberFormat` assignment. */
  formats: { sheet: string; row: number; col: number; rows: number; cols: number; grid: unknown[][] }[];
  selected: { sheet: string; address: string }[];
  autofit: { sheet: string; address: string }[];
  activated: string[];
  added: string[];
  deleted: string[];
  namesAdded: { name: string; reference: string; visible?: boolean }[];
  namesDeleted: string[];
  /** Spill parents asked for. */
  spillChecks: number;
  handlers: Map<string, (() => Promise<void>)[]>;
  removed: string[];
  /** getSelectedRange / getSelectedRanges calls. */
  selectionCalls: string[];
}

const slice = <T>(grid: T[][], r: Rect, fill: T): T[][] => Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.cols }, (_, j) => grid[r.row + i]?.[r.col + j] ?? fill));

function letters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = (n - 1 - r) / 26;
  }
  return s;
}
export const address = (r: Rect) => `${letters(r.col)}${r.row + 1}${r.rows * r.cols > 1 ? `:${letters(r.col + r.cols - 1)}${r.row + r.rows}` : ""}`;

function typeOf(c: FakeCell | undefined): string {
  if (!c || (c.value === null && !c.formula) || (c.value === "" && !c.formula)) return "Empty";
  const v = c.value;
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  if (typeof v === "string" && /^#[A-Z/0!?]+[!?A]?$/.test(v)) return "Error";
  return "String";
}

export class FakeExcel {
  readonly sheets = new Map<string, FakeCell[][]>();
  active: string;
  selection: { sheet: string; areas: Rect[] };
  readonly names = new Map<string, { formula: string; visible: boolean }>();
  /** "sheet!row,col" of a spilled cell -> its formula cell. */
  readonly spills = new Map<string, { row: number; col: number }>();
  /** A cell is being edited: a batch without delayForCellEdit fails; one with it waits until `endEdit`. */
  editing = false;
  private waiting: (() => void)[] = [];
  /** Fails the sync with this number (1-based, counted from now): Excel refused an operation. */
  failSync: number | undefined;
  readonly log: FakeLog = {
    runs: 0,
    syncs: 0,
    runOptions: [],
    formulas: [],
    formats: [],
    selected: [],
    autofit: [],
    activated: [],
    added: [],
    deleted: [],
    namesAdded: [],
    namesDeleted: [],
    spillChecks: 0,
    handlers: new Map(),
    removed: [],
    selectionCalls: [],
  };
  private queue: (() => void)[] = [];
  private serial = 0;

  constructor(sheets: Record<string, FakeCell[][]>, selection?: { sheet: string; areas: Rect[] }) {
    for (const [name, cells] of Object.entries(sheets)) this.sheets.set(name, cells);
    this.active = Object.keys(sheets)[0];
    this.selection = selection ?? { sheet: this.active, areas: [{ row: 0, col: 0, rows: 1, cols: 1 }] };
  }

  /** Cells from plain inputs: "=..." a formula (value given apart), a number, text. */
  static cells(rows: unknown[][], values?: unknown[][]): FakeCell[][] {
    return rows.map((line, i) =>
      line.map((v, j) => (typeof v === "string" && v.startsWith("=") ? { value: values?.[i]?.[j] ?? 0, formula: v } : { value: v === undefined ? null : v })),
    );
  }

  endEdit(): void {
    this.editing = false;
    for (const go of this.waiting.splice(0)) go();
  }

  cell(sheet: string, row: number, col: number): FakeCell | undefined {
    return this.sheets.get(sheet)?.[row]?.[col];
  }

  private used(sheet: string): Rect | null {
    const g = this.sheets.get(sheet) ?? [];
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    g.forEach((line, r) =>
      line.forEach((c, k) => {
        if (typeOf(c) === "Empty") return;
        top = Math.min(top, r);
        left = Math.min(left, k);
        bottom = Math.max(bottom, r);
        right = Math.max(right, k);
      }),
    );
    return bottom < 0 ? null : { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  private set(sheet: string, row: number, col: number, input: unknown): void {
    const g = this.sheets.get(sheet) as FakeCell[][];
    while (g.length <= row) g.push([]);
    const line = g[row];
    while (line.length <= col) line.push({ value: null });
    if (input === null || input === undefined) return;
    const old = line[col];
    if (input === "") line[col] = { value: null, format: old.format };
    else if (typeof input === "string" && input.startsWith("=")) line[col] = { value: 0, formula: input, format: old.format };
    else if (typeof input === "string" && input.startsWith("'")) line[col] = { value: input.slice(1), format: old.format };
    else line[col] = { value: input, format: old.format };
  }

  /** The Excel global: Excel.run and the object model behind it. */
  mock(): OfficeMockObject {
    // The proxies' methods run with `this` bound to the mock objects; the workbook is reached through `fake`.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const fake = this;
    const event = (name: string) => ({
      add: function (h: () => Promise<void>) {
        const list = fake.log.handlers.get(name) ?? [];
        list.push(h);
        fake.log.handlers.set(name, list);
        return { context: "the-context", remove: () => fake.log.removed.push(name) };
      },
    });
    /** A child proxy of `owner`, filled with `data`, so that context.sync() loads it as Excel would. */
    const child = (owner: OfficeMockObject, data: object, nullObject = false): OfficeMockObject => {
      const key = `p${fake.serial++}`;
      mockable(owner).addMock(key);
      const o = (owner as unknown as Record<string, OfficeMockObject>)[key];
      mockable(o).populate(data);
      // As in Excel, isNullObject needs no load.
      Object.defineProperty(o, "isNullObject", { value: nullObject });
      return o;
    };
    const rangeProxy = (owner: OfficeMockObject, sheet: string, r: Rect): OfficeMockObject => {
      const g = fake.sheets.get(sheet) ?? [];
      const cells = slice(g, r, { value: null } as FakeCell);
      const o = child(owner, {
        values: cells.map((l) => l.map((c) => (c.value === null ? "" : c.value))),
        formulas: cells.map((l) => l.map((c) => c.formula ?? (c.value === null ? "" : c.value))),
        valueTypes: cells.map((l) => l.map((c) => typeOf(c))),
        numberFormat: cells.map((l) => l.map((c) => c.format ?? "General")),
        rowIndex: r.row,
        columnIndex: r.col,
        rowCount: r.rows,
        columnCount: r.cols,
        worksheet: { name: sheet },
        format: { autofitColumns: () => fake.queue.push(() => fake.log.autofit.push({ sheet, address: address(r) })) },
        select: () => fake.queue.push(() => fake.log.selected.push({ sheet, address: address(r) })),
        getSpillParentOrNullObject: function (this: OfficeMockObject) {
          fake.log.spillChecks++;
          const p = fake.spills.get(`${sheet}!${r.row},${r.col}`);
          return child(this, { rowIndex: p?.row ?? 0, columnIndex: p?.col ?? 0 }, !p);
        },
      });
      // Assignments are what the add-in writes; they reach the workbook at sync.
      const mine = (v: unknown) => !(typeof v === "string" && v.startsWith("Error,"));
      const props = (o as unknown as { _properties: Map<string, { _value: unknown }> })._properties;
      let formulas: unknown;
      Object.defineProperty(o, "formulas", {
        get: () => formulas ?? props.get("formulas")?._value,
        set: (grid: unknown[][]) => {
          if (!mine(grid)) return;
          formulas = grid;
          fake.log.formulas.push({ sheet, ...r, grid });
          fake.queue.push(() => grid.forEach((line, i) => line.forEach((v, j) => fake.set(sheet, r.row + i, r.col + j, v))));
        },
      });
      let fmt: unknown;
      Object.defineProperty(o, "numberFormat", {
        get: () => fmt ?? props.get("numberFormat")?._value,
        set: (grid: unknown[][]) => {
          if (!mine(grid)) return;
          fmt = grid;
          fake.log.formats.push({ sheet, ...r, grid });
        },
      });
      return o;
    };
    const namesProxy = (owner: OfficeMockObject): OfficeMockObject => {
      const items = [...fake.names].map(([name, n]) => ({ name, formula: n.formula }));
      const o = child(owner, {
        items,
        load: function (this: OfficeMockObject) {
          OfficeMockObject.prototype.load.call(this, "items");
        },
        add: (name: string, reference: string) => {
          const entry: { name: string; reference: string; visible?: boolean } = { name, reference };
          fake.log.namesAdded.push(entry);
          fake.queue.push(() => fake.names.set(name, { formula: reference, visible: entry.visible ?? true }));
          return {
            set visible(v: boolean) {
              entry.visible = v;
            },
          };
        },
        getItem: (name: string) => ({
          delete: () =>
            fake.queue.push(() => {
              if (!fake.names.delete(name)) throw Object.assign(new Error(`no name ${name}`), { code: "ItemNotFound" });
              fake.log.namesDeleted.push(name);
            }),
        }),
        getItemOrNullObject: function (this: OfficeMockObject, name: string) {
          const n = fake.names.get(name);
          return child(this, { formula: n?.formula ?? "" }, !n);
        },
      });
      return o;
    };
    const sheetProxy = (owner: OfficeMockObject, name: string): OfficeMockObject => {
      const o = sheetObject(owner, name);
      // The fake workbook's names are all workbook-wide: a sheet has no names of its own.
      const names = child(o, {
        items: [],
        load: function (this: OfficeMockObject) {
          OfficeMockObject.prototype.load.call(this, "items");
        },
      });
      Object.defineProperty(o, "names", { value: names });
      return o;
    };
    const sheetObject = (owner: OfficeMockObject, name: string): OfficeMockObject =>
      child(owner, {
        name,
        activate: () => fake.queue.push(() => fake.log.activated.push(name)),
        delete: () =>
          fake.queue.push(() => {
            fake.sheets.delete(name);
            fake.log.deleted.push(name);
          }),
        getRangeByIndexes: function (this: OfficeMockObject, row: number, col: number, rows: number, cols: number) {
          return rangeProxy(this, name, { row, col, rows, cols });
        },
        getCell: function (this: OfficeMockObject, row: number, col: number) {
          return rangeProxy(this, name, { row, col, rows: 1, cols: 1 });
        },
        getRanges: (addresses: string) => ({ select: () => fake.queue.push(() => fake.log.selected.push({ sheet: name, address: addresses })) }),
        getUsedRangeOrNullObject: function (this: OfficeMockObject, valuesOnly?: boolean) {
          if (valuesOnly !== true) throw new Error("the pane asks for the used range of values only");
          const u = fake.used(name);
          return u ? rangeProxy(this, name, u) : child(this, { rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 }, true);
        },
      });
    const context = {
      workbook: {
        onSelectionChanged: event("selection"),
        getSelectedRange: function (this: OfficeMockObject) {
          fake.log.selectionCalls.push("getSelectedRange");
          // As in Excel: one range only.
          if (fake.selection.areas.length > 1) throw Object.assign(new Error("The operation is not supported for multiple selection."), { code: "InvalidSelection" });
          return rangeProxy(this, fake.selection.sheet, fake.selection.areas[0]);
        },
        getSelectedRanges: function (this: OfficeMockObject) {
          fake.log.selectionCalls.push("getSelectedRanges");
          const o = child(this, {
            worksheet: { name: fake.selection.sheet },
            areas: {
              items: fake.selection.areas.map((a) => ({ rowIndex: a.row, columnIndex: a.col, rowCount: a.rows, columnCount: a.cols })),
              load: function (this: OfficeMockObject) {
                OfficeMockObject.prototype.load.call(this, "items");
              },
            },
          });
          return o;
        },
        names: {},
        worksheets: {
          items: [] as { name: string }[],
          load: function (this: OfficeMockObject) {
            OfficeMockObject.prototype.load.call(this, "items");
          },
          getItem: function (this: OfficeMockObject, name: string) {
            // As in Excel, a missing sheet is an error at sync (a sheet added earlier in the batch is there by then).
            fake.queue.push(() => {
              if (!fake.sheets.has(name)) throw Object.assign(new Error(`ItemNotFound: ${name}`), { code: "ItemNotFound" });
            });
            return sheetProxy(this, name);
          },
          getActiveWorksheet: function (this: OfficeMockObject) {
            return sheetProxy(this, fake.active);
          },
          add: (name: string) =>
            fake.queue.push(() => {
              if (fake.sheets.has(name)) throw Object.assign(new Error(`a sheet named ${name} exists`), { code: "ItemAlreadyExists" });
              fake.sheets.set(name, []);
              fake.log.added.push(name);
            }),
          onActivated: event("activated"),
          onChanged: event("changed"),
          onAdded: event("added"),
          onDeleted: event("deleted"),
        },
      },
    };
    const data = {
      context,
      run: async function (this: { context: OfficeMockObject }, a: unknown, b?: unknown) {
        const options = typeof a === "function" ? undefined : a;
        const cb = (typeof a === "function" ? a : b) as (c: unknown) => Promise<unknown>;
        fake.log.runs++;
        fake.log.runOptions.push(options);
        if (fake.editing) {
          if (!(options as { delayForCellEdit?: boolean } | undefined)?.delayForCellEdit) throw Object.assign(new Error("The user is editing a cell."), { code: "InvalidOperationInCellEditMode" });
          await new Promise<void>((go) => fake.waiting.push(go));
        }
        // A fresh view of the workbook for each batch: the sheets and names as they are now.
        const ctx = this.context as unknown as { workbook: OfficeMockObject & { worksheets: OfficeMockObject; names: OfficeMockObject } };
        mockable(ctx.workbook.worksheets).populate({ items: [...fake.sheets.keys()].map((name) => ({ name })) });
        const names = namesProxy(ctx.workbook);
        // The mock puts its own child back in place of a property after each sync: make this one the child.
        (ctx.workbook as unknown as { _properties: Map<string, unknown> })._properties.set("names", names);
        (ctx.workbook as unknown as Record<string, unknown>).names = names;
        const sync = OfficeMockObject.prototype.sync;
        (this.context as unknown as { sync: () => Promise<void> }).sync = async function (this: OfficeMockObject) {
          fake.log.syncs++;
          const ops = fake.queue.splice(0);
          if (fake.failSync !== undefined && --fake.failSync === 0) {
            fake.failSync = undefined;
            // Excel runs the batch up to the operation it refuses: here, the first half.
            for (const op of ops.slice(0, Math.floor(ops.length / 2))) op();
            throw Object.assign(new Error("The request failed."), { code: "GeneralException" });
          }
          for (const op of ops) op();
          return sync.call(this);
        };
        return cb(this.context);
      },
    };
    return new OfficeMockObject(data);
  }
}
