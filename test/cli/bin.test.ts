/**
 * The installed command as a user runs it: `node bin/emission-rights.js ...` in a child process, on the
 * compiled lib/ (built here, as `npm install` does through the prepare script).
 */
import { spawnSync } from "child_process";
import { existsSync, writeFileSync } from "fs";
import { join } from "path";
import { tempDir, writeWorkbook } from "../engine/fixtures";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "emission-rights.js");

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "", ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  // Compile as `npm install` does; type errors elsewhere in the tree must not stop the emit.
  spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.node.json"], { cwd: ROOT, encoding: "utf8" });
  expect(existsSync(join(ROOT, "lib", "cli", "main.js"))).toBe(true);
  tmp = tempDir();
}, 120000);
afterAll(() => tmp.cleanup());

test("--help and --version", () => {
  const help = cli(["--help"]);
  expect(help.code).toBe(0);
  expect(help.out).toMatch(/recalc/);
  expect(help.out).toMatch(/audit/);
  expect(cli(["--version"]).out.trim()).toMatch(/^\d+\.\d+\.\d+/);
});

test("an unreadable file: exit 2, one line on stderr, no stack trace", () => {
  const bad = join(tmp.dir, "bad.xlsx");
  writeFileSync(bad, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Buffer.from("EncryptedPackage", "utf16le")]));
  const r = cli(["recalc", bad, "--json"]);
  expect(r.code).toBe(2);
  expect(r.out).toBe("");
  expect(r.err.trim().split("\n")).toEqual([`${bad}: cannot be read: the workbook is encrypted (password-protected); save an unprotected copy from Excel`]);
  expect(cli(["audit", bad], { LANG: "zh_CN.UTF-8" }).err).toContain("工作簿已加密");
});

test("recalc --json prints one JSON document", async () => {
  const file = join(tmp.dir, "w.xlsx");
  await writeWorkbook(file, { S: [[1562, 2268, { formula: "_xldudf_ER_INITIAL_RIGHT(A1,B1)", result: 1562 }]] });
  const r = cli(["recalc", file, "--json"]);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.out)).toEqual({ cells: [{ sheet: "S", address: "C1", formula: "=_xldudf_ER_INITIAL_RIGHT(A1,B1)", value: 1562, previous: 1562 }] });
});

test("demo on the bundled example (what `npm run demo` runs)", () => {
  const r = cli(["demo", "examples/six-plants.xlsx"]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/Table 5/);
  expect(r.err).toBe("");
});
