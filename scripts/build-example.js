#!/usr/bin/env node
/**
 * Builds examples/six-plants.xlsx from examples/six-plants.json, and examples/region.xlsx from
 * examples/region.json and the six plants' rights (npm run example, after the Node build).
 * Reproducible: the same data and code give the same bytes (fixed dates in the package).
 * Usage: node scripts/build-example.js [six-plants.xlsx] [region.xlsx]
 */
const fs = require("fs");
const path = require("path");
const { buildExampleWorkbook, buildRegionWorkbook, EXAMPLE_DATE, workbookBytes } = require("../lib/example/workbook.js");
const { writeFileAtomic } = require("../lib/engine/files.js");
const { fixZipTimestamps } = require("../lib/engine/zip.js");

async function main() {
  const root = path.join(__dirname, "..");
  const data = JSON.parse(fs.readFileSync(path.join(root, "examples", "six-plants.json"), "utf8"));
  const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, "examples", "six-plants.xlsx");
  const bytes = fixZipTimestamps(await workbookBytes(buildExampleWorkbook(data)), EXAMPLE_DATE);
  writeFileAtomic(out, bytes, { force: true });
  process.stdout.write(`${path.relative(process.cwd(), out) || out}: ${bytes.length} bytes\n`);

  const region = JSON.parse(fs.readFileSync(path.join(root, "examples", "region.json"), "utf8"));
  const regionOut = process.argv[3] ? path.resolve(process.argv[3]) : path.join(root, "examples", "region.xlsx");
  const regionBytes = fixZipTimestamps(await workbookBytes(buildRegionWorkbook(region, data)), EXAMPLE_DATE);
  writeFileAtomic(regionOut, regionBytes, { force: true });
  process.stdout.write(`${path.relative(process.cwd(), regionOut) || regionOut}: ${regionBytes.length} bytes\n`);
}

main().catch((e) => {
  process.stderr.write(`build-example: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
