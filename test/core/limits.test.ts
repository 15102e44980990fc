/**
 * The limit lookup (rule 2) against GB13223-2011: one case per row of the standard's Table 1 (with its
 * notes) and Table 2, the six plants of the Fujian paper, the boundary dates, and the keywords users
 * type. The expected limits are written here from the standard, independently of the data file.
 */
import { RuleError } from "../../src/core/errors";
import { SIX_PLANT_UNITS } from "../../src/example/rule-grids";
import { emissionLimit, findEquipment, findPollutant, findRegion, findStandard, keywordOf, lookupLimit, type LimitResult } from "../../src/core/limits";
import { GB13223_2011, STANDARDS } from "../../src/core/standards";
import type { LimitRow } from "../../src/core/standards/types";
import { formatMessage } from "../../src/i18n/messages";
import { errorOf, sixPlants } from "../helpers";

const STD = "GB13223-2011";
const T1 = "GB13223-2011 表1";
const T1N1 = "GB13223-2011 表1 注(1)";
const T1N2 = "GB13223-2011 表1 注(2)";
const T2 = "GB13223-2011 表2";

/** [pollutant, boiler, region, date, limit mg/m3, clause], one per row of the standard's tables. */
type Case = [string, string | undefined, string | undefined, string, number, string];

const STANDARD_ROWS: Case[] = [
  // Table 1, coal-fired boilers
  ["particulates", "coal boiler", undefined, "2005-01-01", 30, T1],
  ["SO2", "coal boiler", "Guangxi", "2013-01-01", 200, T1N1],
  ["SO2", "coal boiler", "重庆", "2005-01-01", 400, T1N1],
  ["SO2", "coal boiler", "general", "2012-01-01", 100, T1],
  ["SO2", "coal boiler", "general", "2011-12-31", 200, T1],
  ["NOx", "W-flame boiler", undefined, "2015-06-01", 200, T1N2],
  ["NOx", "CFB", undefined, "2008-01-01", 200, T1N2],
  ["NOx", "coal boiler", undefined, "2003-12-31", 200, T1N2],
  ["NOx", "coal boiler", undefined, "2004-01-01", 100, T1],
  ["mercury", "coal boiler", undefined, "2015-01-01", 0.03, T1],
  // Table 1, oil-fired boilers and gas turbines
  ["particulates", "oil boiler", undefined, "2000-01-01", 30, T1],
  ["SO2", "gas turbine (oil)", undefined, "2013-01-01", 100, T1],
  ["SO2", "oil boiler", undefined, "2000-01-01", 200, T1],
  ["NOx", "oil boiler", undefined, "2012-01-01", 100, T1],
  ["NOx", "oil boiler", undefined, "2011-12-31", 200, T1],
  ["NOx", "gas turbine (oil)", undefined, "2000-01-01", 120, T1],
  // Table 1, gas-fired boilers and gas turbines
  ["particulates", "natural gas boiler", undefined, "2000-01-01", 5, T1],
  ["particulates", "other gas turbine", undefined, "2013-01-01", 10, T1],
  ["SO2", "natural gas turbine", undefined, "2000-01-01", 35, T1],
  ["SO2", "other gas boiler", undefined, "2013-01-01", 100, T1],
  ["NOx", "natural gas boiler", undefined, "2000-01-01", 100, T1],
  ["NOx", "other gas boiler", undefined, "2000-01-01", 200, T1],
  ["NOx", "natural gas turbine", undefined, "2000-01-01", 50, T1],
  ["NOx", "other gas turbine", undefined, "2000-01-01", 120, T1],
  // Table 2 (special limits, key regions), coal-fired boilers
  ["particulates", "coal boiler", "special", "2000-01-01", 20, T2],
  ["SO2", "coal boiler", "special", "2000-01-01", 50, T2],
  ["NOx", "W-flame boiler", "special", "2000-01-01", 100, T2],
  ["mercury", "CFB", "special", "2016-01-01", 0.03, T2],
  // Table 2, oil-fired
  ["particulates", "oil boiler", "special", "2013-01-01", 20, T2],
  ["SO2", "gas turbine (oil)", "special", "2000-01-01", 50, T2],
  ["NOx", "oil boiler", "special", "2000-01-01", 100, T2],
  ["NOx", "gas turbine (oil)", "special", "2000-01-01", 120, T2],
  // Table 2, gas-fired
  ["particulates", "other gas boiler", "special", "2000-01-01", 5, T2],
  ["SO2", "other gas turbine", "special", "2000-01-01", 35, T2],
  ["NOx", "other gas boiler", "special", "2000-01-01", 100, T2],
  ["NOx", "other gas turbine", "special", "2000-01-01", 50, T2],
];

describe("GB13223-2011, one case per row of Tables 1 and 2", () => {
  test.each(STANDARD_ROWS)("%s, %s, region %s, unit of %s: %p mg/m3 (%s)", (pollutant, boiler, region, date, limit, clause) => {
    const r = emissionLimit(STD, pollutant, date, boiler, region);
    expect(r.limit).toBe(limit);
    expect(r.clause).toBe(clause);
    expect(r.unit).toBe("mg/m3");
  });

  test("the cases reach every row of the data table exactly once", () => {
    const reached = new Map<LimitRow, number>();
    for (const [pollutant, boiler, region, date] of STANDARD_ROWS) {
      const row = emissionLimit(STD, pollutant, date, boiler, region).row;
      reached.set(row, (reached.get(row) ?? 0) + 1);
    }
    expect(reached.size).toBe(GB13223_2011.rows.length);
    for (const row of GB13223_2011.rows) expect(reached.get(row)).toBe(1);
  });
});

describe("the six plants of the Fujian paper (Table 1 limits from the units' dates)", () => {
  // Illustrative dates of commissioning or EIA approval (src/example/rule-grids.ts), chosen to agree
  // with the paper's Table 1 (the paper gives no dates): every unit existing; NOx 200 on or before 2003-12-31.
  const DATES: Record<string, string> = Object.fromEntries(SIX_PLANT_UNITS.map((u) => [`${u.plant}-${u.phase}`, u.date]));

  test("every phase of Table 1 has a date", () => {
    expect(Object.keys(DATES).sort()).toEqual(sixPlants.table1_performance.map((r) => `${r.plant}-${r.phase}`).sort());
  });

  test.each(sixPlants.table1_performance.map((r) => [r.plant, r.phase, DATES[`${r.plant}-${r.phase}`], r.so2_limit, r.nox_limit] as const))(
    "plant %i phase %i (%s): SO2 %p, NOx %p",
    (_plant, _phase, date, so2, nox) => {
      expect(emissionLimit(STD, "SO2", date).limit).toBe(so2);
      expect(emissionLimit(STD, "NOx", date).limit).toBe(nox);
      expect(emissionLimit(STD, "二氧化硫", date, "燃煤锅炉", "一般").limit).toBe(so2);
    },
  );
});

describe("boundary dates", () => {
  test.each([
    ["2003-12-31", 200, 200, "existing"],
    ["2004-01-01", 100, 200, "existing"],
    ["2011-12-31", 100, 200, "existing"],
    ["2012-01-01", 100, 100, "new"],
  ] as const)("a coal boiler of %s: NOx %p, SO2 %p, %s", (date, nox, so2, age) => {
    const n = emissionLimit(STD, "NOx", date);
    expect(n.limit).toBe(nox);
    expect(n.age).toBe(age);
    expect(emissionLimit(STD, "SO2", date).limit).toBe(so2);
  });

  test.each([
    ["2011-12-31", 200],
    ["2012-01-01", 100],
  ] as const)("an existing CFB boiler keeps 200 mg/m3 NOx, a new one does not (%s: %p)", (date, nox) => {
    expect(emissionLimit(STD, "NOx", date, "CFB").limit).toBe(nox);
  });

  test("a W-flame boiler keeps 200 mg/m3 NOx whatever its date, outside key regions", () => {
    for (const date of ["1990-01-01", "2003-12-31", "2004-01-01", "2012-01-01", "2030-01-01"]) expect(emissionLimit(STD, "NOx", date, "W型火焰").limit).toBe(200);
  });

  test("high-sulphur provinces: new 200, existing 400, only for coal-fired boilers", () => {
    expect(emissionLimit(STD, "SO2", "2011-12-31", undefined, "Sichuan").limit).toBe(400);
    expect(emissionLimit(STD, "SO2", "2012-01-01", undefined, "四川省").limit).toBe(200);
    expect(emissionLimit(STD, "SO2", "2011-12-31", "CFB", "贵州").limit).toBe(400);
    expect(emissionLimit(STD, "SO2", "2011-12-31", "oil boiler", "Guizhou").limit).toBe(200);
    expect(emissionLimit(STD, "SO2", "2011-12-31", "natural gas boiler", "广西壮族自治区").limit).toBe(35);
    expect(emissionLimit(STD, "NOx", "2011-12-31", undefined, "Chongqing").limit).toBe(100);
  });

  test("the transition clauses give the date from which a limit applies", () => {
    expect(emissionLimit(STD, "SO2", "2011-12-31")).toMatchObject({ effectiveFrom: "2014-07-01", effectiveClause: "GB13223-2011 4.1" });
    expect(emissionLimit(STD, "SO2", "2012-01-01")).toMatchObject({ effectiveFrom: "2012-01-01", effectiveClause: "GB13223-2011 4.2" });
    expect(emissionLimit(STD, "mercury", "2012-06-01")).toMatchObject({ effectiveFrom: "2015-01-01", effectiveClause: "GB13223-2011 4.3" });
    expect(emissionLimit(STD, "SO2", "2012-06-01", undefined, "special").effectiveFrom).toBeUndefined();
  });
});

describe("keywords in English and Chinese", () => {
  const std = GB13223_2011;
  test.each([
    ["SO2", "so2"],
    ["so₂", "so2"],
    ["二氧化硫", "so2"],
    ["sulfur dioxide", "so2"],
    ["NOx", "nox"],
    ["NO2", "nox"],
    ["氮氧化物", "nox"],
    ["氮氧化物（以NO2计）", "nox"],
    ["particulates", "particulates"],
    ["dust", "particulates"],
    ["烟尘", "particulates"],
    ["颗粒物", "particulates"],
    ["mercury", "mercury"],
    ["Hg", "mercury"],
    ["汞及其化合物", "mercury"],
    ["汞", "mercury"],
  ])("pollutant %p is %p", (text, id) => expect(findPollutant(std, text).id).toBe(id));

  test.each([
    [undefined, "coal"],
    ["", "coal"],
    ["coal", "coal"],
    ["燃煤锅炉", "coal"],
    ["W-flame", "w-flame"],
    ["w flame boiler", "w-flame"],
    ["W型火焰炉膛锅炉", "w-flame"],
    ["CFB", "cfb"],
    ["circulating fluidised bed", "cfb"],
    ["Circulating Fluidized Bed", "cfb"],
    ["循环流化床锅炉", "cfb"],
    ["oil boiler", "oil-boiler"],
    ["燃油锅炉", "oil-boiler"],
    ["gas turbine (oil)", "oil-turbine"],
    ["燃油燃气轮机组", "oil-turbine"],
    ["natural gas boiler", "ng-boiler"],
    ["天然气锅炉", "ng-boiler"],
    ["other-gas boiler", "other-gas-boiler"],
    ["其他气体燃料锅炉", "other-gas-boiler"],
    ["natural-gas turbine", "ng-turbine"],
    ["天然气燃气轮机组", "ng-turbine"],
    ["IGCC", "ng-turbine"],
    ["other gas turbine", "other-gas-turbine"],
    ["其他气体燃料燃气轮机组", "other-gas-turbine"],
  ])("boiler %p is %p", (text, id) => expect(findEquipment(std, text).id).toBe(id));

  test.each([
    [undefined, "general"],
    ["general", "general"],
    ["special", "special"],
    ["特别排放限值", "special"],
    ["重点地区", "special"],
    ["key regions", "special"],
    ["Guangxi", "high-sulphur"],
    ["广西", "high-sulphur"],
    ["Chongqing", "high-sulphur"],
    ["重庆市", "high-sulphur"],
    ["SICHUAN", "high-sulphur"],
    ["四川", "high-sulphur"],
    ["Guizhou", "high-sulphur"],
    ["贵州省", "high-sulphur"],
  ])("region %p is %p", (text, id) => expect(findRegion(std, text).id).toBe(id));

  test.each(["GB13223-2011", "GB 13223-2011", "gb13223—2011", "ＧＢ１３２２３－２０１１", "GB13223", "火电厂大气污染物排放标准"])("standard %p is GB13223-2011", (text) => {
    expect(findStandard(text).id).toBe("GB13223-2011");
  });

  test("keywords are compared without case, spaces, hyphens, brackets or full-width forms", () => {
    expect(keywordOf(" Gas Turbine (Oil) ")).toBe("gasturbineoil");
    expect(keywordOf("ＮＯｘ")).toBe("nox");
  });
});

describe("bad input, in both languages", () => {
  function both(e: RuleError): [string, string] {
    return [formatMessage("en-US", e.key, e.params), formatMessage("zh-CN", e.key, e.params)];
  }

  test("an unknown standard lists the standards known", () => {
    const e = errorOf(() => emissionLimit("GB13271-2014", "SO2", "2010-01-01"));
    expect(e.code).toBe("#VALUE!");
    expect(both(e)).toEqual([
      'standard: "GB13271-2014" is not a standard this add-in has a limit table for; use one of: GB13223-2011 / 火电厂大气污染物排放标准.',
      "standard（排放标准）：没有排放标准“GB13271-2014”的限值表；可用：GB13223-2011 / 火电厂大气污染物排放标准。",
    ]);
  });

  test("an unknown pollutant lists the pollutants in both languages", () => {
    const e = errorOf(() => emissionLimit(STD, "CO", "2010-01-01"));
    expect(e.code).toBe("#VALUE!");
    expect(both(e)).toEqual([
      'pollutant: "CO" is not a pollutant of GB13223-2011; use one of: particulates / 烟尘, SO2 / 二氧化硫, NOx / 氮氧化物, mercury / 汞及其化合物.',
      "pollutant（污染物）：“CO”不是 GB13223-2011 规定的污染物；可用：particulates / 烟尘, SO2 / 二氧化硫, NOx / 氮氧化物, mercury / 汞及其化合物。",
    ]);
  });

  test("an ambiguous or unknown boiler lists the kinds of unit", () => {
    const e = errorOf(() => emissionLimit(STD, "NOx", "2010-01-01", "gas boiler"));
    expect(e.code).toBe("#VALUE!");
    const [enText, zhText] = both(e);
    expect(enText).toBe(
      'boiler: "gas boiler" is not a kind of boiler or gas turbine of GB13223-2011; use one of: coal boiler / 燃煤锅炉, W-flame boiler / W型火焰炉膛锅炉, CFB boiler / 循环流化床锅炉, oil boiler / 燃油锅炉, gas turbine (oil) / 燃油燃气轮机组, natural gas boiler / 天然气锅炉, other gas boiler / 其他气体燃料锅炉, natural gas turbine / 天然气燃气轮机组, other gas turbine / 其他气体燃料燃气轮机组.',
    );
    expect(zhText).toMatch(/^boiler（锅炉类型）：“gas boiler”不是 GB13223-2011 中的锅炉或燃气轮机组类型；可用：coal boiler \/ 燃煤锅炉, /);
  });

  test("a province outside note (1) is not a region: the user says general or special", () => {
    const e = errorOf(() => emissionLimit(STD, "SO2", "2010-01-01", undefined, "Fujian"));
    expect(e.code).toBe("#VALUE!");
    expect(both(e)).toEqual([
      'region: "Fujian" is not a region of GB13223-2011; use one of: general / 一般地区, Guangxi / 广西, Chongqing / 重庆, Sichuan / 四川, Guizhou / 贵州, special / 特别排放限值.',
      "region（地区）：“Fujian”不是 GB13223-2011 中的地区类型；可用：general / 一般地区, Guangxi / 广西, Chongqing / 重庆, Sichuan / 四川, Guizhou / 贵州, special / 特别排放限值。",
    ]);
  });

  test.each(["oil boiler", "gas turbine (oil)", "natural gas boiler", "other gas boiler", "natural gas turbine", "other gas turbine"])(
    "mercury from a %s has no limit: #N/A",
    (boiler) => {
      const e = errorOf(() => emissionLimit(STD, "Hg", "2016-01-01", boiler));
      expect(e.code).toBe("#N/A");
      expect(e.key).toBe("noLimit");
      expect(e.params.accepted).toBe("coal boiler / 燃煤锅炉, W-flame boiler / W型火焰炉膛锅炉, CFB boiler / 循环流化床锅炉");
    },
  );

  test("the no-limit message, in both languages", () => {
    const e = errorOf(() => emissionLimit(STD, "mercury", "2016-01-01", "oil boiler", "special"));
    expect(both(e)).toEqual([
      "GB13223-2011 sets no mercury / 汞及其化合物 limit for oil boiler / 燃油锅炉; it sets one only for: coal boiler / 燃煤锅炉, W-flame boiler / W型火焰炉膛锅炉, CFB boiler / 循环流化床锅炉.",
      "GB13223-2011 未规定 oil boiler / 燃油锅炉 的 mercury / 汞及其化合物 排放限值；该限值仅适用于：coal boiler / 燃煤锅炉, W-flame boiler / W型火焰炉膛锅炉, CFB boiler / 循环流化床锅炉。",
    ]);
  });
});

describe("the data table", () => {
  test.each(STANDARDS.map((s) => [s.id, s] as const))("%s: every row names known pollutants, units and regions, with a clause and a positive limit", (_id, std) => {
    const ids = (list: readonly { id: string }[]) => new Set(list.map((c) => c.id));
    const pollutants = ids(std.pollutants);
    const equipment = ids(std.equipment);
    const regions = ids(std.regions);
    for (const row of std.rows) {
      expect(pollutants.has(row.pollutant)).toBe(true);
      for (const e of row.equipment) expect(equipment.has(e)).toBe(true);
      for (const r of row.regions) expect(regions.has(r)).toBe(true);
      expect(row.clause.startsWith(std.id)).toBe(true);
      expect(row.limit).toBeGreaterThan(0);
      if (row.onOrBefore) expect(row.onOrBefore).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(equipment.has(std.defaultEquipment)).toBe(true);
    expect(regions.has(std.defaultRegion)).toBe(true);
  });

  test.each(STANDARDS.map((s) => [s.id, s] as const))("%s: no spelling is accepted for two different values", (_id, std) => {
    for (const list of [std.pollutants, std.equipment, std.regions]) {
      const owner = new Map<string, string>();
      for (const c of list) {
        for (const text of [c.id, ...c.names.flatMap((n) => [n.en, n.zh]), ...c.aliases]) {
          const key = keywordOf(text);
          expect([undefined, c.id]).toContain(owner.get(key));
          owner.set(key, c.id);
        }
      }
    }
  });

  test("every pollutant, unit, region and kind of date has a limit, except mercury outside coal-fired boilers", () => {
    const std = GB13223_2011;
    const dates = ["1995-01-01", "2003-12-31", "2004-01-01", "2011-12-31", "2012-01-01", "2020-01-01"];
    let found = 0;
    for (const p of std.pollutants) {
      for (const e of std.equipment) {
        for (const r of std.regions) {
          for (const d of dates) {
            if (p.id === "mercury" && e.fuel !== "coal") {
              expect(() => lookupLimit(std, p.id, e.id, r.id, d)).toThrow(RuleError);
              continue;
            }
            const result: LimitResult = lookupLimit(std, p.id, e.id, r.id, d);
            expect(result.limit).toBeGreaterThan(0);
            found++;
          }
        }
      }
    }
    expect(found).toBe((4 * 9 - 6) * 3 * dates.length);
  });

  test("Table 1 rows are never stricter for an existing unit than for a new one", () => {
    const std = GB13223_2011;
    for (const p of std.pollutants) {
      for (const e of std.equipment) {
        if (p.id === "mercury" && e.fuel !== "coal") continue;
        for (const r of ["general", "high-sulphur"]) {
          expect(lookupLimit(std, p.id, e.id, r, "2011-12-31").limit).toBeGreaterThanOrEqual(lookupLimit(std, p.id, e.id, r, "2012-01-01").limit);
        }
      }
    }
  });

  test("Table 2 is never more lenient than Table 1", () => {
    const std = GB13223_2011;
    for (const p of std.pollutants) {
      for (const e of std.equipment) {
        if (p.id === "mercury" && e.fuel !== "coal") continue;
        for (const d of ["2000-01-01", "2013-01-01"]) {
          expect(lookupLimit(std, p.id, e.id, "special", d).limit).toBeLessThanOrEqual(lookupLimit(std, p.id, e.id, "general", d).limit);
        }
      }
    }
  });
});

describe("the unit's dates: the earliest decides (GB13223-2011 3.3, Table 1 note (2))", () => {
  test.each([
    // dates (EIA approval, commissioning), pollutant -> limit
    [["2010-03-15", "2013-05-01"], "SO2", 200], // approved before 2012: existing, though commissioned after
    [["2013-05-01", "2010-03-15"], "SO2", 200], // in either order
    [["2012-01-01", "2013-05-01"], "SO2", 100], // both on or after 2012-01-01: new
    [["2003-12-31", "2005-06-30"], "NOx", 200], // approved on or before 2003-12-31: note (2)
    [["2004-01-01", "2005-06-30"], "NOx", 100],
  ] as [string[], string, number][])("%j, %s: %p mg/m3", (dates, pollutant, limit) => {
    const r = emissionLimit(STD, pollutant, dates);
    expect(r.limit).toBe(limit);
    expect(r.date).toBe([...dates].sort()[0]);
    expect(r.limit).toBe(emissionLimit(STD, pollutant, [...dates].sort()[0]).limit);
  });
});

describe("as_of: a limit of the standard before it applied to the unit is #N/A", () => {
  function both(e: RuleError): [string, string] {
    return [formatMessage("en-US", e.key, e.params), formatMessage("zh-CN", e.key, e.params)];
  }

  test.each([
    // unit date, as_of, pollutant, region -> applies?
    ["2005-06-30", "2014-07-01", "SO2", undefined, true], // existing unit: Table 1 from 2014-07-01 (4.1)
    ["2005-06-30", "2014-06-30", "SO2", undefined, false],
    ["2013-01-01", "2012-01-01", "SO2", undefined, true], // new unit: from 2012-01-01 (4.2)
    ["2013-01-01", "2011-12-31", "SO2", undefined, false],
    ["2013-01-01", "2014-12-31", "mercury", undefined, false], // mercury from 2015-01-01 (4.3)
    ["2013-01-01", "2015-01-01", "mercury", undefined, true],
    ["2005-06-30", "2013-06-30", "NOx", "special", true], // Table 2: the ministry sets the dates (4.4); the standard's own 2012-01-01 holds
    ["2005-06-30", "2011-12-31", "NOx", "special", false],
    ["2005-06-30", "2013-06-30", "SO2", "Sichuan", false], // note (1) is Table 1: existing units from 2014-07-01
  ] as [string, string, string, string | undefined, boolean][])("unit of %s, assessed %s, %s, region %s: applies %p", (date, asOf, pollutant, region, applies) => {
    const plain = emissionLimit(STD, pollutant, date, undefined, region);
    if (applies) expect(emissionLimit(STD, pollutant, date, undefined, region, asOf)).toEqual(plain);
    else expect(errorOf(() => emissionLimit(STD, pollutant, date, undefined, region, asOf)).code).toBe("#N/A");
  });

  test("the message names the standard that applied then, in both languages", () => {
    expect(both(errorOf(() => emissionLimit(STD, "SO2", "2005-06-30", undefined, undefined, "2013-06-30")))).toEqual([
      "GB13223-2011 applies to this unit only from 2014-07-01 (GB13223-2011 4.1); on 2013-06-30 the unit came under GB13223-2003, for which this add-in has no limit table.",
      "GB13223-2011 自 2014-07-01 起才适用于该机组（GB13223-2011 4.1）；2013-06-30 时该机组执行 GB13223-2003，本加载项没有该标准的限值表。",
    ]);
    expect(both(errorOf(() => emissionLimit(STD, "Hg", "2013-01-01", undefined, undefined, "2014-03-01")))).toEqual([
      "GB13223-2011 sets its mercury / 汞及其化合物 limit only from 2015-01-01 (GB13223-2011 4.3); on 2014-03-01 it set none for this unit.",
      "GB13223-2011 的 mercury / 汞及其化合物 限值自 2015-01-01 起才执行（GB13223-2011 4.3）；2014-03-01 时对该机组尚无此限值。",
    ]);
    expect(both(errorOf(() => emissionLimit(STD, "NOx", "2005-06-30", undefined, "special", "2011-06-30")))[0]).toBe(
      "GB13223-2011 applies to this unit only from 2012-01-01 (GB13223-2011); on 2011-06-30 the unit came under GB13223-2003, for which this add-in has no limit table.",
    );
  });

  test("every standard names the one it replaced and when it took effect", () => {
    for (const s of STANDARDS) {
      expect(s.predecessor).toMatch(/^GB\d+-\d{4}$/);
      expect(s.takesEffect).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const e of s.effective) expect(e.from >= s.takesEffect).toBe(true);
    }
  });
});
