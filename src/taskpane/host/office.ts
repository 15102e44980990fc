/**
 * The workbook in Excel, through the Excel JavaScript API. Only this file touches Office.
 *
 * - One `run` is one Excel.run, started with delayForCellEdit: while the user edits a cell, Excel holds the
 *   batch until the edit ends instead of failing it.
 * - Reads are proxies loaded in the batch; a large rectangle is read in bands of rows, the bands spread over
 *   as many syncs as Excel's payload limit asks (MAX_CELLS_PER_REQUEST cells a sync).
 * - The manifest requires ExcelApi 1.7 (getRangeByIndexes, name formulas, sheet activation events). Newer
 *   sets are checked before use: 1.9 for several selected areas and for change events, 1.12 for spills; the
 *   shared runtime's visibility events need SharedRuntime 1.1.
 *
 * Empty cells: Excel reports an empty cell's value as "" and its formula as "", the same as a cell holding
 * empty text; `valueTypes` tells them apart ("Empty"), so the pane can flag the empty cells that Excel on
 * Windows and Mac may hand to a custom function as 0.
 */
import {
  isCellError,
  later,
  type Capabilities,
  type CellInfo,
  type UserInput,
  type CellRef,
  type Later,
  type NameInfo,
  type RangeData,
  type RangeRef,
  type Selection,
  type SheetWrite,
  type Tx,
  type Unsubscribe,
  type UsedRange,
  type WorkbookHost,
} from "./types";
import { nameReference, rangeAddress } from "../../sheet/rect";

/** The most cells read in one sync; Excel limits the size of a request's payload (5 MB on the web). */
export const MAX_CELLS_PER_REQUEST = 20000;

/**
 * One cell from Excel's arrays. `formulas` gives a constant cell's value: text that begins with "=" (typed
 * after an apostrophe, as the audit sheet's "Formula written" column) comes back as "=..." there, and is no
 * formula: a formula's text never equals its own result.
 */
function toCellInfo(value: unknown, formula: unknown, type: string, format: unknown): CellInfo {
  const fmt = typeof format === "string" && format !== "General" ? format : undefined;
  const f = typeof formula === "string" && formula.startsWith("=") && !(type === "String" && formula === value) ? formula : undefined;
  if (type === "Empty" && !f) return fmt ? { value: null, format: fmt } : { value: null };
  let v: CellInfo["value"];
  if (type === "Error") v = { error: String(value) };
  else if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") v = value;
  else v = value === null || value === undefined ? null : String(value);
  const out: { value: CellInfo["value"]; formula?: string; format?: string } = { value: v };
  if (f) out.formula = f;
  if (fmt) out.format = fmt;
  return out;
}

/** What Excel's `formulas` setter takes for an input: "" clears, null leaves the cell as it is. */
function toExcelInput(input: UserInput | undefined): string | number | boolean | null {
  if (input === undefined) return null;
  if (input === null) return "";
  return input;
}

function rangeOf(ws: Excel.Worksheet, r: Pick<RangeRef, "row" | "col" | "rows" | "cols">): Excel.Range {
  return ws.getRangeByIndexes(r.row, r.col, r.rows, r.cols);
}

function supported(set: string, version: string): boolean {
  return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported?.(set, version) === true;
}

class OfficeTx implements Tx {
  /** Syncs completed by `sync()`; a Later is readable once one has completed after it was queued. */
  private done = 0;
  /** Cells already queued for the next sync, and reads that wait for a later sync (the payload limit). */
  private queuedCells = 0;
  private deferred: { cells: number; load: () => void }[] = [];

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly caps: Capabilities,
  ) {}

  private later<T>(get: () => T): Later<T> {
    const at = this.done;
    return later(get, () => this.done > at);
  }

  private sheet(name: string): Excel.Worksheet {
    return this.context.workbook.worksheets.getItem(name);
  }

  sheetNames(): Later<string[]> {
    const sheets = this.context.workbook.worksheets;
    sheets.load("items/name");
    return this.later(() => sheets.items.map((s) => s.name));
  }

  activeSheet(): Later<string> {
    const ws = this.context.workbook.worksheets.getActiveWorksheet();
    ws.load("name");
    return this.later(() => ws.name);
  }

  selection(): Later<Selection> {
    const props = ["rowIndex", "columnIndex", "rowCount", "columnCount"];
    if (this.caps.multiArea) {
      const ranges = this.context.workbook.getSelectedRanges();
      ranges.areas.load(props);
      ranges.worksheet.load("name");
      return this.later(() => {
        const sheet = ranges.worksheet.name;
        return { sheet, areas: ranges.areas.items.map((r) => ({ sheet, row: r.rowIndex, col: r.columnIndex, rows: r.rowCount, cols: r.columnCount })) };
      });
    }
    const range = this.context.workbook.getSelectedRange();
    range.load(props);
    range.worksheet.load("name");
    return this.later(() => {
      const sheet = range.worksheet.name;
      return { sheet, areas: [{ sheet, row: range.rowIndex, col: range.columnIndex, rows: range.rowCount, cols: range.columnCount }] };
    });
  }

  usedRange(sheet?: string): Later<UsedRange> {
    const ws = sheet === undefined ? this.context.workbook.worksheets.getActiveWorksheet() : this.sheet(sheet);
    if (sheet === undefined) ws.load("name");
    const used = ws.getUsedRangeOrNullObject(true);
    used.load(["rowIndex", "columnIndex", "rowCount", "columnCount"]);
    return this.later(() => {
      const name = sheet ?? ws.name;
      return { sheet: name, range: used.isNullObject ? null : { sheet: name, row: used.rowIndex, col: used.columnIndex, rows: used.rowCount, cols: used.columnCount } };
    });
  }

  cells(r: RangeRef): Later<RangeData> {
    const band = Math.max(1, Math.floor(MAX_CELLS_PER_REQUEST / Math.max(1, r.cols)));
    const parts: Excel.Range[] = [];
    for (let start = 0; start < r.rows; start += band) {
      const rows = Math.min(band, r.rows - start);
      const index = parts.length;
      parts.push(undefined as unknown as Excel.Range);
      const load = () => {
        const range = rangeOf(this.sheet(r.sheet), { row: r.row + start, col: r.col, rows, cols: r.cols });
        range.load(["values", "formulas", "valueTypes", "numberFormat"]);
        parts[index] = range;
      };
      this.queue(rows * r.cols, load);
    }
    return this.later(() => {
      const cells: CellInfo[][] = [];
      for (const range of parts) {
        range.values.forEach((line, i) => cells.push(line.map((v, j) => toCellInfo(v, range.formulas[i]?.[j], range.valueTypes[i]?.[j], range.numberFormat[i]?.[j]))));
      }
      return { ...r, cells };
    });
  }

  /** Loads now if the next sync has room for `cells` more cells, else in a later sync. */
  private queue(cells: number, load: () => void): void {
    if (this.deferred.length === 0 && (this.queuedCells === 0 || this.queuedCells + cells <= MAX_CELLS_PER_REQUEST)) {
      this.queuedCells += cells;
      load();
    } else this.deferred.push({ cells, load });
  }

  nameFormula(name: string): Later<string | null> {
    const item = this.context.workbook.names.getItemOrNullObject(name);
    item.load("formula");
    return this.later(() => (item.isNullObject ? null : String(item.formula)));
  }

  names(sheet?: string): Later<NameInfo[]> {
    const names = sheet === undefined ? this.context.workbook.names : this.sheet(sheet).names;
    names.load("items/name,items/formula");
    return this.later(() => names.items.map((n) => ({ name: n.name, formula: String(n.formula) })));
  }

  spillParent(c: CellRef): Later<CellRef | null> {
    const parent = this.sheet(c.sheet).getCell(c.row, c.col).getSpillParentOrNullObject();
    parent.load(["rowIndex", "columnIndex"]);
    return this.later(() => (parent.isNullObject ? null : { sheet: c.sheet, row: parent.rowIndex, col: parent.columnIndex }));
  }

  addSheet(name: string): void {
    this.context.workbook.worksheets.add(name);
  }

  deleteSheet(name: string): void {
    this.sheet(name).delete();
  }

  write(w: SheetWrite): void {
    const rows = w.inputs.length;
    const cols = Math.max(0, ...w.inputs.map((line) => line.length));
    if (rows === 0 || cols === 0) return;
    const range = rangeOf(this.sheet(w.sheet), { row: w.row, col: w.col, rows, cols });
    range.formulas = w.inputs.map((line) => Array.from({ length: cols }, (_, j) => toExcelInput(j < line.length ? line[j] : undefined))) as unknown[][];
    // One 2-D number format for the block: null leaves a cell's format as it is.
    if (w.formats && w.formats.some((line) => line.some((f) => f !== null && f !== undefined))) {
      range.numberFormat = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => w.formats?.[i]?.[j] ?? null)) as unknown[][];
    }
  }

  autofitColumns(r: RangeRef): void {
    rangeOf(this.sheet(r.sheet), r).format.autofitColumns();
  }

  addName(name: string, r: RangeRef): void {
    const item = this.context.workbook.names.add(name, nameReference(r));
    item.visible = false;
  }

  deleteName(name: string): void {
    this.context.workbook.names.getItem(name).delete();
  }

  select(r: RangeRef | readonly RangeRef[]): void {
    const areas = Array.isArray(r) ? (r as readonly RangeRef[]) : [r as RangeRef];
    if (areas.length === 0) return;
    const ws = this.sheet(areas[0].sheet);
    ws.activate();
    // Several areas need ExcelApi 1.9 (getRanges); without it the first area is selected.
    if (areas.length > 1 && this.caps.multiArea) ws.getRanges(areas.map((a) => rangeAddress(a)).join(",")).select();
    else rangeOf(ws, areas[0]).select();
  }

  async sync(): Promise<void> {
    await this.context.sync();
    this.queuedCells = 0;
    while (this.deferred.length > 0) {
      let cells = 0;
      while (this.deferred.length > 0 && (cells === 0 || cells + this.deferred[0].cells <= MAX_CELLS_PER_REQUEST)) {
        const d = this.deferred.shift() as { cells: number; load: () => void };
        cells += d.cells;
        d.load();
      }
      await this.context.sync();
    }
    this.done++;
  }
}

export class OfficeHost implements WorkbookHost {
  readonly kind = "excel" as const;
  readonly capabilities: Capabilities = {
    multiArea: supported("ExcelApi", "1.9"),
    changeEvents: supported("ExcelApi", "1.9"),
    spill: supported("ExcelApi", "1.12"),
  };
  private visible = typeof document === "undefined" || document.visibilityState !== "hidden";

  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return Excel.run({ delayForCellEdit: true }, (context) => fn(new OfficeTx(context, this.capabilities)));
  }

  async onSelectionChanged(listener: () => void): Promise<Unsubscribe> {
    return this.subscribe((context) => [
      context.workbook.onSelectionChanged.add(async () => listener()),
      context.workbook.worksheets.onActivated.add(async () => listener()),
    ]);
  }

  async onChanged(listener: () => void): Promise<Unsubscribe> {
    if (!this.capabilities.changeEvents) return async () => undefined;
    return this.subscribe((context) => [
      context.workbook.worksheets.onChanged.add(async () => listener()),
      context.workbook.worksheets.onAdded.add(async () => listener()),
      context.workbook.worksheets.onDeleted.add(async () => listener()),
    ]);
  }

  /** Office.addin.onVisibilityModeChanged (SharedRuntime 1.1): the pane closed or opened again. */
  async onVisibilityChanged(listener: (visible: boolean) => void): Promise<Unsubscribe> {
    if (!supported("SharedRuntime", "1.1") || typeof Office.addin?.onVisibilityModeChanged !== "function") return async () => undefined;
    const off = await Office.addin.onVisibilityModeChanged((args) => {
      this.visible = args.visibilityMode === Office.VisibilityMode.taskpane;
      listener(this.visible);
    });
    return async () => off();
  }

  isVisible(): boolean {
    return this.visible;
  }

  /** Registers event handlers; the returned function removes them (in their own request context, as Excel asks). */
  private async subscribe(add: (context: Excel.RequestContext) => OfficeExtension.EventHandlerResult<unknown>[]): Promise<Unsubscribe> {
    const handlers = await Excel.run(async (context) => {
      const hs = add(context);
      await context.sync();
      return hs;
    });
    return async () => {
      if (handlers.length === 0) return;
      await Excel.run(handlers[0].context, async (context) => {
        for (const h of handlers) h.remove();
        await context.sync();
      });
    };
  }
}

/** For tests: the CellInfo Excel's arrays give for one cell. */
export const forTests = { toCellInfo, toExcelInput, isCellError };
