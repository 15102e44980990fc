/**
 * The test of "every part but the rewritten values is byte-identical": unzips an input package and its
 * recalculated copy with a zip reader of its own (not the one under test) and asserts that
 * - the copy has the same entries, in the same central-directory and physical order, and the same bytes
 *   before, between and after them (prefix, gaps, zip64 end records, archive comment) but for offsets;
 * - every central record and local header is the input's, byte for byte, but for the CRC, sizes and
 *   offsets (also inside zip64 extra fields), which must be right for the copy's data;
 * - an entry not listed in `changed` is copied raw: same header, same compressed bytes, same descriptor;
 * - a worksheet part listed in `changed` differs only inside the cells listed: their `t` attribute and
 *   their `<v>` (or an inline string `<is>` they held); every other byte of the part is the input's.
 * Returns the changed cells as the copy holds them, to check their values.
 */
import { inflateRawSync } from "zlib";

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const DESCRIPTOR = 0x08074b50;
const MAX32 = 0xffffffff;

interface Entry {
  readonly name: string;
  /** The central record, whole. */
  readonly central: Buffer;
  readonly localOffset: number;
  /** The local header, with name and extra field. */
  readonly local: Buffer;
  readonly data: Buffer;
  /** The data descriptor, if the entry has one. */
  readonly descriptor: Buffer;
  /** Bytes after the entry up to the next one (or the central directory). */
  readonly gap: Buffer;
  readonly method: number;
  readonly crc: number;
  readonly csize: number;
  readonly usize: number;
}

interface Zip {
  readonly prefix: Buffer;
  /** In central-directory order. */
  readonly entries: Entry[];
  /** Names in the order of their data. */
  readonly physical: string[];
  /** Everything after the central directory. */
  readonly tail: Buffer;
  readonly tailFields: { readonly zip64End?: number; readonly locator?: number; readonly end: number };
}

/** The zip64 extra field's values of a record (in the order they come), and where they are. */
function zip64Values(rec: Buffer, extraStart: number, extraLength: number): { at: number; count: number } | undefined {
  for (let x = extraStart; x + 4 <= extraStart + extraLength; ) {
    const id = rec.readUInt16LE(x);
    const len = rec.readUInt16LE(x + 2);
    if (id === 1) return { at: x + 4, count: Math.floor(len / 8) };
    x += 4 + len;
  }
  return undefined;
}

function parseZip(buf: Buffer): Zip {
  let end = -1;
  for (let i = buf.length - 22; i >= 0; i--) {
    if (buf.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error("no end record");
  let count = buf.readUInt16LE(end + 10);
  let cdOffset = buf.readUInt32LE(end + 16);
  let zip64End: number | undefined;
  let locator: number | undefined;
  if (end >= 20 && buf.readUInt32LE(end - 20) === ZIP64_LOCATOR) {
    locator = end - 20;
    zip64End = Number(buf.readBigUInt64LE(locator + 8));
    if (buf.readUInt32LE(zip64End) !== ZIP64_END) throw new Error("bad zip64 end record");
    if (count === 0xffff) count = Number(buf.readBigUInt64LE(zip64End + 32));
    if (cdOffset === MAX32) cdOffset = Number(buf.readBigUInt64LE(zip64End + 48));
  }
  const raw: { name: string; central: Buffer; localOffset: number; csize: number; usize: number; crc: number; method: number; flags: number }[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (buf.readUInt32LE(p) !== CENTRAL) throw new Error("bad central record");
    const n = buf.readUInt16LE(p + 28);
    const m = buf.readUInt16LE(p + 30);
    const c = buf.readUInt16LE(p + 32);
    const central = buf.subarray(p, p + 46 + n + m + c);
    let usize = central.readUInt32LE(24);
    let csize = central.readUInt32LE(20);
    let localOffset = central.readUInt32LE(42);
    const z = zip64Values(central, 46 + n, m);
    let q = z?.at ?? 0;
    const take = () => {
      const v = Number(central.readBigUInt64LE(q));
      q += 8;
      return v;
    };
    if (usize === MAX32) usize = take();
    if (csize === MAX32) csize = take();
    if (localOffset === MAX32) localOffset = take();
    raw.push({ name: central.toString("utf8", 46, 46 + n), central, localOffset, csize, usize, crc: central.readUInt32LE(16), method: central.readUInt16LE(10), flags: central.readUInt16LE(8) });
    p += central.length;
  }
  const cdEnd = p;
  const byOffset = [...raw].sort((a, b) => a.localOffset - b.localOffset);
  const entries = new Map<string, Entry>();
  byOffset.forEach((r, i) => {
    const s = r.localOffset;
    if (buf.readUInt32LE(s) !== LOCAL) throw new Error(`no local header for ${r.name}`);
    const headerEnd = s + 30 + buf.readUInt16LE(s + 26) + buf.readUInt16LE(s + 28);
    const dataEnd = headerEnd + r.csize;
    const next = i + 1 < byOffset.length ? byOffset[i + 1].localOffset : cdOffset;
    let descriptorLength = 0;
    if (r.flags & 8) {
      const signed = buf.readUInt32LE(dataEnd) === DESCRIPTOR ? 4 : 0;
      descriptorLength = signed + (next - dataEnd - signed === 20 ? 20 : 12);
    }
    entries.set(r.name, {
      name: r.name,
      central: r.central,
      localOffset: s,
      local: buf.subarray(s, headerEnd),
      data: buf.subarray(headerEnd, dataEnd),
      descriptor: buf.subarray(dataEnd, dataEnd + descriptorLength),
      gap: buf.subarray(dataEnd + descriptorLength, next),
      method: r.method,
      crc: r.crc,
      csize: r.csize,
      usize: r.usize,
    });
  });
  return {
    prefix: buf.subarray(0, byOffset.length > 0 ? byOffset[0].localOffset : cdOffset),
    entries: raw.map((r) => entries.get(r.name)!),
    physical: byOffset.map((r) => r.name),
    tail: buf.subarray(cdEnd),
    tailFields: { end: end - cdEnd, ...(zip64End !== undefined ? { zip64End: zip64End - cdEnd, locator: locator! - cdEnd } : {}) },
  };
}

/** A header with its CRC, sizes and offset zeroed, in its fixed fields and its zip64 extra field. */
function masked(rec: Buffer, kind: "local" | "central"): Buffer {
  const b = Buffer.from(rec);
  const n = b.readUInt16LE(kind === "local" ? 26 : 28);
  const m = b.readUInt16LE(kind === "local" ? 28 : 30);
  const z = zip64Values(b, (kind === "local" ? 30 : 46) + n, m);
  if (z) b.fill(0, z.at, z.at + Math.min(z.count, 3) * 8);
  b.fill(0, kind === "local" ? 14 : 16, kind === "local" ? 26 : 28);
  if (kind === "central") b.writeUInt32LE(b.readUInt32LE(42) === MAX32 ? MAX32 : 0, 42);
  if (kind === "local") {
    // Keep the markers that say where the values are.
    for (const f of [18, 22]) if (rec.readUInt32LE(f) === MAX32) b.writeUInt32LE(MAX32, f);
  } else for (const f of [20, 24]) if (rec.readUInt32LE(f) === MAX32) b.writeUInt32LE(MAX32, f);
  return b;
}

function content(e: Entry): Buffer {
  return e.method === 0 ? Buffer.from(e.data) : inflateRawSync(e.data);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A cell as the copy holds it. */
export interface CopiedCell {
  /** Its whole XML. */
  readonly xml: string;
  readonly t: string | undefined;
  /** The text of its `<v>`, or undefined when it has none. */
  readonly v: string | undefined;
}

/** Column letters to a 0-based index. */
function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

function a1(row: number, col: number): string {
  let s = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return `${s}${row + 1}`;
}

/**
 * The worksheet XML with the cells in `refs` stripped of their `t` attribute, `<v>` and `<is>`, written with
 * an explicit end tag; and those cells as they are. A tokenizer of its own: tags and text.
 */
function stripCells(xml: string, refs: ReadonlySet<string>): { xml: string; cells: Map<string, CopiedCell> } {
  const tokens = xml.match(/<!--[\s\S]*?-->|<[^>]*>|[^<]+/g) ?? [];
  const out: string[] = [];
  const cells = new Map<string, CopiedCell>();
  let row = -1;
  let col = -1;
  let inData = false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const tag = /^<(\/?)(?:[\w.-]+:)?([\w.-]+)/.exec(tok);
    if (tag && tag[2] === "sheetData") inData = tag[1] === "" && !tok.endsWith("/>");
    if (!inData || !tag || tag[1] === "/" || (tag[2] !== "row" && tag[2] !== "c")) {
      out.push(tok);
      continue;
    }
    const r = /\sr\s*=\s*["']([^"']*)["']/.exec(tok)?.[1];
    if (tag[2] === "row") {
      row = r ? Number(r) - 1 : row + 1;
      col = -1;
      out.push(tok);
      continue;
    }
    const m = r ? /^([A-Za-z]+)(\d+)$/.exec(r) : null;
    if (m) {
      row = Number(m[2]) - 1;
      col = colIndex(m[1]);
    } else col++;
    const self = tok.endsWith("/>");
    let j = i;
    if (!self) while (!/^<\/(?:[\w.-]+:)?c\s*>$/.test(tokens[j])) j++;
    const ref = a1(row, col);
    if (!refs.has(ref)) {
      out.push(...tokens.slice(i, j + 1));
      i = j;
      continue;
    }
    const whole = tokens.slice(i, j + 1).join("");
    const v = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([^<]*)<\/(?:[\w.-]+:)?v>/.exec(whole)?.[1];
    cells.set(ref, { xml: whole, t: /\st\s*=\s*["']([^"']*)["']/.exec(tok)?.[1], v });
    const start = tok.replace(/\s+t\s*=\s*("[^"]*"|'[^']*')/, "").replace(/\/>$/, ">");
    const body: string[] = [];
    let skip = "";
    for (const t of tokens.slice(i + 1, j)) {
      const name = /^<\/?(?:[\w.-]+:)?([\w.-]+)/.exec(t)?.[1];
      if (skip) {
        if (name === skip && t.startsWith("</")) skip = "";
        continue;
      }
      if ((name === "v" || name === "is") && !t.startsWith("</")) {
        if (!t.endsWith("/>")) skip = name;
        continue;
      }
      body.push(t);
    }
    const prefix = /^<([\w.-]+:)?c/.exec(tok)?.[1] ?? "";
    out.push(start, ...body, `</${prefix}c>`);
    i = j;
  }
  return { xml: out.join(""), cells };
}

/**
 * Asserts that `copy` is `input` with only the listed cells' values changed (see the top of this file);
 * `changed` maps a part name to the A1 addresses of the cells patched in it. Returns those cells.
 */
export function expectOnlyValuesChanged(input: Buffer, copy: Buffer, changed: Readonly<Record<string, readonly string[]>>): Map<string, CopiedCell> {
  const a = parseZip(input);
  const b = parseZip(copy);
  expect(b.entries.map((e) => e.name)).toEqual(a.entries.map((e) => e.name));
  expect(b.physical).toEqual(a.physical);
  expect(b.prefix.equals(a.prefix)).toBe(true);
  const cells = new Map<string, CopiedCell>();
  for (const name of Object.keys(changed)) expect([name, a.entries.some((e) => e.name === name)]).toEqual([name, true]);
  a.entries.forEach((x, i) => {
    const y = b.entries[i];
    const label = (what: string) => `${x.name}: ${what}`;
    expect([label("central record"), masked(y.central, "central").equals(masked(x.central, "central"))]).toEqual([label("central record"), true]);
    expect([label("local header"), masked(y.local, "local").equals(masked(x.local, "local"))]).toEqual([label("local header"), true]);
    expect([label("gap"), y.gap.equals(x.gap)]).toEqual([label("gap"), true]);
    expect([label("descriptor length"), y.descriptor.length]).toEqual([label("descriptor length"), x.descriptor.length]);
    // The copy's records say what its data is.
    const data = content(y);
    expect([label("size and crc"), y.usize, y.csize, y.crc]).toEqual([label("size and crc"), data.length, y.data.length, crc(data)]);
    if (y.descriptor.length > 0) {
      const o = y.descriptor.readUInt32LE(0) === DESCRIPTOR ? 4 : 0;
      expect([label("descriptor crc"), y.descriptor.readUInt32LE(o)]).toEqual([label("descriptor crc"), y.crc]);
    }
    const refs = changed[x.name];
    if (!refs) {
      expect([label("raw"), y.local.equals(x.local), y.data.equals(x.data), y.descriptor.equals(x.descriptor)]).toEqual([label("raw"), true, true, true]);
      return;
    }
    const before = stripCells(content(x).toString("latin1"), new Set(refs));
    const after = stripCells(data.toString("latin1"), new Set(refs));
    expect(after.xml).toBe(before.xml);
    for (const ref of refs) {
      const c = after.cells.get(ref);
      expect([label(ref), c !== undefined]).toEqual([label(ref), true]);
      const decoded = c && { xml: Buffer.from(c.xml, "latin1").toString("utf8"), t: c.t, v: c.v === undefined ? undefined : Buffer.from(c.v, "latin1").toString("utf8") };
      cells.set(`${x.name}!${ref}`, decoded!);
    }
  });
  // After the central directory: the same bytes but for the offsets the end records hold.
  const tail = (z: Zip) => {
    const t = Buffer.from(z.tail);
    const f = z.tailFields;
    if (t.readUInt32LE(f.end + 16) !== MAX32) t.writeUInt32LE(0, f.end + 16);
    if (f.zip64End !== undefined) t.writeBigUInt64LE(0n, f.zip64End + 48);
    if (f.locator !== undefined) t.writeBigUInt64LE(0n, f.locator + 8);
    return t;
  };
  expect(tail(b).equals(tail(a))).toBe(true);
  return cells;
}
