/**
 * src/engine/files.ts in-process: what a failure at each step of the write leaves (nothing), the
 * temporary names, the removal of temporaries left by dead runs, the fallback for file systems without
 * hard links, and the read cap. The special files, races and kills are in test/cli/special-files.test.ts
 * (child processes, with timeouts).
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from "fs";
import * as fs from "fs";

jest.mock("fs", () => {
  const actual = jest.requireActual<typeof import("fs")>("fs");
  const spy = <K extends keyof typeof actual>(k: K) => jest.fn(actual[k] as (...a: unknown[]) => unknown);
  return {
    ...actual,
    linkSync: spy("linkSync"),
    renameSync: spy("renameSync"),
    writeSync: spy("writeSync"),
    fsyncSync: spy("fsyncSync"),
    fstatSync: spy("fstatSync"),
    readSync: spy("readSync"),
  };
});
import { join } from "path";
import { WorkbookReadError, WorkbookWriteError } from "../../src/engine/errors";
import { readBytes, removeStaleTemporaries, temporaryName, temporaryPid, TEMP_MAX_AGE_MS, writeCheck, writeFileAtomic } from "../../src/engine/files";
import { tempDir } from "./fixtures";

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const failure = (code: string) => () => {
  throw Object.assign(new Error(code), { code });
};

/** A pid no process has (above Linux's pid_max). */
const DEAD_PID = 4194305 + 1000;

describe("a failure at any step leaves neither the output nor a temporary file", () => {
  test.each([
    ["writing", "writeSync", "ENOSPC"],
    ["flushing", "fsyncSync", "EIO"],
    ["publishing (link)", "linkSync", "EDQUOT"],
  ] as const)("%s (%s) fails with %s", (_step, fn, code) => {
    const out = join(tmp.dir, "out.xlsx");
    (fs[fn] as unknown as jest.Mock).mockImplementationOnce(failure(code));
    expect(() => writeFileAtomic(out, Buffer.from("data"))).toThrow(expect.objectContaining({ reason: "writeFailed", detail: code }));
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  test("replacing (rename, with force) fails", () => {
    const out = join(tmp.dir, "out.xlsx");
    writeFileSync(out, "old");
    (fs.renameSync as jest.Mock).mockImplementationOnce(failure("ENOSPC"));
    expect(() => writeFileAtomic(out, Buffer.from("data"), { force: true })).toThrow(expect.objectContaining({ reason: "writeFailed", detail: "ENOSPC" }));
    expect(readdirSync(tmp.dir)).toEqual(["out.xlsx"]);
    expect(readFileSync(out, "utf8")).toBe("old");
  });
});

test("something appearing at the name between the check and the publish wins: the copy is refused, not written over it", () => {
  const out = join(tmp.dir, "out.xlsx");
  (fs.linkSync as jest.Mock).mockImplementationOnce((from: string, to: string) => {
    writeFileSync(to, "the other run's copy");
    return jest.requireActual<typeof import("fs")>("fs").linkSync(from, to);
  });
  expect(() => writeFileAtomic(out, Buffer.from("mine"))).toThrow(expect.objectContaining({ reason: "exists" }));
  expect(readFileSync(out, "utf8")).toBe("the other run's copy");
  expect(readdirSync(tmp.dir)).toEqual(["out.xlsx"]);
});

test("a file system without hard links: the copy is created exclusively instead, still never over anything", () => {
  const out = join(tmp.dir, "out.xlsx");
  (fs.linkSync as jest.Mock).mockImplementation(failure("EPERM"));
  try {
    writeFileAtomic(out, Buffer.from("data"));
    expect(readFileSync(out, "utf8")).toBe("data");
    expect(() => writeFileAtomic(out, Buffer.from("again"))).toThrow(expect.objectContaining({ reason: "exists" }));
    expect(readFileSync(out, "utf8")).toBe("data");
    expect(readdirSync(tmp.dir)).toEqual(["out.xlsx"]);
    // A failure while filling the name removes the half copy (and the temporary file).
    const second = join(tmp.dir, "second.xlsx");
    (fs.writeSync as jest.Mock).mockImplementationOnce(jest.requireActual<typeof import("fs")>("fs").writeSync).mockImplementationOnce(failure("ENOSPC"));
    expect(() => writeFileAtomic(second, Buffer.from("data"))).toThrow(expect.objectContaining({ reason: "writeFailed", detail: "ENOSPC" }));
    expect(readdirSync(tmp.dir)).toEqual(["out.xlsx"]);
  } finally {
    (fs.linkSync as jest.Mock).mockImplementation(jest.requireActual<typeof import("fs")>("fs").linkSync);
  }
});

describe("what is at the output's name", () => {
  test("nothing: written; a regular file: refused without force, replaced with it", () => {
    const out = join(tmp.dir, "out.xlsx");
    writeFileAtomic(out, Buffer.from("one"));
    expect(() => writeFileAtomic(out, Buffer.from("two"))).toThrow(expect.objectContaining({ reason: "exists" }));
    writeFileAtomic(out, Buffer.from("two"), { force: true });
    expect(readFileSync(out, "utf8")).toBe("two");
    expect(lstatSync(out).isFile()).toBe(true);
  });

  test("a folder, a symbolic link (to a file, or dangling): refused even with force", () => {
    mkdirSync(join(tmp.dir, "d.xlsx"));
    writeFileSync(join(tmp.dir, "real.xlsx"), "real");
    symlinkSync(join(tmp.dir, "real.xlsx"), join(tmp.dir, "link.xlsx"));
    symlinkSync(join(tmp.dir, "gone.xlsx"), join(tmp.dir, "dangling.xlsx"));
    for (const force of [false, true]) {
      expect(() => writeFileAtomic(join(tmp.dir, "d.xlsx"), Buffer.from("x"), { force })).toThrow(expect.objectContaining({ reason: "isDirectory" }));
      expect(() => writeFileAtomic(join(tmp.dir, "link.xlsx"), Buffer.from("x"), { force })).toThrow(expect.objectContaining({ reason: "notRegularFile", detail: "symlink" }));
      expect(() => writeFileAtomic(join(tmp.dir, "dangling.xlsx"), Buffer.from("x"), { force })).toThrow(expect.objectContaining({ reason: "notRegularFile", detail: "danglingSymlink" }));
      expect(() => writeCheck(join(tmp.dir, "dangling.xlsx"), undefined, force)).toThrow(expect.objectContaining({ reason: "notRegularFile", detail: "danglingSymlink" }));
    }
    expect(readFileSync(join(tmp.dir, "real.xlsx"), "utf8")).toBe("real");
    expect(existsSync(join(tmp.dir, "gone.xlsx"))).toBe(false);
    expect(readdirSync(tmp.dir).sort()).toEqual(["d.xlsx", "dangling.xlsx", "link.xlsx", "real.xlsx"]);
  });

  test("the input, by its name, through a link or a hard link: refused even with force", () => {
    const input = join(tmp.dir, "in.xlsx");
    writeFileSync(input, "input");
    fs.linkSync(input, join(tmp.dir, "hard.xlsx"));
    for (const out of [input, join(tmp.dir, ".", "in.xlsx"), join(tmp.dir, "hard.xlsx")])
      expect(() => writeFileAtomic(out, Buffer.from("x"), { force: true, input })).toThrow(expect.objectContaining({ reason: "sameAsInput" }));
    expect(readFileSync(input, "utf8")).toBe("input");
  });

  test("a missing folder", () => {
    expect(() => writeFileAtomic(join(tmp.dir, "no", "out.xlsx"), Buffer.from("x"))).toThrow(expect.objectContaining({ reason: "noFolder" }));
  });
});

describe("temporary names", () => {
  test("short and recognisable, whatever the output's name", () => {
    const name = temporaryName();
    expect(name).toMatch(/^\.er-\d+-[0-9a-f]{8}\.tmp$/);
    expect(Buffer.byteLength(temporaryName(4194304))).toBeLessThanOrEqual(27);
    expect(temporaryPid(name)).toBe(process.pid);
    expect(temporaryPid(".out.xlsx.1234.0badf00d.tmp")).toBe(1234); // what earlier versions left
    expect(temporaryPid("notes.tmp")).toBeUndefined();
    expect(temporaryPid(".notes.txt.1234.0badf00d.tmp")).toBeUndefined(); // not a workbook's temporary file
    expect(temporaryPid(".er-12-xyz.tmp")).toBeUndefined();
  });

  test("a 255-byte output name is written", () => {
    const out = join(tmp.dir, `${"x".repeat(250)}.xlsx`);
    writeFileAtomic(out, Buffer.from("data"));
    expect(readdirSync(tmp.dir)).toEqual([`${"x".repeat(250)}.xlsx`]);
  });

  test("those of dead runs, and old ones, are removed; those of live runs, and other files, are not", () => {
    const dead = `.er-${DEAD_PID}-0123abcd.tmp`;
    const oldStyle = `.report.xlsx.${DEAD_PID}.0123abcd.tmp`;
    const notOurs = `.notes.txt.${DEAD_PID}.0123abcd.tmp`;
    const live = `.er-${process.ppid}-0123abcd.tmp`;
    const liveButOld = `.er-${process.ppid}-89abcdef.tmp`;
    const others = ["notes.tmp", `.er-${DEAD_PID}-0123abcd.tmp.bak`, "keep.xlsx", notOurs];
    for (const n of [dead, oldStyle, live, liveButOld, ...others]) writeFileSync(join(tmp.dir, n), "x");
    const twoDaysAgo = (Date.now() - 2 * TEMP_MAX_AGE_MS) / 1000;
    utimesSync(join(tmp.dir, liveButOld), twoDaysAgo, twoDaysAgo);
    mkdirSync(join(tmp.dir, `.er-${DEAD_PID}-ffffffff.tmp`)); // not a regular file: left alone
    expect(removeStaleTemporaries(tmp.dir).sort()).toEqual([dead, oldStyle, liveButOld].sort());
    expect(readdirSync(tmp.dir).sort()).toEqual([live, `.er-${DEAD_PID}-ffffffff.tmp`, ...others].sort());
  });

  test("a write removes them from its folder", () => {
    writeFileSync(join(tmp.dir, `.er-${DEAD_PID}-0123abcd.tmp`), "left by a killed run");
    writeFileAtomic(join(tmp.dir, "out.xlsx"), Buffer.from("data"));
    expect(readdirSync(tmp.dir)).toEqual(["out.xlsx"]);
  });
});

describe("readBytes", () => {
  test("reads a regular file whole; stops one byte past the limit", () => {
    const file = join(tmp.dir, "f.xlsx");
    writeFileSync(file, Buffer.alloc(1000, 7));
    expect(readBytes(file, 1000)).toEqual(Buffer.alloc(1000, 7));
    let err: unknown;
    try {
      readBytes(file, 999);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WorkbookReadError);
    expect(err).toMatchObject({ reason: "fileTooLarge", params: { mib: 1, limit: 1 } });
  });

  test("a file that says it is small but is not (it grew, or lies) is read only to one byte past the limit", () => {
    const file = join(tmp.dir, "grows.xlsx");
    writeFileSync(file, Buffer.alloc(100000, 1));
    const actual = jest.requireActual<typeof import("fs")>("fs");
    (fs.fstatSync as jest.Mock).mockImplementationOnce((fd: number) => Object.assign(actual.fstatSync(fd), { size: 10 }));
    const read = fs.readSync as jest.Mock;
    read.mockClear();
    expect(() => readBytes(file, 1000)).toThrow(expect.objectContaining({ reason: "fileTooLarge" }));
    const asked = read.mock.calls.reduce((sum: number, call: unknown[]) => sum + (call[3] as number), 0);
    expect(asked).toBeLessThanOrEqual(1001);
  });

  test("an empty file gives no bytes (the reader says why)", () => {
    writeFileSync(join(tmp.dir, "e.xlsx"), "");
    expect(readBytes(join(tmp.dir, "e.xlsx")).length).toBe(0);
  });

  test("missing, a folder", () => {
    expect(() => readBytes(join(tmp.dir, "none.xlsx"))).toThrow(expect.objectContaining({ reason: "notFound" }));
    expect(() => readBytes(tmp.dir)).toThrow(expect.objectContaining({ reason: "isDirectory" }));
  });

  test("a character device is refused by its kind, never read", () => {
    if (!existsSync("/dev/zero")) return;
    expect(() => readBytes("/dev/zero")).toThrow(expect.objectContaining({ reason: "notRegularFile", detail: "charDevice" }));
  });
});

test("WorkbookWriteError names the file", () => {
  const e = new WorkbookWriteError("x.xlsx", "notRegularFile", "fifo");
  expect(e.message).toBe("x.xlsx: notRegularFile (fifo)");
});
