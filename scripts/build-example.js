#!/usr/bin/env node
/**
 * Builds examples/six-plants.xlsx from examples/six-plants.json (npm run example, after the Node build).
 * Reproducible: the same data and code give the same bytes (fixed dates in the package).
 */
const fs = require("fs");
const path = require("path");
const { buildExampleWorkbook, EXAMPLE_DATE } = require("../lib/cli/example.js");
const { workbookBytes } = require("../lib/engine/xlsx.js");
const { writeFileAtomic } = require("../lib/engine/files.js");
const { fixZipTimestamps } = require("../lib/engine/zip.js");

async function main() {
  const root = path.join(__dirname, "..");
  const data = JSON.parse(fs.readFileSync(path.join(root, "examples", "six-plants.json"), "utf8"));
  const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, "examples", "six-plants.xlsx");
  const bytes = fixZipTimestamps(await workbookBytes(buildExampleWorkbook(data)), EXAMPLE_DATE);
  writeFileAtomic(out, bytes, { force: true });
  process.stdout.write(`${path.relative(process.cwd(), out) || out}: ${bytes.length} bytes\n`);
}

main().catch((e) => {
  process.stderr.write(`build-example: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
