/**
 * The parts of a zip package by name (Node only): found whatever the case of the name or the slashes the
 * writer used, each unpacked only when asked and never beyond the size its record declares (a part
 * that holds more is a zip bomb), with the errors a reader reports.
 */
import { mib, READ_LIMITS, WorkbookReadError } from "../errors";
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
  checkOthers(skip: ReadonlySet<string>): void {
    for (const e of this.entries) {
      if (skip.has(partName(e).toLowerCase())) continue;
      this.unpack(e);
    }
  }
}
