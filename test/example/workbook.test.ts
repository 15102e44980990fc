/**
 * The example workbook examples/six-plants.xlsx against the paper: recalculated headless, Tables 3-5
 * give the printed numbers exactly (except the misprints the data file lists, which the audit sheet marks).
 */
import { readFileSync } from "fs";
import { join } from "path";
import { sumExact } from "../../src/core/decimal";
import { auditWorkbook } from "../../src/engine/audit";
import { isCellError, type CellValue } from "../../src/sheet/errors";
import { readWorkbook, type LoadedWorkbook } from "../../src/engine/workbook";
import { fixZipTimestamps } from "../../src/engine/zip";
import { permitInputs, POLLUTANTS, type SixPlantsData } from "../../src/example/data";
import { LAYOUT, MARK, SHEETS } from "../../src/example/layout";
import { buildExampleWorkbook, EXAMPLE_DATE, workbookBytes } from "../../src/example/workbook";
import { LIMIT_SHEET, PERMIT_SHEET } from "../../src/example/rule-grids";
import { readBack } from "../engine/fixtures";

const ROOT = join(__dirname, "..", "..");
const FILE = join(ROOT, "examples", "six-plants.xlsx");
const data: SixPlantsData = JSON.parse(readFileSync(join(ROOT, "examples", "six-plants.json"), "utf8"));

let wb: LoadedWorkbook;
beforeAll(async () => {
  // Every formula recomputed: these tests check the example's own formulas, not only what depends on the ER cells.
  wb = await readWorkbook(FILE, { recomputeAll: true });
});
afterAll(() => wb.engine.destroy());

const value = (sheet: string, row: number, col: number): CellValue => wb.engine.getValue(sheet, row, col);
/** The paper prints '/' for a phase that does not exist (null in the data file). */
const printed = (v: number | string | null): CellValue => (v === null ? "/" : v);

test("the committed file is what `npm run example` builds from the data", async () => {
  const built = fixZipTimestamps(await workbookBytes(buildExampleWorkbook(data)), EXAMPLE_DATE);
  expect(built.equals(readFileSync(FILE))).toBe(true);
});

describe.each(POLLUTANTS)("%s", (pol) => {
  const t3 = data.table3_phased[pol];
  const phases = [t3.phase1, t3.phase2, t3.phase3];

  test("Table 3: the inputs typed as printed, every right and total as printed", () => {
    data.table3_phased.plants.forEach((_, i) => {
      const row = LAYOUT.t3.firstRow[pol] + i;
      for (let k = 0; k < 3; k++) {
        expect(value(SHEETS.t3, row, LAYOUT.t3.eia + k)).toEqual(printed(phases[k].eia[i]));
        expect(value(SHEETS.t3, row, LAYOUT.t3.performance + k)).toEqual(printed(phases[k].performance[i]));
        expect(value(SHEETS.t3, row, LAYOUT.t3.right + k)).toEqual(printed(phases[k].right[i]));
      }
      expect(value(SHEETS.t3, row, LAYOUT.t3.total)).toBe(t3.total_right[i]);
    });
  });

  test("Table 4: as printed, but for the misprint the data file lists", () => {
    const t4 = data.table4_total[pol];
    data.table4_total.plants.forEach((plant, i) => {
      const row = LAYOUT.t4.firstRow + i;
      const c0 = LAYOUT.t4[pol];
      expect(value(SHEETS.t4, row, c0)).toEqual(t4.total_eia[i]);
      expect(value(SHEETS.t4, row, c0 + 2)).toBe(t4.right[i]);
      // The performance total is the decimal sum of Table 3's printed phase values.
      const perf = phases.map((p) => p.performance[i]).filter((v): v is number => typeof v === "number");
      const live = value(SHEETS.t4, row, c0 + 1);
      expect(live).toBe(sumExact(perf));
      if (live !== t4.total_performance[i]) {
        const listed = data.known_inconsistencies_in_print.some((s) => s.includes(`Table 4 plant ${plant}`) && s.includes(String(t4.total_performance[i])));
        expect([plant, pol, listed]).toEqual([plant, pol, true]);
      }
    });
  });

  test("Table 5: every printed number", () => {
    const t5 = data.table5_comparison[pol];
    data.table5_comparison.plants.forEach((_, i) => {
      const row = LAYOUT.t5.firstRow + i;
      const c0 = LAYOUT.t5[pol];
      expect([value(SHEETS.t5, row, c0), value(SHEETS.t5, row, c0 + 1), value(SHEETS.t5, row, c0 + 2)]).toEqual([t5.phased[i], t5.total[i], t5.difference[i]]);
    });
  });
});

test("only one Table 4 number differs from the print", () => {
  let differ = 0;
  for (const pol of POLLUTANTS)
    data.table4_total.plants.forEach((_, i) => {
      if (value(SHEETS.t4, LAYOUT.t4.firstRow + i, LAYOUT.t4[pol] + 1) !== data.table4_total[pol].total_performance[i]) differ++;
    });
  expect(differ).toBe(1);
});

describe("the limit and permit sheets (issue 4)", () => {
  test("ER.EMISSION_LIMIT of every unit gives the limits Table 1 prints", () => {
    data.table1_performance.forEach((p, i) => {
      const row = LIMIT_SHEET.firstRow + i;
      expect([p.plant, p.phase, value(SHEETS.limits, row, LIMIT_SHEET.so2), value(SHEETS.limits, row, LIMIT_SHEET.nox)]).toEqual([p.plant, p.phase, p.so2_limit, p.nox_limit]);
      expect(wb.engine.getFormula(SHEETS.limits, row, LIMIT_SHEET.nox)).toMatch(/^=ER\.EMISSION_LIMIT\(/);
    });
  });

  test("ER.PERMITTED_EMISSION of every phase equals the right Table 3 prints", () => {
    const phases = permitInputs(data);
    expect(phases.length).toBe(28);
    phases.forEach((p, i) => {
      expect([p.plant, p.phase, p.pollutant, value(SHEETS.permits, PERMIT_SHEET.firstRow + i, PERMIT_SHEET.permitted)]).toEqual([p.plant, p.phase, p.pollutant, p.printedRight]);
    });
  });
});

describe("the audit sheet", () => {
  const rows = () => {
    const out: { row: number; mark: CellValue; note: CellValue; printed: CellValue; live: CellValue }[] = [];
    for (let row = LAYOUT.audit.firstRow; value(SHEETS.audit, row, LAYOUT.audit.item) !== null; row++) {
      out.push({
        row,
        mark: value(SHEETS.audit, row, LAYOUT.audit.mark),
        note: value(SHEETS.audit, row, LAYOUT.audit.note),
        printed: value(SHEETS.audit, row, LAYOUT.audit.printed),
        live: value(SHEETS.audit, row, LAYOUT.audit.live),
      });
    }
    return out;
  };

  test("every known inconsistency of the print shows up as a marked difference", () => {
    const marked = rows().filter((r) => r.mark === MARK);
    for (const text of data.known_inconsistencies_in_print) {
      expect([text, marked.some((r) => typeof r.note === "string" && r.note.includes(text))]).toEqual([text, true]);
    }
  });

  test("marks are live formulas: a row is marked exactly when the printed and live values differ", () => {
    const all = rows();
    expect(all.length).toBeGreaterThan(150);
    for (const r of all) {
      expect(wb.engine.getFormula(SHEETS.audit, r.row, LAYOUT.audit.mark)).toMatch(/^=IF\(/);
      expect(wb.engine.getFormula(SHEETS.audit, r.row, LAYOUT.audit.live)).toMatch(/^=/);
      expect(r.mark === MARK).toBe(r.printed !== r.live);
      expect(r.note !== null).toBe(r.mark === MARK);
    }
  });
});

describe("the file as Excel will open it", () => {
  test("ER formulas are stored as Excel stores a JavaScript custom function, every one with its value", () => {
    const er = wb.formulas.filter((f) => f.er);
    expect(er.length).toBeGreaterThan(100);
    for (const f of er) {
      expect(f.formula).not.toMatch(/(^|[^_A-Z])ER\./);
      expect(f.formula).toMatch(/_xldudf_ER_/);
    }
    // Every value is cached (an empty text result is stored as no value, which Excel shows the same way).
    for (const f of wb.formulas) expect([f.address, f.previous === null && value(f.sheet, f.row, f.col) !== ""]).toEqual([f.address, false]);
    const report = auditWorkbook(wb);
    expect(report.clean).toBe(true);
    expect(report.findings).toEqual([]);
  });

  test("the audit as the CLI runs it (ER formulas and what depends on them recomputed, the rest from the file) is clean, with nothing unverified", async () => {
    const own = await readWorkbook(FILE);
    try {
      const report = auditWorkbook(own);
      expect(report.clean).toBe(true);
      expect(report.findings).toEqual([]);
      expect(report.counts.notVerified).toBe(0);
      // Every ER formula and every formula that reads one, directly or not, is recomputed.
      expect(report.recomputed).toBeGreaterThanOrEqual(report.erFormulas);
      expect(report.recomputed).toBeLessThan(report.formulas);
    } finally {
      own.engine.destroy();
    }
  });

  test("no ER formula ends in an error; IFNA shows the paper's '-' for a missing EIA total", () => {
    for (const f of wb.formulas) expect([f.sheet, f.address, isCellError(value(f.sheet, f.row, f.col))]).toEqual([f.sheet, f.address, false]);
    expect(wb.formulas.some((f) => f.formula.startsWith("=_xlfn.IFNA("))).toBe(true);
  });

  test("tonnes show two decimals, volumes in 10^9 m3; merged headers and notes are there", async () => {
    const book = await readBack(FILE);
    const t3 = book.getWorksheet(SHEETS.t3)!;
    expect(t3.getCell(LAYOUT.t3.firstRow.so2 + 1, LAYOUT.t3.total + 1).numFmt).toBe("0.00");
    expect(book.getWorksheet(SHEETS.t1)!.getCell(LAYOUT.t1.firstRow + 1, LAYOUT.t1.volume + 1).numFmt).toBe("0.00,,,");
    expect(t3.model.merges.length).toBeGreaterThan(3);
    const noted: string[] = [];
    t3.eachRow((row) => row.eachCell((c) => (c.note ? noted.push(c.address) : undefined)));
    expect(noted.length).toBeGreaterThan(0);
  });
});
