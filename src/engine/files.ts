/**
 * File access for workbooks (Node only): reading an input's bytes within the size limit, and writing a
 * copy safely (never over its input, never over an existing file unless asked, through a temporary file
 * that is renamed into place).
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { mib, READ_LIMITS, WorkbookReadError, WorkbookWriteError } from "./errors";

/** The bytes of an input file, refused with a WorkbookReadError when missing, unreadable or too large. */
export function readBytes(file: string): Buffer {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WorkbookReadError(file, code === "EACCES" || code === "EPERM" ? "noAccess" : "notFound");
  }
  if (st.isDirectory()) throw new WorkbookReadError(file, "isDirectory");
  if (st.size > READ_LIMITS.fileBytes) throw new WorkbookReadError(file, "tooLarge", "", { mib: mib(st.size), limit: mib(READ_LIMITS.fileBytes) });
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WorkbookReadError(file, code === "EACCES" || code === "EPERM" ? "noAccess" : "corrupt", code ?? "");
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

/**
 * Writes bytes to `out` safely: never over `input`, never over an existing file unless `force`, through
 * a temporary file in the same folder that is flushed and then renamed (so a failure leaves no partial
 * output, and readers never see half a file).
 */
export function writeFileAtomic(out: string, bytes: Uint8Array, options: { force?: boolean; input?: string } = {}): void {
  const target = path.resolve(out);
  if (options.input !== undefined && sameFile(target, options.input)) throw new WorkbookWriteError(out, "sameAsInput");
  const dir = path.dirname(target);
  let dirOk = false;
  try {
    dirOk = fs.statSync(dir).isDirectory();
  } catch {
    dirOk = false;
  }
  if (!dirOk) throw new WorkbookWriteError(out, "noFolder");
  let exists = false;
  try {
    const st = fs.statSync(target);
    if (st.isDirectory()) throw new WorkbookWriteError(out, "isDirectory");
    exists = true;
  } catch (e) {
    if (e instanceof WorkbookWriteError) throw e;
  }
  if (exists && !options.force) throw new WorkbookWriteError(out, "exists");
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const fd = fs.openSync(tmp, "wx");
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (!options.force && fs.existsSync(target)) throw new WorkbookWriteError(out, "exists");
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // the temporary file was never made, or is already gone
    }
    if (e instanceof WorkbookWriteError) throw e;
    throw new WorkbookWriteError(out, "writeFailed", (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
}

/** Throws the WorkbookWriteError that writing `out` would meet, without writing anything. */
export function writeCheck(out: string, input: string | undefined, force: boolean): void {
  const target = path.resolve(out);
  if (input !== undefined && sameFile(target, input)) throw new WorkbookWriteError(out, "sameAsInput");
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(target);
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) throw new WorkbookWriteError(out, "isDirectory");
  if (st && !force) throw new WorkbookWriteError(out, "exists");
  try {
    if (!fs.statSync(path.dirname(target)).isDirectory()) throw new Error("not a folder");
  } catch {
    throw new WorkbookWriteError(out, "noFolder");
  }
}
