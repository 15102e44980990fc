/**
 * A copy of a zip package in which some entries get new content and every other byte is the input's
 * (Node only). Unchanged entries are copied raw, local header, extra fields, data and data descriptor
 * included; a rewritten entry keeps its local header (name, flags, time, extra fields), its compression
 * method (stored or deflated) and the form of its data descriptor, with its CRC and sizes updated; the
 * central directory keeps every record's bytes (extra fields, comments, attributes) with the offsets,
 * CRC and sizes updated, in its own order; what lies before, between and after the entries (a prefix,
 * gaps, the zip64 end records, the archive comment) is kept. Zip64 packages are rewritten as zip64: a
 * value the input keeps in a zip64 extra field is updated there.
 *
 * Throws ZipRewriteError when the package cannot be rewritten this way; nothing is then to be written.
 */
import * as zlib from "zlib";
import { END, listZipEntries, LOCAL, MAX32, readZipEntry, ZIP64_END, ZIP64_LOCATOR, type ZipEntry } from "./zip";

export class ZipRewriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipRewriteError";
  }
}

const DESCRIPTOR = 0x08074b50;
const MAX16 = 0xffff;

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(buf: Buffer): number {
  const native = (zlib as unknown as { crc32?: (b: Buffer) => number }).crc32;
  if (typeof native === "function") return native(buf) >>> 0;
  let c = -1;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** The end of central directory record, and the zip64 end record and locator when there are. */
interface EndRecords {
  readonly end: number;
  readonly cdOffset: number;
  readonly cdSize: number;
  readonly zip64End?: number;
  readonly locator?: number;
}

function endRecords(buf: Buffer): EndRecords {
  const min = Math.max(0, buf.length - 22 - MAX16);
  let end = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === END && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipRewriteError("no end of central directory record");
  const locator = end - 20 >= 0 && buf.readUInt32LE(end - 20) === ZIP64_LOCATOR ? end - 20 : undefined;
  const cdOffset = buf.readUInt32LE(end + 16);
  const cdSize = buf.readUInt32LE(end + 12);
  if (locator === undefined) return { end, cdOffset, cdSize };
  const zip64End = Number(buf.readBigUInt64LE(locator + 8));
  if (zip64End + 56 > locator || buf.readUInt32LE(zip64End) !== ZIP64_END) throw new ZipRewriteError("a zip64 locator without its end record");
  return {
    end,
    cdOffset: cdOffset === MAX32 ? Number(buf.readBigUInt64LE(zip64End + 48)) : cdOffset,
    cdSize: cdSize === MAX32 ? Number(buf.readBigUInt64LE(zip64End + 40)) : cdSize,
    zip64End,
    locator,
  };
}

/** Where in `record` (a local header or central record) the zip64 extra field's data starts, or -1. */
function zip64Extra(record: Buffer, extraStart: number, extraLength: number): number {
  let x = extraStart;
  const xEnd = extraStart + extraLength;
  while (x + 4 <= xEnd) {
    const id = record.readUInt16LE(x);
    const len = record.readUInt16LE(x + 2);
    if (id === 1) return x + 4;
    x += 4 + len;
  }
  return -1;
}

/**
 * Writes the 32-bit fields of a header and, for those that hold 0xffffffff, the zip64 extra field's values,
 * which come in this order: uncompressed size, compressed size, local header offset (central only). With
 * `keepZero` (a local header whose sizes are in a data descriptor), a field that holds 0 stays 0.
 */
function setFields(
  record: Buffer,
  at: { readonly usize: number; readonly csize: number; readonly offset?: number },
  extra: { readonly start: number; readonly length: number },
  values: { readonly usize?: number; readonly csize?: number; readonly offset?: number },
  keepZero = false,
): void {
  const z = zip64Extra(record, extra.start, extra.length);
  let q = z;
  const put = (field: number, value: number | undefined, what: string) => {
    if (record.readUInt32LE(field) === MAX32) {
      if (z < 0 || q + 8 > extra.start + extra.length) throw new ZipRewriteError(`a zip64 ${what} without its extra field`);
      if (value !== undefined && !(keepZero && record.readBigUInt64LE(q) === 0n)) record.writeBigUInt64LE(BigInt(value), q);
      q += 8;
    } else if (value !== undefined && !(keepZero && record.readUInt32LE(field) === 0)) {
      if (value >= MAX32) throw new ZipRewriteError(`a ${what} past 4 GiB in a record without zip64`);
      record.writeUInt32LE(value, field);
    }
  };
  put(at.usize, values.usize, "size");
  put(at.csize, values.csize, "compressed size");
  if (at.offset !== undefined) put(at.offset, values.offset, "offset");
}

/** One entry's place in the input. */
interface Placed {
  readonly entry: ZipEntry;
  readonly start: number;
  /** Where its data starts and ends. */
  readonly dataStart: number;
  readonly dataEnd: number;
  /** Where the next entry (or the central directory) starts. */
  readonly next: number;
}

/**
 * The package with the entries named in `replace` (by entry name) given new content: `replace` maps the
 * name to a function of the old content that returns the new one.
 */
export function rewriteZip(bytes: Buffer, replace: ReadonlyMap<string, (old: Buffer) => Buffer>): Buffer {
  if (replace.size === 0) return bytes;
  const entries = listZipEntries(bytes);
  const ends = endRecords(bytes);
  const byStart = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  const placed = new Map<ZipEntry, Placed>();
  for (let i = 0; i < byStart.length; i++) {
    const e = byStart[i];
    const p = e.localOffset;
    if (i > 0 && byStart[i - 1].localOffset === p) throw new ZipRewriteError(`two entries share one local header (${e.name})`);
    if (p + 30 > ends.cdOffset || bytes.readUInt32LE(p) !== LOCAL) throw new ZipRewriteError(`no local header where ${e.name} should start`);
    const dataStart = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
    const dataEnd = dataStart + e.compressedSize;
    const next = i + 1 < byStart.length ? byStart[i + 1].localOffset : ends.cdOffset;
    if (dataEnd > next) throw new ZipRewriteError(`${e.name} overlaps the next entry`);
    placed.set(e, { entry: e, start: p, dataStart, dataEnd, next });
  }
  for (const name of replace.keys()) if (!entries.some((e) => e.name === name)) throw new ZipRewriteError(`no entry ${name}`);

  const chunks: Buffer[] = [];
  const newOffset = new Map<ZipEntry, number>();
  const newSizes = new Map<ZipEntry, { crc: number; csize: number; usize: number }>();
  let out = 0;
  const push = (b: Buffer) => {
    chunks.push(b);
    out += b.length;
  };
  const first = byStart.length > 0 ? byStart[0].localOffset : ends.cdOffset;
  push(bytes.subarray(0, first));
  for (const e of byStart) {
    const at = placed.get(e) as Placed;
    newOffset.set(e, out);
    const change = replace.get(e.name);
    if (!change) {
      push(bytes.subarray(at.start, at.next));
      continue;
    }
    if (e.method !== 0 && e.method !== 8) throw new ZipRewriteError(`${e.name} uses compression method ${e.method}`);
    const flags = bytes.readUInt16LE(at.start + 6);
    if (flags & 0x0001) throw new ZipRewriteError(`${e.name} is encrypted`);
    const content = change(readZipEntry(bytes, e));
    const data = e.method === 8 ? zlib.deflateRawSync(content) : content;
    const sizes = { crc: crc32(content), csize: data.length, usize: content.length };
    newSizes.set(e, sizes);
    const header = Buffer.from(bytes.subarray(at.start, at.dataStart));
    const nameLength = header.readUInt16LE(26);
    const extra = { start: 30 + nameLength, length: header.readUInt16LE(28) };
    const descriptor = (flags & 0x0008) !== 0;
    // With a data descriptor the local header may leave the CRC and sizes at 0: they stay so.
    if (!descriptor || header.readUInt32LE(14) !== 0) header.writeUInt32LE(sizes.crc, 14);
    setFields(header, { usize: 22, csize: 18 }, extra, { usize: sizes.usize, csize: sizes.csize }, descriptor);
    push(header);
    push(data);
    let tail = bytes.subarray(at.dataEnd, at.next);
    if (descriptor) {
      const signed = tail.length >= 4 && tail.readUInt32LE(0) === DESCRIPTOR;
      const body = tail.length - (signed ? 4 : 0);
      const wide = body === 20 || (body !== 12 && zip64Extra(header, extra.start, extra.length) >= 0);
      const length = (signed ? 4 : 0) + (wide ? 20 : 12);
      if (tail.length < length) throw new ZipRewriteError(`${e.name} has no whole data descriptor`);
      const d = Buffer.from(tail.subarray(0, length));
      const o = signed ? 4 : 0;
      d.writeUInt32LE(sizes.crc, o);
      if (wide) {
        d.writeBigUInt64LE(BigInt(sizes.csize), o + 4);
        d.writeBigUInt64LE(BigInt(sizes.usize), o + 12);
      } else {
        if (sizes.usize >= MAX32) throw new ZipRewriteError(`${e.name} is past 4 GiB with a 32-bit data descriptor`);
        d.writeUInt32LE(sizes.csize, o + 4);
        d.writeUInt32LE(sizes.usize, o + 8);
      }
      push(d);
      tail = tail.subarray(length);
    }
    push(tail);
  }

  // The central directory, in its own order, each record with its entry's new place (and sizes).
  const cdStart = out;
  for (const e of entries) {
    const p = e.centralOffset;
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const record = Buffer.from(bytes.subarray(p, p + 46 + nameLength + extraLength + bytes.readUInt16LE(p + 32)));
    const sizes = newSizes.get(e);
    if (sizes) record.writeUInt32LE(sizes.crc, 16);
    setFields(record, { usize: 24, csize: 20, offset: 42 }, { start: 46 + nameLength, length: extraLength }, {
      usize: sizes?.usize,
      csize: sizes?.csize,
      offset: newOffset.get(e),
    });
    push(record);
  }
  const cdEnd = ends.cdOffset + ends.cdSize;
  if (out - cdStart !== ends.cdSize) throw new ZipRewriteError("the central directory is not where its end record says");

  // What follows the central directory: the zip64 end record and locator, if any, and the end record.
  const after = Buffer.from(bytes.subarray(cdEnd));
  const shift = (at: number) => at - cdEnd;
  if (ends.zip64End !== undefined && ends.locator !== undefined) {
    if (ends.zip64End < cdEnd) throw new ZipRewriteError("the zip64 end record is not after the central directory");
    after.writeBigUInt64LE(BigInt(cdStart), shift(ends.zip64End) + 48);
    after.writeBigUInt64LE(BigInt(out + shift(ends.zip64End)), shift(ends.locator) + 8);
  }
  const end = shift(ends.end);
  if (after.readUInt32LE(end + 16) !== MAX32) {
    if (cdStart >= MAX32) throw new ZipRewriteError("the central directory is past 4 GiB in a package without zip64");
    after.writeUInt32LE(cdStart, end + 16);
  } else if (ends.zip64End === undefined) throw new ZipRewriteError("a zip64 end record is missing");
  push(after);
  return Buffer.concat(chunks, out);
}
