/**
 * Helpers for the engine and CLI tests: temporary folders, workbooks built with ExcelJS the way Excel
 * stores them, a minimal zip writer (for packages that are zips but not workbooks), and file hashes.
 */
import { createHash } from "crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { constants as zlibConstants, deflateRawSync } from "zlib";
import ExcelJS from "exceljs";
import { listZipEntries, readZipEntry } from "../../src/engine/zip";

export function tempDir(prefix = "er-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An entry of a test zip: its content, or deflated bytes with the size and CRC its records declare. */
export type ZipEntrySpec = Buffer | string | { readonly raw: Buffer; readonly size: number; readonly crc?: number };

/**
 * A zip package. Entries are stored (uncompressed), or deflated (method 8, as Excel writes them) with
 * `deflate`; an entry given as `{raw, size}` is written as those deflated bytes and declares that size,
 * whatever they unpack to. With `descriptors`, sizes and CRC follow each entry's data (flag bit 3). With
 * `zip64`, sizes and offsets go in zip64 extra fields and the end record is the zip64 one, as streaming
 * writers make them.
 */
export interface MakeZipOptions {
  readonly descriptors?: boolean;
  readonly deflate?: boolean;
  readonly zip64?: boolean;
  /** Entries stored (method 0) even with `deflate`. */
  readonly stored?: readonly string[];
  /**
   * What real writers add: an extended-timestamp extra field on every header, a comment on every entry,
   * an archive comment, a modification time, a few bytes between entries that no record points at.
   */
  readonly extras?: boolean;
  /** The central directory lists the entries in the reverse of their order in the file. */
  readonly reverseCentral?: boolean;
}

export function makeZip(entries: Record<string, ZipEntrySpec>, options: MakeZipOptions = {}): Buffer {
  const z64 = options.zip64 === true;
  const u64 = (...values: number[]) => {
    const b = Buffer.alloc(4 + values.length * 8);
    b.writeUInt16LE(1, 0);
    b.writeUInt16LE(values.length * 8, 2);
    values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + i * 8));
    return b;
  };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, entry] of Object.entries(entries)) {
    const content = typeof entry === "string" ? Buffer.from(entry, "utf8") : Buffer.isBuffer(entry) ? entry : undefined;
    const given = content ? undefined : (entry as { raw: Buffer; size: number; crc?: number });
    const method = given || (options.deflate && !options.stored?.includes(name)) ? 8 : 0;
    const data = given ? given.raw : method === 8 ? deflateRawSync(content!) : content!;
    const size = given ? given.size : content!.length;
    const crc = given ? (given.crc ?? 0) : crc32(content!);
    const nameBuf = Buffer.from(name, "utf8");
    const flags = options.descriptors ? 0x0808 : 0x0800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    if (options.extras) {
      local.writeUInt32LE(0x58d34a21, 10);
    }
    const stamp = options.extras ? Buffer.from([0x55, 0x54, 0x05, 0x00, 0x01, 0x80, 0x1d, 0x92, 0x65]) : Buffer.alloc(0);
    const localExtra = Buffer.concat([stamp, z64 ? u64(size, data.length) : Buffer.alloc(0)]);
    const centralExtra = Buffer.concat([z64 ? u64(size, data.length, offset) : Buffer.alloc(0), stamp]);
    const comment = options.extras ? Buffer.from(`c:${name}`) : Buffer.alloc(0);
    if (!options.descriptors) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(z64 ? 0xffffffff : data.length, 18);
      local.writeUInt32LE(z64 ? 0xffffffff : size, 22);
    }
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    if (options.extras) {
      central.writeUInt32LE(0x58d34a21, 12);
      central.writeUInt16LE(comment.length, 32);
      central.writeUInt32LE(0x81a40000, 38);
    }
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(z64 ? 0xffffffff : data.length, 20);
    central.writeUInt32LE(z64 ? 0xffffffff : size, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt16LE(centralExtra.length, 30);
    central.writeUInt32LE(z64 ? 0xffffffff : offset, 42);
    const descriptor = Buffer.alloc(options.descriptors ? 16 : 0);
    if (options.descriptors) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(data.length, 8);
      descriptor.writeUInt32LE(size, 12);
    }
    const gap = options.extras ? Buffer.from("gap!") : Buffer.alloc(0);
    locals.push(local, nameBuf, localExtra, data, descriptor, gap);
    centrals.push(Buffer.concat([central, nameBuf, centralExtra, comment]));
    offset += 30 + nameBuf.length + localExtra.length + data.length + descriptor.length + gap.length;
  }
  if (options.reverseCentral) centrals.reverse();
  const cd = Buffer.concat(centrals);
  const count = Object.keys(entries).length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(z64 ? 0xffff : count, 8);
  end.writeUInt16LE(z64 ? 0xffff : count, 10);
  end.writeUInt32LE(z64 ? 0xffffffff : cd.length, 12);
  end.writeUInt32LE(z64 ? 0xffffffff : offset, 16);
  const archiveComment = options.extras ? Buffer.from("archive comment") : Buffer.alloc(0);
  end.writeUInt16LE(archiveComment.length, 20);
  if (!z64) return Buffer.concat([...locals, cd, end, archiveComment]);
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(count), 24);
  end64.writeBigUInt64LE(BigInt(count), 32);
  end64.writeBigUInt64LE(BigInt(cd.length), 40);
  end64.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([...locals, cd, end64, locator, end, archiveComment]);
}

/** The start of a compound file (OLE/CFB), with the stream names an encrypted Office file holds. */
export function makeCompoundFile(encrypted: boolean): Buffer {
  const buf = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buf, 0);
  buf.writeUInt16LE(0x003e, 24); // minor version
  buf.writeUInt16LE(0x0003, 26); // major version 3
  buf.writeUInt16LE(0xfffe, 28); // little-endian
  buf.writeUInt16LE(9, 30); // 512-byte sectors
  // A directory sector with the stream names (UTF-16LE), as the real format stores them.
  const names = encrypted ? ["Root Entry", "EncryptionInfo", "EncryptedPackage"] : ["Root Entry", "Workbook", "\u0005SummaryInformation"];
  names.forEach((n, i) => Buffer.from(n, "utf16le").copy(buf, 1024 + i * 128));
  return buf;
}

/** Random bytes that are not a zip or a compound file. */
export function randomBytesNotZip(n = 2048, seed = 7): Buffer {
  const buf = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    buf[i] = x & 0xff;
  }
  buf[0] = 0x13; // never "PK" or the CFB magic
  return buf;
}

export type CellSpec = number | string | boolean | null | { formula: string; result?: unknown; shareType?: string; ref?: string } | { sharedFormula: string; result?: unknown };

/** Writes a workbook with ExcelJS: sheets of rows; formulas as ExcelJS stores them (no leading "="). */
export async function writeWorkbook(
  file: string,
  sheets: Record<string, CellSpec[][]>,
  decorate?: (wb: ExcelJS.Workbook) => void,
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
      }),
    );
  }
  decorate?.(wb);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
}

export async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The kinds of files that are not readable workbooks, made in `dir`; returns name -> path. */
export async function unreadableFiles(dir: string): Promise<Record<string, string>> {
  const good = join(dir, "good-source.xlsx");
  await writeWorkbook(good, { S: [[1, { formula: "A1*2", result: 2 }]] });
  const bytes = readFileSync(good);
  const files: Record<string, string> = {
    random: join(dir, "random.xlsx"),
    truncated: join(dir, "truncated.xlsx"),
    encrypted: join(dir, "encrypted.xlsx"),
    legacy: join(dir, "legacy.xlsx"),
    noWorkbook: join(dir, "no-workbook.xlsx"),
    docx: join(dir, "document.xlsx"),
    empty: join(dir, "empty.xlsx"),
  };
  writeFileSync(files.random, randomBytesNotZip());
  writeFileSync(files.truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
  writeFileSync(files.encrypted, makeCompoundFile(true));
  writeFileSync(files.legacy, makeCompoundFile(false));
  writeFileSync(files.noWorkbook, makeZip({ "[Content_Types].xml": "<Types/>", "docProps/app.xml": "<Properties/>" }));
  writeFileSync(files.docx, makeZip({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>" }));
  writeFileSync(files.empty, Buffer.alloc(0));
  rmSync(good);
  return files;
}

/** The parts of a zip package, unpacked. */
export function zipParts(bytes: Buffer): Record<string, Buffer> {
  const parts: Record<string, Buffer> = {};
  for (const e of listZipEntries(bytes)) if (!e.name.endsWith("/")) parts[e.name] = readZipEntry(bytes, e);
  return parts;
}

/**
 * A raw deflate stream that unpacks to `mib` MiB of spaces, made in a moment: one fully flushed block of
 * 1 MiB repeated (a full flush leaves no reference across blocks), then an empty final block.
 */
export function deflatedSpaces(mib: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { finishFlush: zlibConstants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mib }, () => block), Buffer.from([0x03, 0x00])]);
}

/** A billion-laughs document type: ten levels of entities, each ten of the one before. */
export function billionLaughs(root: string): string {
  let decl = '<!ENTITY lol0 "lol">';
  for (let i = 1; i <= 9; i++) decl += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  return `<!DOCTYPE ${root} [${decl}]>`;
}

/**
 * Files made to hurt a reader, each built from a real workbook: name -> path. Each must be refused with
 * its own reason, in bounded time and memory.
 */
export async function hostileFiles(dir: string): Promise<Record<string, string>> {
  const good = join(dir, "hostile-source.xlsx");
  await writeWorkbook(good, { S: [[1, { formula: "A1*2", result: 2 }], ["x"]] });
  const parts = zipParts(readFileSync(good));
  rmSync(good);
  const sheet = parts["xl/worksheets/sheet1.xml"].toString("utf8");
  const strings = parts["xl/sharedStrings.xml"].toString("utf8");
  const withDoctype = (xml: string, doctype: string) => xml.replace(/^(<\?xml[^>]*\?>)/, `$1${doctype}`);
  const rows: string[] = [];
  for (let r = 1; r <= 1048576; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
  const variants: Record<string, Record<string, ZipEntrySpec>> = {
    entityExpansion: { "xl/sharedStrings.xml": withDoctype(strings, billionLaughs("sst")).replace("<t>x</t>", "<t>&lol9;</t>") },
    externalEntity: { "xl/worksheets/sheet1.xml": withDoctype(sheet, '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace("<v>1</v>", "<v>&xxe;</v>") },
    millionRows: { "xl/worksheets/sheet1.xml": sheet.replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${rows.join("")}</sheetData>`) },
    declaredBomb: { "xl/worksheets/sheet1.xml": { raw: deflatedSpaces(4), size: 3_500_000_000 } },
    hiddenBomb: { "xl/worksheets/sheet1.xml": { raw: deflatedSpaces(2048), size: Buffer.byteLength(sheet) } },
    hiddenBombMedia: { "xl/media/image1.png": { raw: deflatedSpaces(2048), size: 4096 } },
    zip64Bomb: { "xl/worksheets/sheet1.xml": { raw: deflatedSpaces(16), size: 6_000_000_000 } },
  };
  const files: Record<string, string> = {};
  for (const [kind, changes] of Object.entries(variants)) {
    files[kind] = join(dir, `${kind}.xlsx`);
    writeFileSync(files[kind], makeZip({ ...parts, ...changes }, { deflate: true, zip64: kind.startsWith("zip64") }));
  }
  return files;
}
