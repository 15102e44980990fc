/**
 * Workbook I/O (Node only): read an .xlsx with ExcelJS, compute it with the engine, write a copy whose
 * formula cells carry the new cached values and whose everything else (styles, number formats, column
 * widths, merged cells, comments, the formula text itself) is what the file had.
 *
 * The input is only ever read. A copy is written to a temporary file in the output's folder, flushed,
 * then renamed over the output; an existing output is replaced only when asked (force).
 */
import ExcelJS from "exceljs";
import { mib, READ_LIMITS, WorkbookReadError, WorkbookWriteError } from "./errors";
import { readBytes, writeCheck, writeFileAtomic } from "./files";
import type { Locale } from "../i18n/locale";
import { formatCell, parseRange, type RangeAddress } from "./address";
import { Engine, isCellError, type CellInput, type CellValue, type DefinedName } from "./engine";
import { functionCalls } from "./formula";
import { bareFunctionNames, knownFunctionNames } from "./names";
import { isWritable, patchPackage, PatchError, sheetParts } from "./patch";
import { isCompoundFile, isEncryptedPackage, listZipEntries, readZipEntryBounded, ZipFormatError, ZipSizeError, type ZipEntry } from "./zip";

/** A value as JSON carries it: an error is its Excel text ("#N/A"). */
export type JsonValue = number | string | boolean | null;

/** A cell that holds a formula in the file. */
export interface FormulaCell {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  /** "B3" */
  readonly address: string;
  /** The formula as the file stores it, with "=" in front (shared formulas translated to this cell). */
  readonly formula: string;
  /** The cached value the file held, or null. */
  readonly previous: JsonValue;
  /** The cached value is an error (previous holds its text). */
  readonly previousIsError: boolean;
  /** The cell's number format ("0.00", "General", ...). */
  readonly numFmt: string;
  /** It calls an ER function. */
  readonly er: boolean;
  /** Functions it calls that the engine does not have, if any. */
  readonly unknownFunctions?: readonly string[];
  /** For an array formula (legacy or spilling), the range it covers. */
  readonly arrayRange?: RangeAddress;
}

export interface LoadedWorkbook {
  readonly file: string;
  /** The file's bytes, as read (the copy is written from them). */
  readonly bytes: Buffer;
  readonly workbook: ExcelJS.Workbook;
  readonly engine: Engine;
  readonly sheetNames: readonly string[];
  readonly formulas: readonly FormulaCell[];
  readonly names: readonly DefinedName[];
  readonly date1904: boolean;
  /** Values the file held in the cells covered by array formulas (not their top-left cell): "sheet!row,col". */
  readonly arrayValues: ReadonlyMap<string, { readonly value: JsonValue; readonly isError: boolean }>;
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

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function xmlDecode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : XML_ENTITIES[e],
  );
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? xmlDecode(m[2] ?? m[3] ?? "") : undefined;
}

interface WorkbookPart {
  readonly sheetOrder: string[];
  readonly names: DefinedName[];
  readonly date1904: boolean;
}

/** What ExcelJS does not fully expose: defined names that are not plain ranges, local names, date1904. */
function readWorkbookPart(xml: string): WorkbookPart {
  const sheetOrder: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const name = attr(m[1], "name");
    if (name !== undefined) sheetOrder.push(name);
  }
  const names: DefinedName[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?definedName>/g)) {
    const name = attr(m[1], "name");
    if (!name || attr(m[1], "hidden") === "1" && name.startsWith("_xlnm.")) continue;
    const local = attr(m[1], "localSheetId");
    const scope = local === undefined ? undefined : sheetOrder[Number(local)];
    const expression = xmlDecode(m[2]).trim();
    if (expression) names.push(scope === undefined ? { name, expression } : { name, expression, scope });
  }
  const pr = /<(?:\w+:)?workbookPr\b([^>]*)>/.exec(xml);
  const d = pr ? attr(pr[1], "date1904") : undefined;
  return { sheetOrder, names, date1904: d === "1" || d === "true" };
}

/** A name character of an XML tag (enough for the prefixes of SpreadsheetML). */
function isNameByte(b: number): boolean {
  return (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x5f || b === 0x2d || b === 0x2e;
}

/** After a tag name: white space, ">" or "/". */
function endsName(b: number): boolean {
  return b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** The <c> and <row> elements of a worksheet part, counted on its bytes without parsing (any prefix). */
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

/** A part's path as the package names it, without a leading slash and with forward slashes. */
function partName(e: ZipEntry): string {
  return e.name.replace(/\\/g, "/").replace(/^\//, "");
}

const DOCTYPE = Buffer.from("<!DOCTYPE");
const ENTITY = Buffer.from("<!ENTITY");
const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i;

/**
 * Refuses, before anything is parsed, the packages that would take unbounded memory or time: more
 * unpacked bytes than the limit, an entry that unpacks to more than it declares (a zip bomb), an XML part
 * with a document type declaration (entity expansion; Excel never writes one), more cells or rows than
 * the limit. Each entry is inflated once, never beyond its declared size, and dropped, but for `keep`,
 * whose bytes are returned.
 */
function checkPackage(file: string, buf: Buffer, entries: readonly ZipEntry[], maxCells: number, keep: ZipEntry): Buffer {
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > READ_LIMITS.unpackedBytes) throw new WorkbookReadError(file, "tooLarge", "", { mib: mib(declared), limit: mib(READ_LIMITS.unpackedBytes) });
  let kept: Buffer = Buffer.alloc(0);
  let cells = 0;
  let rows = 0;
  for (const e of entries) {
    if (e.size === 0 && e.compressedSize === 0) continue;
    let data: Buffer;
    try {
      data = readZipEntryBounded(buf, e);
    } catch (err) {
      if (err instanceof ZipSizeError) throw new WorkbookReadError(file, "zipBomb", e.name, { declared: e.size });
      if (err instanceof ZipFormatError) throw new WorkbookReadError(file, "truncated");
      throw new WorkbookReadError(file, "corrupt", `${e.name}: ${(err as Error).message}`);
    }
    const name = partName(e);
    if (/\.(xml|rels|vml)$/i.test(name)) {
      if (data.indexOf(DOCTYPE) >= 0 || data.indexOf(ENTITY) >= 0) throw new WorkbookReadError(file, "dtd", name);
      if (WORKSHEET_PART.test(name)) {
        const counted = countCells(data);
        cells += counted.cells;
        rows += counted.rows;
        if (cells > maxCells || rows > maxCells) throw new WorkbookReadError(file, "tooManyCells", name, { cells, rows, limit: maxCells });
      }
    }
    if (e === keep) kept = data;
  }
  return kept;
}

/** Checks what the bytes are before ExcelJS sees them; returns the workbook part. */
function inspect(file: string, buf: Buffer, maxCells: number = READ_LIMITS.cells): WorkbookPart {
  if (buf.length === 0) throw new WorkbookReadError(file, "empty");
  if (isCompoundFile(buf)) throw new WorkbookReadError(file, isEncryptedPackage(buf) ? "encrypted" : "legacyXls");
  let entries: ZipEntry[];
  try {
    entries = listZipEntries(buf);
  } catch (e) {
    if (e instanceof ZipFormatError) {
      throw new WorkbookReadError(file, e.problem === "empty" ? "empty" : e.problem === "notZip" ? "notZip" : "truncated");
    }
    throw e;
  }
  const byName = new Map(entries.map((e) => [partName(e).toLowerCase(), e]));
  const wb = byName.get("xl/workbook.xml");
  if (!wb) {
    if (byName.has("xl/workbook.bin")) throw new WorkbookReadError(file, "binaryWorkbook");
    const what = byName.has("word/document.xml") ? "docx" : [...byName.keys()].some((n) => n.startsWith("ppt/")) ? "pptx" : "zip";
    throw new WorkbookReadError(file, "notWorkbook", what);
  }
  const xml = checkPackage(file, buf, entries, maxCells, wb).toString("utf8");
  if (xml.includes("http://purl.oclc.org/ooxml/spreadsheetml/main")) throw new WorkbookReadError(file, "strictOoxml");
  return readWorkbookPart(xml);
}

function excelSerial(d: Date, date1904: boolean): number {
  return 25569 + d.getTime() / 86400000 - (date1904 ? 1462 : 0);
}

/** A cached formula result as JSON carries it. */
function cachedValue(v: unknown, date1904: boolean): JsonValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return excelSerial(v, date1904);
  if (typeof v === "object") {
    const o = v as { error?: unknown; richText?: { text: string }[]; text?: unknown };
    if (typeof o.error === "string") return o.error;
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join("");
    if (typeof o.text === "string") return o.text;
  }
  return null;
}

function isErrorValue(v: unknown): boolean {
  return v !== null && typeof v === "object" && typeof (v as { error?: unknown }).error === "string";
}

/** A value cell as the engine takes it. */
function inputOf(cell: ExcelJS.Cell, date1904: boolean): CellInput {
  const v = cell.value as unknown;
  switch (cell.type) {
    case ExcelJS.ValueType.Number:
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.Boolean:
      return v as CellInput;
    case ExcelJS.ValueType.Date:
      return excelSerial(v as Date, date1904);
    case ExcelJS.ValueType.Error:
      return (v as { error: string }).error;
    case ExcelJS.ValueType.RichText:
    case ExcelJS.ValueType.Hyperlink:
      return cachedValue(v, date1904) as CellInput;
    default:
      return null;
  }
}

export interface ReadOptions {
  readonly locale?: Locale;
  /** The most cells (and rows) a workbook may hold; READ_LIMITS.cells unless given. */
  readonly maxCells?: number;
}

/**
 * Reads a workbook and computes it. Throws WorkbookReadError, with a reason, for anything that is not a
 * readable .xlsx (missing, a folder, empty, not a zip, truncated, encrypted, a legacy .xls, a zip that is
 * not a workbook, a binary or strict-XML workbook, or a package ExcelJS cannot parse).
 */
export async function readWorkbook(file: string, options: ReadOptions = {}): Promise<LoadedWorkbook> {
  const buf = readBytes(file);
  const part = inspect(file, buf, options.maxCells);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as never);
  } catch (e) {
    throw new WorkbookReadError(file, "corrupt", (e as Error).message);
  }
  const { date1904, names } = part;

  const inputs: Record<string, CellInput[][]> = {};
  const formulas: FormulaCell[] = [];
  const sheetNames: string[] = [];
  const arrayValues = new Map<string, { value: JsonValue; isError: boolean }>();
  const bare = bareFunctionNames();
  const known = knownFunctionNames();
  for (const ws of workbook.worksheets) {
    const sheet = ws.name;
    sheetNames.push(sheet);
    const rows: CellInput[][] = [];
    const arrayMembers = new Set<string>();
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const r = rowNumber - 1;
      const out: CellInput[] = (rows[r] = []);
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const c = colNumber - 1;
        if (cell.type === ExcelJS.ValueType.Formula) {
          const text = cell.formula;
          if (!text) return;
          const model = cell.value as { shareType?: string; ref?: string };
          const arrayRange = model.shareType === "array" && model.ref ? parseRange(model.ref) : undefined;
          if (arrayRange) {
            for (let rr = arrayRange.start.row; rr <= arrayRange.end.row; rr++)
              for (let cc = arrayRange.start.col; cc <= arrayRange.end.col; cc++) if (rr !== r || cc !== c) arrayMembers.add(`${rr},${cc}`);
          }
          const formula = `=${text}`;
          // A generator that stored the "=" too would otherwise give "==".
          out[c] = text.charCodeAt(0) === 61 ? text : formula;
          const calls = functionCalls(formula, { bareFunctions: bare });
          let er = false;
          let unknown: string[] | undefined;
          for (const fn of calls) {
            if (fn.startsWith("ER.")) er = true;
            else if (!known.has(fn)) (unknown ??= []).push(fn);
          }
          const result = cell.result as unknown;
          const fc: FormulaCell = {
            sheet,
            row: r,
            col: c,
            address: formatCell(r, c),
            formula,
            previous: cachedValue(result, date1904),
            previousIsError: isErrorValue(result),
            numFmt: cell.numFmt || "General",
            er,
            ...(unknown ? { unknownFunctions: [...new Set(unknown)] } : {}),
            ...(arrayRange ? { arrayRange } : {}),
          };
          formulas.push(fc);
        } else if (arrayMembers.has(`${r},${c}`)) {
          const v = cell.value as unknown;
          arrayValues.set(`${sheet}!${r},${c}`, { value: cachedValue(v, date1904), isError: isErrorValue(v) });
        } else {
          const v = inputOf(cell, date1904);
          if (v !== null) out[c] = v;
        }
      });
    });
    for (let r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = [];
    inputs[sheet] = rows;
  }
  const engine = Engine.create(inputs, { locale: options.locale, names, date1904 });
  return { file, bytes: buf, workbook, engine, sheetNames, formulas, names, date1904, arrayValues };
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
  if (r.unsupported) return undefined;
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
