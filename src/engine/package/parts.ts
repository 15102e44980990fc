/**
 * The parts of a zip package by name (Node only): found whatever the case of the name or the slashes the
 * writer used, each unpacked only when asked and never beyond the size its record declares (a part
 * that holds more is a zip bomb), with the errors a reader reports.
 *
 * A large part is unpacked as a stream: a part to be parsed is watched, as it unpacks, for a run of
 * more than `maxToken` bytes without "<" or ">" (a giant attribute or text), and refused at that point,
 * so that a 200 MB attribute packed into 200 KB costs a few megabytes, not the whole part; a part that
 * is only checked is counted and dropped chunk by chunk.
 */
import { createInflateRaw } from "zlib";
import { mib, READ_LIMITS, WorkbookReadError } from "../errors";
import { XmlError } from "./xml";
import { isCompoundFile, isEncryptedPackage, listZipEntries, readZipEntryBounded, ZipFormatError, ZipSizeError, type ZipEntry } from "../zip";

/** A part's path as the package names it: forward slashes, no leading slash. */
export function partName(e: ZipEntry): string {
  return e.name.replace(/\\/g, "/").replace(/^\/+/, "");
}

export class Package {
  readonly file: string;
  readonly bytes: Buffer;
  readonly entries: readonly ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  /** Lower-case names that more than one entry has. */
  private readonly duplicates = new Set<string>();

  /** Lists the package's entries; refuses what is not a zip, or one that unpacks to more than the limit. */
  constructor(file: string, bytes: Buffer) {
    this.file = file;
    this.bytes = bytes;
    if (bytes.length === 0) throw new WorkbookReadError(file, "empty");
    if (isCompoundFile(bytes)) throw new WorkbookReadError(file, isEncryptedPackage(bytes) ? "encrypted" : "legacyXls");
    try {
      this.entries = listZipEntries(bytes);
    } catch (e) {
      if (e instanceof ZipFormatError) throw new WorkbookReadError(file, e.problem === "empty" ? "empty" : e.problem === "notZip" ? "notZip" : "truncated");
      throw e;
    }
    for (const e of this.entries) {
      const key = partName(e).toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, e);
      else this.duplicates.add(key);
    }
    const declared = this.entries.reduce((sum, e) => sum + e.size, 0);
    if (declared > READ_LIMITS.unpackedBytes) throw new WorkbookReadError(file, "tooLarge", "", { mib: mib(declared), limit: mib(READ_LIMITS.unpackedBytes) });
  }

  /** The entry of a part, whatever the case of its name. */
  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name.replace(/^\/+/, "").toLowerCase());
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  /**
   * Refuses a package in which a part the reader uses has a twin of the same name (any case): which one
   * is the workbook's is anybody's guess, so no answer would be sure.
   */
  checkUnique(used: ReadonlySet<string>): void {
    for (const name of used) if (this.duplicates.has(name)) throw new WorkbookReadError(this.file, "corrupt", `the package holds two parts named ${name}`);
  }

  /** Lower-case names of all parts. */
  names(): IterableIterator<string> {
    return this.byName.keys();
  }

  /** A part's bytes, unpacked within its declared size; undefined when there is no such part. */
  read(name: string): Buffer | undefined {
    const e = this.entry(name);
    return e ? this.unpack(e) : undefined;
  }

  /** An entry's bytes, unpacked within its declared size. */
  unpack(e: ZipEntry): Buffer {
    if (e.size === 0 && e.compressedSize === 0) return Buffer.alloc(0);
    try {
      return readZipEntryBounded(this.bytes, e);
    } catch (err) {
      if (err instanceof ZipSizeError) throw new WorkbookReadError(this.file, "zipBomb", e.name, { declared: e.size });
      if (err instanceof ZipFormatError) throw new WorkbookReadError(this.file, "truncated");
      throw new WorkbookReadError(this.file, "corrupt", `${e.name}: ${(err as Error).message}`);
    }
  }

  /**
   * Checks, without keeping them, that the parts not in `skip` (lower-case names) unpack to what they
   * declare: a bomb hidden in an image is refused like one in a worksheet. Nothing is parsed.
   */
  async checkOthers(skip: ReadonlySet<string>): Promise<void> {
    for (const e of this.entries) {
      if (skip.has(partName(e).toLowerCase())) continue;
      if (e.method !== 8 || e.size <= STREAM_ABOVE) this.unpack(e);
      else await this.stream(e, undefined);
    }
  }

  /**
   * A part to be parsed: its bytes, unpacked within its declared size; a large one is watched as it
   * unpacks and refused (XmlError "tooLarge") at the first run of more than `maxToken` bytes without a
   * tag delimiter. Undefined when there is no such part.
   */
  async readForParsing(name: string, maxToken: number): Promise<Buffer | undefined> {
    const e = this.entry(name);
    if (!e) return undefined;
    if (e.method !== 8 || e.size <= STREAM_ABOVE) return this.unpack(e);
    return this.stream(e, new RunGuard(maxToken));
  }

  /** The compressed bytes of an entry. */
  private compressed(e: ZipEntry): Buffer {
    const b = this.bytes;
    const p = e.localOffset;
    if (p + 30 > b.length || b.readUInt32LE(p) !== 0x04034b50) throw new WorkbookReadError(this.file, "truncated");
    const start = p + 30 + b.readUInt16LE(p + 26) + b.readUInt16LE(p + 28);
    if (start + e.compressedSize > b.length) throw new WorkbookReadError(this.file, "truncated");
    return b.subarray(start, start + e.compressedSize);
  }

  /** Unpacks a deflated entry chunk by chunk: kept (and watched) when `guard` is given, only counted otherwise. */
  private stream(e: ZipEntry, guard: RunGuard | undefined): Promise<Buffer> {
    const data = this.compressed(e);
    const out = guard ? Buffer.allocUnsafe(e.size) : Buffer.alloc(0);
    return new Promise<Buffer>((resolve, reject) => {
      const inflate = createInflateRaw({ chunkSize: 1 << 20 });
      let total = 0;
      let failed = false;
      const fail = (err: Error) => {
        if (failed) return;
        failed = true;
        inflate.destroy();
        reject(err);
      };
      inflate.on("data", (chunk: Buffer) => {
        if (failed) return;
        if (total + chunk.length > e.size) return fail(new WorkbookReadError(this.file, "zipBomb", e.name, { declared: e.size }));
        if (guard) {
          const run = guard.feed(chunk);
          if (run > 0) return fail(new XmlError("tooLarge", `a tag or text of more than ${run} bytes`, run));
          chunk.copy(out, total);
        }
        total += chunk.length;
      });
      inflate.on("error", (err: Error) => fail(new WorkbookReadError(this.file, "corrupt", `${e.name}: ${err.message}`)));
      inflate.on("end", () => {
        if (!failed) resolve(guard ? out.subarray(0, total) : out);
      });
      inflate.end(data);
    });
  }
}

/** Parts larger than this (unpacked) are streamed rather than unpacked in one go. */
const STREAM_ABOVE = 16 * 1024 * 1024;

/**
 * Watches unpacked bytes for a run without "<" or ">" longer than a bound (across chunks). It jumps: from
 * the last delimiter seen it looks for the furthest one within the bound, so a chunk costs a few searches,
 * not one per tag.
 */
class RunGuard {
  /** Bytes since the last delimiter, carried over from the chunks before. */
  private run = 0;
  constructor(private readonly max: number) {}

  /** Feeds a chunk; returns the run's length when it passed the bound, else 0. */
  feed(chunk: Buffer): number {
    let p = -1; // the last delimiter in this chunk so far (-1: none yet, the run continues from before)
    for (;;) {
      const before = p < 0 ? this.run : 0;
      const limit = p + 1 + (this.max - before); // the furthest position a delimiter may be at
      if (limit >= chunk.length - 1) {
        // The rest of the chunk fits within the bound whatever it holds; carry its tail over.
        const last = Math.max(chunk.lastIndexOf(0x3c), chunk.lastIndexOf(0x3e));
        if (last > p) this.run = chunk.length - 1 - last;
        else this.run = before + (chunk.length - 1 - p);
        return this.run > this.max ? this.run : 0;
      }
      const next = Math.max(chunk.lastIndexOf(0x3c, limit), chunk.lastIndexOf(0x3e, limit));
      if (next <= p) return before + (limit - p);
      p = next;
    }
  }
}
