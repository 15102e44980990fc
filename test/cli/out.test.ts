/**
 * `recalc --out` never drops a part or a value: an .xlsm through the CLI keeps its macros and every byte
 * but the new values (exit 0); a copy that cannot be made by patching is refused with exit 3, a reason in
 * the user's language, and nothing written (never rebuilt).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { runCli, type CliRun } from "./run";
import { makeZip, sha256, tempDir, writeWorkbook, zipParts } from "../engine/fixtures";
import { expectOnlyValuesChanged } from "../engine/package-diff";
import { makeMacroEnabled } from "../engine/package-fixtures";

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const run = (argv: string[], lang?: string): Promise<CliRun> => runCli(argv, { lang, cwd: tmp.dir });

/** A plant's Table 3 row with a stale stored right (G1) and an array formula over H1:H2; `edit` changes its parts. */
async function workbook(file: string, edit?: (parts: Record<string, Buffer>) => void): Promise<void> {
  const plain = join(tmp.dir, "plain.xlsx");
  await writeWorkbook(plain, {
    S: [
      [4014, 12042, 2220, 4152, 8303, 1890, { formula: "_xldudf_ER_INITIAL_RIGHT_PHASED(A1:C1,D1:F1)", result: 14345 }, { formula: "_xldudf_ER_REGIONAL_TOTAL(G1)*2", result: 1, shareType: "array", ref: "H1:H2" }],
      [1, 2, 3, 4, 5, 6, 7, 1],
    ],
  });
  const parts = zipParts(readFileSync(plain));
  edit?.(parts);
  writeFileSync(file, makeZip(parts, { deflate: true, extras: true }));
}

const VBA = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));

test("an .xlsm through --out: exit 0, its macros and content type kept, only the new values differ", async () => {
  const input = join(tmp.dir, "plant.xlsm");
  const output = join(tmp.dir, "copy.xlsm");
  await workbook(input, (parts) => makeMacroEnabled(parts, VBA));
  const before = sha256(input);
  const r = await run(["recalc", input, "--out", output]);
  expect([r.code, r.err]).toEqual([0, ""]);
  expect(sha256(input)).toBe(before);
  const cells = expectOnlyValuesChanged(readFileSync(input), readFileSync(output), { "xl/worksheets/sheet1.xml": ["G1", "H1", "H2"] });
  expect(cells.get("xl/worksheets/sheet1.xml!G1")?.v).toBe("14207");
  expect([cells.get("xl/worksheets/sheet1.xml!H1")?.v, cells.get("xl/worksheets/sheet1.xml!H2")?.v]).toEqual(["28414", "28414"]);
  const copy = zipParts(readFileSync(output));
  expect(copy["xl/vbaProject.bin"].equals(VBA)).toBe(true);
  expect(copy["[Content_Types].xml"].toString()).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
});

test.each([
  ["en_US.UTF-8", /copy\.xlsx: not written: cell S!H2 is not in its worksheet's XML.*nothing was written/],
  ["zh_CN.UTF-8", /copy\.xlsx：未写入：单元格 S!H2 不在其工作表的 XML 中.*未写入任何文件/],
])("a copy that cannot be patched: exit 3, the reason (%s), nothing written", async (lang, message) => {
  const input = join(tmp.dir, "plant.xlsx");
  const output = join(tmp.dir, "copy.xlsx");
  await workbook(input, (parts) => {
    const xml = parts["xl/worksheets/sheet1.xml"].toString();
    parts["xl/worksheets/sheet1.xml"] = Buffer.from(xml.replace(/<c r="H2"[^>]*?(\/>|>.*?<\/c>)/, ""));
  });
  const r = await run(["recalc", input, "--out", output], lang);
  expect(r.code).toBe(3);
  expect(r.err).toMatch(message);
  expect(existsSync(output)).toBe(false);
  expect(readdirSync(tmp.dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
});
