/**
 * The region workbook examples/region.xlsx (issue 13), built from examples/region.json and the six plants'
 * phased rights, and the command-line tool on it as a bureau runs it on last year's allocation sheet:
 * what `emission-rights recalc` and `audit` print and write (values per cell, exit codes), the spilled
 * results of ER.ALLOCATE_CUT included. The CLI runs as a child process on the compiled lib/; the copies it
 * writes are read back with ExcelJS, independently of the engine.
 */
import { spawnSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { sixPlantRights, type SixPlantsData } from "../../src/example/data";
import { buildRegionWorkbook, EXAMPLE_DATE, regionSheetNames, workbookBytes } from "../../src/example/workbook";
import { sumExact } from "../../src/core/decimal";
import { CUT_METHODS_SHOWN, CUT_SHEET, CUT_SHEET_NAME, REGION_SHEET, regionHolders, regionSheetName, type RegionData } from "../../src/example/region";
import { allocateCut, parseHolderAmounts } from "../../src/core/region";
import { fixZipTimestamps } from "../../src/engine/zip";
import { tempDir } from "../engine/fixtures";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "emission-rights.js");
const FILE = join(ROOT, "examples", "region.xlsx");
const six: SixPlantsData = JSON.parse(readFileSync(join(ROOT, "examples", "six-plants.json"), "utf8"));
const region: RegionData = JSON.parse(readFileSync(join(ROOT, "examples", "region.json"), "utf8"));
const rights = sixPlantRights(six);
const SO2 = regionSheetName("so2");

function cli(args: string[], columns = 160) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "", COLUMNS: String(columns) } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The cached value of every cell of a workbook on disk, as ExcelJS reads it: "sheet!A1" -> value. */
async function cached(file: string): Promise<Map<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, unknown>();
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as unknown;
        const r = v && typeof v === "object" && "formula" in (v as object) ? (v as { result?: unknown }).result : v;
        out.set(`${ws.name}!${cell.address}`, r && typeof r === "object" && "error" in (r as object) ? (r as { error: string }).error : r);
      }),
    ),
  );
  return out;
}

const addr = (row: number, col: number) => `${String.fromCharCode(65 + col)}${row + 1}`;

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.node.json"], { cwd: ROOT, encoding: "utf8" });
  expect(existsSync(join(ROOT, "lib", "cli", "main.js"))).toBe(true);
  tmp = tempDir();
}, 120000);
afterAll(() => tmp.cleanup());

test("the committed file is what `npm run example` builds from the data", async () => {
  const built = fixZipTimestamps(await workbookBytes(buildRegionWorkbook(region, six)), EXAMPLE_DATE);
  expect(built.equals(readFileSync(FILE))).toBe(true);
});

test("the six plants hold their phased initial rights as permits; the other figures are marked illustrative on every sheet", async () => {
  const v = await cached(FILE);
  expect(regionSheetNames(region)).toEqual(["SO2 二氧化硫", "NOx 氮氧化物", CUT_SHEET_NAME, "说明 Notes"]);
  for (const pol of ["so2", "nox"] as const) {
    const sheet = regionSheetName(pol);
    six.table3_phased.plants.forEach((_, i) => expect(v.get(`${sheet}!${addr(REGION_SHEET.firstRow + i, REGION_SHEET.permitted)}`)).toBe(six.table3_phased[pol].total_right[i]));
    expect(String(v.get(`${sheet}!A2`))).toMatch(/ILLUSTRATIVE/);
  }
  expect(String(v.get(`${CUT_SHEET_NAME}!A2`))).toMatch(/ILLUSTRATIVE/);
  expect(String(v.get("说明 Notes!A2"))).toMatch(/^ILLUSTRATIVE DATA/);
});

test("the stored values are the rules': totals, changes, margins, and the cut by each method adding up to the target", async () => {
  const v = await cached(FILE);
  const L = REGION_SHEET;
  for (const pol of ["so2", "nox"] as const) {
    const sheet = regionSheetName(pol);
    const holders = regionHolders(region, rights, pol);
    const totalRow = L.firstRow + holders.length;
    const numbers = (k: "permitted" | "lastYear" | "thisYear") => holders.map((h) => h[k]).filter((x): x is number => typeof x === "number");
    expect(v.get(`${sheet}!${addr(totalRow, L.permitted)}`)).toBe(sumExact(numbers("permitted")));
    expect(v.get(`${sheet}!${addr(totalRow, L.thisYear)}`)).toBe(sumExact(numbers("thisYear")));
    holders.forEach((h, i) => {
      const r = L.firstRow + i;
      const change = typeof h.thisYear === "number" && typeof h.lastYear === "number" ? sumExact([h.thisYear, -h.lastYear]) : "/";
      const margin = typeof h.thisYear === "number" && typeof h.permitted === "number" ? sumExact([h.permitted, -h.thisYear]) : "/";
      expect([h.name, v.get(`${sheet}!${addr(r, L.change)}`), v.get(`${sheet}!${addr(r, L.margin)}`)]).toEqual([h.name, change, margin]);
    });
  }
  // The cut: -10% of the SO2 total, rounded down to 2 places, by each method.
  const holders = regionHolders(region, rights, "so2");
  const C = CUT_SHEET;
  const permitted = parseHolderAmounts(holders.map((h) => [h.permitted]), "permitted");
  const weights = { proportional: null, weighted: holders.map((h) => [h.contribution]), history: holders.map((h) => [h.thisYear]) };
  CUT_METHODS_SHOWN.forEach((m, k) => {
    const expected = allocateCut({ permitted, target: { percent: { int: 10n, scale: 0 }, text: "-10%" }, method: m.method, weights: weights[m.method], decimals: 2 });
    const got = holders.map((_, i) => v.get(`${CUT_SHEET_NAME}!${addr(C.firstRow + i, C.methods[k])}`));
    expect([m.method, got]).toEqual([m.method, expected.results]);
    expect(v.get(`${CUT_SHEET_NAME}!${addr(C.firstRow + holders.length, C.methods[k])}`)).toBe(37648.84);
  });
  expect(v.get(`${CUT_SHEET_NAME}!${addr(C.firstRow + holders.length, C.permitted)}`)).toBe(41832.05);
});

describe("emission-rights on the region workbook", () => {
  test("audit: clean, exit 0; recalc: every stored value matches, exit 0", () => {
    const a = cli(["audit", FILE]);
    expect([a.code, a.err]).toEqual([0, ""]);
    expect(a.out).toMatch(/1 clean/);
    const r = cli(["recalc", FILE, "--json"]);
    expect(r.code).toBe(0);
    const cells = (JSON.parse(r.out) as { cells: { sheet: string; address: string; formula: string; value: unknown; previous: unknown }[] }).cells;
    expect(cells.filter((c) => /ALLOCATE_CUT/.test(c.formula)).map((c) => [c.sheet, c.address, c.value])).toEqual(
      CUT_SHEET.methods.map((col) => [CUT_SHEET_NAME, addr(CUT_SHEET.firstRow, col), expect.any(Number)]),
    );
    for (const c of cells) expect([c.sheet, c.address, c.value]).toEqual([c.sheet, c.address, c.previous]);
  });

  test("last year's allocation sheet with a new target and a changed permit: audit finds the stale cells (exit 1), recalc --out writes every spilled result anew", async () => {
    // The bureau's copy: the target is now a 20% cut and the steel works' permit is 2500; Excel has not
    // recalculated it, so every cached value is last year's.
    const stale = join(tmp.dir, "allocation-2025.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(FILE);
    wb.getWorksheet(CUT_SHEET_NAME)!.getCell(addr(CUT_SHEET.targetRow, CUT_SHEET.target)).value = "-20%";
    const steel = regionHolders(region, rights, "so2").findIndex((h) => /Steel/.test(h.name));
    wb.getWorksheet(SO2)!.getCell(addr(REGION_SHEET.firstRow + steel, REGION_SHEET.permitted)).value = 2500;
    await wb.xlsx.writeFile(stale);

    const audit = cli(["audit", stale]);
    expect(audit.code).toBe(1);
    expect(audit.out).toMatch(/ALLOCATE_CUT/);

    const out = join(tmp.dir, "allocation-2025-recalculated.xlsx");
    // --recompute-all: the file was edited without recalculation, so the stored values of the formulas that
    // do not depend on an ER function (the copied permits, their total) are stale too.
    const r = cli(["recalc", stale, "--out", out, "--recompute-all"]);
    expect([r.code, r.err]).toEqual([0, ""]);
    const v = await cached(out);
    const holders = regionHolders(region, rights, "so2").map((h, i) => (i === steel ? { ...h, permitted: 2500 } : h));
    const permitted = parseHolderAmounts(holders.map((h) => [h.permitted]), "permitted");
    const weights = { proportional: null, weighted: holders.map((h) => [h.contribution]), history: holders.map((h) => [h.thisYear]) };
    const total = sumExact(holders.map((h) => h.permitted).filter((x): x is number => typeof x === "number"));
    expect(v.get(`${CUT_SHEET_NAME}!${addr(CUT_SHEET.firstRow + holders.length, CUT_SHEET.permitted)}`)).toBe(total);
    CUT_METHODS_SHOWN.forEach((m, k) => {
      const expected = allocateCut({ permitted, target: { percent: { int: 20n, scale: 0 }, text: "-20%" }, method: m.method, weights: weights[m.method], decimals: 2 });
      // Every cell of the spill, not only its first: the copy carries the new values where Excel would show them.
      const got = holders.map((_, i) => v.get(`${CUT_SHEET_NAME}!${addr(CUT_SHEET.firstRow + i, CUT_SHEET.methods[k])}`));
      expect([m.method, got]).toEqual([m.method, expected.results]);
      expect(v.get(`${CUT_SHEET_NAME}!${addr(CUT_SHEET.firstRow + holders.length, CUT_SHEET.methods[k])}`)).toBe(expected.target);
    });
    expect(cli(["audit", out]).code).toBe(0);
  });

  test("an allocation that cannot be made: the cell's error and its message, exit 1", async () => {
    const bad = join(tmp.dir, "bad-target.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(FILE);
    wb.getWorksheet(CUT_SHEET_NAME)!.getCell(addr(CUT_SHEET.targetRow, CUT_SHEET.target)).value = 50000;
    await wb.xlsx.writeFile(bad);
    const r = cli(["audit", bad]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("#VALUE!");
    expect(r.out).toMatch(/target: 50000 t\/a is above the current total/);
  });
});

test("demo: after the six-plant output, the region's totals and a 10% SO2 cut by each method, in both languages", () => {
  const r = cli(["demo", "examples/six-plants.xlsx"]);
  expect([r.code, r.err]).toEqual([0, ""]);
  const at = r.out.indexOf("Region: Example City");
  expect(at).toBeGreaterThan(r.out.indexOf("Table 5"));
  const printed = r.out.slice(at);
  expect(printed).toMatch(/^\s+SO2\s+11\s+41832\.05\s+38450\.12\s+38224\.9\s+-225\.22\s+Plant 3 \(-55\.8\), Cement works \(-22\.1\)$/m);
  expect(printed).toMatch(/^\s+NOx\s+11\s+38718\.78\s+36670\.4\s+37452\.3\s+781\.9\s+Plant 4 \(-88\.42\), Cement works \(-52\.7\)$/m);
  expect(printed).toMatch(/A 10% cut of SO2: target 37648\.84 t\/a/);
  // Each holder's line: the figures the rules give, method by method.
  const data = regionHolders(JSON.parse(readFileSync(join(ROOT, "examples", "region.json"), "utf8")) as RegionData, rights, "so2");
  const permitted = parseHolderAmounts(data.map((h) => [h.permitted]), "permitted");
  const results = CUT_METHODS_SHOWN.map((m) =>
    allocateCut({ permitted, target: { percent: { int: 10n, scale: 0 }, text: "-10%" }, method: m.method, weights: m.method === "weighted" ? data.map((h) => [h.contribution]) : m.method === "history" ? data.map((h) => [h.thisYear]) : null, decimals: 2 }).results,
  );
  data.forEach((h, i) => {
    const en = h.name.replace(/^\S+ /, "");
    const line = printed.split("\n").find((l) => l.trim().startsWith(`${en} `));
    expect(line?.trim().split(/\s{2,}/)).toEqual([en, String(h.permitted), ...results.map((x) => String(x[i]))]);
  });
  expect(printed).toMatch(/^\s+Total\s+41832\.05\s+37648\.84\s+37648\.84\s+37648\.84$/m);
  const zh = cli(["demo", "examples/six-plants.xlsx", "--lang", "zh-CN"]);
  expect(zh.code).toBe(0);
  // A narrow terminal: the tables wrap, nothing is lost.
  const narrow = cli(["demo", "examples/six-plants.xlsx"], 60);
  expect(narrow.code).toBe(0);
  expect(narrow.out.slice(narrow.out.indexOf("Region:")).split("\n").every((l) => l.length <= 60)).toBe(true);
  expect(zh.out).toMatch(/区域：示例市/);
  expect(zh.out).toMatch(/^\s+合计\s+41832\.05\s+37648\.84\s+37648\.84\s+37648\.84$/m);
});
