/**
 * A1 addresses for the pane, on rectangles (RangeRef): column letters, cell and range addresses,
 * sheet-qualified references. The A1 rules themselves are the engine's (src/engine/address.ts, pure).
 */
import {
  columnToIndex,
  formatCell,
  formatRange,
  indexToColumn,
  parseRange as parseRangeAddress,
  parseReference as parseReferenceText,
  quoteSheetName,
  rangeSize,
  type RangeAddress,
} from "../../engine/address";
import type { RangeRef } from "../host/types";

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnLetters(col: number): string {
  return indexToColumn(col);
}

/** "A" -> 0, "AA" -> 26. */
export function columnIndex(letters: string): number {
  return columnToIndex(letters);
}

export function cellAddress(row: number, col: number, absolute = false): string {
  return formatCell(row, col, absolute);
}

/** "B2" or "B2:D4" for a rectangle (without the sheet). */
export function rangeAddress(r: Pick<RangeRef, "row" | "col" | "rows" | "cols">, absolute = false): string {
  const start = { row: r.row, col: r.col, rowAbsolute: absolute, colAbsolute: absolute };
  const end = { row: r.row + r.rows - 1, col: r.col + r.cols - 1, rowAbsolute: absolute, colAbsolute: absolute };
  return formatRange({ start, end });
}

/** The sheet name as a formula names it: quoted unless it is a plain ASCII word that is not a cell address. */
export function quoteSheet(name: string): string {
  return quoteSheetName(name);
}

/** "'Table 3'!D5:D7": a reference for a formula on another sheet. */
export function sheetReference(r: RangeRef): string {
  return `${quoteSheet(r.sheet)}!${rangeAddress(r)}`;
}

/** A name's reference as Excel's names.add takes it: "='Table 3'!$D$5:$F$5". */
export function nameReference(r: RangeRef): string {
  return `=${quoteSheet(r.sheet)}!${rangeAddress(r, true)}`;
}

/** The reference as a user reads it: "Table 3!D5:D7". */
export function displayAddress(r: RangeRef): string {
  return `${r.sheet}!${rangeAddress(r)}`;
}

function toRef(range: RangeAddress, sheet: string): RangeRef {
  const { rows, cols } = rangeSize(range);
  return { sheet, row: range.start.row, col: range.start.col, rows, cols };
}

/** Parses "B2" or "B2:D4" (with or without $) into a rectangle; undefined when it is not an address. */
export function parseRange(text: string, sheet: string): RangeRef | undefined {
  const r = parseRangeAddress(text);
  return r ? toRef(r, sheet) : undefined;
}

/**
 * Parses a reference as Excel gives it ("Sheet1!B2:D4", "'Table 3'!B2", "B2"), with `defaultSheet`
 * when none is named.
 */
export function parseReference(text: string, defaultSheet: string): RangeRef | undefined {
  const r = parseReferenceText(text);
  return r ? toRef(r.range, r.sheet ?? defaultSheet) : undefined;
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

export function contains(r: RangeRef, row: number, col: number): boolean {
  return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
}
