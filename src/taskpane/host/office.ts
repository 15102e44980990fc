/**
 * The workbook in Excel, through the Excel JavaScript API (Excel.run). Only this file touches Office.
 *
 * Empty cells: Excel reports an empty cell's value as "" and its formula as "", the same as a cell holding
 * empty text; `valueTypes` tells them apart ("Empty"), so the pane can flag the empty cells that Excel on
 * Windows and Mac may hand to a custom function as 0.
 */
import { isCellError, type CellInfo, type CellInput, type RangeData, type RangeRef, type SheetWrite, type Unsubscribe, type WorkbookHost } from "./types";

/** The largest block read or written in one request; Excel limits the size of a request's payload. */
const MAX_CELLS_PER_REQUEST = 20000;

function toCellInfo(value: unknown, formula: unknown, type: string, format: unknown): CellInfo {
  const fmt = typeof format === "string" && format !== "General" ? format : undefined;
  const f = typeof formula === "string" && formula.startsWith("=") ? formula : undefined;
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

/** What Excel's `formulas` setter takes for an input: "" clears (null would leave the cell as it is). */
function toExcelInput(input: CellInput): string | number | boolean {
  if (input === null) return "";
  return input;
}

function rangeOf(ws: Excel.Worksheet, r: Pick<RangeRef, "row" | "col" | "rows" | "cols">): Excel.Range {
  return ws.getRangeByIndexes(r.row, r.col, r.rows, r.cols);
}

export class OfficeHost implements WorkbookHost {
  readonly kind = "excel" as const;

  async sheetNames(): Promise<string[]> {
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
  }

  async activeSheet(): Promise<string> {
    return Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      ws.load("name");
      await context.sync();
      return ws.name;
    });
  }

  async getSelection(): Promise<RangeRef> {
    return Excel.run(async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load(["rowIndex", "columnIndex", "rowCount", "columnCount"]);
      range.worksheet.load("name");
      await context.sync();
      return { sheet: range.worksheet.name, row: range.rowIndex, col: range.columnIndex, rows: range.rowCount, cols: range.columnCount };
    });
  }

  async read(r: RangeRef): Promise<RangeData> {
    const cells: CellInfo[][] = [];
    // Large rectangles are read in bands of rows, each band one request.
    const band = Math.max(1, Math.floor(MAX_CELLS_PER_REQUEST / Math.max(1, r.cols)));
    for (let start = 0; start < r.rows; start += band) {
      const rows = Math.min(band, r.rows - start);
      const part = await Excel.run(async (context) => {
        const range = rangeOf(context.workbook.worksheets.getItem(r.sheet), { row: r.row + start, col: r.col, rows, cols: r.cols });
        range.load(["values", "formulas", "valueTypes", "numberFormat"]);
        await context.sync();
        return range.values.map((line, i) => line.map((v, j) => toCellInfo(v, range.formulas[i]?.[j], range.valueTypes[i]?.[j], range.numberFormat[i]?.[j])));
      });
      cells.push(...part);
    }
    return { ...r, cells };
  }

  async usedRange(sheet: string): Promise<RangeRef | null> {
    return Excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject(true);
      used.load(["rowIndex", "columnIndex", "rowCount", "columnCount"]);
      await context.sync();
      if (used.isNullObject) return null;
      return { sheet, row: used.rowIndex, col: used.columnIndex, rows: used.rowCount, cols: used.columnCount };
    });
  }

  async select(r: RangeRef): Promise<void> {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(r.sheet);
      ws.activate();
      rangeOf(ws, r).select();
      await context.sync();
    });
  }

  async write(writes: readonly SheetWrite[]): Promise<void> {
    await Excel.run(async (context) => {
      for (const w of writes) {
        const ws = context.workbook.worksheets.getItem(w.sheet);
        const rows = w.inputs.length;
        const cols = Math.max(0, ...w.inputs.map((line) => line.length));
        if (rows === 0 || cols === 0) continue;
        const grid = w.inputs.map((line) => Array.from({ length: cols }, (_, j) => toExcelInput(line[j] ?? null)));
        rangeOf(ws, { row: w.row, col: w.col, rows, cols }).formulas = grid;
        if (w.formats) {
          // Only the cells given a format; the others keep theirs.
          w.formats.forEach((line, i) =>
            line.forEach((f, j) => {
              if (f !== null && f !== undefined) rangeOf(ws, { row: w.row + i, col: w.col + j, rows: 1, cols: 1 }).numberFormat = [[f]];
            }),
          );
        }
      }
      await context.sync();
    });
  }

  async addSheet(name: string): Promise<void> {
    await Excel.run(async (context) => {
      context.workbook.worksheets.add(name);
      await context.sync();
    });
  }

  async deleteSheet(name: string): Promise<void> {
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem(name).delete();
      await context.sync();
    });
  }

  async onSelectionChanged(listener: () => void): Promise<Unsubscribe> {
    return this.subscribe((context) => [
      context.workbook.onSelectionChanged.add(async () => listener()),
      context.workbook.worksheets.onActivated.add(async () => listener()),
    ]);
  }

  async onChanged(listener: () => void): Promise<Unsubscribe> {
    const supported = typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported?.("ExcelApi", "1.9");
    if (!supported) return async () => undefined;
    return this.subscribe((context) => [
      context.workbook.worksheets.onChanged.add(async () => listener()),
      context.workbook.worksheets.onAdded.add(async () => listener()),
      context.workbook.worksheets.onDeleted.add(async () => listener()),
    ]);
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
