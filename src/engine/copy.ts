/**
 * The recalculated copy of a workbook (Node only): the input's package with new cached values patched into
 * the worksheet XML of the cells whose value changed, every other byte as the file had it (styles, number
 * formats, widths, merges, comments, the formula text, macros). Only values the engine stands behind are
 * written. The copy is written to a temporary file in the output's folder and published only complete,
 * never over an existing file unless asked (force); the input is never written.
 */
import { WorkbookWriteError } from "./errors";
import { isCellError, type CellValue } from "../sheet/errors";
import { sameAtExcelPrecision } from "../sheet/numbers";
import { writeCheck, writeFileAtomic } from "./files";
import { isWritable, patchPackage, PatchError } from "./patch";
import type { JsonValue } from "./package/read";
import { recalculated, type RecalculatedCell } from "./recalc";
import type { LoadedWorkbook } from "./workbook";
import type { RangeAddress } from "../sheet/address";
import { sheetCellKey, sheetCellOfKey } from "./cell-key";


/** The engine's value of a recalculated cell. */
function cellValueOf(r: RecalculatedCell): CellValue {
  return r.isError ? { error: String(r.value), ...(r.message ? { message: r.message } : {}) } : r.value;
}

/** The file's cached value is the new one (numbers at Excel's precision: the file's digits are kept). */
function sameCached(previous: JsonValue, previousIsError: boolean, v: CellValue): boolean {
  if (isCellError(v)) return previousIsError && previous === v.error;
  if (previousIsError) return false;
  if (v === null || v === "") return previous === null || previous === "";
  if (typeof v === "number" && typeof previous === "number") return sameAtExcelPrecision(v, previous);
  return v === previous;
}

/**
 * The value the copy takes for a cell, or undefined when the cell keeps the value the file holds: the one
 * place that decides what is written. `r` is the formula cell (for an array member, the array's formula);
 * `v` the engine's value of the cell. The stored value is kept when the engine cannot compute the formula,
 * when the value is an error Excel does not have (#ERROR!, #CYCLE!), and for an array member the engine's
 * result does not reach (a legacy array formula whose result is smaller than its range), and for a number
 * that is not a number (NaN: the engine lost it, as EXP(-745) shows; no cell holds one). An infinite
 * number is Excel's #NUM!.
 */
function engineValueFor(r: RecalculatedCell, v: CellValue, member: boolean): CellValue | undefined {
  // Only values the engine stands behind: recomputed and verified.
  if (r.unsupported || !r.recomputed) return undefined;
  if (member && v === null) return undefined;
  if (Number.isNaN(v)) return undefined;
  if (typeof v === "number" && !Number.isFinite(v)) return { error: "#NUM!" };
  if (!isWritable(v)) return undefined;
  return v;
}

/** Array ranges up to this many cells are gone through whole; a larger one only where the sheet has cells. */
const WHOLE_ARRAY_CELLS = 100_000;

/**
 * The last row and column of an array range worth going through: the range itself, or, for a range of
 * whole rows or columns (an array formula over G1:XFD1048576), the part of it where the engine or the
 * file has cells; beyond it no member has a value to keep or to write.
 */
function memberBounds(wb: LoadedWorkbook, sheet: string, a: RangeAddress, extents: Map<string, { rows: number; cols: number }>): { rows: number; cols: number } {
  if ((a.end.row - a.start.row + 1) * (a.end.col - a.start.col + 1) <= WHOLE_ARRAY_CELLS) return { rows: a.end.row, cols: a.end.col };
  let e = extents.get(sheet);
  if (!e) {
    const size = wb.engine.sheetSize(sheet);
    e = { rows: size.rows, cols: size.cols };
    for (const key of wb.arrayValues.keys()) {
      const { sheet: of, row, col } = sheetCellOfKey(key);
      if (of !== sheet) continue;
      e.rows = Math.max(e.rows, row + 1);
      e.cols = Math.max(e.cols, col + 1);
    }
    extents.set(sheet, e);
  }
  return { rows: Math.min(a.end.row, e.rows - 1), cols: Math.min(a.end.col, e.cols - 1) };
}

/**
 * The cells whose cached value must change, per sheet: formula cells whose new value (see engineValueFor)
 * differs from the file's, and the cells their arrays cover. Every other cell keeps its value.
 */
export function valueUpdates(wb: LoadedWorkbook, results: readonly RecalculatedCell[]): Map<string, Map<string, CellValue>> {
  const out = new Map<string, Map<string, CellValue>>();
  const put = (sheet: string, row: number, col: number, v: CellValue) => {
    let m = out.get(sheet);
    if (!m) out.set(sheet, (m = new Map()));
    m.set(`${row},${col}`, v);
  };
  const extents = new Map<string, { rows: number; cols: number }>();
  for (const r of results) {
    const f = r.cell;
    const v = engineValueFor(r, cellValueOf(r), false);
    if (v !== undefined && !sameCached(f.previous, f.previousIsError, v)) put(f.sheet, f.row, f.col, v);
    if (!f.arrayRange) continue;
    const a = f.arrayRange;
    const { rows, cols } = memberBounds(wb, f.sheet, a, extents);
    const members: { row: number; col: number; value: CellValue }[] = [];
    for (let rr = a.start.row; rr <= rows; rr++) {
      for (let cc = a.start.col; cc <= cols; cc++) {
        if (rr !== f.row || cc !== f.col) members.push({ row: rr, col: cc, value: wb.engine.getValue(f.sheet, rr, cc) });
      }
    }
    // A single value fills every cell of a legacy array formula's range, as Excel fills it.
    const single = members.every((m) => m.value === null) && !isCellError(v) ? v : undefined;
    for (const m of members) {
      const mv = engineValueFor(r, single !== undefined ? single : m.value, true);
      if (mv === undefined) continue;
      const old = wb.arrayValues.get(sheetCellKey(f.sheet, m.row, m.col)) ?? { value: null, isError: false };
      if (!sameCached(old.value, old.isError, mv)) put(f.sheet, m.row, m.col, mv);
    }
  }
  return out;
}

export interface WriteOptions {
  readonly force?: boolean;
  /** The recalculated cells (computed here when not given). */
  readonly results?: readonly RecalculatedCell[];
}

/**
 * The copy's bytes: the input's package with the new values patched into the worksheet XML of the cells
 * that changed, everything else byte for byte. There is no other way to make the copy: where the patch
 * cannot be made, this throws WorkbookWriteError (for `out`) with the reason, and nothing is written.
 */
export function patchedCopy(wb: LoadedWorkbook, results: readonly RecalculatedCell[], out: string): { bytes: Buffer; patched: number } {
  const updates = valueUpdates(wb, results);
  if (updates.size === 0) return { bytes: wb.bytes, patched: 0 };
  // Each sheet's part as the reader resolved it through the package's relationships.
  const parts = wb.sheetParts;
  const byPart = new Map<string, Map<string, CellValue>>();
  for (const [sheet, cells] of updates) {
    const part = parts.get(sheet);
    if (!part) throw new WorkbookWriteError(out, "noWorksheetPart", sheet);
    byPart.set(part, cells);
  }
  try {
    return patchPackage(wb.bytes, byPart);
  } catch (e) {
    if (e instanceof PatchError && e.problem === "cellMissing") {
      const sheet = [...parts].find(([, p]) => p === e.part)?.[0] ?? e.part;
      throw new WorkbookWriteError(out, "cellNotInSheet", `${sheet}!${e.detail}`);
    }
    const detail = e instanceof PatchError ? `${e.part ? `${e.part}: ` : ""}${e.detail}` : (e as Error).message;
    throw new WorkbookWriteError(out, "unpatchablePackage", detail);
  }
}

/**
 * Writes the recalculated copy of a loaded workbook to `out` (see writeFileAtomic and patchedCopy): the
 * input's package with new cached values in the cells that changed. Returns how many cells were rewritten.
 * Throws WorkbookWriteError, with nothing written, when the output cannot be written or the copy cannot
 * be made.
 */
export async function writeWorkbook(wb: LoadedWorkbook, out: string, options: WriteOptions = {}): Promise<number> {
  // Refuse early, before the work of patching the package.
  writeCheck(out, wb.file, options.force === true);
  const results = options.results ?? recalculated(wb);
  const { bytes, patched } = patchedCopy(wb, results, out);
  writeFileAtomic(out, bytes, { force: options.force, input: wb.file });
  return patched;
}

