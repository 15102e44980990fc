/**
 * File access for workbooks (Node only).
 *
 * Reading: only a regular file is read. The name is looked at first (so that a device is never even
 * opened), then the opened descriptor is checked again (so that what is read is what was checked, even if
 * the name is swapped in between), and reading stops one byte past the size limit, whatever the file
 * claims.
 *
 * Writing a copy: never over the input, never over anything but a regular file, and only with `force`
 * over one. The bytes go to a short temporary file in the output's folder (`.er-<pid>-<hex>.tmp`), which
 * is flushed and then published under the output's name in one step: a hard link (which fails if anything
 * is there, so the check and the write cannot be separated by another run) or, with `force`, a rename
 * over the regular file checked just before. A failure, or SIGINT/SIGTERM/SIGHUP, leaves no temporary
 * file; one left by a run that was killed outright (SIGKILL, power cut) is removed by the next write into
 * the same folder once its process is gone.
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { mib, READ_LIMITS, WorkbookReadError, WorkbookWriteError } from "./errors";

/** What a directory entry is, as the messages name it. */
export type FileKind = "file" | "directory" | "symlink" | "danglingSymlink" | "fifo" | "socket" | "charDevice" | "blockDevice" | "other";

export function fileKind(st: fs.Stats): FileKind {
  if (st.isFile()) return "file";
  if (st.isDirectory()) return "directory";
  if (st.isSymbolicLink()) return "symlink";
  if (st.isFIFO()) return "fifo";
  if (st.isSocket()) return "socket";
  if (st.isCharacterDevice()) return "charDevice";
  if (st.isBlockDevice()) return "blockDevice";
  return "other";
}

function errno(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e instanceof Error ? e.message : String(e));
}

function readFailure(file: string, e: unknown): WorkbookReadError {
  const code = errno(e);
  if (code === "ENOENT" || code === "ENOTDIR") return new WorkbookReadError(file, "notFound");
  if (code === "EACCES" || code === "EPERM") return new WorkbookReadError(file, "noAccess");
  if (code === "EISDIR") return new WorkbookReadError(file, "isDirectory");
  return new WorkbookReadError(file, "readFailed", code);
}

function refuseKind(file: string, st: fs.Stats): void {
  const kind = fileKind(st);
  if (kind === "file") return;
  if (kind === "directory") throw new WorkbookReadError(file, "isDirectory");
  throw new WorkbookReadError(file, "notRegularFile", kind);
}

/**
 * Opening without blocking: a FIFO with no writer would otherwise block open() forever (the descriptor is
 * refused by fstat right after), and a terminal must not become the controlling one.
 */
const OPEN_FOR_READING = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/**
 * The bytes of an input file, refused with a WorkbookReadError when missing, unreadable, not a regular
 * file (a folder, a FIFO, a socket, a device), or larger than `limit` bytes.
 */
export function readBytes(file: string, limit: number = READ_LIMITS.fileBytes): Buffer {
  // By name first, so that a device or a FIFO is never opened at all (opening some devices does something).
  let named: fs.Stats;
  try {
    named = fs.statSync(file);
  } catch (e) {
    throw readFailure(file, e);
  }
  refuseKind(file, named);
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FOR_READING);
  } catch (e) {
    throw readFailure(file, e);
  }
  try {
    // Then on the descriptor: this is the file that will be read.
    let st: fs.Stats;
    try {
      st = fs.fstatSync(fd);
    } catch (e) {
      throw readFailure(file, e);
    }
    refuseKind(file, st);
    if (st.size > limit) throw new WorkbookReadError(file, "fileTooLarge", "", { mib: mib(st.size), limit: mib(limit) });
    // Read to the end, but never more than one byte past the limit (the file may grow, or lie about its size).
    const cap = limit + 1;
    let buf = Buffer.allocUnsafe(Math.max(1, Math.min(st.size + 1, cap)));
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (buf.length >= cap) break;
        const bigger = Buffer.allocUnsafe(Math.min(cap, buf.length * 2));
        buf.copy(bigger, 0, 0, total);
        buf = bigger;
      }
      let n: number;
      try {
        n = fs.readSync(fd, buf, total, buf.length - total, null);
      } catch (e) {
        throw readFailure(file, e);
      }
      if (n === 0) break;
      total += n;
    }
    if (total > limit) throw new WorkbookReadError(file, "fileTooLarge", "", { mib: mib(Math.max(st.size, total)), limit: mib(limit) });
    return buf.subarray(0, total);
  } finally {
    fs.closeSync(fd);
  }
}

function statOrUndefined(p: string, follow: boolean): fs.Stats | undefined {
  try {
    return follow ? fs.statSync(p) : fs.lstatSync(p);
  } catch (e) {
    const code = errno(e);
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw e;
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

/** The refusal for what lstat found at the output's name, or undefined when a regular file (or nothing) is there. */
function kindRefusal(out: string, target: string, st: fs.Stats): WorkbookWriteError | undefined {
  const kind = fileKind(st);
  if (kind === "file") return undefined;
  if (kind === "directory") return new WorkbookWriteError(out, "isDirectory");
  if (kind === "symlink") return new WorkbookWriteError(out, "notRegularFile", statOrUndefinedQuiet(target) ? "symlink" : "danglingSymlink");
  return new WorkbookWriteError(out, "notRegularFile", kind);
}

function statOrUndefinedQuiet(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

/**
 * Checks everything that can be known before writing `out`; throws the WorkbookWriteError the write
 * would meet. Returns the absolute target.
 */
function checkTarget(out: string, input: string | undefined, force: boolean): string {
  const target = path.resolve(out);
  if (input !== undefined && sameFile(target, input)) throw new WorkbookWriteError(out, "sameAsInput");
  const folder = statOrUndefinedQuiet(path.dirname(target));
  if (!folder?.isDirectory()) throw new WorkbookWriteError(out, "noFolder");
  let st: fs.Stats | undefined;
  try {
    st = statOrUndefined(target, false);
  } catch (e) {
    throw new WorkbookWriteError(out, "writeFailed", errno(e));
  }
  if (st) {
    const refusal = kindRefusal(out, target, st);
    if (refusal) throw refusal;
    if (!force) throw new WorkbookWriteError(out, "exists");
  }
  return target;
}

/** Throws the WorkbookWriteError that writing `out` would meet, without writing anything. */
export function writeCheck(out: string, input: string | undefined, force: boolean): void {
  checkTarget(out, input, force);
}

// --- temporary files -------------------------------------------------------------------------------

/** `.er-<pid>-<8 hex>.tmp`: at most 27 bytes, whatever the output's name (NAME_MAX is 255). */
const TEMP = /^\.er-(\d{1,10})-[0-9a-f]{8}\.tmp$/;
/** What versions before this one left: `.<output name>.<pid>.<8 hex>.tmp`, for a workbook's name. */
const OLD_TEMP = /^\..+\.xls[xm]\.(\d{1,10})\.[0-9a-f]{8}\.tmp$/i;
/** A temporary file older than this is removed even if a process with its pid is running (pids are reused). */
export const TEMP_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function temporaryName(pid = process.pid): string {
  return `.er-${pid}-${randomBytes(4).toString("hex")}.tmp`;
}

/** A name this module (or an earlier version of it) gives its temporary files, with the pid in it. */
export function temporaryPid(name: string): number | undefined {
  const m = TEMP.exec(name) ?? OLD_TEMP.exec(name);
  return m ? Number(m[1]) : undefined;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errno(e) === "EPERM"; // it exists, but belongs to someone else
  }
}

/** Temporary files of this process not yet published or removed. */
const live = new Set<string>();

/**
 * Removes, from `dir`, the temporary files left by runs that were killed outright: those whose process is
 * no longer running, and any older than TEMP_MAX_AGE_MS. Only regular files of this user are touched.
 * Returns the names removed.
 */
export function removeStaleTemporaries(dir: string, now = Date.now()): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
  for (const name of names) {
    const pid = temporaryPid(name);
    if (pid === undefined) continue;
    const file = path.join(dir, name);
    if (live.has(file)) continue;
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile() || (uid !== undefined && st.uid !== uid)) continue;
      if (processAlive(pid) && now - st.mtimeMs < TEMP_MAX_AGE_MS) continue;
      fs.unlinkSync(file);
      removed.push(name);
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}

function removeLive(): void {
  for (const file of live) {
    try {
      fs.unlinkSync(file);
    } catch {
      // already gone
    }
    live.delete(file);
  }
}

const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
let hooked = false;

/**
 * From the first write on, a signal that would end the process first removes the temporary files. The
 * write itself is synchronous, so a signal that arrives during it is handled as soon as it is done: the
 * copy is then complete (or was refused) and no temporary file is left. The signal is then raised again
 * with its default action, so the process ends as it would have (exit status 128 + signal).
 */
function hookSignals(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", removeLive);
  const onSignal = (signal: NodeJS.Signals) => {
    removeLive();
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
}

/** Codes from link() that mean the file system has no hard links (FAT, exFAT, some network shares). */
const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV", "EMLINK"]);

/**
 * Publishes `tmp` as `target` only if nothing is there (one step: the check and the write cannot be
 * split). Where the file system has no hard links, the name is created exclusively and filled instead.
 */
function publishNew(out: string, target: string, tmp: string, bytes: Uint8Array): void {
  try {
    fs.linkSync(tmp, target);
    return;
  } catch (e) {
    const code = errno(e);
    if (code === "EEXIST") throw refusalNow(out, target) ?? new WorkbookWriteError(out, "exists");
    if (!NO_HARD_LINKS.has(code)) throw e;
  }
  let fd: number;
  try {
    fd = fs.openSync(target, "wx", 0o666);
  } catch (e) {
    if (errno(e) === "EEXIST") throw refusalNow(out, target) ?? new WorkbookWriteError(out, "exists");
    throw e;
  }
  try {
    writeAll(fd, bytes);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch (e) {
    // This run created the name (O_EXCL) and it holds half a copy: remove it.
    try {
      fs.closeSync(fd);
    } catch {
      // closed already
    }
    try {
      fs.unlinkSync(target);
    } catch {
      // gone already
    }
    throw e;
  }
}

/** What is at the output's name now, when it is not a regular file. */
function refusalNow(out: string, target: string): WorkbookWriteError | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(target);
  } catch {
    return undefined;
  }
  return kindRefusal(out, target, st);
}

/** Replaces a regular file (or fills an empty name) with `tmp`, after checking with lstat what is there. */
function publishReplacing(out: string, target: string, tmp: string, input: string | undefined): void {
  const st = statOrUndefined(target, false);
  if (st) {
    const refusal = kindRefusal(out, target, st);
    if (refusal) throw refusal;
    if (input !== undefined && sameFile(target, input)) throw new WorkbookWriteError(out, "sameAsInput");
  }
  // rename() replaces the directory entry; it never writes into what was there.
  fs.renameSync(tmp, target);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

/**
 * Writes bytes to `out` safely: never over `input`; never over anything that is not a regular file; over
 * a regular file only with `force`; through a temporary file in the same folder that is flushed and then
 * published in one step (see the module comment), so a failure leaves neither a partial output nor a
 * temporary file, and a reader never sees half a file.
 */
export function writeFileAtomic(out: string, bytes: Uint8Array, options: { force?: boolean; input?: string } = {}): void {
  const force = options.force === true;
  const target = checkTarget(out, options.input, force);
  const dir = path.dirname(target);
  removeStaleTemporaries(dir);
  hookSignals();
  const tmp = path.join(dir, temporaryName());
  live.add(tmp);
  try {
    const fd = fs.openSync(tmp, "wx", 0o666);
    try {
      writeAll(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (force) publishReplacing(out, target, tmp, options.input);
    else publishNew(out, target, tmp, bytes);
  } catch (e) {
    if (e instanceof WorkbookWriteError) throw e;
    throw new WorkbookWriteError(out, "writeFailed", errno(e));
  } finally {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // renamed into place, or never made
    }
    live.delete(tmp);
    // A signal that came during the (synchronous) write is waiting to be handled: keep the event loop
    // alive for one more turn, so that it is, even if nothing else is left to do.
    setImmediate(() => undefined);
  }
}
