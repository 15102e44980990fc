/**
 * The browser preview's copy of examples/six-plants.xlsx (scripts/preview-workbook.js, run by the build):
 * the engine's inputs of every sheet as the reader and the recompute plan give them. Checked here in
 * Node, so that a change in what the reader gives is seen without a browser (the browser test shows the
 * result only as a preview that opens on a README sheet).
 */
import { spawnSync } from "child_process";
import { join } from "path";
import { Engine } from "../../src/engine/engine";
import { SHEETS } from "../../src/example/layout";
import { ROOT } from "../helpers";

// The script runs lib/, compiled as `npm install` does.
beforeAll(() => {
  spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.node.json"], { cwd: ROOT, encoding: "utf8" });
}, 120000);

interface PreviewSheet {
  readonly name: string;
  readonly cells: unknown[][];
  readonly formats: unknown[][];
}

test("every sheet of the example workbook, its ER formulas as the engine reads them, no holes; the engine computes it", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { previewWorkbook } = require(join(ROOT, "scripts", "preview-workbook.js")) as { previewWorkbook(file: string): Promise<{ sheets: PreviewSheet[]; names: { name: string; expression: string }[] }> };
  const wb = await previewWorkbook(join(ROOT, "examples", "six-plants.xlsx"));
  expect(wb.sheets.map((s) => s.name)).toEqual(Object.values(SHEETS));
  for (const s of wb.sheets) {
    for (const row of s.cells) for (let c = 0; c < row.length; c++) expect(c in row && row[c] !== undefined).toBe(true);
    expect(s.formats.length).toBe(s.cells.length);
  }
  const formulas = wb.sheets.flatMap((s) => s.cells.flat()).filter((v): v is string => typeof v === "string" && v.startsWith("="));
  expect(formulas.length).toBeGreaterThan(250);
  expect(formulas.some((f) => /_xldudf_/.test(f))).toBe(false);
  expect(formulas.filter((f) => f.includes("ER.INITIAL_RIGHT_TOTAL(")).length).toBeGreaterThan(10);
  // The browser builds its engine from exactly this.
  const engine = Engine.create(Object.fromEntries(wb.sheets.map((s) => [s.name, s.cells as never])), { names: wb.names });
  expect(engine.getSheetValues(SHEETS.t5).flat().filter((v) => typeof v === "object" && v !== null)).toEqual([]);
  engine.destroy();
});
