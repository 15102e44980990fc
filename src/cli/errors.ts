/** One-line messages for files that cannot be read or written. */
import { cliText, type CliKey } from "../i18n/cli";
import type { Locale } from "../i18n/locale";
import { WorkbookReadError, WorkbookWriteError, type UnreadableReason, type UnwritableReason } from "../engine/errors";

const READ: Record<UnreadableReason, CliKey> = {
  notFound: "notFound",
  isDirectory: "isDirectory",
  noAccess: "noAccess",
  empty: "empty",
  notZip: "notZip",
  truncated: "truncated",
  encrypted: "encrypted",
  legacyXls: "legacyXls",
  notWorkbook: "notWorkbook",
  binaryWorkbook: "binaryWorkbook",
  corrupt: "corrupt",
  tooLarge: "tooLarge",
  zipBomb: "zipBomb",
  dtd: "dtd",
  tooManyCells: "tooManyCells",
  tooMuchText: "tooMuchText",
  xmlTooLarge: "xmlTooLarge",
  partOutside: "partOutside",
  notRegularFile: "notRegularOther",
  fileTooLarge: "fileTooLarge",
  readFailed: "readFailed",
};

/** What a special file is, by the kind files.ts names (FileKind), for an input and for an output. */
const READ_KIND: Readonly<Record<string, CliKey>> = { fifo: "notRegularFifo", socket: "notRegularSocket", charDevice: "notRegularDevice", blockDevice: "notRegularDevice" };
const WRITE_KIND: Readonly<Record<string, CliKey>> = {
  fifo: "outIsFifo",
  socket: "outIsSocket",
  charDevice: "outIsDevice",
  blockDevice: "outIsDevice",
  symlink: "outIsSymlink",
  danglingSymlink: "outIsDanglingSymlink",
};

/** The system's error codes a write can meet, in words. */
const SYSTEM: Readonly<Record<string, CliKey>> = {
  ENOSPC: "sysNoSpace",
  EDQUOT: "sysQuota",
  EACCES: "sysNoAccess",
  EPERM: "sysNoAccess",
  EROFS: "sysReadOnly",
  ENAMETOOLONG: "sysNameTooLong",
  EIO: "sysIo",
};

const WRITE: Record<UnwritableReason, CliKey> = {
  exists: "exists",
  sameAsInput: "sameAsInput",
  isDirectory: "outIsDirectory",
  noFolder: "noFolder",
  writeFailed: "writeFailed",
  notRegularFile: "outIsOther",
  unpatchablePackage: "unpatchablePackage",
  noWorksheetPart: "noWorksheetPart",
  cellNotInSheet: "cellNotInSheet",
};

/** Keeps a library's message to one short line. */
function oneLine(s: string): string {
  const line = s.split(/\r?\n/)[0].trim();
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

/** Why a file cannot be read, in the user's language. */
export function readReason(locale: Locale, e: WorkbookReadError): string {
  if (e.reason === "notWorkbook" && e.detail === "docx") return cliText(locale, "notWorkbookDocx");
  if (e.reason === "notWorkbook" && e.detail === "pptx") return cliText(locale, "notWorkbookPptx");
  if (e.reason === "notRegularFile" && READ_KIND[e.detail]) return cliText(locale, READ_KIND[e.detail]);
  const counts = Object.fromEntries(Object.entries(e.params).map(([k, v]) => [k, v.toLocaleString("en-US")]));
  return cliText(locale, READ[e.reason], { detail: oneLine(e.detail) || "?", ...counts });
}

export function readErrorLine(locale: Locale, e: WorkbookReadError, shown: string): string {
  return `${cliText(locale, "unreadable", { file: shown, reason: readReason(locale, e) })}\n`;
}

export function writeErrorLine(locale: Locale, e: WorkbookWriteError, shown: string): string {
  const detail = oneLine(e.detail) || "?";
  let reason = cliText(locale, WRITE[e.reason], { detail });
  if (e.reason === "notRegularFile" && WRITE_KIND[e.detail]) reason = cliText(locale, WRITE_KIND[e.detail]);
  if (e.reason === "writeFailed" && SYSTEM[e.detail]) reason = cliText(locale, "writeFailedWhy", { why: cliText(locale, SYSTEM[e.detail]), detail });
  return `${cliText(locale, "unwritable", { file: shown, reason })}\n`;
}
