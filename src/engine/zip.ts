/**
 * Just enough of the zip format (Node only) to tell what a file is before handing it to ExcelJS, to read
 * one small part (xl/workbook.xml) ExcelJS does not fully expose, and to make a written package
 * reproducible (fixed timestamps).
 */
import { inflateRawSync } from "zlib";

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  /** Offset of the entry's central directory record. */
  readonly centralOffset: number;
  /** Its sizes or offset are in a zip64 extra field (they did not fit 32 bits, or the writer put them there). */
  readonly zip64?: boolean;
}

/** Why a buffer is not a zip package we can read. */
export type ZipProblem = "empty" | "notZip" | "truncated" | "zip64";

export class ZipFormatError extends Error {
  readonly problem: ZipProblem;
  constructor(problem: ZipProblem) {
    super(problem);
    this.problem = problem;
  }
}

/** The zip records' signatures (the reader here and the rewriter in zip-rewrite.ts share them). */
export const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
export const END = 0x06054b50;

/** The compound-file (OLE/CFB) signature: legacy .xls files and encrypted Office files. */
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function isCompoundFile(buf: Buffer): boolean {
  return buf.length >= 8 && buf.subarray(0, 8).equals(CFB_MAGIC);
}

/** An OLE container holding an encrypted Office package (what Excel writes for a password-protected file). */
export function isEncryptedPackage(buf: Buffer): boolean {
  if (!isCompoundFile(buf)) return false;
  const name = Buffer.from("EncryptedPackage", "utf16le");
  return buf.indexOf(name) >= 0 || buf.indexOf(Buffer.from("EncryptionInfo", "utf16le")) >= 0;
}

export function looksLikeZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 3 || buf[2] === 5 || buf[2] === 7) && (buf[3] === 4 || buf[3] === 6 || buf[3] === 8);
}

function findEnd(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === END) {
      const commentLength = buf.readUInt16LE(i + 20);
      if (i + 22 + commentLength <= buf.length) return i;
    }
  }
  return -1;
}

export const ZIP64_END = 0x06064b50;
export const ZIP64_LOCATOR = 0x07064b50;
export const MAX32 = 0xffffffff;

/** A 64-bit little-endian count or offset, as a number (exact below 2^53, beyond any real file). */
function readU64(buf: Buffer, at: number): number {
  return Number(buf.readBigUInt64LE(at));
}

/** Where the central directory is and how many entries it has: from the end record, or its zip64 form. */
function directory(buf: Buffer, end: number): { count: number; size: number; offset: number; zip64: boolean } {
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  const offset = buf.readUInt32LE(end + 16);
  if (count !== 0xffff && size !== MAX32 && offset !== MAX32) return { count, size, offset, zip64: false };
  const locator = end - 20;
  if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new ZipFormatError("truncated");
  const at = readU64(buf, locator + 8);
  if (at + 56 > locator || buf.readUInt32LE(at) !== ZIP64_END) throw new ZipFormatError("truncated");
  return { count: readU64(buf, at + 32), size: readU64(buf, at + 40), offset: readU64(buf, at + 48), zip64: true };
}

/** True when the package's end record is in the zip64 form. */
export function isZip64(buf: Buffer): boolean {
  const end = findEnd(buf);
  return end >= 0 && directory(buf, end).zip64;
}

/** The entries of a zip's central directory (zip64 included). Throws ZipFormatError when the buffer is not a whole zip. */
export function listZipEntries(buf: Buffer): ZipEntry[] {
  if (buf.length === 0) throw new ZipFormatError("empty");
  if (!looksLikeZip(buf)) throw new ZipFormatError("notZip");
  const end = findEnd(buf);
  if (end < 0) throw new ZipFormatError("truncated");
  const { count, size, offset } = directory(buf, end);
  if (offset + size > end) throw new ZipFormatError("truncated");
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError("truncated");
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressed = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLength + extraLength > buf.length) throw new ZipFormatError("truncated");
    const name = buf.toString("utf8", p + 46, p + 46 + nameLength);
    const zip64 = uncompressed === MAX32 || compressedSize === MAX32 || localOffset === MAX32;
    if (zip64) {
      // The zip64 extra field (id 1) holds, in this order, only the values that are 0xffffffff above.
      let x = p + 46 + nameLength;
      const xEnd = x + extraLength;
      let found = false;
      while (x + 4 <= xEnd) {
        const id = buf.readUInt16LE(x);
        const len = buf.readUInt16LE(x + 2);
        if (id === 1) {
          let q = x + 4;
          const take = () => {
            if (q + 8 > x + 4 + len) throw new ZipFormatError("truncated");
            const v = readU64(buf, q);
            q += 8;
            return v;
          };
          if (uncompressed === MAX32) uncompressed = take();
          if (compressedSize === MAX32) compressedSize = take();
          if (localOffset === MAX32) localOffset = take();
          found = true;
          break;
        }
        x += 4 + len;
      }
      if (!found) throw new ZipFormatError("truncated");
    }
    if (localOffset + 30 > buf.length) throw new ZipFormatError("truncated");
    entries.push({ name, method, compressedSize, size: uncompressed, localOffset, centralOffset: p, ...(zip64 ? { zip64 } : {}) });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The bytes of one entry (stored or deflated). */
export function readZipEntry(buf: Buffer, entry: ZipEntry): Buffer {
  return inflateEntry(buf, entry, Infinity);
}

/** An entry that unpacks to more bytes than its record declares (a zip bomb hides its size this way). */
export class ZipSizeError extends Error {
  readonly entry: string;
  readonly declared: number;
  constructor(entry: string, declared: number) {
    super(`${entry} unpacks to more than the ${declared} bytes it declares`);
    this.entry = entry;
    this.declared = declared;
  }
}

/**
 * The bytes of one entry, never more than it declares: inflating stops at the declared size, so memory
 * stays bounded whatever the data holds. Throws ZipSizeError when there is more.
 */
export function readZipEntryBounded(buf: Buffer, entry: ZipEntry): Buffer {
  return inflateEntry(buf, entry, entry.size);
}

function inflateEntry(buf: Buffer, entry: ZipEntry, max: number): Buffer {
  const p = entry.localOffset;
  if (buf.readUInt32LE(p) !== LOCAL) throw new ZipFormatError("truncated");
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ZipFormatError("truncated");
  const data = buf.subarray(start, end);
  if (entry.method === 0) {
    if (data.length > max) throw new ZipSizeError(entry.name, entry.size);
    return Buffer.from(data);
  }
  if (entry.method === 8) {
    if (!Number.isFinite(max)) return inflateRawSync(data);
    let out: Buffer;
    try {
      // One byte more than declared is enough to tell a lie (and zlib refuses a limit of 0).
      out = inflateRawSync(data, { maxOutputLength: max + 1 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new ZipSizeError(entry.name, entry.size);
      throw e;
    }
    if (out.length > max) throw new ZipSizeError(entry.name, entry.size);
    return out;
  }
  throw new Error(`unsupported zip compression method ${entry.method}`);
}

/**
 * Sets every entry's modification time to `date` (local and central records), so that the same content
 * gives the same bytes. Returns a new buffer.
 */
export function fixZipTimestamps(input: Buffer, date: Date): Buffer {
  const buf = Buffer.from(input);
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  for (const e of listZipEntries(buf)) {
    buf.writeUInt16LE(time, e.centralOffset + 12);
    buf.writeUInt16LE(day, e.centralOffset + 14);
    buf.writeUInt16LE(time, e.localOffset + 10);
    buf.writeUInt16LE(day, e.localOffset + 12);
  }
  return buf;
}
