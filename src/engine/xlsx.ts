/**
 * Workbook I/O (Node only): read an .xlsx with the package reader (src/engine/package/), compute it with the engine, write a copy whose
 * formula cells carry the new cached values and whose everything else (styles, number formats, column
 * widths, merged cells, comments, the formula text itself) is what the file had.
 *
 * The input is only ever read. A copy is written to a temporary file in the output's folder, flushed,
 * then renamed over the output; an existing output is replaced only when asked (force).
 */
import type ExcelJSType from "exceljs";
import { WorkbookWriteError } from "./errors";
import { readBytes, writeCheck, writeFileAtomic } from "./files";
import type { Locale } from "../i18n/locale";
import { Engine, isCellError, type CellValue, type DefinedName } from "./engine";
import { readPackage, type FormulaCell, type JsonValue } from "./package/read";
import { patchPackage, sheetParts } from "./patch";
import { listZipEntries } from "./zip";

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
  /** Why the engine could not compute it (a function it lacks, syntax it cannot parse), if so. */
  readonly unsupported?: string;
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
  const engine = Engine.create(read.sheets, { locale: options.locale, names, date1904 });
  return { file, bytes, engine, sheetNames, formulas, names, date1904, arrayValues, sheetParts };
}

// ---------------------------------------------------------------------------------------------------
// Results

export function jsonValue(v: CellValue): JsonValue {
  if (isCellError(v)) return v.error;
  return v;
}

/** Why the engine cannot compute a formula, or undefined when it can. */
function unsupportedReason(cell: FormulaCell, value: CellValue): string | undefined {
  if (cell.unknownFunctions) return cell.unknownFunctions.join(", ");
  if (isCellError(value) && (value.error === "#ERROR!" || value.error === "#CYCLE!")) return value.message ?? value.error;
  return undefined;
}

/**
 * Every formula cell of the file with its new value and the value the file held. A cell the engine
 * cannot compute (a function it lacks, syntax it cannot read), or whose error comes from such a cell, is
 * marked unsupported.
 */
export function recalculated(wb: LoadedWorkbook): RecalculatedCell[] {
  const n = wb.formulas.length;
  const values = new Array<CellValue>(n);
  const reasons = new Array<string | undefined>(n);
  const unsupportedAt = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const f = wb.formulas[i];
    values[i] = wb.engine.getValue(f.sheet, f.row, f.col);
    reasons[i] = unsupportedReason(f, values[i]);
    if (reasons[i]) unsupportedAt.set(`${f.sheet}!${f.row},${f.col}`, `${f.address}: ${reasons[i]}`);
  }
  if (unsupportedAt.size > 0) {
    for (let i = 0; i < n; i++) {
      if (reasons[i] || !isCellError(values[i])) continue;
      const f = wb.formulas[i];
      const src = wb.engine.errorSource(f.sheet, f.row, f.col);
      const origin = src && unsupportedAt.get(`${src.sheet}!${src.row},${src.col}`);
      if (origin) reasons[i] = origin;
    }
  }
  const out: RecalculatedCell[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const f = wb.formulas[i];
    const v = values[i];
    const unsupported = reasons[i];
    out[i] = {
      sheet: f.sheet,
      address: f.address,
      formula: f.formula,
      value: jsonValue(v),
      previous: f.previous,
      isError: isCellError(v),
      cell: f,
      ...(isCellError(v) && v.message ? { message: v.message } : {}),
      ...(unsupported ? { unsupported } : {}),
    };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Writing

function resultOf(v: CellValue): unknown {
  if (v === null) return undefined;
  if (isCellError(v)) return { error: v.error };
  return v;
}

/** ExcelJS, loaded only when a copy must be rebuilt (the reader never uses it). */
async function loadExcelJS(): Promise<typeof ExcelJSType> {
  const m = (await import("exceljs")) as unknown as { default?: typeof ExcelJSType } & typeof ExcelJSType;
  return m.default ?? m;
}

/**
 * Puts the new values into an ExcelJS model of the workbook's formula cells (and the cells their arrays
 * cover). Cells the engine could not compute keep the value the file held. Returns the number of cells updated.
 */
function applyResults(workbook: ExcelJSType.Workbook, wb: LoadedWorkbook, results: readonly RecalculatedCell[]): number {
  let updated = 0;
  for (const r of results) {
    if (r.unsupported) continue;
    const f = r.cell;
    const ws = workbook.getWorksheet(f.sheet);
    if (!ws) continue;
    const cell = ws.getCell(f.row + 1, f.col + 1);
    const model = cell.value as unknown as Record<string, unknown>;
    const value = wb.engine.getValue(f.sheet, f.row, f.col);
    const next: Record<string, unknown> = { ...model };
    const result = resultOf(value);
    if (result === undefined) delete next.result;
    else next.result = result;
    cell.value = next as unknown as ExcelJSType.CellValue;
    updated++;
    if (f.arrayRange) {
      const a = f.arrayRange;
      for (let rr = a.start.row; rr <= a.end.row; rr++) {
        for (let cc = a.start.col; cc <= a.end.col; cc++) {
          if (rr === f.row && cc === f.col) continue;
          const v = wb.engine.getValue(f.sheet, rr, cc);
          const member = ws.getCell(rr + 1, cc + 1);
          member.value = (isCellError(v) ? { error: v.error } : v) as ExcelJSType.CellValue;
        }
      }
    }
  }
  return updated;
}

/** The workbook as .xlsx bytes. */
export async function workbookBytes(workbook: ExcelJSType.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The copy rebuilt with ExcelJS from the input's bytes (the fallback the patch writer replaces). */
async function rebuiltBytes(wb: LoadedWorkbook, results: readonly RecalculatedCell[]): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(wb.bytes as never);
  } catch (e) {
    throw new WorkbookWriteError(wb.file, "writeFailed", (e as Error).message);
  }
  applyResults(workbook, wb, results);
  return workbookBytes(workbook);
}

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
 * The cells whose cached value must change, per sheet: formula cells the engine computed whose new value
 * differs from the file's, and the cells their arrays cover. Cells the engine cannot compute keep theirs.
 */
export function valueUpdates(wb: LoadedWorkbook, results: readonly RecalculatedCell[]): Map<string, Map<string, CellValue>> {
  const out = new Map<string, Map<string, CellValue>>();
  const put = (sheet: string, row: number, col: number, v: CellValue) => {
    let m = out.get(sheet);
    if (!m) out.set(sheet, (m = new Map()));
    m.set(`${row},${col}`, v);
  };
  for (const r of results) {
    if (r.unsupported) continue;
    const f = r.cell;
    const v = cellValueOf(r);
    if (!sameCached(f.previous, f.previousIsError, v)) put(f.sheet, f.row, f.col, v);
    if (!f.arrayRange) continue;
    const a = f.arrayRange;
    for (let rr = a.start.row; rr <= a.end.row; rr++) {
      for (let cc = a.start.col; cc <= a.end.col; cc++) {
        if (rr === f.row && cc === f.col) continue;
        const mv = wb.engine.getValue(f.sheet, rr, cc);
        const old = wb.arrayValues.get(`${f.sheet}!${rr},${cc}`) ?? { value: null, isError: false };
        if (!sameCached(old.value, old.isError, mv)) put(f.sheet, rr, cc, mv);
      }
    }
  }
  return out;
}

export interface WriteOptions {
  readonly force?: boolean;
  /** The recalculated cells (computed here when not given). */
  readonly results?: readonly RecalculatedCell[];
  /** Rebuild the package with ExcelJS instead of patching the file's own XML. */
  readonly rebuild?: boolean;
}

/**
 * Writes the recalculated copy of a loaded workbook to `out` (see writeFileAtomic). The copy is the
 * input's package with new cached values patched into the worksheet XML of the cells that changed, so
 * that everything else stays byte for byte; a package the patcher does not handle is rebuilt with ExcelJS.
 * Returns how it was written.
 */
export async function writeWorkbook(wb: LoadedWorkbook, out: string, options: WriteOptions = {}): Promise<"patched" | "rebuilt"> {
  // Refuse early, before the work of packing the file.
  writeCheck(out, wb.file, options.force === true);
  const results = options.results ?? recalculated(wb);
  let bytes: Buffer | undefined;
  let how: "patched" | "rebuilt" = "patched";
  if (!options.rebuild) {
    try {
      const updates = valueUpdates(wb, results);
      const parts = sheetParts(listZipEntries(wb.bytes), wb.bytes);
      const byPart = new Map<string, Map<string, CellValue>>();
      let expected = 0;
      for (const [sheet, cells] of updates) {
        const part = parts.get(sheet);
        if (!part) throw new Error(`no worksheet part for ${sheet}`);
        byPart.set(part, cells);
        expected += cells.size;
      }
      const patched = patchPackage(wb.bytes, byPart);
      if (patched.patched === expected) bytes = patched.bytes;
    } catch {
      bytes = undefined;
    }
  }
  if (!bytes) {
    how = "rebuilt";
    bytes = await rebuiltBytes(wb, results);
  }
  writeFileAtomic(out, bytes, { force: options.force, input: wb.file });
  return how;
}

