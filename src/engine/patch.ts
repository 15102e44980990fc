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
import { formatCell, parseCell } from "../sheet/address";
import { isCellError, type CellValue } from "../sheet/errors";
import { listZipEntries, readZipEntry, type ZipEntry } from "./zip";
import { rewriteZip, ZipRewriteError } from "./zip-rewrite";

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
const SHEET_DATA = new RegExp(`<(${PREFIX})sheetData(?=[\\s/>])${ATTRS}(/?)>`, "g");
const ROW_OR_CELL = new RegExp(`<!--[\\s\\S]*?-->|<(${PREFIX})(row|c)(?=[\\s/>])(${ATTRS})(/?)>`, "g");
const ATTR = /(\s+)([\w:.-]+)(\s*=\s*)("[^"]*"|'[^']*')/g;
const V_ELEMENT = new RegExp(`<(${PREFIX})v(?=[\\s/>])(${ATTRS})(?:/>|>[\\s\\S]*?</\\1v\\s*>)`);
const F_ELEMENT = new RegExp(`<(${PREFIX})f(?=[\\s/>])${ATTRS}(?:/>|>[\\s\\S]*?</\\1f\\s*>)`);
const IS_ELEMENT = new RegExp(`<(${PREFIX})is(?=[\\s/>])${ATTRS}(?:/>|>[\\s\\S]*?</\\1is\\s*>)`);

/** The end tag of a cell, by prefix. */
const CLOSE_CELL = new Map<string, RegExp>();

/** The value of attribute `name` in a start tag's attributes (not decoded: the values read here are plain). */
function attrValue(attrs: string, name: string): string | undefined {
  for (const m of attrs.matchAll(ATTR)) if (m[2] === name) return m[4].slice(1, -1);
  return undefined;
}

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
 * says which were. `encode` turns the value's text into what the string holds (for a part read as latin1).
 */
export function patchSheetXml(xml: string, updates: SheetUpdates, encode: (s: string) => string = (s) => s): SheetPatch {
  const found = new Set<string>();
  SHEET_DATA.lastIndex = 0;
  const sd = SHEET_DATA.exec(xml);
  if (!sd || sd[2] === "/") return { xml, patched: 0, found };
  const close = xml.indexOf(`</${sd[1]}sheetData`, sd.index);
  const end = close < 0 ? xml.length : close;
  const pieces: string[] = [];
  let copied = 0;
  let row = -1;
  let col = -1;
  const re = ROW_OR_CELL;
  re.lastIndex = sd.index + sd[0].length;
  for (let m = re.exec(xml); m && m.index < end; m = re.exec(xml)) {
    if (m[2] === undefined) continue; // a comment
    const prefix = m[1];
    const attrs = m[3];
    if (m[2] === "row") {
      const r = attrValue(attrs, "r");
      row = r !== undefined && /^\d+$/.test(r) ? Number(r) - 1 : row + 1;
      col = -1;
      continue;
    }
    const selfClosing = m[4] === "/";
    const start = m.index;
    const bodyStart = start + m[0].length;
    let cellEnd = bodyStart;
    let body = "";
    if (!selfClosing) {
      let closeTag = CLOSE_CELL.get(prefix);
      if (!closeTag) CLOSE_CELL.set(prefix, (closeTag = new RegExp(`</${prefix.replace(/\./g, "\\.")}c\\s*>`, "g")));
      closeTag.lastIndex = bodyStart;
      const c = closeTag.exec(xml);
      if (!c) break;
      body = xml.slice(bodyStart, c.index);
      cellEnd = c.index + c[0].length;
      re.lastIndex = cellEnd;
    }
    const ref = attrValue(attrs, "r");
    const at = ref === undefined ? undefined : parseCell(ref);
    if (at) {
      row = at.row;
      col = at.col;
    } else col++;
    const key = `${row},${col}`;
    const value = updates.get(key);
    if (value === undefined || found.has(key)) continue;
    found.add(key);
    pieces.push(xml.slice(copied, start), patchCell(prefix, attrs, selfClosing, body, valueXml(value), encode));
    copied = cellEnd;
  }
  if (found.size === 0) return { xml, patched: 0, found };
  pieces.push(xml.slice(copied));
  return { xml: pieces.join(""), patched: found.size, found };
}

/** Text as the bytes of its UTF-8 form, one character a byte (for a part handled as latin1). */
function utf8AsLatin1(s: string): string {
  return /^[\x00-\x7f]*$/.test(s) ? s : Buffer.from(s, "utf8").toString("latin1");
}

/**
 * A worksheet part's bytes with new values (see patchSheetXml). The part is handled byte for byte (as
 * latin1), so that every byte outside the patched cells stays what it was, whatever it holds; the new
 * values go in as UTF-8. A part in UTF-16 cannot be patched this way.
 */
export function patchSheetBytes(part: string, bytes: Buffer, updates: SheetUpdates): { bytes: Buffer; patched: number; found: Set<string> } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) throw new PatchError("package", part, "the worksheet is in UTF-16");
  const r = patchSheetXml(bytes.toString("latin1"), updates, utf8AsLatin1);
  return { bytes: r.patched === 0 ? bytes : Buffer.from(r.xml, "latin1"), patched: r.patched, found: r.found };
}

// ---------------------------------------------------------------------------------------------------
// Where the worksheets are

/** The relationships namespace, transitional (as Excel writes it) and strict. */
const RELATIONSHIPS_NS = new Set(["http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships"]);
const OFFICE_DOCUMENT = /\/officeDocument$/;

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[e],
  );
}

/** A part name as the package's entries are looked up: no leading slash, forward slashes, lower case. */
function partKey(name: string): string {
  return name.replace(/\\/g, "/").replace(/^\/+/, "").toLowerCase();
}

/** A relationship's target as a part name: absolute ("/xl/workbook.xml") or relative to `base`'s folder. */
export function resolveTarget(base: string, target: string): string {
  let t = target.replace(/\\/g, "/");
  try {
    t = decodeURI(t);
  } catch {
    // not percent-encoded
  }
  t = t.replace(/[?#].*$/, "");
  const segments = t.startsWith("/") ? [] : base.split("/").slice(0, -1);
  for (const s of t.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") segments.pop();
    else segments.push(s);
  }
  return segments.join("/");
}

/** The relationships part of a part: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels". */
function relsOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

function relationships(xml: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of xml.matchAll(new RegExp(`<${PREFIX}Relationship(?=[\\s/>])(${ATTRS})/?>`, "g"))) {
    const get = (n: string) => {
      const v = attrValue(m[1], n);
      return v === undefined ? undefined : decodeXml(v);
    };
    const id = get("Id");
    const target = get("Target");
    if (id === undefined || target === undefined) continue;
    out.push({ id, type: get("Type") ?? "", target: target.trim(), external: get("TargetMode") === "External" });
  }
  return out;
}

/**
 * The worksheet part of each sheet name, found as Excel finds it: the package's relationships lead to the
 * workbook part (whatever its name), the workbook's relationships to each sheet's part, by absolute or
 * relative targets; any namespace prefix, either quotes. Part names are the package's entry names.
 */
export function sheetParts(entries: readonly ZipEntry[], bytes: Buffer): Map<string, string> {
  const byKey = new Map<string, ZipEntry>();
  for (const e of entries) if (!byKey.has(partKey(e.name))) byKey.set(partKey(e.name), e);
  const read = (name: string) => {
    const e = byKey.get(partKey(name));
    return e ? readZipEntry(bytes, e).toString("utf8") : undefined;
  };
  const parts = new Map<string, string>();
  const rootRels = read("_rels/.rels");
  const office = rootRels === undefined ? undefined : relationships(rootRels).find((r) => OFFICE_DOCUMENT.test(r.type) && !r.external);
  const workbook = office ? resolveTarget("", office.target) : "xl/workbook.xml";
  const wbXml = read(workbook);
  const relsXml = read(relsOf(workbook));
  if (wbXml === undefined || relsXml === undefined) return parts;
  const targets = new Map<string, string>();
  for (const r of relationships(relsXml)) if (!r.external) targets.set(r.id, resolveTarget(workbook, r.target));
  // The prefixes bound to the relationships namespace (r: as Excel writes it, or any other).
  const prefixes = new Set<string>();
  for (const m of wbXml.matchAll(/xmlns:([\w.-]+)\s*=\s*("[^"]*"|'[^']*')/g)) if (RELATIONSHIPS_NS.has(m[2].slice(1, -1))) prefixes.add(m[1]);
  for (const m of wbXml.matchAll(new RegExp(`<${PREFIX}sheet(?=[\\s/>])(${ATTRS})/?>`, "g"))) {
    const name = attrValue(m[1], "name");
    let rid: string | undefined;
    for (const a of m[1].matchAll(ATTR)) {
      const [p, local] = a[2].split(":");
      if (local === "id" && (prefixes.size === 0 || prefixes.has(p))) rid = decodeXml(a[4].slice(1, -1));
    }
    const target = rid === undefined ? undefined : targets.get(rid);
    const entry = target === undefined ? undefined : byKey.get(partKey(target));
    if (name !== undefined && entry) parts.set(decodeXml(name), entry.name);
  }
  return parts;
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
