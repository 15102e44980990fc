/**
 * Issue 14: `npm start` on a machine without desktop Excel exits non-zero and says first, in one line,
 * why (office-addin-debugging alone prints certificate errors first, the reason last, and exits 0).
 */
import { spawnSync } from "child_process";
import { join } from "path";

const ROOT = join(__dirname, "..", "..");
const SCRIPT = join(ROOT, "scripts", "start.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startProblem } = require(SCRIPT) as { startProblem: (platform: string, args: string[], options?: { env?: Record<string, string>; hasExcel?: () => boolean }) => string | undefined };

describe("startProblem", () => {
  test("Linux and other systems: desktop Excel cannot run, in the user's language, with what to do instead", () => {
    expect(startProblem("linux", [], { env: { LANG: "en_US.UTF-8" } })).toMatch(/^desktop Excel runs only on Windows and macOS, and this is linux, .*npm run dev-server.*npm run preview/);
    expect(startProblem("freebsd", [], { env: { LANG: "zh_CN.UTF-8" } })).toMatch(/^桌面版 Excel 只在 Windows 和 macOS 上运行，本机是 freebsd/);
  });

  test("Windows and macOS: only when Excel is not installed", () => {
    expect(startProblem("win32", [], { hasExcel: () => true })).toBeUndefined();
    expect(startProblem("darwin", [], { hasExcel: () => true })).toBeUndefined();
    expect(startProblem("darwin", [], { hasExcel: () => false, env: { LANG: "C" } })).toMatch(/^desktop Excel is not installed here/);
    expect(startProblem("win32", [], { hasExcel: () => false, env: { LANG: "zh_CN.UTF-8" } })).toMatch(/^未找到桌面版 Excel/);
  });

  test("Excel on the web needs no local Excel", () => expect(startProblem("linux", ["web", "--document", "https://x"])).toBeUndefined());
});

const linux = process.platform === "linux" ? test : test.skip;

linux("`npm start` here: exit 1, and the first line it prints is why", () => {
  const r = spawnSync("npm", ["start"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "" }, timeout: 60000 });
  expect(r.signal).toBeNull();
  expect(r.status).not.toBe(0);
  // npm's own banner ("> emission-rights-excel@0.1.0 start", "> node scripts/start.js") comes before anything a script can print.
  const lines = `${r.stdout}${r.stderr}`.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("> "));
  expect(lines[0]).toMatch(/^npm start: desktop Excel runs only on Windows and macOS, and this is linux/);
  expect(`${r.stdout}${r.stderr}`).not.toMatch(/sudo|certificate/i);
});

linux("the script itself, in Chinese", () => {
  const r = spawnSync(process.execPath, [SCRIPT], { cwd: ROOT, encoding: "utf8", env: { ...process.env, LANG: "zh_CN.UTF-8", LC_ALL: "" }, timeout: 30000 });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe("");
  expect(r.stderr.split("\n")[0]).toMatch(/^npm start: 桌面版 Excel 只在 Windows 和 macOS 上运行，本机是 linux/);
});
