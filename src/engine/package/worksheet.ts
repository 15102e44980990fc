/**
 * The cells of one worksheet part (Node only), read straight from its XML: values as stored, formulas
 * as written, cached results, shared and array formulas. Only `<sheetData>` is read; merges, validation,
 * conditional formats and everything else in the part are walked over without being decoded.
 *
 * - A number is the number written in `<v>`, read with Number(): a number format never makes it a date
 *   or changes its digits. `t="d"` (an ISO 8601 date) is the date's serial number; an ISO 8601 duration
 *   there (Strict Open XML's form of a time-formatted number: "PT36H0M0.000S") its number of days.
 * - `t="s"` is an index into the shared strings (an index with no shared-strings part, or past its end,
 *   is a damaged part, reported with the cell); `t="inlineStr"` is the text of `<is>`; `t="str"` a
 *   formula's text result; `t="b"` a boolean; `t="e"` an error, kept as its text ("#NULL!").
 * - A cell without `r` follows the cell before it (a row without `r` the row before it).
 * - A shared formula's other cells get its text moved to them (see shared-formula.ts); an array
 *   formula's other cells are not inputs but their cached values are kept; a formula with no `<v>` has
 *   no cached value (null), which is not an error.
 * - Text is text: a string that begins with "=" or reads as an error ("#N/A") is kept as a TextInput,
 *   not taken for a formula or an error; an error value (`t="e"`) is its text.
 * - A cell with neither value nor formula (`<c r="A1" s="3"/>`) is not stored and not counted.
 */
import { WorkbookReadError } from "../errors";
import { formatCell, parseRange, type RangeAddress } from "../../sheet/address";
import { textInput, type SheetInput } from "../engine";
import type { ReadBudget } from "./limits";
import { readStringItem, decodeEscapes } from "./shared-strings";
import { translateFormula } from "./shared-formula";
import type { CellFormats } from "./styles";
import { Tok, type XmlScanner } from "./xml";

/** A value as JSON carries it: an error is its Excel text ("#N/A"). */
export type JsonValue = number | string | boolean | null;

/** A cached value as the file holds it. */
export interface Cached {
  readonly value: JsonValue;
  readonly isError: boolean;
}

/** What the sheet's formula cells are handed to. */
export interface FormulaSink {
  /**
   * A formula cell: `text` as written (without the leading "=" Excel omits), its cached value, its
   * number format, and for an array formula the range it covers.
   */
  formula(row: number, col: number, text: string, cached: Cached, numFmt: string, arrayRange?: RangeAddress): void;
  /** A cell covered by an array formula (not its first cell), with the value the file holds. */
  arrayMember(row: number, col: number, cached: Cached): void;
}

export interface SheetContext {
  readonly file: string;
  readonly part: string;
  /** The shared strings, or undefined when the package has none. */
  readonly strings: readonly string[] | undefined;
  readonly formats: CellFormats;
  readonly date1904: boolean;
  readonly budget: ReadBudget;
}

const NO_VALUE: Cached = { value: null, isError: false };

/** The serial number of an ISO 8601 date-time as Excel counts days (1900 or 1904 system). */
export function isoDateSerial(text: string, date1904: boolean): number | undefined {
  const d = /^(-?)P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (d && d.slice(2).some((x) => x !== undefined)) {
    // A duration, as Strict Open XML holds a time-formatted number ("PT1392H0M0.000S" is 58 days); years
    // and months, whose length varies, are not read.
    const [w, days, h, min, sec] = d.slice(2).map((x) => Number(x ?? 0));
    const value = w * 7 + days + h / 24 + min / 1440 + sec / 86400;
    return d[1] === "-" ? -value : value;
  }
  const m = /^(?:(\d{4})-(\d{2})-(\d{2}))?(?:T?(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m || (m[1] === undefined && m[4] === undefined)) return undefined;
  const days = m[1] === undefined ? 0 : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000;
  const time = m[4] === undefined ? 0 : (Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6] ?? 0)) / 86400;
  if (m[1] === undefined) return time;
  if (date1904) return days + 24107 + time;
  // 25569 is 1970-01-01; Excel's 1900 system counts a 29 February 1900 that never was.
  const serial = days + 25569;
  return (serial < 61 ? serial - 1 : serial) + time;
}

/** Reads the 0-based row and column of an "AB12" reference written in the bytes [start, end); -1 when not one. */
function readRef(buf: Buffer, start: number, end: number, out: Int32Array): boolean {
  let col = 0;
  let row = 0;
  let i = start;
  if (buf[i] === 0x24) i++;
  const letters = i;
  while (i < end) {
    const c = buf[i] | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
    i++;
  }
  if (i === letters || i - letters > 3) return false;
  if (buf[i] === 0x24) i++;
  const digits = i;
  while (i < end && buf[i] >= 0x30 && buf[i] <= 0x39) {
    row = row * 10 + (buf[i] - 0x30);
    i++;
  }
  if (i !== end || i === digits || row < 1 || row > 1048576 || col > 16384) return false;
  out[0] = row - 1;
  out[1] = col - 1;
  return true;
}

/** A positive whole number written in the bytes [start, end), or -1. */
function readIndex(buf: Buffer, start: number, end: number): number {
  let n = 0;
  if (start >= end) return -1;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c < 0x30 || c > 0x39) return -1;
    n = n * 10 + (c - 0x30);
  }
  return n;
}

const CELL_TYPES = ["s", "n", "b", "e", "d", "str", "inlineStr"];

/** A cell's `t` attribute, as one of the constant strings when it is one (no new string per cell). */
function cellType(buf: Buffer, start: number, end: number): string {
  for (const t of CELL_TYPES) {
    if (t.length !== end - start) continue;
    let same = true;
    for (let i = 0; i < t.length; i++) {
      if (buf[start + i] !== t.charCodeAt(i)) {
        same = false;
        break;
      }
    }
    if (same) return t;
  }
  return buf.toString("latin1", start, end);
}

interface SharedMaster {
  readonly row: number;
  readonly col: number;
  readonly text: string;
}

interface ArrayBlock {
  readonly r0: number;
  readonly r1: number;
  readonly c0: number;
  readonly c1: number;
  readonly row: number;
  readonly col: number;
}

/**
 * Reads the cells of a worksheet part: values into `rows` (row-major, 0-based; formulas as "=text"),
 * formulas and array members handed to `sink`.
 */
export function readWorksheet(s: XmlScanner, ctx: SheetContext, rows: SheetInput[][], sink: FormulaSink): void {
  const buf = s.buf;
  const { budget, strings, formats, date1904, part, file } = ctx;
  const ref = new Int32Array(2);
  const masters = new Map<string, SharedMaster>();
  const pending: { row: number; col: number; si: string; cached: Cached; numFmt: string }[] = [];
  const arrays: ArrayBlock[] = [];
  let active: ArrayBlock[] = [];
  let activeRow = -1;
  let rescan = false;

  let inData = false;
  let row = -1;
  let col = -1;
  let countedRow = -1;

  // The cell being read.
  let type = "";
  let style = 0;
  let vText: string | undefined;
  let inline: string | undefined;
  let fText: string | undefined;
  let fType = "";
  let fShared: string | undefined;
  let fRef: string | undefined;

  const damaged = (what: string): never => {
    throw new WorkbookReadError(file, "corrupt", `${part}, cell ${formatCell(row, col)}: ${what}`);
  };

  /** The cell's value from its `<v>` text (or inline string); sets isError for an error value. */
  let isError = false;
  const valueOf = (raw: string | undefined): JsonValue => {
    isError = false;
    switch (type) {
      case "s": {
        if (raw === undefined || raw.trim() === "") return null;
        const idx = Number(raw);
        if (!Number.isInteger(idx) || idx < 0) return damaged(`shared string index "${raw}" is not a number`);
        if (!strings) return damaged(`refers to shared string ${idx}, but the workbook has no shared-strings part`);
        if (idx >= strings.length) return damaged(`refers to shared string ${idx}, but there are only ${strings.length}`);
        return strings[idx];
      }
      case "inlineStr":
        return inline !== undefined ? inline : raw !== undefined ? decodeEscapes(raw) : null;
      case "str":
        return raw === undefined ? null : decodeEscapes(raw);
      case "b": {
        if (raw === undefined) return null;
        const t = raw.trim().toLowerCase();
        if (t === "1" || t === "true") return true;
        if (t === "0" || t === "false") return false;
        return damaged(`"${raw}" is not a boolean`);
      }
      case "e":
        if (raw === undefined) return null;
        isError = true;
        return raw.trim();
      case "d": {
        if (raw === undefined || raw.trim() === "") return null;
        const serial = isoDateSerial(raw, date1904);
        return serial === undefined ? damaged(`"${raw}" is not an ISO 8601 date`) : serial;
      }
      default: {
        if (raw === undefined) return inline !== undefined ? inline : null;
        const n = Number(raw);
        if (Number.isFinite(n) && (n !== 0 || raw.trim() !== "")) return n;
        const t = raw.trim();
        if (t === "") return null;
        return damaged(`"${t.length > 40 ? `${t.slice(0, 40)}…` : t}" is not a number`);
      }
    }
  };

  const inArray = (r: number, c: number): boolean => {
    if (arrays.length === 0) return false;
    if (rescan || r < activeRow) {
      active = arrays.filter((a) => a.r0 <= r && a.r1 >= r);
      activeRow = r;
      rescan = false;
    } else if (r !== activeRow) {
      // Rows come in order: only the arrays still open stay active.
      active = active.filter((a) => a.r0 <= r && a.r1 >= r);
      activeRow = r;
    }
    for (const a of active) if (c >= a.c0 && c <= a.c1 && (r !== a.row || c !== a.col)) return true;
    return false;
  };

  const store = (r: number, c: number, v: SheetInput) => {
    const line = rows[r] ?? (rows[r] = []);
    line[c] = v;
  };

  const countText = (v: JsonValue) => {
    if (typeof v === "string" && v.length > 0) budget.addText(part, formatCell(row, col), v.length);
  };

  const endCell = () => {
    const hasFormula = (fText !== undefined && fText !== "" && fType !== "dataTable") || (fType === "shared" && fShared !== undefined);
    const hasValue = vText !== undefined || inline !== undefined;
    if (!hasFormula && !hasValue) return;
    const keep = budget.cell(row !== countedRow);
    countedRow = row;
    if (!keep) return;
    const value = valueOf(vText);
    if (hasFormula || (arrays.length > 0 && inArray(row, col))) {
      const cached: Cached = value === null ? NO_VALUE : { value, isError };
      if (!hasFormula) {
        sink.arrayMember(row, col, cached);
        return;
      }
      const numFmt = formats.format(style);
      countText(cached.value);
      if (fText !== undefined && fText !== "") {
        if (fType === "shared" && fShared !== undefined) masters.set(fShared, { row, col, text: fText });
        const arrayRange = fType === "array" && fRef ? parseRange(fRef.split(" ")[0]) : undefined;
        if (arrayRange && (arrayRange.start.row !== arrayRange.end.row || arrayRange.start.col !== arrayRange.end.col)) {
          const block = { r0: arrayRange.start.row, r1: arrayRange.end.row, c0: arrayRange.start.col, c1: arrayRange.end.col, row, col };
          arrays.push(block);
          if (!rescan && activeRow >= block.r0 && activeRow <= block.r1) active.push(block);
          else rescan = true;
        }
        store(row, col, fText.charCodeAt(0) === 61 ? fText : `=${fText}`);
        sink.formula(row, col, fText, cached, numFmt, fType === "array" ? arrayRange : undefined);
        return;
      }
      const master = masters.get(fShared as string);
      if (!master) {
        pending.push({ row, col, si: fShared as string, cached, numFmt });
        return;
      }
      const text = translateFormula(master.text, row - master.row, col - master.col);
      store(row, col, text.charCodeAt(0) === 61 ? text : `=${text}`);
      sink.formula(row, col, text, cached, numFmt);
      return;
    }
    if (value === null) return;
    countText(value);
    // Text stays text: "=1+1" or "#N/A" typed as text is not a formula or an error.
    store(row, col, typeof value === "string" && !isError ? textInput(value) : value);
  };

  for (let t = s.next(); t !== Tok.End; t = s.next()) {
    if (t !== Tok.Open) {
      if (t === Tok.Close && s.name === "sheetData") inData = false;
      continue;
    }
    const name = s.name;
    if (!inData) {
      if (name === "sheetData" && !s.selfClosing) inData = true;
      continue;
    }
    if (name === "row") {
      const r = s.attrIndex("r");
      const n = r >= 0 ? readIndex(buf, s.valueStart(r), s.valueEnd(r)) : -1;
      row = n >= 1 && n <= 1048576 ? n - 1 : row + 1;
      col = -1;
      continue;
    }
    if (name !== "c") {
      // Anything else in sheetData at this level (an extension) is skipped whole.
      s.skipElement();
      continue;
    }
    const r = s.attrIndex("r");
    if (r >= 0 && readRef(buf, s.valueStart(r), s.valueEnd(r), ref)) {
      row = ref[0];
      col = ref[1];
    } else {
      if (row < 0) row = 0;
      col++;
    }
    if (col >= 16384 || row >= 1048576) throw new WorkbookReadError(file, "corrupt", `${part}: a cell past column XFD or row 1048576`);
    const tr = s.attrIndex("t");
    type = tr >= 0 ? cellType(buf, s.valueStart(tr), s.valueEnd(tr)) : "";
    const sr = s.attrIndex("s");
    style = sr >= 0 ? Math.max(0, readIndex(buf, s.valueStart(sr), s.valueEnd(sr))) : 0;
    vText = undefined;
    inline = undefined;
    fText = undefined;
    fType = "";
    fShared = undefined;
    fRef = undefined;
    if (s.selfClosing) continue;
    // The cell's children, up to </c>.
    for (let u = s.next(); u !== Tok.End; u = s.next()) {
      if (u === Tok.Close) {
        if (s.name === "c") break;
        continue;
      }
      if (u !== Tok.Open) continue;
      switch (s.name) {
        case "v":
          vText = s.elementText();
          break;
        case "f":
          fType = s.attr("t") ?? "";
          fShared = s.attr("si");
          fRef = s.attr("ref");
          fText = s.elementText();
          break;
        case "is":
          inline = readStringItem(s);
          break;
        default:
          s.skipElement();
          break;
      }
    }
    endCell();
  }

  for (const p of pending) {
    const master = masters.get(p.si);
    if (!master) {
      // A shared formula whose text is nowhere: the cell keeps the value it holds.
      if (p.cached.value !== null) store(p.row, p.col, p.cached.value);
      continue;
    }
    const text = translateFormula(master.text, p.row - master.row, p.col - master.col);
    store(p.row, p.col, text.charCodeAt(0) === 61 ? text : `=${text}`);
    sink.formula(p.row, p.col, text, p.cached, p.numFmt);
  }
  budget.endPart(part);
}
