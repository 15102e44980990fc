#!/usr/bin/env node
"use strict";
/**
 * `npm start [-- web --document <url>]`: sideloads the add-in into Excel with office-addin-debugging,
 * after checking that this machine has the Excel it targets. Desktop Excel runs only on Windows and
 * macOS; without it, the first line printed says why and the exit code is 1 (office-addin-debugging
 * alone prints certificate errors first, the reason last, and exits 0). `web` targets Excel on the web,
 * which needs no local Excel. The office-addin tools' usage data collection is turned off first.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.join(__dirname, "..");

function chinese(env) {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^zh\b|^zh[-_]/i.test(tag.trim());
}

/** Whether desktop Excel is installed on Windows (its App Paths entry, for the machine or the user). */
function excelOnWindows() {
  const key = "\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\excel.exe";
  for (const hive of ["HKLM", "HKCU"]) {
    const r = spawnSync("reg", ["query", hive + key], { stdio: "ignore" });
    if (r.error) return true; // reg.exe cannot be run: let office-addin-debugging decide
    if (r.status === 0) return true;
  }
  return false;
}

function excelOnMac() {
  return ["/Applications/Microsoft Excel.app", path.join(os.homedir(), "Applications", "Microsoft Excel.app")].some((p) => fs.existsSync(p));
}

/**
 * Why `npm start` cannot sideload here, in one line, or undefined when it can try.
 * @param {string} platform process.platform
 * @param {string[]} args the arguments after `npm start --`
 * @param {{ env?: Record<string, string | undefined>, hasExcel?: () => boolean }} [options]
 */
function startProblem(platform, args, options = {}) {
  const zh = chinese(options.env || process.env);
  if (args[0] === "web") return undefined;
  const alternatives = zh
    ? "可改用网页版 Excel（npm run dev-server 后上传 manifest.xml，或 npm start -- web --document <工作簿网址>），或不用 Excel：npm run preview、npx emission-rights"
    : "use Excel on the web instead (npm run dev-server, then upload manifest.xml; or npm start -- web --document <workbook URL>), or no Excel at all: npm run preview, npx emission-rights";
  if (platform === "win32" || platform === "darwin") {
    const has = options.hasExcel || (platform === "win32" ? excelOnWindows : excelOnMac);
    if (has()) return undefined;
    return zh ? `未找到桌面版 Excel，无法旁加载加载项；${alternatives}` : `desktop Excel is not installed here, so the add-in cannot be sideloaded; ${alternatives}`;
  }
  return zh
    ? `桌面版 Excel 只在 Windows 和 macOS 上运行，本机是 ${platform}，无法旁加载加载项；${alternatives}`
    : `desktop Excel runs only on Windows and macOS, and this is ${platform}, so the add-in cannot be sideloaded; ${alternatives}`;
}

function run(command, args) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", shell: process.platform === "win32" });
  if (r.error) {
    process.stderr.write(`npm start: ${command}: ${r.error.message}\n`);
    return 1;
  }
  return r.status === null ? 1 : r.status;
}

function main() {
  const args = process.argv.slice(2);
  const problem = startProblem(process.platform, args);
  if (problem) {
    process.stderr.write(`npm start: ${problem}\n`);
    process.exitCode = 1;
    return;
  }
  const off = run("office-addin-usage-data", ["off"]);
  if (off !== 0) {
    process.exitCode = off;
    return;
  }
  process.exitCode = run("office-addin-debugging", ["start", "manifest.xml", ...args]);
}

module.exports = { startProblem };

if (require.main === module) main();
