/**
 * The baseline of cli_ratio: read an .xlsx with ExcelJS and write it back to another file, with no
 * calculation, the way the CLI reads (the file's bytes, loaded) and writes (a buffer, written out).
 *
 * Usage: node exceljs-copy.js <in.xlsx> <out.xlsx>
 */
import { readFileSync, writeFileSync } from "fs";
import ExcelJS from "exceljs";

async function main(): Promise<void> {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) throw new Error("usage: exceljs-copy <in.xlsx> <out.xlsx>");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(input) as never);
  writeFileSync(output, Buffer.from(await workbook.xlsx.writeBuffer()));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
