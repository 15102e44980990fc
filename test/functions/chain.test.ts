/**
 * Absent phases through a chain of formulas: a row of three phases where the third does not exist
 * ('/' or an empty volume). ER.PERFORMANCE_EMISSION carries the absence on as "/", and the rights over
 * the row give exactly what they give with "/" typed in the performance cell. Through the headless
 * engine (a workbook as an analyst fills it) and the built bundle, in English and Chinese.
 */
import { Engine, type CellContent } from "../../src/engine/engine";
import { isCellError, type CellValue } from "../../src/sheet/errors";
import { readWorkbook } from "../../src/engine/workbook";
import { join } from "path";
import { SHEETS } from "../../src/example/layout";
import { CHAIN_SHEET } from "../../src/example/rule-grids";
import { phasedRight, totalRight } from "../../src/core/rights";
import { parseAmounts } from "../../src/core/values";
import { ROOT } from "../helpers";
import { loadBundle, type StubError } from "./bundle";

const en = loadBundle("en-US");
const zh = loadBundle("zh-CN");

const RIGHTS = ["INITIAL_RIGHT_PHASED", "INITIAL_RIGHT_TOTAL", "METHOD_DIFFERENCE", "PERFORMANCE_TOTAL", "EIA_TOTAL"] as const;

/**
 * Row 1: volumes of three phases; row 2: limits; row 3: EIA-approved emissions; row 4: performance by
 * ER.PERFORMANCE_EMISSION; row 5: the same performance typed (with "/" for the absent phase). Rows 7 and
 * 8: each rights function over rows 3-4 and over rows 3-5; rows 10-11 and 13-14: ER.EXPLAIN_RIGHT's
 * spill over rows 3-4 and over rows 3-5.
 */
function plantSheet(volumes: CellContent[], limits: CellContent[], eia: CellContent[], typed: CellContent[]): CellContent[][] {
  const perf = ["A", "B", "C"].map((c) => `=ER.PERFORMANCE_EMISSION(${c}1,${c}2)`);
  return [volumes, limits, eia, perf, typed, [], RIGHTS.map((id) => `=ER.${id}(A3:C3,A4:C4)`), RIGHTS.map((id) => `=ER.${id}(A3:C3,A5:C5)`), [], ["=ER.EXPLAIN_RIGHT(A3:C3,A4:C4)"], [], [], ["=ER.EXPLAIN_RIGHT(A3:C3,A5:C5)"]];
}

/** EXPLAIN_RIGHT's two spilled rows from (row, 0). */
const explained = (e: Engine, row: number) => [row, row + 1].map((r) => [0, 1, 2].map((c) => e.getValue("S", r, c)));

const cases: [string, CellContent[], CellContent[], CellContent[], CellContent[]][] = [
  ["a '/' volume", [11.34e9, 23.2e9, "/"], [200, 200, 200], [1562, 3500, "/"], [2268, 4640, "/"]],
  ["an empty volume", [11.34e9, 23.2e9, null], [200, 200, 200], [1562, 3500, "/"], [2268, 4640, "/"]],
  ["a '/' limit", [11.34e9, 23.2e9, 9e9], [200, 200, "/"], [1562, 3500, "/"], [2268, 4640, "/"]],
  ["a full-width '／' volume, NOx without EIA figures", [20.76e9, 41.52e9, "／"], [200, 200, 200], ["-", "-", "/"], [4152, 8304, "/"]],
  ["an absent first phase", ["/", 17.3e9, 18.9e9], [100, 100, 100], ["/", 1515, 7765], ["/", 1730, 1890]],
];

describe.each(cases)("%s: the rights over PERFORMANCE_EMISSION's row equal the rights over the typed row", (_name, volumes, limits, eia, typed) => {
  test.each(["en-US", "zh-CN"] as const)("%s", (locale) => {
    const e = Engine.create({ S: plantSheet(volumes, limits, eia, typed) }, { locale });
    const k = volumes.findIndex((v) => v === "/" || v === "／" || v === null);
    const j = limits.findIndex((v) => v === "/");
    const absent = k >= 0 ? k : j;
    expect(e.getValue("S", 3, absent)).toBe("/");
    expect([0, 1, 2].map((c) => e.getValue("S", 3, c))).toEqual([0, 1, 2].map((c) => e.getValue("S", 4, c)));
    RIGHTS.forEach((id, c) => {
      const viaFormula = e.getValue("S", 6, c);
      const typedIn = e.getValue("S", 7, c);
      expect([id, viaFormula]).toEqual([id, typedIn]);
      if (id !== "EIA_TOTAL") expect([id, isCellError(viaFormula)]).toEqual([id, false]);
    });
    expect(explained(e, 9)).toEqual(explained(e, 12));
    expect(explained(e, 9)[0][absent]).toBe("absent");
    e.destroy();
  });
});

test("the paper's numbers through the chain: plant 1 SO2 (two phases in a three-phase row)", () => {
  const e = Engine.create({ S: plantSheet([11.34e9, 23.2e9, "/"], [200, 200, 200], [1562, 3500, "/"], []) });
  expect([0, 1, 2].map((c) => e.getValue("S", 3, c))).toEqual([2268, 4640, "/"]);
  expect([0, 1, 2, 3].map((c) => e.getValue("S", 6, c))).toEqual([5062, 5062, 0, 6908]);
  e.destroy();
});

describe("'-' is not '/': a volume marked as a missing figure is refused, and the rights say which phase", () => {
  test.each([
    ["en-US", 'volume: "-" marks a missing figure, but a phase that exists has one; type the figure, or "/" if the phase does not exist.', "performance (cell 3 of 3): the cell holds the error #VALUE!."],
    ["zh-CN", "volume（年排放烟气（废水）量）：“-”表示缺少数值，但存在的工程期必有该数值；请填写数值，该期不存在时填“/”。", "performance（绩效排放量）（第 3 格，共 3 格）：单元格中是错误值 #VALUE!。"],
  ] as const)("%s", (locale, message, rights) => {
    const e = Engine.create({ S: plantSheet([11.34e9, 23.2e9, "-"], [200, 200, 200], [1562, 3500, 900], []) }, { locale });
    expect(e.getValue("S", 3, 2)).toEqual({ error: "#VALUE!", message });
    expect(e.getValue("S", 6, 0)).toEqual({ error: "#VALUE!", message: rights });
    e.destroy();
  });

  test("an EIA figure for a phase whose volume is '/' cannot be assessed", () => {
    const e = Engine.create({ S: plantSheet([11.34e9, 23.2e9, "/"], [200, 200, 200], [1562, 3500, 900], []) });
    const v = e.getValue("S", 6, 0) as { error: string; message: string };
    expect(v.error).toBe("#VALUE!");
    expect(v.message).toBe("phase 3: the EIA figure is 900 but the performance emission is missing; a right cannot be assessed without it.");
    e.destroy();
  });
});

describe("the bundle, as Excel calls it", () => {
  test.each([
    [["/", 200, null], "/"],
    [[null, 200, null], "/"],
    [["／", 200, "water"], "/"],
    [[11.34e9, "/", null], "/"],
    [[11.34e9, null, null], "/"],
    [[[["/"]], [[200]], null], "/"],
    [[11.34e9, 200, null], 2268],
  ] as [unknown[], unknown][])("PERFORMANCE_EMISSION(%j) = %p", (args, expected) => {
    expect(en.call("PERFORMANCE_EMISSION", ...args)).toBe(expected);
    expect(zh.call("PERFORMANCE_EMISSION", ...args)).toBe(expected);
  });

  test("its '/' fed to the rights is a '/' typed in the cell", () => {
    const perf = [en.call("PERFORMANCE_EMISSION", 11.34e9, 200, null), en.call("PERFORMANCE_EMISSION", 23.2e9, 200, null), en.call("PERFORMANCE_EMISSION", "/", 200, null)];
    for (const id of RIGHTS) expect([id, en.call(id, [[1562, 3500, "/"]], [perf])]).toEqual([id, en.call(id, [[1562, 3500, "/"]], [[2268, 4640, "/"]])]);
  });

  test("a volume that is not a figure still gives its refusal when the limit is '/'", () => {
    const r = en.call("PERFORMANCE_EMISSION", "abc", "/", null) as StubError;
    expect(r.code).toBe("#VALUE!");
    expect(r.message).toBe('volume: "abc" is not a number or a missing-value mark (/ - — 无 N/A).');
  });
});

describe("other functions through the engine, both languages, agreeing with the bundle", () => {
  const formulas: [string, unknown[]][] = [
    ["REFERENCE_CONCENTRATION", [120, 9, "coal"]],
    ["REFERENCE_CONCENTRATION", [30, "16.5%", "燃气轮机"]],
    ["REFERENCE_CONCENTRATION", [80, 21, 6]],
    ["REFERENCE_CONCENTRATION", [80, 0.09, 6]],
    ["ACTUAL_EMISSION", [790.5, 812.4, "/", "/", "max"]],
    ["ACTUAL_EMISSION", ["-", 812.4, 800, "/", "取大"]],
    ["EMISSION_LIMIT", ["GB13223-2011", "SO2", "2005-06-30", null, null, "2013-06-30"]],
    ["EMISSION_LIMIT", ["GB13223-2011", "NOx", 2004, null, null, null]],
  ];
  const lit = (v: unknown) => (v === null ? "" : typeof v === "string" ? `"${v}"` : String(v));
  test.each(formulas)("%s(%j)", (id, args) => {
    for (const [bundle, locale] of [
      [en, "en-US"],
      [zh, "zh-CN"],
    ] as const) {
      const e = Engine.create({ S: [[`=ER.${id}(${args.map(lit).join(",")})`]] }, { locale });
      const r = bundle.call(id, ...args);
      const expected: CellValue = typeof r === "object" && r !== null ? { error: (r as StubError).code, message: (r as StubError).message } : (r as CellValue);
      expect(e.getValue("S", 0, 0)).toEqual(expected);
      e.destroy();
    }
  });

  test("EMISSION_LIMIT takes the unit's two dates from two cells, the earliest deciding", () => {
    const e = Engine.create({ S: [["2013-05-01", "2010-03-15", '=ER.EMISSION_LIMIT("GB13223-2011","SO2",A1:B1)', '=ER.EMISSION_LIMIT("GB13223-2011","SO2",A1)']] });
    expect([e.getValue("S", 0, 2), e.getValue("S", 0, 3)]).toEqual([200, 100]);
    e.destroy();
  });
});

describe("the example workbook feeds absent phases through PERFORMANCE_EMISSION (examples/six-plants.xlsx)", () => {
  test("every plant is a row of three phases; the absent phase's performance is '/' and the rights skip it", async () => {
    const C = CHAIN_SHEET;
    const wb = await readWorkbook(join(ROOT, "examples", "six-plants.xlsx"));
    try {
      const e = wb.engine;
      let absent = 0;
      for (let row = C.firstRow; e.getValue(SHEETS.chain, row, C.plant) !== null; row++) {
        const perf: CellValue[] = [];
        const eia: CellValue[] = [];
        for (let k = 0; k < 3; k++) {
          expect(e.getFormula(SHEETS.chain, row, C.performance + k)).toMatch(/^=ER\.PERFORMANCE_EMISSION\(/);
          perf.push(e.getValue(SHEETS.chain, row, C.performance + k));
          eia.push(e.getValue(SHEETS.chain, row, C.eia + k));
          if (e.getValue(SHEETS.chain, row, C.volume + k) === "/") {
            absent++;
            expect(perf[k]).toBe("/");
          }
        }
        const p = parseAmounts([perf], "performance", 1e9);
        const a = parseAmounts([eia], "eia", 1e9);
        expect(e.getValue(SHEETS.chain, row, C.phased)).toBe(phasedRight(a, p));
        expect(e.getValue(SHEETS.chain, row, C.total)).toBe(totalRight(a, p));
      }
      expect(absent).toBe(8); // plants 1, 3, 5 and 6 have two phases, for SO2 and for NOx
    } finally {
      wb.engine.destroy();
    }
  });
});
