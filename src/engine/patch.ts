/**
 * Writes new cached values into a copy of an .xlsx without rebuilding it (Node only).
 *
 * Only the `<v>` (and the type attribute `t`) of the cells whose value changed are rewritten, in the
 * worksheet parts that hold them; every other byte of the package is copied as it is: styles, number
 * formats, column widths, merged cells, comments, the formula text, and everything else the file holds
 * (charts, pivot tables, data validation, macros of an .xlsm). Unchanged zip entries are copied without
 * being decompressed, changed ones are deflated again by zlib.
 */
import * as zlib from "zlib";
import { formatCell, parseCell } from "./address";
import type { CellValue } from "./engine";
import { isCellError } from "./engine";
import { isZip64, listZipEntries, readZipEntry, type ZipEntry } from "./zip";

/** What stops a package from being patched. */
export type PatchProblem =
  /** The zip structure cannot be rewritten (detail says how). */
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

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  const native = (zlib as unknown as { crc32?: (b: Buffer) => number }).crc32;
  if (typeof native === "function") return native(buf) >>> 0;
  let c = -1;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

function escapeText(s: string): string {
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}_`);
}

/** A number as Excel writes it in `<v>`: the shortest text that reads back as the same double. */
function numberText(n: number): string {
  if (Object.is(n, -0)) return "0";
  return String(n).toUpperCase();
}

/** The `t` attribute and `<v>` element for a value; an empty value has no `<v>`. */
function valueXml(v: CellValue): { t?: string; v?: string } {
  if (v === null) return {};
  if (isCellError(v)) return { t: "e", v: escapeText(v.error) };
  switch (typeof v) {
    case "number":
      return { v: numberText(v) };
    case "boolean":
      return { t: "b", v: v ? "1" : "0" };
    default:
      return { t: "str", v: escapeText(v) };
  }
}

const CELL_OR_ROW = /<(?:\w+:)?row\b([^>]*)>|<((?:\w+:)?)c\b([^>]*?)(\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const ATTR = /([\w:]+)\s*=\s*("[^"]*"|'[^']*')/g;
const FORMULA = /<(?:\w+:)?f\b[^>]*\/>|<(?:\w+:)?f\b[^>]*>[\s\S]*?<\/(?:\w+:)?f>/;
const EXT = /<(?:\w+:)?extLst\b[\s\S]*<\/(?:\w+:)?extLst>/;

/**
 * The worksheet XML with new values in the cells listed. Cells not in the XML are left out (a cell is
 * never added); returns the XML and how many cells were rewritten.
 */
export function patchSheetXml(xml: string, updates: SheetUpdates): { xml: string; patched: number; found: Set<string> } {
  let patched = 0;
  const found = new Set<string>();
  let row = -1;
  let col = -1;
  const out = xml.replace(CELL_OR_ROW, (whole: string, rowAttrs: string | undefined, prefix: string, attrs: string, end: string, inner: string | undefined) => {
    if (rowAttrs !== undefined) {
      const r = /\br\s*=\s*["'](\d+)["']/.exec(rowAttrs);
      row = r ? Number(r[1]) - 1 : row + 1;
      col = -1;
      return whole;
    }
    const ref = /\br\s*=\s*["']([A-Za-z]+\d+)["']/.exec(attrs);
    const at = ref ? parseCell(ref[1]) : undefined;
    if (at) {
      row = at.row;
      col = at.col;
    } else col++;
    const key = `${row},${col}`;
    if (!updates.has(key) || found.has(key)) return whole;
    found.add(key);
    const value = updates.get(key) as CellValue;
    const { t, v } = valueXml(value);
    const kept: string[] = [];
    for (const m of attrs.matchAll(ATTR)) if (m[1] !== "t") kept.push(`${m[1]}=${m[2]}`);
    if (t) kept.push(`t="${t}"`);
    const body = end === "/>" ? "" : (inner ?? "");
    const f = FORMULA.exec(body)?.[0] ?? "";
    const ext = EXT.exec(body)?.[0] ?? "";
    const vXml = v === undefined ? "" : `<${prefix}v>${v}</${prefix}v>`;
    patched++;
    return `<${prefix}c${kept.length > 0 ? ` ${kept.join(" ")}` : ""}>${f}${vXml}${ext}</${prefix}c>`;
  });
  return { xml: out, patched, found };
}

/** The worksheet part of each sheet name, from xl/workbook.xml and its relationships. */
export function sheetParts(entries: readonly ZipEntry[], bytes: Buffer): Map<string, string> {
  const byName = new Map(entries.map((e) => [e.name.replace(/^\//, ""), e]));
  const wb = byName.get("xl/workbook.xml");
  const rels = byName.get("xl/_rels/workbook.xml.rels");
  const parts = new Map<string, string>();
  if (!wb || !rels) return parts;
  const relsXml = readZipEntry(bytes, rels).toString("utf8");
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const id = /\bId\s*=\s*"([^"]*)"/.exec(m[1])?.[1];
    const target = /\bTarget\s*=\s*"([^"]*)"/.exec(m[1])?.[1];
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`.replace(/\/\.\//g, "/"));
  }
  const wbXml = readZipEntry(bytes, wb).toString("utf8");
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const name = /\bname\s*=\s*"([^"]*)"/.exec(m[1])?.[1];
    const rid = /\br:id\s*=\s*"([^"]*)"|\b\w+:id\s*=\s*"([^"]*)"/.exec(m[1]);
    const target = rid ? targets.get(rid[1] ?? rid[2]) : undefined;
    if (name !== undefined && target) parts.set(decodeXml(name), target);
  }
  return parts;
}

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[e],
  );
}

/**
 * A copy of the package `bytes` whose worksheet parts carry the new values. `updates` maps a part's
 * path ("xl/worksheets/sheet1.xml") to its cells' new values. Throws PatchError when the package cannot
 * be patched; there is no other way to write the copy.
 */
export function patchPackage(bytes: Buffer, updates: ReadonlyMap<string, SheetUpdates>): { bytes: Buffer; patched: number } {
  if (updates.size === 0) return { bytes: Buffer.from(bytes), patched: 0 };
  const entries = listZipEntries(bytes);
  if (isZip64(bytes) || entries.some((e) => e.zip64)) throw new PatchError("package", "", "zip64");
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const cdOffset = bytes.readUInt32LE(end + 16);
  const starts = [...entries.map((e) => e.localOffset), cdOffset].sort((a, b) => a - b);
  const nextStart = (offset: number) => starts[starts.indexOf(offset) + 1];

  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let patched = 0;
  for (const e of entries) {
    const name = e.name.replace(/^\//, "");
    const cdLength = 46 + bytes.readUInt16LE(e.centralOffset + 28) + bytes.readUInt16LE(e.centralOffset + 30) + bytes.readUInt16LE(e.centralOffset + 32);
    const record = Buffer.from(bytes.subarray(e.centralOffset, e.centralOffset + cdLength));
    const cells = updates.get(name);
    if (!cells || cells.size === 0) {
      const raw = bytes.subarray(e.localOffset, nextStart(e.localOffset));
      record.writeUInt32LE(offset, 42);
      chunks.push(raw);
      central.push(record);
      offset += raw.length;
      continue;
    }
    const result = patchSheetXml(readZipEntry(bytes, e).toString("utf8"), cells);
    if (result.patched !== cells.size) {
      const missing = [...cells.keys()].find((k) => !result.found.has(k)) ?? "";
      const [r, c] = missing.split(",").map(Number);
      throw new PatchError("cellMissing", name, formatCell(r, c));
    }
    patched += result.patched;
    const data = Buffer.from(result.xml, "utf8");
    const deflated = zlib.deflateRawSync(data);
    const nameBytes = bytes.subarray(e.centralOffset + 46, e.centralOffset + 46 + bytes.readUInt16LE(e.centralOffset + 28));
    const flags = bytes.readUInt16LE(e.centralOffset + 8) & ~0x0008;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    bytes.copy(local, 10, e.centralOffset + 12, e.centralOffset + 16); // time and date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    record.writeUInt16LE(flags, 8);
    record.writeUInt16LE(8, 10);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(deflated.length, 20);
    record.writeUInt32LE(data.length, 24);
    record.writeUInt32LE(offset, 42);
    chunks.push(local, nameBytes, deflated);
    central.push(record);
    offset += 30 + nameBytes.length + deflated.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.from(bytes.subarray(end));
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return { bytes: Buffer.concat([...chunks, cd, eocd]), patched };
}
