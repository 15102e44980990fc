/**
 * Writes new cached values into a copy of an .xlsx without rebuilding it (Node only).
 *
 * Only the `<v>` (and the type attribute `t`) of the cells whose value changed are rewritten, in the
 * worksheet parts that hold them; every other byte of the package is copied as it is: styles, number
 * formats, column widths, merged cells, comments, the formula text, and everything else the file holds
 * (charts, pivot tables, data validation, the macros of an .xlsm). Unchanged zip entries are copied raw
 * (see zip-rewrite.ts); a rewritten worksheet part differs from the input's only inside the patched cells.
 * Where that cannot be done, PatchError says why: there is no other way to make the copy.
 */
import { formatCell, MAX_COLUMNS, MAX_ROWS, parseCell } from "../sheet/address";
import { isCellError, type CellValue } from "../sheet/errors";
import { listZipEntries } from "./zip";
import { rewriteZip, ZipRewriteError } from "./zip-rewrite";
import { BANG, COLON, EQ, GT, isSpace, LT, QUESTION, SLASH } from "./package/xml";

/** What stops a package from being patched. */
export type PatchProblem =
  /** The zip structure or a part's encoding cannot be rewritten (detail says how). */
  | "package"
  /** A cell to write is not in the worksheet XML (detail is its address). */
  | "cellMissing";

/** The package cannot be patched as asked; nothing is written. */
export class PatchError extends Error {
  readonly problem: PatchProblem;
  readonly part: string;
  readonly detail: string;
  constructor(problem: PatchProblem, part: string, detail: string) {
    super(`${part}: ${problem} (${detail})`);
    this.name = "PatchError";
    this.problem = problem;
    this.part = part;
    this.detail = detail;
  }
}

/** New values of one worksheet part: "row,col" (0-based) -> value. */
export type SheetUpdates = Map<string, CellValue>;

/** The error values a cell of an .xlsx can hold (`t="e"`), as Excel writes them. */
export const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#PYTHON!",
]);

/** A value the copy can hold as Excel would: anything but an error Excel does not have (#ERROR!, #CYCLE!). */
export function isWritable(v: CellValue): boolean {
  return !isCellError(v) || EXCEL_ERRORS.has(v.error);
}

/**
 * Text as SpreadsheetML holds it: XML-escaped, and `_xHHHH_` for what XML cannot carry (control
 * characters, a carriage return, which a parser would turn into a line feed, lone surrogates, U+FFFE and
 * U+FFFF); a literal `_xHHHH_` in the text gets its underscore escaped (`_x005F_`).
 */
export function escapeText(s: string): string {
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\u0000-\u0008\u000b-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}_`);
}

/** A number as Excel writes it in `<v>`: the shortest text that reads back as the same double. */
export function numberText(n: number): string {
  if (Object.is(n, -0)) return "0";
  return String(n).toUpperCase();
}

/**
 * The `t` attribute and `<v>` text for a value; an empty value has no `<v>`. A number that is not finite
 * (which no cell can hold) is written as Excel gives it, #NUM!.
 */
export function valueXml(v: CellValue): { t?: string; v?: string } {
  if (v === null) return {};
  if (isCellError(v)) {
    if (!EXCEL_ERRORS.has(v.error)) throw new Error(`${v.error} is not an Excel error value`);
    return { t: "e", v: v.error };
  }
  switch (typeof v) {
    case "number":
      return Number.isFinite(v) ? { v: numberText(v) } : { t: "e", v: "#NUM!" };
    case "boolean":
      return { t: "b", v: v ? "1" : "0" };
    default:
      return { t: "str", v: escapeText(v) };
  }
}

// ---------------------------------------------------------------------------------------------------
// Worksheet XML

/** An XML name prefix with its colon, or nothing. */
const PREFIX = "(?:[A-Za-z_][\\w.-]*:)?";
/** Attributes of a start tag (values may hold ">"). */
const ATTRS = `(?:[^>"']|"[^"]*"|'[^']*')*?`;
const ATTR = /(\s+)([\w:.-]+)(\s*=\s*)("[^"]*"|'[^']*')/g;
const V_ELEMENT = new RegExp(`<(${PREFIX})v(?=[\\s/>])(${ATTRS})(?:/>|>[\\s\\S]*?</\\1v\\s*>)`);
const F_ELEMENT = new RegExp(`<(${PREFIX})f(?=[\\s/>])${ATTRS}(?:/>|>[\\s\\S]*?</\\1f\\s*>)`);
const IS_ELEMENT = new RegExp(`<(${PREFIX})is(?=[\\s/>])${ATTRS}(?:/>|>[\\s\\S]*?</\\1is\\s*>)`);

/** The attributes with `t` set to `t`, or removed when undefined (a `t="n"` stays for a number). */
function withType(attrs: string, t: string | undefined): string {
  let found = false;
  let quote = '"';
  let first = true;
  const out = attrs.replace(ATTR, (whole: string, space: string, name: string, eq: string, value: string) => {
    if (first) quote = value[0];
    first = false;
    if (name !== "t") return whole;
    found = true;
    const old = value.slice(1, -1);
    if (t === undefined) return old === "n" ? whole : "";
    return old === t ? whole : `${space}t${eq}${value[0]}${t}${value[0]}`;
  });
  if (found || t === undefined) return out;
  const trailing = /\s*$/.exec(out)?.[0] ?? "";
  return `${out.slice(0, out.length - trailing.length)} t=${quote}${t}${quote}${trailing}`;
}

/** A cell's XML with a new value: only its `t` attribute, its `<v>` and an inline string it held change. */
function patchCell(prefix: string, attrs: string, selfClosing: boolean, body: string, value: { t?: string; v?: string }, encode: (s: string) => string): string {
  const a = withType(attrs, value.t);
  const vText = value.v === undefined ? undefined : encode(value.v);
  if (selfClosing) return vText === undefined ? `<${prefix}c${a}/>` : `<${prefix}c${a}><${prefix}v>${vText}</${prefix}v></${prefix}c>`;
  let b = body;
  // An inline string is the cell's old value (its t was "inlineStr", which it no longer is).
  const is = IS_ELEMENT.exec(b);
  if (is) b = b.slice(0, is.index) + b.slice(is.index + is[0].length);
  const v = V_ELEMENT.exec(b);
  if (v) {
    const replacement = vText === undefined ? "" : `<${v[1]}v${v[2]}>${vText}</${v[1]}v>`;
    b = b.slice(0, v.index) + replacement + b.slice(v.index + v[0].length);
  } else if (vText !== undefined) {
    const f = F_ELEMENT.exec(b);
    const at = f ? f.index + f[0].length : is ? is.index : 0;
    b = `${b.slice(0, at)}<${prefix}v>${vText}</${prefix}v>${b.slice(at)}`;
  }
  return `<${prefix}c${a}>${b}</${prefix}c>`;
}

export interface SheetPatch {
  readonly xml: string;
  /** How many cells were rewritten. */
  readonly patched: number;
  /** The keys ("row,col") of the updates whose cell was found. */
  readonly found: Set<string>;
}

/**
 * The worksheet XML with new values in the cells listed: a cell's `t` attribute and `<v>` element change
 * (or an inline string it held goes), nothing else. Cells with or without `r`, in rows with or without
 * `r`, with any namespace prefix, attributes in either quotes. A cell not in the XML is not added: `found`
 * says which were. (The text form of patchSheetBytes, which does the work on the text's UTF-8 bytes.)
 */
export function patchSheetXml(xml: string, updates: SheetUpdates): SheetPatch {
  const r = patchSheetData(Buffer.from(xml, "utf8"), updates);
  return { xml: r.patched === 0 ? xml : r.bytes.toString("utf8"), patched: r.patched, found: r.found };
}

/** Text as the bytes of its UTF-8 form, one character a byte (for a part handled as latin1). */
function utf8AsLatin1(s: string): string {
  return /^[\x00-\x7f]*$/.test(s) ? s : Buffer.from(s, "utf8").toString("latin1");
}

/**
 * A worksheet part's bytes with new values (see patchSheetXml). The part is handled byte for byte, so that
 * every byte outside the patched cells stays what it was, whatever it holds; the new values go in as
 * UTF-8. A part in UTF-16 cannot be patched this way.
 */
export function patchSheetBytes(part: string, bytes: Buffer, updates: SheetUpdates): { bytes: Buffer; patched: number; found: Set<string> } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) throw new PatchError("package", part, "the worksheet is in UTF-16");
  return patchSheetData(bytes, updates);
}

// The byte scan. One pass over the part's bytes from <sheetData> to </sheetData>: every tag is looked at
// where it lies (no copy of the part as a string, no object per cell); only a cell to be rewritten is
// turned into text, and the output is the input's byte ranges around the rewritten cells, joined once.


/** A byte that ends a tag's name. */
function endsTagName(b: number): boolean {
  return isSpace(b) || b === GT || b === SLASH;
}

/** The numeric key of a cell, or -1 for one no update can name. */
const COL_SPAN = 2 ** 24;
function cellKey(row: number, col: number): number {
  return row >= 0 && col >= 0 && col < COL_SPAN && row < MAX_KEY_ROWS ? row * COL_SPAN + col : -1;
}
const MAX_KEY_ROWS = 2 ** 28;

/** A start tag as found in the bytes. */
interface Tag {
  /** The index of "<". */
  start: number;
  /** The index after the tag's name (where its attributes begin). */
  nameEnd: number;
  /** The index of its ">" (+1 is where the tag ends). */
  gt: number;
  selfClosing: boolean;
  /** The value of its attribute r, as a byte range (valueStart < 0: none). */
  valueStart: number;
  valueEnd: number;
}

/**
 * Reads the attributes of the start tag whose name ends at `i`: finds its ">" (quotes respected, as the
 * values may hold ">") and the value of the attribute named `r`. False when the tag does not end.
 */
function readTag(b: Buffer, i: number, tag: Tag): boolean {
  const n = b.length;
  tag.nameEnd = i;
  tag.valueStart = -1;
  tag.valueEnd = -1;
  while (i < n) {
    const c = b[i];
    if (c === GT) {
      tag.gt = i;
      tag.selfClosing = b[i - 1] === SLASH;
      return true;
    }
    if (c === 0x22 || c === 0x27) {
      // A quoted value: is it r's? Look back over "=" and spaces to the name.
      const close = b.indexOf(c, i + 1);
      if (close < 0) return false;
      let k = i - 1;
      while (k > tag.nameEnd && isSpace(b[k])) k--;
      if (b[k] === EQ) {
        k--;
        while (k > tag.nameEnd && isSpace(b[k])) k--;
        if (b[k] === 0x72 && isSpace(b[k - 1])) {
          tag.valueStart = i + 1;
          tag.valueEnd = close;
        }
      }
      i = close + 1;
      continue;
    }
    i++;
  }
  return false;
}

/** The row number (1-based) of a row's r attribute, or -1 when it is not all digits. */
function rowNumber(b: Buffer, from: number, to: number): number {
  if (to <= from) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c < 0x30 || c > 0x39) return -1;
    n = n * 10 + (c - 0x30);
  }
  return n;
}

/** The cell named by a cell's r attribute, as parseCell reads it; undefined when it names none. */
function cellAt(b: Buffer, from: number, to: number): { row: number; col: number } | undefined {
  let i = from;
  let col = 0;
  while (i < to && i - from < 3) {
    const c = b[i] | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
    i++;
  }
  const letters = i - from;
  let row = 0;
  const digitsFrom = i;
  while (i < to && i - digitsFrom < 7) {
    const c = b[i];
    if (c < 0x30 || c > 0x39) break;
    row = row * 10 + (c - 0x30);
    i++;
  }
  // The plain form ("B3"): read here; anything else ("$B$3", spaces) as parseCell reads text.
  if (i !== to || letters === 0 || i === digitsFrom) return parseCell(b.toString("latin1", from, to));
  if (col > MAX_COLUMNS || row < 1 || row > MAX_ROWS) return undefined;
  return { row: row - 1, col: col - 1 };
}

/** The index after `<!--...-->`, `<![CDATA[...]]>`, `<!...>` or `<?...?>` starting at `i`, or -1. */
function skipSpecial(b: Buffer, i: number): number {
  if (b[i + 1] === BANG) {
    if (b[i + 2] === 0x2d && b[i + 3] === 0x2d) {
      const e = b.indexOf("-->", i + 4, "latin1");
      return e < 0 ? -1 : e + 3;
    }
    if (b.toString("latin1", i + 2, i + 9) === "[CDATA[") {
      const e = b.indexOf("]]>", i + 9, "latin1");
      return e < 0 ? -1 : e + 3;
    }
    const e = b.indexOf(GT, i + 2);
    return e < 0 ? -1 : e + 1;
  }
  const e = b.indexOf("?>", i + 2, "latin1");
  return e < 0 ? -1 : e + 2;
}

/** The start tag of sheetData (any prefix): its prefix with the colon, and where it ends; undefined when none. */
function findSheetData(b: Buffer, tag: Tag): string | undefined {
  for (let at = b.indexOf("sheetData", 0, "latin1"); at >= 0; at = b.indexOf("sheetData", at + 9, "latin1")) {
    if (!endsTagName(b[at + 9] ?? GT)) continue;
    let k = at - 1;
    let prefix = "";
    if (b[k] === COLON) {
      k--;
      while (k >= 0 && !isSpace(b[k]) && b[k] !== LT && b[k] !== GT && b[k] !== SLASH) k--;
      prefix = b.toString("latin1", k + 1, at);
    }
    if (b[k] !== LT) continue;
    if (!readTag(b, at + 9, tag)) return undefined;
    tag.start = k;
    return prefix;
  }
  return undefined;
}

/**
 * The work of patchSheetBytes and patchSheetXml on a part's bytes: one pass over <sheetData>, cells
 * located by their r attribute (or their position after the last one), the listed ones rewritten by
 * patchCell, everything else copied as the input's byte ranges.
 */
function patchSheetData(b: Buffer, updates: SheetUpdates): { bytes: Buffer; patched: number; found: Set<string> } {
  const found = new Set<string>();
  const unchanged = { bytes: b, patched: 0, found };
  if (updates.size === 0) return unchanged;
  // The updates by numeric key, so that looking a cell up makes no string.
  const wanted = new Map<number, string>();
  for (const key of updates.keys()) {
    const [r, c] = key.split(",").map(Number);
    const k = cellKey(r, c);
    if (k >= 0) wanted.set(k, key);
  }
  const tag: Tag = { start: 0, nameEnd: 0, gt: 0, selfClosing: false, valueStart: -1, valueEnd: -1 };
  const sdPrefix = findSheetData(b, tag);
  if (sdPrefix === undefined || tag.selfClosing) return unchanged;
  const close = b.indexOf(`</${sdPrefix}sheetData`, tag.gt, "latin1");
  const end = close < 0 ? b.length : close;
  const pieces: Buffer[] = [];
  let length = 0;
  let copied = 0;
  let row = -1;
  let col = -1;
  let i = tag.gt + 1;
  while (i < end) {
    const lt = b.indexOf(LT, i);
    if (lt < 0 || lt >= end) break;
    const next = b[lt + 1];
    if (next === BANG || next === QUESTION) {
      const after = skipSpecial(b, lt);
      if (after < 0) break;
      i = after;
      continue;
    }
    if (next === SLASH) {
      i = lt + 2;
      continue;
    }
    // The tag's name, with the prefix found at its colon.
    let k = lt + 1;
    let colon = -1;
    while (k < end && !endsTagName(b[k])) {
      if (b[k] === COLON) colon = k;
      k++;
    }
    const localStart = colon < 0 ? lt + 1 : colon + 1;
    const localLength = k - localStart;
    const isCell = localLength === 1 && b[localStart] === 0x63;
    const isRow = localLength === 3 && b[localStart] === 0x72 && b[localStart + 1] === 0x6f && b[localStart + 2] === 0x77;
    if (!isCell && !isRow) {
      i = k;
      continue;
    }
    if (!readTag(b, k, tag)) break;
    tag.start = lt;
    if (isRow) {
      const r = tag.valueStart < 0 ? -1 : rowNumber(b, tag.valueStart, tag.valueEnd);
      row = r >= 0 ? r - 1 : row + 1;
      col = -1;
      i = tag.gt + 1;
      continue;
    }
    const bodyStart = tag.gt + 1;
    let cellEnd = bodyStart;
    let closeStart = bodyStart;
    if (!tag.selfClosing) {
      // The cell's end tag, </c> with the cell's prefix (and spaces before its ">").
      const endTag = colon < 0 ? "</c" : `</${b.toString("latin1", lt + 1, localStart)}c`;
      let at = b.indexOf(endTag, bodyStart, "latin1");
      for (; at >= 0; at = b.indexOf(endTag, at + 1, "latin1")) {
        let e = at + endTag.length;
        while (e < b.length && isSpace(b[e])) e++;
        if (b[e] === GT) {
          cellEnd = e + 1;
          break;
        }
      }
      if (at < 0) break;
      closeStart = at;
    }
    i = cellEnd;
    const at = tag.valueStart < 0 ? undefined : cellAt(b, tag.valueStart, tag.valueEnd);
    if (at) {
      row = at.row;
      col = at.col;
    } else col++;
    const key = wanted.get(cellKey(row, col));
    if (key === undefined || found.has(key)) continue;
    found.add(key);
    const value = updates.get(key) as CellValue;
    const prefix = b.toString("latin1", lt + 1, localStart);
    const attrs = b.toString("latin1", k, tag.selfClosing ? tag.gt - 1 : tag.gt);
    const body = tag.selfClosing ? "" : b.toString("latin1", bodyStart, closeStart);
    const cell = Buffer.from(patchCell(prefix, attrs, tag.selfClosing, body, valueXml(value), utf8AsLatin1), "latin1");
    const before = b.subarray(copied, lt);
    pieces.push(before, cell);
    length += before.length + cell.length;
    copied = cellEnd;
  }
  if (found.size === 0) return unchanged;
  const rest = b.subarray(copied);
  pieces.push(rest);
  return { bytes: Buffer.concat(pieces, length + rest.length), patched: found.size, found };
}

/** A part name as the package's entries are looked up: no leading slash, forward slashes, lower case. */
function partKey(name: string): string {
  return name.replace(/\\/g, "/").replace(/^\/+/, "").toLowerCase();
}

// ---------------------------------------------------------------------------------------------------
// The package

/**
 * A copy of the package `bytes` whose worksheet parts carry the new values. `updates` maps a part's
 * entry name ("xl/worksheets/sheet1.xml") to its cells' new values. Throws PatchError when the package
 * cannot be patched, or a cell is not in its worksheet's XML; there is no other way to write the copy.
 */
export function patchPackage(bytes: Buffer, updates: ReadonlyMap<string, SheetUpdates>): { bytes: Buffer; patched: number } {
  const todo = [...updates].filter(([, cells]) => cells.size > 0);
  if (todo.length === 0) return { bytes, patched: 0 };
  const entries = listZipEntries(bytes);
  let patched = 0;
  const replace = new Map<string, (old: Buffer) => Buffer>();
  for (const [part, cells] of todo) {
    const entry = entries.find((e) => e.name === part) ?? entries.find((e) => partKey(e.name) === partKey(part));
    if (!entry) throw new PatchError("package", part, "no such part");
    replace.set(entry.name, (old) => {
      const r = patchSheetBytes(part, old, cells);
      if (r.patched !== cells.size) {
        const missing = [...cells.keys()].find((k) => !r.found.has(k)) ?? "";
        const [row, col] = missing.split(",").map(Number);
        throw new PatchError("cellMissing", part, formatCell(row, col));
      }
      patched += r.patched;
      return r.bytes;
    });
  }
  try {
    return { bytes: rewriteZip(bytes, replace), patched };
  } catch (e) {
    if (e instanceof ZipRewriteError) throw new PatchError("package", "", e.message);
    throw e;
  }
}
