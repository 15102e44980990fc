/**
 * The Region view's model and actions (issue 13) on the in-memory workbook: permit-holder tables laid out
 * three ways (the example's sheets, holders across with English headers, one long sheet with a pollutant
 * column and 本年/上年), the proposed mapping and its corrections, the totals, changes and holders over
 * their permit, the selection of one holder's cells, and the allocation sheet: its live formulas give the
 * preview, add up to the target, leave the user's table as it was, and are removed by the pane's undo.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { sumExact } from "../../src/core/decimal";
import { regionHolders, regionSheetName, type RegionData } from "../../src/example/region";
import { allocateCut, parseHolderAmounts } from "../../src/core/region";
import { holdersAcross, HOLDERS_ACROSS_SHEET, regionWorkbook } from "../../src/preview/samples";
import { readTable, removeComparison } from "../../src/taskpane/actions";
import { MemoryHost } from "../../src/taskpane/host/memory";
import type { UserInput } from "../../src/taskpane/host/types";
import { rangeAddress } from "../../src/sheet/rect";
import { analyzeRegion, previewCut, summarize, weightRoles, type CutRequest, type RegionOverrides } from "../../src/taskpane/model/region";
import { writeCut } from "../../src/taskpane/region-actions";
import { ROOT, sixPlants } from "../helpers";

const region: RegionData = JSON.parse(readFileSync(join(ROOT, "examples", "region.json"), "utf8"));
const rights = { plants: sixPlants.table3_phased.plants, so2: sixPlants.table3_phased.so2.total_right, nox: sixPlants.table3_phased.nox.total_right };
const SO2 = regionSheetName("so2");

/** A sheet read as the pane reads it for every view (readTable), then as a table of permit holders. */
async function readRegion(host: MemoryHost, sheet: string, overrides: RegionOverrides = {}) {
  const read = await readTable(host, sheet);
  const region = analyzeRegion(read.table!.data, overrides);
  return { region, summaries: summarize(region) };
}

/** The figures of the region example for a pollutant, by holder, as the rules read them. */
function expected(pollutant: "so2" | "nox") {
  const hs = regionHolders(region, rights, pollutant);
  const nums = (xs: (number | string)[]) => xs.filter((x): x is number => typeof x === "number");
  const margin = hs.map((h) => (typeof h.permitted === "number" && typeof h.thisYear === "number" ? sumExact([h.permitted, -h.thisYear]) : null));
  return {
    holders: hs,
    permitted: sumExact(nums(hs.map((h) => h.permitted))),
    actual: sumExact(nums(hs.map((h) => h.thisYear))),
    last: sumExact(nums(hs.map((h) => h.lastYear))),
    over: hs.map((h, i) => [h.name, margin[i]] as const).filter(([, m]) => m !== null && m < 0).sort((a, b) => (a[1] as number) - (b[1] as number)),
  };
}

/** One sheet with a row per holder and pollutant: a pollutant column, Chinese headers, 本年 / 上年 in words. */
function longSheet(): UserInput[][] {
  const rows: UserInput[][] = [["示例市排污许可台账（t/a，实际排放量为示意数据）"], ["排污单位名称", "污染物", "许可排放量", "上年实际排放量", "本年实际排放量", "污染贡献"]];
  for (const pol of ["so2", "nox"] as const) {
    for (const h of regionHolders(region, rights, pol)) rows.push([h.name.split(" ")[0], pol === "so2" ? "二氧化硫" : "氮氧化物", h.permitted, h.lastYear, h.thisYear, h.contribution]);
  }
  return rows;
}

const layouts: [string, () => MemoryHost, string, (pol: "so2" | "nox") => string[]][] = [
  ["the example's sheets (holders in rows, years in the headers)", () => new MemoryHost(regionWorkbook(region, sixPlants), { active: SO2 }), SO2, (pol) => regionHolders(region, rights, pol).map((h) => h.name)],
  ["holders across, English headers, last/this year in words", () => new MemoryHost({ [HOLDERS_ACROSS_SHEET]: holdersAcross(region, sixPlants) }), HOLDERS_ACROSS_SHEET, (pol) => regionHolders(region, rights, pol).map((h) => h.name.replace(/^\S+ /, ""))],
  ["one long sheet with a pollutant column, Chinese headers", () => new MemoryHost({ 台账: { cells: longSheet() } }), "台账", (pol) => regionHolders(region, rights, pol).map((h) => h.name.split(" ")[0])],
];

describe.each(layouts)("%s", (_name, host, sheet, names) => {
  test("the mapping proposed, the holders, and per pollutant the totals, the change and the holders over their permit", async () => {
    const read = (await readRegion(host(), sheet))!;
    expect(read.region.lines.filter((l) => l.role !== "ignore").map((l) => l.role).sort()).toEqual(["actual", "last", "permitted", "weight"]);
    const pollutants = sheet === SO2 ? ["so2"] : ["so2", "nox"];
    expect(read.summaries.map((s) => s.pollutant)).toEqual(pollutants);
    for (const s of read.summaries) {
      const pol = s.pollutant as "so2" | "nox";
      const e = expected(pol);
      expect(s.holders.map((h) => h.row.name)).toEqual(names(pol));
      expect([s.permitted, s.actual, s.last, s.change]).toEqual([e.permitted, e.actual, e.last, sumExact([e.actual, -e.last])]);
      const nameOf = (full: string) => names(pol)[e.holders.findIndex((h) => h.name === full)];
      expect(s.over.map((h) => [h.row.name, h.margin])).toEqual(e.over.map(([n, m]) => [nameOf(n), m]));
      expect(s.problems).toEqual([]);
      expect(s.counted).toEqual({ actual: 11, last: 10, both: 10 });
    }
  });

  test("a holder's range is its own cells only: its name and its figures for the pollutant", async () => {
    const read = (await readRegion(host(), sheet))!;
    const s = read.summaries[0];
    const plant3 = s.holders[2].row;
    const ranges = s.holders.map((h) => h.row.range);
    // No other holder's figure lies inside plant 3's range.
    for (const h of s.holders) {
      if (h === s.holders[2]) continue;
      for (const e of Object.values(h.row.cells)) {
        const r = plant3.range;
        expect(e.row >= r.row && e.row < r.row + r.rows && e.col >= r.col && e.col < r.col + r.cols).toBe(false);
      }
    }
    expect(new Set(ranges.map((r) => rangeAddress(r))).size).toBe(ranges.length);
    if (sheet === SO2) expect(rangeAddress(plant3.range)).toBe("B6:G6");
    if (sheet === HOLDERS_ACROSS_SHEET) expect(rangeAddress(plant3.range)).toBe("E2:E6");
  });

  test.each([
    ["proportional", { kind: "percent", value: "10" }],
    ["weighted", { kind: "percent", value: "10" }],
    ["history", { kind: "tonnes", value: "30000" }],
  ] as const)("a cut by %s: the preview is ALLOCATE_CUT's, the sheet written gives it live, and undo removes it", async (method, target) => {
    const h = host();
    const read = (await readRegion(h, sheet))!;
    const s = read.summaries[0];
    const before = h.size(sheet);
    const inputsBefore = Array.from({ length: before.rows }, (_, r) => Array.from({ length: before.cols }, (_, c) => h.input(sheet, r, c)));
    const request: CutRequest = { pollutant: s.pollutant, ...target, method, weights: method === "weighted" ? "weight" : method === "history" ? "actual" : undefined, decimals: 2 };
    const preview = previewCut(s, request);
    if ("problem" in preview) throw new Error(JSON.stringify(preview.problem));
    // The rules' own allocation of the table's figures.
    const hs = regionHolders(region, rights, "so2");
    const core = allocateCut({
      permitted: parseHolderAmounts(hs.map((x) => [x.permitted]), "permitted"),
      target: target.kind === "percent" ? { percent: { int: 10n, scale: 0 }, text: "-10%" } : { tonnes: 30000 },
      method,
      weights: method === "weighted" ? hs.map((x) => [x.contribution]) : method === "history" ? hs.map((x) => [x.thisYear]) : null,
      decimals: 2,
    });
    expect(preview.results).toEqual(core.results);
    expect(preview.target).toBe(core.target);

    const written = await writeCut(h, read.region, s, request, "en-US");
    expect(written.sheet).toBe("Allocation");
    expect(h.activeName()).toBe("Allocation");
    const col = method === "proportional" ? 2 : 3;
    const got = s.holders.map((_, i) => {
      const v = h.cell("Allocation", 5 + i, col).value;
      return v === "" || v === null ? "" : v;
    });
    expect(got).toEqual(preview.results.map((x) => (x === "" ? "" : x)));
    expect(h.cell("Allocation", 5, col).formula).toMatch(/^=ER\.ALLOCATE_CUT\(/);
    expect(h.cell("Allocation", 5 + s.holders.length, col).value).toBe(preview.target);
    // The user's table is as it was.
    expect(Array.from({ length: before.rows }, (_, r) => Array.from({ length: before.cols }, (_, c) => h.input(sheet, r, c)))).toEqual(inputsBefore);
    // The pane's removal of the sheets it adds removes it, the spilled cells notwithstanding.
    expect(await removeComparison(h, written)).toEqual({ removed: true });
    expect(h.sheetList()).not.toContain("Allocation");
  });
});

test("the mapping is correctable: the years swapped by hand, the totals follow", async () => {
  const h = new MemoryHost(regionWorkbook(region, sixPlants), { active: SO2 });
  const read = (await readRegion(h, SO2))!;
  const actual = read.region.lines.find((l) => l.role === "actual")!;
  const last = read.region.lines.find((l) => l.role === "last")!;
  expect([actual.at, last.at]).toEqual(["F3", "E3"]);
  const swapped = (await readRegion(h, SO2, { roles: { [actual.key]: "last", [last.key]: "actual" } }))!;
  const e = expected("so2");
  expect([swapped.summaries[0].actual, swapped.summaries[0].last]).toEqual([e.last, e.actual]);
  // A header set to "ignore" drops its figures.
  const noPermit = (await readRegion(h, SO2, { roles: { [read.region.lines.find((l) => l.role === "permitted")!.key]: "ignore" } }))!;
  expect(noPermit.summaries[0].permitted).toBeNull();
});

test("a figure the rules refuse is named with its cell; the weights offered are the table's", async () => {
  const cells = regionWorkbook(region, sixPlants)[SO2].cells.map((r) => r.slice());
  cells[5][3] = "n.a.";
  const read = (await readRegion(new MemoryHost({ [SO2]: { cells } }), SO2))!;
  const s = read.summaries[0];
  expect(s.problems.map((p) => [p.address, p.key])).toEqual([["D6", "notANumber"]]);
  expect(weightRoles(s)).toEqual(["weight", "actual", "last"]);
  const p = previewCut(s, { pollutant: "so2", kind: "tonnes", value: "50000", method: "proportional", decimals: 2 });
  expect("problem" in p && p.problem.key).toBe("targetAboveTotal");
});

test("a plant table is not a holder table, and a holder table is not a plant table", async () => {
  const { table3 } = await import("./layouts");
  const h = new MemoryHost({ 表3: { cells: table3() } });
  const read = (await readRegion(h, "表3"))!;
  expect(read.summaries).toEqual([]);
});
