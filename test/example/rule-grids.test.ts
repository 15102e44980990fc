/**
 * The example sheets of issue 4 (src/example/rule-grids.ts), recalculated by the headless engine: the
 * limits of the six plants' units come out as the paper's Table 1 prints them, and the permitted
 * emission of every phase equals the right Table 3 prints.
 */
import { Engine } from "../../src/engine/engine";
import { isCellError } from "../../src/sheet/errors";
import { ACTUAL_EXAMPLES, LIMIT_SHEET, limitSheet, PERMIT_SHEET, permitSheet, SIX_PLANT_UNITS, type PermitInput } from "../../src/example/rule-grids";
import { plantPhases, POLLUTANTS, sixPlants } from "../helpers";

const paper = new Map(sixPlants.table1_performance.map((r) => [`${r.plant}-${r.phase}`, { so2: r.so2_limit, nox: r.nox_limit }]));

describe("limit sheet", () => {
  const grid = limitSheet(paper);
  const values = Engine.create({ Limits: grid }).getSheetValues("Limits");

  test("one row per unit of Table 1", () => {
    expect(SIX_PLANT_UNITS.map((u) => `${u.plant}-${u.phase}`)).toEqual(sixPlants.table1_performance.map((r) => `${r.plant}-${r.phase}`));
    expect(grid.length).toBe(1 + SIX_PLANT_UNITS.length);
  });

  test.each(SIX_PLANT_UNITS.map((u, i) => [u.plant, u.phase, u.date, i] as const))("plant %i phase %i (%s): the limits are the paper's", (_p, _ph, _d, i) => {
    const row = values[LIMIT_SHEET.firstRow + i];
    expect(row[LIMIT_SHEET.so2]).toBe(row[LIMIT_SHEET.so2Paper]);
    expect(row[LIMIT_SHEET.nox]).toBe(row[LIMIT_SHEET.noxPaper]);
    expect(row[LIMIT_SHEET.so2Clause]).toBe("GB13223-2011 表1");
    expect(row[LIMIT_SHEET.noxClause]).toBe(row[LIMIT_SHEET.nox] === 200 ? "GB13223-2011 表1 注(2)" : "GB13223-2011 表1");
  });

  test("the formulas can be written in Excel's saved form", () => {
    const saved = limitSheet(paper, (id, args) => `_xldudf_ER_${id}(${args})`);
    expect(saved[1][LIMIT_SHEET.nox]).toBe('=_xldudf_ER_EMISSION_LIMIT("GB13223-2011","NOx",C2)');
    const v = Engine.create({ Limits: saved }).getSheetValues("Limits");
    expect(v.slice(1).map((r) => r[LIMIT_SHEET.nox])).toEqual(sixPlants.table1_performance.map((r) => r.nox_limit));
  });
});

describe("permit sheet", () => {
  const phases: PermitInput[] = [];
  for (const pollutant of POLLUTANTS) {
    sixPlants.table3_phased.plants.forEach((plant, i) => {
      const { eia, performance, right } = plantPhases(pollutant, i);
      performance.forEach((p, k) => {
        if (p === null) return;
        phases.push({ plant, phase: k + 1, pollutant: pollutant === "so2" ? "SO2" : "NOx", performance: p as number, eia: eia[k] === "-" ? "-" : (eia[k] as number), printedRight: right[k] as number });
      });
    });
  }
  const grid = permitSheet(phases);
  const values = Engine.create({ Permits: grid }).getSheetValues("Permits");

  test("28 existing phases (14 per pollutant)", () => expect(phases.length).toBe(28));

  test("every permitted emission equals the right Table 3 prints", () => {
    for (let i = 0; i < phases.length; i++) {
      const row = values[PERMIT_SHEET.firstRow + i];
      expect(isCellError(row[PERMIT_SHEET.permitted])).toBe(false);
      expect(row[PERMIT_SHEET.permitted]).toBe(row[PERMIT_SHEET.printed]);
    }
  });

  test("the actual-emission block: priority order and the larger value", () => {
    const first = PERMIT_SHEET.firstRow + phases.length + 2;
    const got = ACTUAL_EXAMPLES.map((_e, i) => [values[first + i][5], values[first + i][6]]);
    expect(got).toEqual([
      [1480.6, 1610.8],
      [1502.3, 1610.8],
      [1610.8, 1610.8],
    ]);
  });
});
