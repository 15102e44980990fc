/**
 * Why a workbook could not be read or its copy written, and the limits a workbook is read within. Shared
 * by the reader (src/engine/package/, src/engine/workbook.ts), the copy (src/engine/copy.ts), the file access (src/engine/files.ts) and the CLI's messages.
 */
/** Why a file could not be read as a workbook. */
export type UnreadableReason =
  | "notFound"
  | "isDirectory"
  | "noAccess"
  | "empty"
  | "notZip"
  | "truncated"
  | "encrypted"
  | "legacyXls"
  | "notWorkbook"
  | "binaryWorkbook"
  | "corrupt"
  | "tooLarge"
  | "zipBomb"
  | "dtd"
  | "tooManyCells"
  /** The text the cells would hold (a shared string counted once per use) is more than READ_LIMITS.textChars. */
  | "tooMuchText"
  /** One tag or text node of a part the reader parses is larger than the tokenizer's bound: detail names the part. */
  | "xmlTooLarge"
  /** A sheet's relationship points outside the package (../../etc/passwd, a URL): detail names the sheet. */
  | "partOutside"
  /** Not a regular file (a FIFO, a socket, a device...): detail names the kind (see FileKind in files.ts). */
  | "notRegularFile"
  /** The file itself is larger than READ_LIMITS.fileBytes. */
  | "fileTooLarge"
  /** Opening or reading failed for another reason: detail is the system's code (EIO, ELOOP...). */
  | "readFailed";

/**
 * What one workbook may hold before it is refused, so that a run stays within about 1 GB of memory and a
 * bounded time (the reader and the engine together take under 1 KB per cell). The cell limit can be
 * raised per run (`--max-cells`); the others are fixed.
 */
export const READ_LIMITS = {
  /** The .xlsx file itself. */
  fileBytes: 256 * 1024 * 1024,
  /** All its parts unpacked, as their records declare them. */
  unpackedBytes: 256 * 1024 * 1024,
  /** Cells (and rows) holding a value or a formula, across all worksheets. */
  cells: 1_000_000,
  /** Characters of text the cells hold, a shared string counted once per cell that uses it. */
  textChars: 128 * 1024 * 1024,
} as const;

export class WorkbookReadError extends Error {
  readonly file: string;
  readonly reason: UnreadableReason;
  readonly detail: string;
  /** Numbers the message names (sizes, counts, limits). */
  readonly params: Readonly<Record<string, number>>;
  constructor(file: string, reason: UnreadableReason, detail = "", params: Record<string, number> = {}) {
    super(`${file}: ${reason}${detail ? ` (${detail})` : ""}`);
    this.name = "WorkbookReadError";
    this.file = file;
    this.reason = reason;
    this.detail = detail;
    this.params = params;
  }
}

/** Why a copy could not be written. */
export type UnwritableReason =
  | "exists"
  | "sameAsInput"
  | "isDirectory"
  | "noFolder"
  | "writeFailed"
  /** Something other than a regular file is there (a FIFO, a device, a symbolic link...): detail names the kind. */
  | "notRegularFile"
  /**
   * The copy cannot be made by patching the input's own package (the only way a copy is ever made, so
   * that no part and no value is lost): detail says what in the package stops it.
   */
  | "unpatchablePackage"
  /** A sheet whose values changed has no worksheet part the package's relationships lead to: detail is the sheet. */
  | "noWorksheetPart"
  /** A cell whose value must be written is not in its worksheet's XML: detail is "sheet!A1". */
  | "cellNotInSheet";

export class WorkbookWriteError extends Error {
  readonly file: string;
  readonly reason: UnwritableReason;
  readonly detail: string;
  constructor(file: string, reason: UnwritableReason, detail = "") {
    super(`${file}: ${reason}${detail ? ` (${detail})` : ""}`);
    this.name = "WorkbookWriteError";
    this.file = file;
    this.reason = reason;
    this.detail = detail;
  }
}

/** Bytes as whole MiB, rounded up, for messages. */
export function mib(bytes: number): number {
  return Math.ceil(bytes / (1024 * 1024));
}
