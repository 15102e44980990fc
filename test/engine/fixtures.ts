/**
 * Helpers for the engine and CLI tests: temporary folders, workbooks built with ExcelJS the way Excel
 * stores them, a minimal zip writer (for packages that are zips but not workbooks), and file hashes.
 */
import { createHash } from "crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";

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

/** A zip of stored (uncompressed) entries; with `descriptors`, sizes and CRC follow each entry's data (flag bit 3). */
export function makeZip(entries: Record<string, string | Buffer>, options: { descriptors?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const nameBuf = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const flags = options.descriptors ? 0x0808 : 0x0800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(0, 8);
    if (!options.descriptors) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(data.length, 22);
    }
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    const descriptor = Buffer.alloc(options.descriptors ? 16 : 0);
    if (options.descriptors) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(data.length, 8);
      descriptor.writeUInt32LE(data.length, 12);
    }
    locals.push(local, nameBuf, data, descriptor);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length + descriptor.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
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
