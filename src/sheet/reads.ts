/**
 * Which cells an ER call reads, and which of those are empty: the one check behind the empty-cell
 * warnings of the task pane and of `emission-rights audit` (Excel on Windows and Mac has been seen to pass
 * an empty cell to a custom function as 0, and an EIA figure read as 0 is a wrong number that looks right).
 *
 * The behaviour, the same wherever it runs:
 * - An ER call is any of the three name forms (./er.ts); nested calls are calls of their own.
 * - An argument reads cells when it is a reference ("B2:D4", "'Table 3'!C5", "表1!A1") or a defined name
 *   that stands for one (a name local to the formula's sheet before a workbook-wide one). Constants and
 *   expressions read none here.
 * - A reference to a sheet the workbook does not have reads nothing; sheet names match in any case, as in Excel.
 * - A cell is empty when it holds no formula and no value, or an empty text ("": hosts give it for an empty
 *   cell, and nothing on screen tells it from one).
 * - A range of more than MAX_CHECKED_RANGE (100,000) cells is not checked, and counts as unchecked. A reader
 *   may read less (the task pane reads at most 60,000 cells in one action); what it did not read is skipped
 *   by the check, and the reader counts it as unchecked itself.
 * - Each empty cell is listed once per call, in the order of the call's arguments, row by row.
 */
import { erCallsIn } from "./er";
import type { CellValue } from "./errors";
import { parseRectReference, type CellRef, type RangeRef } from "./rect";

/** The largest range whose cells the empty-cell check reads. */
export const MAX_CHECKED_RANGE = 100000;

/** What the check needs to know of a workbook besides its cells. */
export interface WorkbookNames {
  /** The sheet of that name as the workbook spells it (names match in any case), or undefined when there is none. */
  sheetNamed(name: string): string | undefined;
  /** What a defined name refers to ("=Sheet1!$D$6", "'T 3'!C4:E4"): the one local to `sheet` first, then the workbook's. */
  nameFormula?(name: string, sheet: string): string | undefined;
}

/** One cell as a reader gives it; undefined for a cell the reader did not read. */
export interface CellReader {
  cell(sheet: string, row: number, col: number): { readonly value: CellValue; readonly formula?: string | boolean } | undefined;
}

/** An ER call of a formula and the ranges it reads. */
export interface ErRead {
  readonly id: string;
  readonly ranges: readonly RangeRef[];
}

/** True when a cell counts as empty: no formula, and no value or the empty text. */
export function isEmptyValue(value: CellValue | undefined, formula?: string | boolean): boolean {
  return !formula && (value === null || value === undefined || value === "");
}

const NAME = /^[^\s()!'"#,:{}]+$/;

/** The rectangle an argument names, on its own spelling of the sheet; undefined when it names none. */
export function argumentRange(text: string, sheet: string, book: WorkbookNames): RangeRef | undefined {
  let r = parseRectReference(text, sheet);
  if (!r && NAME.test(text) && book.nameFormula) {
    const target = book.nameFormula(text, sheet);
    if (target !== undefined) r = parseRectReference(target.replace(/^=/, ""), sheet);
  }
  if (!r) return undefined;
  const own = book.sheetNamed(r.sheet);
  return own === undefined ? undefined : own === r.sheet ? r : { ...r, sheet: own };
}

/** The ER calls of a formula on `sheet` and the ranges each reads. */
export function erReads(formula: string, sheet: string, bareIds: ReadonlySet<string>, book: WorkbookNames): ErRead[] {
  return erCallsIn(formula, bareIds).map((call) => ({
    id: call.id,
    ranges: call.args.map((a) => argumentRange(a, sheet, book)).filter((r): r is RangeRef => r !== undefined),
  }));
}

/** The empty cells of `ranges` (one call's), each once, and how many ranges were too large to check. */
export function emptyCells(ranges: readonly RangeRef[], reader: CellReader): { cells: CellRef[]; unchecked: number } {
  const cells: CellRef[] = [];
  const seen = new Set<string>();
  let unchecked = 0;
  for (const r of ranges) {
    if (r.rows * r.cols > MAX_CHECKED_RANGE) {
      unchecked++;
      continue;
    }
    for (let row = r.row; row < r.row + r.rows; row++) {
      for (let col = r.col; col < r.col + r.cols; col++) {
        const c = reader.cell(r.sheet, row, col);
        if (!c || !isEmptyValue(c.value, c.formula)) continue;
        const key = `${r.sheet}\u0000${row}\u0000${col}`;
        if (seen.has(key)) continue;
        seen.add(key);
        cells.push({ sheet: r.sheet, row, col });
      }
    }
  }
  return { cells, unchecked };
}
