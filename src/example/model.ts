/**
 * A sheet of the example workbooks before it is written: cells (a typed value or a formula as the file
 * stores it, with a style and a note), merges, column widths and row heights; and the helpers the sheets are
 * built with. The engine computes the models' cells (./workbook.ts) before ExcelJS writes them.
 */
import { formatCell, formatReference } from "../sheet/address";
import type { CellContent } from "../engine/engine";
import type { GridCell } from "./rule-grids";

export type StyleName = "title" | "header" | "text" | "center" | "tonnes" | "volume" | "limit" | "note" | "integer" | "date";

export interface CellSpec {
  /** A value typed in the cell. */
  readonly value?: CellContent;
  /** A formula as stored in the file, without "=". */
  readonly formula?: string;
  readonly style: StyleName;
  readonly note?: string;
}

export class SheetModel {
  readonly cells = new Map<string, { row: number; col: number; spec: CellSpec }>();
  readonly merges: string[] = [];
  readonly heights = new Map<number, number>();
  constructor(
    readonly name: string,
    readonly widths: readonly number[],
  ) {}
  set(row: number, col: number, spec: CellSpec): void {
    this.cells.set(`${row},${col}`, { row, col, spec });
  }
  merge(r1: number, c1: number, r2: number, c2: number): void {
    this.merges.push(`${formatCell(r1, c1)}:${formatCell(r2, c2)}`);
  }
  inputs(): CellContent[][] {
    const rows: CellContent[][] = [];
    for (const { row, col, spec } of this.cells.values()) {
      (rows[row] ??= [])[col] = spec.formula !== undefined ? `=${spec.formula}` : (spec.value ?? null);
    }
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    return rows;
  }
}

/** A reference from another sheet to a cell or a range of `sheet`. */
export const ref = (sheet: string, r1: number, c1: number, r2 = r1, c2 = c1) =>
  formatReference(sheet, { start: { row: r1, col: c1 }, end: { row: r2, col: c2 } });

/** A cell or a range of the formula's own sheet. */
export const local = (r1: number, c1: number, r2 = r1, c2 = c1) => (r1 === r2 && c1 === c2 ? formatCell(r1, c1) : `${formatCell(r1, c1)}:${formatCell(r2, c2)}`);

export function header(sheet: SheetModel, row: number, col: number, text: string): void {
  sheet.set(row, col, { value: text, style: "header" });
}

export function title(sheet: SheetModel, text: string, lastCol: number): void {
  sheet.set(0, 0, { value: text, style: "title" });
  sheet.merge(0, 0, 0, lastCol);
}

/** A sheet from a grid of values and "=" formulas; row 0 is its header. */
export function gridSheet(name: string, grid: readonly GridCell[][], widths: readonly number[], styleOf: (row: number, col: number, v: GridCell) => StyleName): SheetModel {
  const s = new SheetModel(name, widths);
  grid.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      const style = r === 0 ? "header" : styleOf(r, c, v);
      s.set(r, c, typeof v === "string" && v.startsWith("=") ? { formula: v.slice(1), style } : { value: v, style });
    }),
  );
  return s;
}

/** Gives the cells of row `row` of a sheet model one style (a header row, a title). */
export function restyleRow(m: SheetModel, row: number, cols: number, style: StyleName = "header"): void {
  for (let c = 0; c < cols; c++) {
    const cell = m.cells.get(`${row},${c}`);
    if (cell) cell.spec = { ...cell.spec, style };
  }
}
