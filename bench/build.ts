/**
 * The production build the bench measures: dist/ (webpack --mode production) and lib/ (the CLI and
 * engine compiled by tsc). `npm run build` is run when an output is missing, comes from a development
 * build, or is older than a source.
 *
 * webpack leaves an output untouched when its content has not changed, so a dist/ file can be older than
 * a source and still current: the bench records when it last built (lib-bench/build-stamp.json) and
 * counts dist/ as built then.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "fs";
import { dirname, join } from "path";

const DIST_OUTPUTS = ["dist/functions.js", "dist/taskpane.js", "dist/functions.json"];
/** tsc rewrites every file it emits, so these are as old as the last compilation. */
const LIB_OUTPUTS = ["lib/engine/engine.js", "lib/engine/workbook.js", "lib/cli/main.js"];
export const OUTPUTS = [...DIST_OUTPUTS, ...LIB_OUTPUTS, "bin/emission-rights.js"];
const STAMP = "lib-bench/build-stamp.json";
const INPUT_FILES = ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.node.json", "webpack.config.js", "manifest.xml"];
const INPUT_DIRS = ["src"];

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    const t = entry.isDirectory() ? newestIn(p) : statSync(p).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function stampTime(root: string): number {
  try {
    return (JSON.parse(readFileSync(join(root, STAMP), "utf8")) as { builtAt: number }).builtAt;
  } catch {
    return 0;
  }
}

/** Why the build must be run, or undefined when dist/ and lib/ are current production outputs. */
export function staleReason(root: string): string | undefined {
  for (const o of OUTPUTS) if (!existsSync(join(root, o))) return `${o} is missing`;
  // webpack's development bundles keep their runtime comments; production ones are minified.
  if (readFileSync(join(root, "dist/functions.js"), "utf8").includes("/******/")) return "dist/ holds a development build";
  const mtime = (o: string) => statSync(join(root, o)).mtimeMs;
  const distBuilt = Math.max(stampTime(root), ...DIST_OUTPUTS.map(mtime));
  const libBuilt = Math.min(...LIB_OUTPUTS.map(mtime));
  let newestInput = 0;
  for (const f of INPUT_FILES) if (existsSync(join(root, f))) newestInput = Math.max(newestInput, mtime(f));
  for (const d of INPUT_DIRS) if (existsSync(join(root, d))) newestInput = Math.max(newestInput, newestIn(join(root, d)));
  if (newestInput > distBuilt) return "a source is newer than dist/";
  if (newestInput > libBuilt) return "a source is newer than lib/";
  return undefined;
}

/** Runs `npm run build` when needed; its output goes to stderr, so that --json's stdout stays one object. */
export function ensureBuild(root: string, log: (line: string) => void): { built: boolean; reason?: string } {
  const reason = staleReason(root);
  if (reason === undefined) return { built: false };
  log(`building (${reason}): npm run build`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const builtAt = Date.now();
  const r = spawnSync(npm, ["run", "build"], { cwd: root, stdio: ["ignore", process.stderr, process.stderr] });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status ?? r.signal})`);
  for (const o of OUTPUTS) if (!existsSync(join(root, o))) throw new Error(`npm run build did not make ${o}`);
  mkdirSync(dirname(join(root, STAMP)), { recursive: true });
  writeFileSync(join(root, STAMP), `${JSON.stringify({ builtAt })}\n`);
  return { built: true, reason };
}
