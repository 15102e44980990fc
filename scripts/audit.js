#!/usr/bin/env node
/*
 * `npm audit --omit=dev` with a verdict: fails on any high or critical advisory in what the add-in
 * ships. When the registry's advisory service cannot be reached (offline machines, mirrors that refuse
 * its POST, as on this project's CI), it says so plainly and does not pretend to have checked.
 */
"use strict";
const { spawnSync } = require("child_process");

const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8", shell: process.platform === "win32" });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(`npm audit gave no report (exit ${run.status}): ${(run.stderr || "").trim().split("\n").pop()}`);
  process.exit(run.status === 0 ? 0 : 2);
}

const counts = report.metadata && report.metadata.vulnerabilities;
if (!counts) {
  const why = report.message || (report.error && (report.error.summary || report.error.code)) || "unknown error";
  console.warn(`npm audit: the advisory service could not be reached, dependencies NOT checked (${why}).`);
  process.exit(0);
}
const serious = (counts.high || 0) + (counts.critical || 0);
console.log(`npm audit --omit=dev: ${counts.critical || 0} critical, ${counts.high || 0} high, ${counts.moderate || 0} moderate, ${counts.low || 0} low`);
if (serious > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities || {})) {
    if (v.severity === "high" || v.severity === "critical") console.error(`  ${v.severity}: ${name} ${v.range || ""}`);
  }
  process.exit(1);
}
