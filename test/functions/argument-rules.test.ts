/**
 * The argument rules every function shares, checked for every parameter of every function of the
 * registry, through the built bundle (as Excel calls it) and the headless engine, in English and Chinese:
 * - single-cell parameters: a 1x1 range is its cell; a larger range spills one result per cell in the
 *   engine (Excel's lifting) and is refused naming the parameter where nothing lifts it (the bundle);
 * - keyword parameters: no key of Object.prototype, in any case or spacing, is ever accepted;
 * - date parameters: a whole number below 3000 is refused as a year, with how to type the date.
 */
import { Engine, type CellContent } from "../../src/engine/engine";
import { isCellError, type CellValue } from "../../src/sheet/errors";
import { FUNCTIONS } from "../../src/functions/registry";
import type { FunctionSpec } from "../../src/functions/spec";
import { formatMessage } from "../../src/i18n/messages";
import { prototypeSpellings } from "../core/prototype";
import { loadBundle, type StubError } from "./bundle";

const en = loadBundle("en-US");
const zh = loadBundle("zh-CN");

/** A valid call of every function, every parameter given; ranges as Excel passes them. */
const VALID: Readonly<Record<string, unknown[]>> = {
  PERFORMANCE_EMISSION: [11.34e9, 200, "gas"],
  INITIAL_RIGHT: [1562, 2268],
  INITIAL_RIGHT_PHASED: [[[1562, 3500]], [[2268, 4640]]],
  INITIAL_RIGHT_TOTAL: [[[1562, 3500]], [[2268, 4640]]],
  METHOD_DIFFERENCE: [[[907.2, 8000]], [[1134, 2320]]],
  EIA_TOTAL: [[[1980, 1456]], [[4113.6, 4488.7]]],
  PERFORMANCE_TOTAL: [[[1980, 1456]], [[4113.6, 4488.7]]],
  EXPLAIN_RIGHT: [[[907.2], [8000]], [[1134], [2320]]],
  EMISSION_LIMIT: ["GB13223-2011", "NOx", [[37986]], "coal", "general", "2020-01-01"],
  EMISSION_LIMIT_CLAUSE: ["GB13223-2011", "NOx", [[37986]], "coal", "general", "2020-01-01"],
  REFERENCE_CONCENTRATION: [120, 9, "coal"],
  PERMITTED_EMISSION: [4640, 3500, 3200],
  ACTUAL_EMISSION: [790.5, 812.4, 900, 1010, "max"],
  REGIONAL_TOTAL: [[[5062], [14207], ["/"]]],
  ALLOCATE_CUT: [[[100], [200], [300]], 540, "weighted", [[1], [2], [3]], 2],
  ANNUAL_CHANGE: [1480.6, 1502.3],
  PERMIT_MARGIN: [2640, 2820.5],
};

/** Other valid values of each scalar parameter, for the cells of a lifted range. */
const OTHER: Readonly<Record<string, readonly unknown[]>> = {
  volume: [23.2e9, "/"],
  limit: [100, 35],
  medium: ["water", "废气"],
  eia: ["-", 500],
  performance: [4151.5, "/"],
  standard: ["GB 13223-2011", "火电厂大气污染物排放标准"],
  pollutant: ["SO2", "汞"],
  boiler: ["CFB", "天然气燃气轮机组"],
  region: ["special", "四川"],
  as_of: ["2013-06-30", 43831],
  measured: [30, 0],
  o2_measured: [16.5, "9%"],
  reference: ["turbine", 3],
  standard_method: [2268, "-"],
  eia_method: [1562, "/"],
  total_control: [900, null],
  online: ["-", 800],
  manual: [700, "/"],
  material_balance: [650, "-"],
  emission_factor: [2000, "-"],
  rule: ["priority", "取大"],
  this_year: [2057.7, "1000"],
  last_year: [1346.6, 0],
  actual: [5300.2, "-"],
  permitted: [5062, "4000"],
};

const scalarParams = FUNCTIONS.flatMap((f) => f.params.map((p, i) => [f.id, p.name, i, p.dimensionality] as const)).filter((x) => x[3] === "scalar");

test("every function has a valid call, and every scalar parameter other values, for these tests", () => {
  for (const f of FUNCTIONS) {
    expect([f.id, VALID[f.id]?.length]).toEqual([f.id, f.params.length]);
    const r = en.call(f.id, ...VALID[f.id]);
    expect([f.id, typeof r === "object" && r !== null && !Array.isArray(r) ? r : "ok"]).toEqual([f.id, "ok"]);
  }
  for (const [, name] of scalarParams) expect([name, OTHER[name]?.length]).toEqual([name, 2]);
});

function withArg(id: string, i: number, v: unknown): unknown[] {
  const args = [...VALID[id]];
  args[i] = v;
  return args;
}

function refusal(r: unknown): StubError {
  expect(typeof r === "object" && r !== null && "code" in r).toBe(true);
  return r as StubError;
}

describe("single-cell parameters, through the bundle", () => {
  test.each(scalarParams)("%s(%s): a one-cell range is its cell", (id, _name, i) => {
    for (const v of [VALID[id][i], ...OTHER[scalarParams.find((p) => p[0] === id && p[2] === i)![1]]]) {
      expect(en.call(id, ...withArg(id, i, [[v]]))).toEqual(en.call(id, ...withArg(id, i, v)));
      expect(en.call(id, ...withArg(id, i, [v]))).toEqual(en.call(id, ...withArg(id, i, v)));
    }
  });

  test.each(scalarParams)("%s(%s): a larger range is refused naming the parameter, never cut to its first cell", (id, name, i) => {
    const values = [VALID[id][i], ...OTHER[name]];
    for (const [range, rows, cols] of [
      [values.map((v) => [v]), 3, 1],
      [[values], 1, 3],
      [
        [values, values],
        2,
        3,
      ],
    ] as [unknown[][], number, number][]) {
      const a = refusal(en.call(id, ...withArg(id, i, range)));
      const b = refusal(zh.call(id, ...withArg(id, i, range)));
      expect([a.code, a.message]).toEqual(["#VALUE!", formatMessage("en-US", "notSingleCell", { arg: name, rows, cols })]);
      expect([b.code, b.message]).toEqual(["#VALUE!", formatMessage("zh-CN", "notSingleCell", { arg: name, rows, cols })]);
    }
  });
});

/** A value as a formula literal; a range as an array constant. */
function literal(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return `{${(v as unknown[][]).map((r) => r.map(literal).join(",")).join(";")}}`;
  if (typeof v === "string") return `"${v.replace(/"/g, '""')}"`;
  return String(v);
}

/** A bundle result as the engine shows it. */
function asCell(r: unknown): CellValue {
  if (typeof r === "object" && r !== null && "code" in r) return { error: (r as StubError).code, message: (r as StubError).message };
  return r as CellValue;
}

function engineCells(e: Engine, sheet: string, row: number, col: number, height: number): CellValue[] {
  return Array.from({ length: height }, (_, k) => e.getValue(sheet, row + k, col));
}

describe("single-cell parameters, through the headless engine", () => {
  test.each(scalarParams)("%s(%s): a column of three cells spills one result per cell, as the bundle gives for each", (id, name, i) => {
    const values = [VALID[id][i], ...OTHER[name]] as CellContent[];
    const args = VALID[id].map((v, k) => (k === i ? "A1:A3" : literal(v)));
    for (const locale of ["en-US", "zh-CN"] as const) {
      const e = Engine.create({ S: [[values[0], `=ER.${id}(${args.join(",")})`, `=ER.${id}(${VALID[id].map((v, k) => (k === i ? "cells" : literal(v))).join(",")})`], [values[1]], [values[2]]] }, { locale, names: [{ name: "cells", expression: "S!$A$1:$A$3" }] });
      const bundle = locale === "en-US" ? en : zh;
      const expected = values.map((v) => asCell(bundle.call(id, ...withArg(id, i, v))));
      expect(engineCells(e, "S", 0, 1, 3)).toEqual(expected);
      // through a defined name, as Excel lifts =ABS(name)
      expect(engineCells(e, "S", 0, 2, 3)).toEqual(expected);
      e.destroy();
    }
  });

  test.each(scalarParams)("%s(%s): a one-cell range is its cell", (id, _name, i) => {
    const v = VALID[id][i] as CellContent;
    const e = Engine.create({ S: [[v, `=ER.${id}(${VALID[id].map((x, k) => (k === i ? "A1:A1" : literal(x))).join(",")})`, `=ER.${id}(${VALID[id].map((x, k) => (k === i ? "A1" : literal(x))).join(",")})`]] });
    expect(e.getValue("S", 0, 1)).toEqual(e.getValue("S", 0, 2));
    expect(e.getValue("S", 0, 1)).toEqual(asCell(en.call(id, ...VALID[id])));
    e.destroy();
  });
});

const keywordParams = FUNCTIONS.flatMap((f) => f.params.map((p, i) => [f.id, p.name, i, p.kind] as const)).filter((x) => x[3] === "keyword");

describe("keyword parameters accept no key of Object.prototype, in any case or spacing", () => {
  test("the keyword parameters are the ones of the issue", () => {
    expect([...new Set(keywordParams.map((k) => k[1]))].sort()).toEqual(["boiler", "medium", "method", "pollutant", "reference", "region", "rule", "standard"]);
  });

  test.each(keywordParams)("%s(%s), through the bundle, in both languages", (id, name, i) => {
    for (const text of prototypeSpellings()) {
      const a = refusal(en.call(id, ...withArg(id, i, text)));
      const b = refusal(zh.call(id, ...withArg(id, i, text)));
      expect([id, name, text, a.code, b.code]).toEqual([id, name, text, "#VALUE!", "#VALUE!"]);
      expect(a.message).toMatch(new RegExp(`^${name}: ".*" is not .*; use one of: .+\\.$`));
      expect(b.message).toMatch(new RegExp(`^${name}（[^）]+）：.*“.*”.*；可用：.+。$`));
    }
  });

  test.each(keywordParams)("%s(%s), through the headless engine", (id, name, i) => {
    const names = Object.getOwnPropertyNames(Object.prototype);
    const rows = names.map((text, r) => [text, `=ER.${id}(${VALID[id].map((v, k) => (k === i ? `A${r + 1}` : literal(v))).join(",")})`]);
    const e = Engine.create({ S: rows });
    names.forEach((text, r) => {
      const v = e.getValue("S", r, 1);
      expect([text, isCellError(v) && v.error]).toEqual([text, "#VALUE!"]);
      expect(isCellError(v) && v.message).toBe((refusal(en.call(id, ...withArg(id, i, text))) as StubError).message);
    });
    e.destroy();
  });
});

const dateParams = FUNCTIONS.flatMap((f: FunctionSpec) => f.params.map((p, i) => [f.id, p.name, i, p.kind, p.dimensionality] as const)).filter((x) => x[3] === "date");

describe("date parameters refuse a year typed alone, showing how to type the date", () => {
  test("the date parameters are EMISSION_LIMIT's and EMISSION_LIMIT_CLAUSE's date and as_of", () => {
    expect(dateParams.map((d) => `${d[0]}.${d[1]}`)).toEqual(["EMISSION_LIMIT.date", "EMISSION_LIMIT.as_of", "EMISSION_LIMIT_CLAUSE.date", "EMISSION_LIMIT_CLAUSE.as_of"]);
  });

  test.each(dateParams)("%s(%s)", (id, name, i, _kind, dim) => {
    for (const year of [1995, 2004, "2011", 2999]) {
      const n = Number(year);
      const arg = dim === "matrix" ? [[year]] : year;
      for (const [bundle, locale] of [
        [en, "en-US"],
        [zh, "zh-CN"],
      ] as const) {
        const r = refusal(bundle.call(id, ...withArg(id, i, arg)));
        expect(r.code).toBe("#VALUE!");
        const message = r.message ?? "";
        expect(message).toContain(`DATE(${n},1,1)`);
        expect(message).toContain(`${n}-01-01`);
        expect(message.startsWith(formatMessage(locale, "yearAsDate", { arg: name, value: n, iso: "", year: n }).split(String(n))[0])).toBe(true);
      }
    }
  });
});
