/**
 * Rectangles of one sheet (RangeRef: a sheet, a top-left cell and a size), as the task pane and the
 * in-memory workbook pass them: their A1 text, the reference a formula or a defined name writes for them,
 * and their overlap. The A1 rules themselves are in ./address.ts. Rows and columns are 0-based.
 */
import { formatRange, parseReference, quoteSheetName, rangeSize, type RangeAddress } from "./address";

/** A rectangle of one sheet. */
export interface RangeRef {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

/** One cell of one sheet. */
export interface CellRef {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
}

/** "B2" or "B2:D4" for a rectangle (without the sheet); "$B$2:$D$4" when `absolute`. */
export function rangeAddress(r: Pick<RangeRef, "row" | "col" | "rows" | "cols">, absolute = false): string {
  const start = { row: r.row, col: r.col, rowAbsolute: absolute, colAbsolute: absolute };
  const end = { row: r.row + r.rows - 1, col: r.col + r.cols - 1, rowAbsolute: absolute, colAbsolute: absolute };
  return formatRange({ start, end });
}

/** A reference from a formula on `fromSheet` to `r`: plain on the same sheet, sheet-qualified ("'Table 3'!D5:D7") otherwise. */
export function refText(r: RangeRef, fromSheet: string): string {
  return r.sheet === fromSheet ? rangeAddress(r) : `${quoteSheetName(r.sheet)}!${rangeAddress(r)}`;
}

/** A name's reference as Excel's names.add takes it: "='Table 3'!$D$5:$F$5". */
export function nameReference(r: RangeRef): string {
  return `=${quoteSheetName(r.sheet)}!${rangeAddress(r, true)}`;
}

/** The reference as a user reads it: "Table 3!D5:D7". */
export function displayAddress(r: RangeRef): string {
  return `${r.sheet}!${rangeAddress(r)}`;
}

/** The rectangle of a range address on `sheet`. */
export function rectOf(range: RangeAddress, sheet: string): RangeRef {
  const { rows, cols } = rangeSize(range);
  return { sheet, row: range.start.row, col: range.start.col, rows, cols };
}

/**
 * Parses a reference as Excel gives it ("Sheet1!B2:D4", "'Table 3'!B2", "B2"), on `defaultSheet` when it
 * names none.
 */
export function parseRectReference(text: string, defaultSheet: string): RangeRef | undefined {
  const r = parseReference(text);
  return r ? rectOf(r.range, r.sheet ?? defaultSheet) : undefined;
}

/** The smallest rectangle holding both. */
export function union(a: RangeRef, b: RangeRef): RangeRef {
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  return { sheet: a.sheet, row, col, rows: Math.max(a.row + a.rows, b.row + b.rows) - row, cols: Math.max(a.col + a.cols, b.col + b.cols) - col };
}

/** The overlap of two rectangles of the same sheet, or undefined. */
export function intersect(a: RangeRef, b: RangeRef): RangeRef | undefined {
  if (a.sheet !== b.sheet) return undefined;
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const rows = Math.min(a.row + a.rows, b.row + b.rows) - row;
  const cols = Math.min(a.col + a.cols, b.col + b.cols) - col;
  return rows > 0 && cols > 0 ? { sheet: a.sheet, row, col, rows, cols } : undefined;
}

/** True when the cell at (row, col) is inside `r` (of whatever sheet). */
export function contains(r: Pick<RangeRef, "row" | "col" | "rows" | "cols">, row: number, col: number): boolean {
  return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
}

/**
 * The smallest rectangle holding every given cell (none: an empty rectangle at A1). A loop, never
 * Math.min(...cells): a spread passes each value as an argument, and some 100,000 of them overflow the stack.
 */
export function boundsOf(cells: readonly { readonly row: number; readonly col: number }[]): { row: number; col: number; rows: number; cols: number } {
  if (cells.length === 0) return { row: 0, col: 0, rows: 0, cols: 0 };
  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  for (const c of cells) {
    if (c.row < top) top = c.row;
    if (c.row > bottom) bottom = c.row;
    if (c.col < left) left = c.col;
    if (c.col > right) right = c.col;
  }
  return { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
}

/** The length of the longest row (0 for no rows), by a loop (see boundsOf). */
export function widest(rows: readonly { readonly length: number }[]): number {
  let w = 0;
  for (const r of rows) if (r.length > w) w = r.length;
  return w;
}
