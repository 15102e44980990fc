/**
 * Workbook I/O (Node only): read an .xlsx with the package reader (src/engine/package/), compute it with the engine, write a copy whose
 * formula cells carry the new cached values and whose everything else (styles, number formats, column
 * widths, merged cells, comments, the formula text itself) is what the file had.
 *
 * The input is only ever read. A copy is written to a temporary file in the output's folder, flushed,
 * then renamed over the output; an existing output is replaced only when asked (force).
 */
import { WorkbookWriteError } from "./errors";
import { readBytes, writeCheck, writeFileAtomic } from "./files";
import type { Locale } from "../i18n/locale";
import { Engine, isCellError, type CellValue, type DefinedName } from "./engine";
import { recomputePlan, type RecomputePlan } from "./closure";
import { engineMessage } from "./messages";
import { bareFunctionNames } from "./names";
import { readPackage, type FormulaCell, type JsonValue } from "./package/read";
import { isWritable, patchPackage, PatchError, sheetParts } from "./patch";
import { listZipEntries } from "./zip";
import { formatCell, quoteSheetName, type RangeAddress } from "../sheet/address";

export type { FormulaCell, JsonValue, ReadWorkbook } from "./package/read";

export interface LoadedWorkbook {
  readonly file: string;
  /** The file's bytes, as read (the copy is written from them). */
  readonly bytes: Buffer;
  readonly engine: Engine;
  readonly sheetNames: readonly string[];
  readonly formulas: readonly FormulaCell[];
  readonly names: readonly DefinedName[];
  readonly date1904: boolean;
  /** Values the file held in the cells covered by array formulas (not their top-left cell): "sheet!row,col". */
  readonly arrayValues: ReadonlyMap<string, { readonly value: JsonValue; readonly isError: boolean }>;
  /** Which formulas the engine recomputes and which it takes from the file (see closure.ts). */
  readonly plan: RecomputePlan;
  /** The zip entry of each worksheet, as the package's relationships resolve it (see ReadWorkbook). */
  readonly sheetParts: ReadonlyMap<string, string>;
}

/** A formula cell after recalculation. */
export interface RecalculatedCell {
  readonly sheet: string;
  readonly address: string;
  readonly formula: string;
  readonly value: JsonValue;
  readonly previous: JsonValue;
  /** The new value is an error (value holds its text, "#N/A"). */
  readonly isError: boolean;
  /** The engine's message for an error result. */
  readonly message?: string;
  /**
   * Why the value is neither judged nor written, if so: the reason it is not verified, or that it is not
   * computed (notVerified / notComputed say which).
   */
  readonly unsupported?: string;
  /** The engine recomputed it (else value is the file's stored value). */
  readonly recomputed: boolean;
  /** Recomputed, but through a function or feature not checked against Excel, or reading such a cell (see closure.ts). */
  readonly notVerified?: boolean;
  /** Not recomputed, and the file holds no value for it. */
  readonly notComputed?: boolean;
  readonly cell: FormulaCell;
}

// ---------------------------------------------------------------------------------------------------
// Reading

/** A name character of an XML tag (enough for the prefixes of SpreadsheetML). */
function isNameByte(b: number): boolean {
  return (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x5f || b === 0x2d || b === 0x2e;
}

/** After a tag name: white space, ">" or "/". */
function endsName(b: number): boolean {
  return b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d;
}

/**
 * The <c> and <row> elements of a worksheet part, counted on its bytes without parsing (any prefix): an
 * upper bound of what the part holds (the reader itself counts only cells with a value or formula).
 */
export function countCells(xml: Buffer): { cells: number; rows: number } {
  let cells = 0;
  let rows = 0;
  const n = xml.length;
  for (let i = xml.indexOf(0x3c); i >= 0; i = xml.indexOf(0x3c, i + 1)) {
    let j = i + 1;
    let k = j;
    while (k < n && isNameByte(xml[k])) k++;
    if (xml[k] === 0x3a) {
      j = k + 1;
      k = j;
      while (k < n && isNameByte(xml[k])) k++;
    }
    const len = k - j;
    if (len === 1 && xml[j] === 0x63 && endsName(xml[k])) cells++;
    else if (len === 3 && xml[j] === 0x72 && xml[j + 1] === 0x6f && xml[j + 2] === 0x77 && endsName(xml[k])) rows++;
  }
  return { cells, rows };
}

export interface ReadOptions {
  readonly locale?: Locale;
  /** The most cells (and rows) holding a value or formula a workbook may have; READ_LIMITS.cells unless given. */
  readonly maxCells?: number;
  /** Recompute every formula, not only the ER formulas and what depends on them (see closure.ts). */
  readonly recomputeAll?: boolean;
}

/**
 * Reads a workbook and computes it. Throws WorkbookReadError, with a reason, for anything that is not a
 * readable .xlsx (missing, a folder, empty, not a zip, truncated, encrypted, a legacy .xls, a zip that is
 * not a workbook, a binary or strict-XML workbook, a damaged part, or one past the read limits).
 *
 * Two steps: readPackage gives the workbook as plain data (src/engine/package/read.ts), then the engine
 * is built from its sheets.
 */
export async function readWorkbook(file: string, options: ReadOptions = {}): Promise<LoadedWorkbook> {
  const bytes = readBytes(file);
  const read = await readPackage(file, bytes, { maxCells: options.maxCells });
  const { sheetNames, formulas, names, date1904, arrayValues, sheetParts } = read;
  // Formulas outside the recompute set go to the engine as the values the file stores (see closure.ts).
  const plan = recomputePlan(
    { sheets: read.sheets, formulas, names, arrayValues },
    { normalize: { bareFunctions: bareFunctionNames() }, recomputeAll: options.recomputeAll, locale: options.locale },
  );
  const engine = Engine.create(plan.sheets, { locale: options.locale, names, date1904 });
  return { file, bytes, engine, sheetNames, formulas, names, date1904, arrayValues, sheetParts, plan };
}

// ---------------------------------------------------------------------------------------------------
// Results

export function jsonValue(v: CellValue): JsonValue {
  if (isCellError(v)) return v.error;
  return v;
}

/** An error the engine gives when it cannot compute a formula (syntax, a cycle, a name or function it lacks). */
function engineFailure(value: CellValue): string | undefined {
  if (isCellError(value) && (value.error === "#ERROR!" || value.error === "#CYCLE!" || value.error === "#NAME?")) return value.message ?? value.error;
  return undefined;
}

/**
 * Every formula cell of the file with its new value and the value the file held. Cells outside the
 * recompute set keep the file's value (notComputed when it has none); a recomputed cell that is not
 * verified (see closure.ts), or whose computation failed in the engine, or that reads such a cell, is
 * marked so, with the reason.
 */
export function recalculated(wb: LoadedWorkbook): RecalculatedCell[] {
  const n = wb.formulas.length;
  const { plan } = wb;
  const values = new Array<CellValue>(n);
  const failed = new Map<number, string>();
  for (let i = 0; i < n; i++) {
    if (!plan.recomputed[i]) continue;
    const f = wb.formulas[i];
    values[i] = wb.engine.getValue(f.sheet, f.row, f.col);
    const why = engineFailure(values[i]) ?? emptyTextInArithmetic(wb, i, values[i]);
    if (why) failed.set(i, why);
  }
  if (failed.size > 0) plan.propagate(failed);
  const out: RecalculatedCell[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const f = wb.formulas[i];
    if (!plan.recomputed[i]) {
      const notComputed = plan.notComputed[i];
      out[i] = {
        sheet: f.sheet,
        address: f.address,
        formula: f.formula,
        value: f.previous,
        previous: f.previous,
        isError: f.previousIsError,
        recomputed: false,
        cell: f,
        ...(notComputed ? { notComputed: true, unsupported: engineMessage(wb.engine.locale, "whyNotComputed", { cell: f.address }) } : {}),
      };
      continue;
    }
    const v = values[i];
    const why = plan.reasons[i];
    out[i] = {
      sheet: f.sheet,
      address: f.address,
      formula: f.formula,
      value: jsonValue(v),
      previous: f.previous,
      isError: isCellError(v),
      recomputed: true,
      cell: f,
      ...(isCellError(v) && v.message ? { message: v.message } : {}),
      ...(why ? { unsupported: why, notVerified: true } : {}),
    };
  }
  return out;
}

/**
 * "" read as a number (by arithmetic, ABS, ROUND, IF's condition...): the engine takes it as 0, Excel gives
 * #VALUE!. A formula whose result is "" is let be: the usual guard IF(A1="","",A1*2) took its "" branch.
 */
function emptyTextInArithmetic(wb: LoadedWorkbook, i: number, value: CellValue): string | undefined {
  const cells = wb.plan.arithmeticCells.get(i);
  if (!cells || value === "") return undefined;
  const home = wb.formulas[i].sheet;
  for (const c of cells) {
    if (!wb.sheetNames.includes(c.sheet)) continue;
    if (wb.engine.getValue(c.sheet, c.row, c.col) === "") {
      const a = formatCell(c.row, c.col);
      return engineMessage(wb.engine.locale, "whyEmptyText", { cell: c.sheet === home ? a : `${quoteSheetName(c.sheet)}!${a}` });
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Writing

/** The engine's value of a recalculated cell. */
function cellValueOf(r: RecalculatedCell): CellValue {
  return r.isError ? { error: String(r.value), ...(r.message ? { message: r.message } : {}) } : r.value;
}

/** The file's cached value is the new one (numbers to Excel's 15 significant digits). */
function sameCached(previous: JsonValue, previousIsError: boolean, v: CellValue): boolean {
  if (isCellError(v)) return previousIsError && previous === v.error;
  if (previousIsError) return false;
  if (v === null || v === "") return previous === null || previous === "";
  if (typeof v === "number" && typeof previous === "number") return v === previous || Number(v.toPrecision(15)) === Number(previous.toPrecision(15));
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
    const prefix = `${sheet}!`;
    for (const key of wb.arrayValues.keys()) {
      if (!key.startsWith(prefix) || key.indexOf("!", prefix.length) >= 0) continue;
      const [row, col] = key.slice(prefix.length).split(",").map(Number);
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
      const old = wb.arrayValues.get(`${f.sheet}!${m.row},${m.col}`) ?? { value: null, isError: false };
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
  let parts: Map<string, string>;
  try {
    parts = sheetParts(listZipEntries(wb.bytes), wb.bytes);
  } catch (e) {
    throw new WorkbookWriteError(out, "unpatchablePackage", (e as Error).message);
  }
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
