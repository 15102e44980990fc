/**
 * The Region view's write against Excel's object model, mocked with office-addin-mock (fake-excel.ts): the
 * allocation sheet is added in one Excel.run of two syncs, its formulas and number formats go to the new sheet
 * only (the user's table is not written), and the pane's removal of the sheets it adds removes it although
 * Excel has spilled ER.ALLOCATE_CUT's results into its cells; a write Excel refuses half-way is rolled back.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { regionSheet, regionSheetName, type RegionData } from "../../src/example/region";
import { readTable, removeComparison, WriteFailed } from "../../src/taskpane/actions";
import { OfficeHost } from "../../src/taskpane/host/office";
import { analyzeRegion, summarize, type CutRequest } from "../../src/taskpane/model/region";
import { writeCut } from "../../src/taskpane/region-actions";
import { ROOT, sixPlants } from "../helpers";
import { FakeExcel } from "./fake-excel";

jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));

const region: RegionData = JSON.parse(readFileSync(join(ROOT, "examples", "region.json"), "utf8"));
const rights = { plants: sixPlants.table3_phased.plants, so2: sixPlants.table3_phased.so2.total_right, nox: sixPlants.table3_phased.nox.total_right };
const SO2 = regionSheetName("so2");

/** The region's SO2 sheet as Excel holds it: the typed figures, the formula cells with placeholder values. */
function workbook(): FakeExcel {
  return new FakeExcel({ [SO2]: FakeExcel.cells(regionSheet(region, rights, "so2")) });
}

function install(fake: FakeExcel): void {
  (globalThis as Record<string, unknown>).Excel = fake.mock();
  (globalThis as Record<string, unknown>).Office = {
    context: { requirements: { isSetSupported: (set: string, v: string) => (set === "ExcelApi" ? Number(v.split(".")[1]) <= 12 : set === "SharedRuntime") } },
    VisibilityMode: { hidden: "Hidden", taskpane: "Taskpane" },
    addin: { onVisibilityModeChanged: async () => async () => undefined },
  };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

const REQUEST: CutRequest = { pollutant: "so2", kind: "percent", value: "10", method: "weighted", weights: "weight", decimals: 2 };

async function prepare(fake: FakeExcel) {
  install(fake);
  const host = new OfficeHost();
  const read = await readTable(host, SO2);
  const a = analyzeRegion(read.table!.data);
  const s = summarize(a)[0];
  fake.log.runs = 0;
  fake.log.syncs = 0;
  return { host, a, s };
}

test("the allocation sheet: one batch of two syncs, written to the new sheet only, formats at the decimals, fitted, shown", async () => {
  const fake = workbook();
  const { host, a, s } = await prepare(fake);
  const w = await writeCut(host, a, s, REQUEST, "en-US");
  expect({ runs: fake.log.runs, syncs: fake.log.syncs }).toEqual({ runs: 1, syncs: 2 });
  expect(fake.log.added).toEqual(["Allocation"]);
  expect(fake.log.formulas.map((x) => x.sheet)).toEqual(["Allocation"]);
  const grid = fake.log.formulas[0].grid;
  expect(grid[2].slice(0, 6)).toEqual(["Target", "'-10%", "Method", "weighted", "Decimal places", 2]);
  expect(grid[5][1]).toBe(`=IF(ISBLANK('${SO2}'!D4),"",'${SO2}'!D4)`);
  expect(grid[5][2]).toBe(`=IF(ISBLANK('${SO2}'!G4),"",'${SO2}'!G4)`);
  expect(grid[5][3]).toBe("=ER.ALLOCATE_CUT(B6:B17,$B$3,$D$3,C6:C17,$F$3)");
  expect(grid[17][3]).toBe("=ER.REGIONAL_TOTAL(D6:D17)");
  expect(w.at).toBe("D6");
  const formats = fake.log.formats.find((x) => x.sheet === "Allocation")!.grid;
  expect([formats[5][1], formats[5][2], formats[5][3], formats[17][3]]).toEqual(["0.00", null, "0.00", "0.00"]);
  expect(fake.log.autofit.map((x) => x.sheet)).toEqual(["Allocation"]);
  expect(fake.log.selected).toEqual([{ sheet: "Allocation", address: "A1" }]);

  // Excel spills the results into D7:D17: the sheet is still the pane's own, and Remove deletes it.
  for (let r = 6; r <= 16; r++) {
    fake.sheets.get("Allocation")![r][3] = { value: 100 + r };
    fake.spills.set(`Allocation!${r},3`, { row: 5, col: 3 });
  }
  expect(await removeComparison(host, w)).toEqual({ removed: true });
  expect(fake.log.deleted).toEqual(["Allocation"]);
});

test("an edited allocation sheet is kept, with the reason", async () => {
  const fake = workbook();
  const { host, a, s } = await prepare(fake);
  const w = await writeCut(host, a, s, REQUEST, "en-US");
  fake.sheets.get("Allocation")![2][1] = { value: "-20%" };
  expect(await removeComparison(host, w)).toEqual({ removed: false, kept: { reason: "edited" } });
  expect(fake.log.deleted).toEqual([]);
});

test("a write Excel refuses half-way is rolled back: the new sheet is removed and the error says so", async () => {
  const fake = workbook();
  const { host, a, s } = await prepare(fake);
  fake.failSync = 2;
  const e = await writeCut(host, a, s, REQUEST, "zh-CN").catch((x) => x);
  expect(e).toBeInstanceOf(WriteFailed);
  expect((e as WriteFailed).undone).toBe(true);
  expect(fake.sheets.has("削减分配")).toBe(false);
});
