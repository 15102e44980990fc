/**
 * Files made to hurt a reader (issue 7, item 3): an XML entity-expansion attack, an external entity, a
 * sheet with a million rows, zip bombs that declare their size (in a plain and a zip64 package) and two
 * that hide it. Each goes through
 * the installed command in a child process, which must answer with one clear line and exit code 2, in
 * bounded time and under 1 GB of memory, leaving the input's bytes as they were and writing nothing.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdirSync, readdirSync } from "fs";
import { join } from "path";
import { runCli, type CliRun } from "./run";
import { READ_LIMITS, WorkbookReadError, type UnreadableReason } from "../../src/engine/errors";
import { readWorkbook } from "../../src/engine/workbook";
import { hostileFiles, sha256, tempDir, writeWorkbook } from "../engine/fixtures";

const ROOT = join(__dirname, "..", "..");
const GIB = 1024 * 1024 * 1024;

/** Runs the CLI in-process (for what needs no measuring). */
const inProcess = (argv: string[], lang?: string): Promise<CliRun> => runCli(argv, { lang, cwd: ROOT });

/** Runs the compiled CLI in a child process; reports its exit code, output, wall time and peak memory. */
function cli(args: string[], env: Record<string, string> = {}) {
  const script = `const { main } = require(${JSON.stringify(join(ROOT, "lib", "cli", "main.js"))});
const { processIo } = require(${JSON.stringify(join(ROOT, "lib", "cli", "io.js"))});
main(process.argv.slice(1), processIo()).then((c) => { process.stdout.write("\\n@@maxrss " + process.resourceUsage().maxRSS * 1024 + "\\n"); process.exitCode = c; });`;
  const started = Date.now();
  const r = spawnSync(process.execPath, ["-e", script, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "", ...env }, timeout: 120000 });
  const seconds = (Date.now() - started) / 1000;
  const m = /\n@@maxrss (\d+)\n$/.exec(r.stdout);
  return { code: r.status, out: m ? r.stdout.slice(0, m.index) : r.stdout, err: r.stderr, seconds, peakBytes: m ? Number(m[1]) : NaN };
}

const EXPECTED: Record<string, { reason: UnreadableReason; en: RegExp; zh: RegExp }> = {
  entityExpansion: { reason: "dtd", en: /xl\/sharedStrings\.xml has a document type declaration .* entity-expansion attack/, zh: /实体膨胀攻击/ },
  externalEntity: { reason: "dtd", en: /xl\/worksheets\/sheet1\.xml has a document type declaration/, zh: /文档类型声明/ },
  millionRows: { reason: "tooManyCells", en: /more than 1,000,000 cells or rows \(1,048,576 cells in 1,048,576 rows/, zh: /单元格或行数超过 1,000,000/ },
  declaredBomb: { reason: "tooLarge", en: /unpacks to 3,338 MiB, more than the 256 MiB/, zh: /解压后为 3,338 MiB/ },
  hiddenBomb: { reason: "zipBomb", en: /xl\/worksheets\/sheet1\.xml unpacks to more than the \d+ bytes it declares \(a damaged entry, or a zip bomb\)/, zh: /部件已损坏，或为 zip 炸弹/ },
  zip64Bomb: { reason: "tooLarge", en: /unpacks to 5,723 MiB, more than the 256 MiB/, zh: /解压后为 5,723 MiB/ },
  hiddenBombMedia: { reason: "zipBomb", en: /xl\/media\/image1\.png unpacks to more than the 4,096 bytes it declares/, zh: /xl\/media\/image1\.png 解压后超过其声明的 4,096 字节/ },
};

let tmp: ReturnType<typeof tempDir>;
let files: Record<string, string>;
beforeAll(async () => {
  // Compile as `npm install` does (the child runs lib/).
  spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.node.json"], { cwd: ROOT, encoding: "utf8" });
  tmp = tempDir();
  files = await hostileFiles(tmp.dir);
}, 120000);
afterAll(() => tmp.cleanup());

test("every kind is made", () => expect(Object.keys(files).sort()).toEqual(Object.keys(EXPECTED).sort()));

describe.each(Object.keys(EXPECTED))("%s", (kind) => {
  test("read in-process: refused with its own reason, before anything is parsed", async () => {
    const err = await readWorkbook(files[kind]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkbookReadError);
    expect((err as WorkbookReadError).reason).toBe(EXPECTED[kind].reason);
  });

  test("recalc --out: one line, exit 2, bounded time and memory, input unchanged, nothing written", () => {
    const before = sha256(files[kind]);
    const outDir = join(tmp.dir, `out-${kind}`);
    mkdirSync(outDir);
    const r = cli(["recalc", files[kind], "--out", join(outDir, "copy.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.out.trim()).toBe("");
    const lines = r.err.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${kind}.xlsx: cannot be read: `);
    expect(lines[0]).toMatch(EXPECTED[kind].en);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.seconds).toBeLessThan(30);
    expect(r.peakBytes).toBeLessThan(GIB);
    expect(sha256(files[kind])).toBe(before);
    expect(readdirSync(outDir)).toEqual([]);
  });

  test("audit, in Chinese", () => {
    const r = cli(["audit", files[kind], "--json"], { LANG: "zh_CN.UTF-8" });
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toEqual([expect.stringMatching(EXPECTED[kind].zh)]);
    expect(JSON.parse(r.out)).toBeTruthy();
  });
});

test("a folder holding all of them and one good workbook: the good one is still audited", async () => {
  const folder = join(tmp.dir, "folder");
  mkdirSync(folder);
  const { copyFileSync } = await import("fs");
  for (const [kind, file] of Object.entries(files)) copyFileSync(file, join(folder, `${kind}.xlsx`));
  await writeWorkbook(join(folder, "good.xlsx"), { S: [[1562, 2268, { formula: "ER.INITIAL_RIGHT(A1,B1)", result: 1562 }]] });
  const r = cli(["audit", folder, "--json"]);
  expect(r.code).toBe(2);
  expect(r.err.trim().split("\n")).toHaveLength(Object.keys(files).length);
  const report = JSON.parse(r.out) as { files: { file: string; status: string }[] };
  const good = report.files.find((f) => f.file.endsWith("good.xlsx"));
  expect(good?.status).toBe("clean");
  expect(r.peakBytes).toBeLessThan(GIB);
}, 120000);

describe("--max-cells", () => {
  let file: string;
  beforeAll(async () => {
    file = join(tmp.dir, "thirty.xlsx");
    const rows = Array.from({ length: 10 }, (_, r) => [r + 1, (r + 1) * 2, { formula: `ER.INITIAL_RIGHT(A${r + 1},B${r + 1})`, result: r + 1 }]);
    await writeWorkbook(file, { S: rows });
  });

  test("the default limit is what the help says", async () => {
    expect(READ_LIMITS.cells).toBe(1000000);
    expect((await inProcess(["recalc", "--help"])).out.replace(/\s+/g, " ")).toContain("(default 1000000; about 1 KB of memory each)");
  });

  test("a workbook over the limit is refused; raising the limit reads it", async () => {
    const refused = await inProcess(["recalc", file, "--max-cells", "29"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/more than 29 cells or rows \(30 cells in 10 rows/);
    const read = await inProcess(["recalc", file, "--max-cells", "30", "--json"]);
    expect(read.code).toBe(0);
    expect(JSON.parse(read.out).cells).toHaveLength(10);
    expect((await inProcess(["audit", file, "--max-cells", "9"])).err).toMatch(/more than 9 cells or rows \(30 cells in 10 rows/);
  });

  test.each(["0", "-5", "abc", "1.5", "1e3"])("%s is a usage error (exit 64)", async (value) => {
    const r = await inProcess(["recalc", file, `--max-cells=${value}`]);
    expect(r.code).toBe(64);
    expect(r.err).toContain(`--max-cells: ${value} is not a whole number greater than 0`);
    expect((await inProcess(["recalc", file, `--max-cells=${value}`], "zh_CN.UTF-8")).err).toContain(`--max-cells: ${value} 不是大于 0 的整数`);
  });
});

test("no temporary file is left beside any input", () => {
  expect(readdirSync(tmp.dir).filter((f) => f.includes(".tmp") || f.startsWith("."))).toEqual([]);
  expect(existsSync(join(tmp.dir, "folder"))).toBe(true);
});
