/**
 * Issue 14: the command never hangs on, reads from, or replaces what is not a regular file; two runs
 * never both publish the same output; a run killed during the write leaves nothing the next run does
 * not clean up. Every case runs the installed command (bin/emission-rights.js on lib/) in a child
 * process with a timeout, and checks the input's bytes (sha256) afterwards.
 *
 * Runs that must be caught in the middle of the write use a small harness that runs the same CLI with
 * fs.fsyncSync made to wait, after the temporary file is written, until the test says go: that makes
 * the race between two runs, and a kill during the write, happen every time rather than by luck.
 */
import { spawn, spawnSync, execFileSync, type ChildProcess } from "child_process";
import { createHash } from "crypto";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "fs";
import * as net from "net";
import { join } from "path";
import { sha256, tempDir, writeWorkbook } from "../engine/fixtures";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "emission-rights.js");
const MAIN = join(ROOT, "lib", "cli", "main.js");
/** Generous for a slow machine; a run that hangs is killed at this and fails the test. */
const TIMEOUT = 30000;
const TEMP = /^\.er-\d+-[0-9a-f]{8}\.tmp$/;

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  seconds: number;
}

function cli(args: string[], env: Record<string, string> = {}): Result {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "", ...env }, timeout: TIMEOUT });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr, seconds: (Date.now() - started) / 1000 };
}

/** The one line on stderr (and that there is exactly one). */
function oneLine(r: Result): string {
  const lines = r.err.trim().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0];
}

let tmp: ReturnType<typeof tempDir>;
let input: string;
let inputHash: string;
let other: string;
let harness: string;

beforeAll(async () => {
  spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.node.json"], { cwd: ROOT, encoding: "utf8" });
  tmp = tempDir();
  input = join(tmp.dir, "in.xlsx");
  await writeWorkbook(input, { S: [[1562, 2268, { formula: "_xldudf_ER_INITIAL_RIGHT(A1,B1)", result: 1000 }]] });
  inputHash = sha256(input);
  other = join(tmp.dir, "other.xlsx");
  await writeWorkbook(other, { S: [[4014, 4152, { formula: "_xldudf_ER_INITIAL_RIGHT(A1,B1)", result: 1 }, "other"]] });
  // The CLI with fsync held until a file named by ER_TEST_GO exists; it says "@@writing <pid>" when held.
  harness = join(tmp.dir, "held-write.js");
  writeFileSync(
    harness,
    `"use strict";
const fs = require("fs");
const real = fs.fsyncSync;
const go = process.env.ER_TEST_GO;
fs.fsyncSync = (fd) => {
  process.stderr.write("@@writing " + process.pid + "\\n");
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (!fs.existsSync(go)) Atomics.wait(cell, 0, 0, 20);
  real(fd);
};
require(${JSON.stringify(MAIN)}).run();
`,
  );
}, 120000);
afterAll(() => tmp.cleanup());
afterEach(() => expect(sha256(input)).toBe(inputHash));

function folder(name: string): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir);
  return dir;
}

function temporaries(dir: string): string[] {
  return readdirSync(dir).filter((n) => TEMP.test(n));
}

describe("inputs that are not regular files: refused at once, exit 2, one line, in both languages", () => {
  test("a FIFO (no writer: opening it must not block)", () => {
    const fifo = join(tmp.dir, "pipe.xlsx");
    execFileSync("mkfifo", [fifo]);
    for (const args of [["recalc", fifo], ["recalc", fifo, "--json"], ["audit", fifo]]) {
      const r = cli(args);
      expect([args.join(" "), r.signal, r.code]).toEqual([args.join(" "), null, 2]);
      expect(oneLine(r)).toBe(`${fifo}: cannot be read: it is a named pipe (FIFO), not a file; only regular files are read`);
      expect(r.seconds).toBeLessThan(15);
    }
    expect(oneLine(cli(["recalc", fifo], { LANG: "zh_CN.UTF-8" }))).toContain("这是命名管道（FIFO），不是文件");
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  test("a symbolic link to a FIFO", () => {
    const fifo = join(tmp.dir, "pipe2");
    execFileSync("mkfifo", [fifo]);
    const link = join(tmp.dir, "link-to-pipe.xlsx");
    symlinkSync(fifo, link);
    const r = cli(["recalc", link]);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toContain("named pipe (FIFO)");
  });

  test.each(["/dev/zero", "/dev/urandom"])("%s: refused as a device, without reading it", (device) => {
    if (!existsSync(device)) return;
    const script = `const { main } = require(${JSON.stringify(MAIN)});
const { processIo } = require(${JSON.stringify(join(ROOT, "lib", "cli", "io.js"))});
main(process.argv.slice(1), processIo()).then((c) => { process.stdout.write("@@rss " + process.resourceUsage().maxRSS * 1024); process.exitCode = c; });`;
    const r = spawnSync(process.execPath, ["-e", script, "recalc", device], {
      encoding: "utf8",
      env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "" },
      timeout: TIMEOUT,
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${device}: cannot be read: it is a device, not a file; only regular files are read\n`);
    const rss = Number(/@@rss (\d+)/.exec(r.stdout)?.[1]);
    expect(rss).toBeLessThan(300 * 1024 * 1024);
    const audit = cli(["audit", device, "--json"], { LANG: "zh_CN.UTF-8" });
    expect(audit.code).toBe(2);
    expect(oneLine(audit)).toContain("这是设备文件");
    expect(JSON.parse(audit.out).files[0]).toMatchObject({ status: "unreadable", reason: "notRegularFile" });
  });

  test("a folder", () => {
    const dir = folder("folder.xlsx");
    const r = cli(["recalc", dir]);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe(`${dir}: cannot be read: it is a folder, not a workbook`);
  });

  test("a socket", async () => {
    const socket = join(tmp.dir, "sock.xlsx");
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const r = await new Promise<Result>((resolve) => {
        // Asynchronously, so that this process keeps serving the socket while the child runs.
        const child = spawn(process.execPath, [BIN, "recalc", socket], { env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "" } });
        collect(child, resolve);
      });
      expect(r.code).toBe(2);
      expect(oneLine(r)).toContain("it is a socket, not a file");
    } finally {
      server.close();
    }
  });

  test("a folder audit reports a FIFO with a workbook's name instead of hanging or skipping it", async () => {
    const dir = folder("mixed");
    execFileSync("mkfifo", [join(dir, "a-pipe.xlsx")]);
    await writeWorkbook(join(dir, "b-good.xlsx"), { S: [[1562, 2268, { formula: "_xldudf_ER_INITIAL_RIGHT(A1,B1)", result: 1562 }]] });
    const r = cli(["audit", dir, "--json"]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as { files: { file: string; status: string }[] };
    expect(doc.files.map((f) => [f.file.split("/").pop(), f.status])).toEqual([
      ["a-pipe.xlsx", "unreadable"],
      ["b-good.xlsx", "clean"],
    ]);
  });
});

function collect(child: ChildProcess, done: (r: Result) => void): void {
  const started = Date.now();
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT);
  child.on("close", (code, signal) => {
    clearTimeout(timer);
    done({ code, signal, out, err, seconds: (Date.now() - started) / 1000 });
  });
}

/** A run of the held harness: resolves when it is holding its written temporary file, and when it ends. */
function heldRun(args: string[], go: string): { child: ChildProcess; holding: Promise<number>; ended: Promise<Result> } {
  const child = spawn(process.execPath, [harness, ...args], { cwd: ROOT, env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "", ER_TEST_GO: go } });
  let resolveHolding: (pid: number) => void = () => undefined;
  const holding = new Promise<number>((resolve) => (resolveHolding = resolve));
  let seen = "";
  child.stderr?.on("data", (d: Buffer) => {
    seen += d.toString();
    const m = /@@writing (\d+)/.exec(seen);
    if (m) resolveHolding(Number(m[1]));
  });
  const ended = new Promise<Result>((resolve) => collect(child, (r) => resolve({ ...r, err: r.err.replace(/@@writing \d+\n/g, "") })));
  return { child, holding, ended };
}

function hashOf(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

describe("outputs: published only complete and only where nothing is", () => {
  let copyOfInput: string;
  let copyOfOther: string;
  beforeAll(() => {
    // What each run writes when alone.
    const dir = folder("solo");
    expect(cli(["recalc", input, "--out", join(dir, "a.xlsx")]).code).toBe(0);
    expect(cli(["recalc", other, "--out", join(dir, "b.xlsx")]).code).toBe(0);
    copyOfInput = sha256(join(dir, "a.xlsx"));
    copyOfOther = sha256(join(dir, "b.xlsx"));
    expect(copyOfInput).not.toBe(copyOfOther);
  }, 60000);

  test("two runs that both passed the early check: exactly one publishes, the other exits 3, the winner's bytes intact", async () => {
    const dir = folder("race");
    const out = join(dir, "out.xlsx");
    const go = join(tmp.dir, "go-race");
    const a = heldRun(["recalc", input, "--out", out], go);
    const b = heldRun(["recalc", other, "--out", out], go);
    await Promise.all([a.holding, b.holding]); // both have written their temporary file
    expect(existsSync(out)).toBe(false);
    expect(temporaries(dir)).toHaveLength(2);
    writeFileSync(go, "");
    const [ra, rb] = await Promise.all([a.ended, b.ended]);
    expect([ra.code, rb.code].sort()).toEqual([0, 3]);
    const [winner, loser] = ra.code === 0 ? [ra, rb] : [rb, ra];
    expect(sha256(out)).toBe(ra.code === 0 ? copyOfInput : copyOfOther);
    expect(winner.out).toContain("Written: ");
    expect(loser.err.trim()).toBe(`${out}: not written: the file exists; add --force to replace it`);
    expect(temporaries(dir)).toEqual([]);
  }, 60000);

  test("four runs at once, unheld: one 0, three 3, nothing left behind", async () => {
    const dir = folder("four");
    const out = join(dir, "out.xlsx");
    const runs = await Promise.all(
      [input, other, input, other].map(
        (file) =>
          new Promise<Result>((resolve) => collect(spawn(process.execPath, [BIN, "recalc", file, "--out", out], { env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "" } }), resolve)),
      ),
    );
    expect(runs.map((r) => r.code).sort()).toEqual([0, 3, 3, 3]);
    const winner = runs.findIndex((r) => r.code === 0);
    expect(sha256(out)).toBe(winner % 2 === 0 ? copyOfInput : copyOfOther);
    expect(readdirSync(dir)).toEqual(["out.xlsx"]);
  }, 90000);

  test("a dangling symbolic link as --out is never replaced, with or without --force", () => {
    const dir = folder("dangling");
    const link = join(dir, "out.xlsx");
    symlinkSync(join(dir, "nowhere.xlsx"), link);
    for (const force of [[], ["--force"]]) {
      const r = cli(["recalc", input, "--out", link, ...force]);
      expect(r.code).toBe(3);
      expect(oneLine(r)).toBe(`${link}: not written: it is a symbolic link to a file that does not exist, which is never replaced; give the path of the file itself`);
    }
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join(dir, "nowhere.xlsx"));
    expect(readdirSync(dir)).toEqual(["out.xlsx"]);
  });

  test("--force onto a FIFO, a link to a character device, a folder: refused, exit 3, left as they were", () => {
    const dir = folder("force");
    const fifo = join(dir, "pipe.xlsx");
    execFileSync("mkfifo", [fifo]);
    const devLink = join(dir, "null.xlsx");
    symlinkSync("/dev/null", devLink);
    const sub = join(dir, "sub.xlsx");
    mkdirSync(sub);
    const expected: [string, string][] = [
      [fifo, "it is a named pipe (FIFO); only a regular file is ever replaced"],
      [devLink, "it is a symbolic link, which is never replaced; give the path of the file itself"],
      [sub, "it is a folder"],
    ];
    for (const [out, why] of expected) {
      const r = cli(["recalc", input, "--out", out, "--force"]);
      expect([out, r.code]).toEqual([out, 3]);
      expect(oneLine(r)).toBe(`${out}: not written: ${why}`);
      expect(cli(["recalc", input, "--out", out], { LANG: "zh_CN.UTF-8" }).code).toBe(3);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readlinkSync(devLink)).toBe("/dev/null");
    expect(lstatSync("/dev/null").isCharacterDevice()).toBe(true);
    expect(readdirSync(sub)).toEqual([]);
    expect(temporaries(dir)).toEqual([]);
  });

  test("--force replaces a regular file, through a rename (a hard link to it elsewhere keeps the old bytes)", () => {
    const dir = folder("replace");
    const out = join(dir, "out.xlsx");
    writeFileSync(out, "old");
    execFileSync("ln", [out, join(dir, "hard.xlsx")]);
    const r = cli(["recalc", input, "--out", out, "--force"]);
    expect(r.code).toBe(0);
    expect(sha256(out)).toBe(copyOfInput);
    expect(readFileSync(join(dir, "hard.xlsx"), "utf8")).toBe("old");
  });

  test("a 250-byte output name works (the temporary name does not add to it)", () => {
    const dir = folder("long");
    const name = `${"長".repeat(80)}${"x".repeat(5)}.xlsx`; // 80 × 3 + 5 + 5 = 250 bytes
    expect(Buffer.byteLength(name)).toBe(250);
    const r = cli(["recalc", input, "--out", join(dir, name)]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual([name]);
    expect(sha256(join(dir, name))).toBe(copyOfInput);
    const tooLong = cli(["recalc", input, "--out", join(dir, `${"x".repeat(256)}.xlsx`)]);
    expect(tooLong.code).toBe(3);
    expect(oneLine(tooLong)).toContain("writing failed: the name is too long for the file system (ENAMETOOLONG)");
    expect(readdirSync(dir)).toEqual([name]);
  });

  test("kill -9 during the write leaves a temporary file; the next run into that folder removes it", async () => {
    const dir = folder("killed");
    const out = join(dir, "out.xlsx");
    const run = heldRun(["recalc", input, "--out", out], join(tmp.dir, "go-never"));
    const pid = await run.holding;
    run.child.kill("SIGKILL");
    const r = await run.ended;
    expect(r.signal).toBe("SIGKILL");
    const left = temporaries(dir);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(new RegExp(`^\\.er-${pid}-`));
    expect(existsSync(out)).toBe(false);
    // A later run into the same folder, to another name: the dead run's temporary file is removed.
    const next = cli(["recalc", other, "--out", join(dir, "next.xlsx")]);
    expect(next.code).toBe(0);
    expect(readdirSync(dir)).toEqual(["next.xlsx"]);
  }, 60000);

  test.each(["SIGINT", "SIGTERM"] as const)("%s during the write: no temporary file is left, the output is whole or absent", async (signal) => {
    const dir = folder(`signal-${signal}`);
    const out = join(dir, "out.xlsx");
    const go = join(tmp.dir, `go-${signal}`);
    const run = heldRun(["recalc", input, "--out", out], go);
    await run.holding;
    run.child.kill(signal);
    await new Promise((resolve) => setTimeout(resolve, 200));
    writeFileSync(go, "");
    const r = await run.ended;
    expect(r.signal).toBe(signal); // the process still ends by the signal
    expect(temporaries(dir)).toEqual([]);
    if (existsSync(out)) expect(hashOf(readFileSync(out))).toBe(copyOfInput);
  }, 60000);
});
