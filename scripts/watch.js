#!/usr/bin/env node
"use strict";
/**
 * `npm run watch`: keeps lib/ and dist/ current while you edit. Builds lib/ once, then runs
 * `tsc -p tsconfig.node.json --watch` (lib/: the CLI, and the registry that functions.json and help.html are
 * generated from) beside `webpack --mode development --watch` (dist/), which rebuilds whenever tsc rewrites
 * the lib/ files it reads. Ctrl-C (or either watcher ending) stops both.
 */
const { spawn, spawnSync } = require("child_process");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const bin = (name) => path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);

const first = spawnSync(bin("tsc"), ["-p", "tsconfig.node.json"], { cwd: ROOT, stdio: "inherit", shell: process.platform === "win32" });
if (first.status !== 0) process.exit(first.status ?? 1);

const children = [
  spawn(bin("tsc"), ["-p", "tsconfig.node.json", "--watch", "--preserveWatchOutput"], { cwd: ROOT, stdio: "inherit", shell: process.platform === "win32" }),
  spawn(bin("webpack"), ["--mode", "development", "--watch"], { cwd: ROOT, stdio: "inherit", shell: process.platform === "win32" }),
];
let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  process.exitCode = code;
};
for (const c of children) c.on("exit", (code) => stop(code ?? 1));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(0));
