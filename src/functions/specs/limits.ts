/** The concentration limit of an emission standard for a unit (rule 2; src/core/limits.ts). */
import { singleCell } from "../../core/cells";
import { parseDate } from "../../core/dates";
import { RuleError } from "../../core/errors";
import { emissionLimit, type LimitResult } from "../../core/limits";
import { parseText } from "../../core/values";
import type { FunctionSpec, ParamSpec } from "../spec";

/** A keyword argument: one cell of text; required ones must not be empty. */
function keyword(value: unknown, arg: string, required: boolean): string | undefined {
  const text = parseText(singleCell(value, arg), arg);
  if (text === undefined && required) throw new RuleError("#VALUE!", "required", { arg });
  return text;
}

/** Reads the five arguments as Excel passes them and looks the limit up. */
export function limitOf(standard: unknown, pollutant: unknown, date: unknown, boiler: unknown, region: unknown): LimitResult {
  const s = keyword(standard, "standard", true)!;
  const p = keyword(pollutant, "pollutant", true)!;
  const d = parseDate(singleCell(date, "date"), "date");
  return emissionLimit(s, p, d, keyword(boiler, "boiler", false), keyword(region, "region", false));
}

const PARAMS: readonly ParamSpec[] = [
  {
    name: "standard",
    type: "any",
    dimensionality: "scalar",
    description: {
      en: 'The emission standard, e.g. "GB13223-2011".',
      zh: "排放标准，例如 GB13223-2011。",
    },
  },
  {
    name: "pollutant",
    type: "any",
    dimensionality: "scalar",
    description: {
      en: '"SO2", "NOx" (as NO2), "particulates" or "mercury"; Chinese names too.',
      zh: "二氧化硫、氮氧化物（以 NO2 计）、烟尘（颗粒物）或汞及其化合物；也可用英文名。",
    },
  },
  {
    name: "date",
    type: "any",
    dimensionality: "scalar",
    description: {
      en: "Date the unit was commissioned or its EIA approved: an Excel date or text such as 2003-12-31. Decides new or existing, and NOx 200 for coal boilers of 2003-12-31 or before.",
      zh: "机组建成投产或环评批复日期：Excel 日期或文本，如 2003-12-31。据此区分新建与现有机组；2003-12-31 及以前的燃煤锅炉氮氧化物执行 200。",
    },
  },
  {
    name: "boiler",
    type: "any",
    dimensionality: "scalar",
    optional: true,
    description: {
      en: 'Default "coal boiler"; or "W-flame boiler", "CFB boiler", "oil boiler", "gas turbine (oil)", "natural gas boiler", "other gas boiler", "natural gas turbine", "other gas turbine"; Chinese names too.',
      zh: "默认燃煤锅炉；或 W型火焰炉膛锅炉、循环流化床锅炉、燃油锅炉、燃油燃气轮机组、天然气锅炉、其他气体燃料锅炉、天然气燃气轮机组、其他气体燃料燃气轮机组；也可用英文名。",
    },
  },
  {
    name: "region",
    type: "any",
    dimensionality: "scalar",
    optional: true,
    description: {
      en: 'Default "general"; "special" for key regions (Table 2); Guangxi, Chongqing, Sichuan or Guizhou for Table 1 note (1).',
      zh: "默认一般地区；重点地区填 特别排放限值（表 2）；广西、重庆、四川、贵州填省份名（表 1 注(1)）。",
    },
  },
];

export const LIMIT_FUNCTIONS: readonly FunctionSpec[] = [
  {
    id: "EMISSION_LIMIT",
    description: {
      en: "Concentration limit (mg/m3) an emission standard sets for a unit: GB13223-2011 Table 1 with its notes, Table 2 for key regions.",
      zh: "排放标准对机组规定的浓度限值（mg/m3）：GB13223-2011 表 1 及其注，重点地区为表 2。",
    },
    params: PARAMS,
    result: { type: "number", dimensionality: "scalar" },
    examples: [
      { formula: '=ER.EMISSION_LIMIT("GB13223-2011", "SO2", "2005-06-30")', result: "200", note: { en: "An existing coal-fired boiler, as every unit of the paper.", zh: "现有燃煤锅炉，与文中各机组相同。" } },
      { formula: '=ER.EMISSION_LIMIT("GB13223-2011", "NOx", "2003-12-31")', result: "200", note: { en: "Commissioned or EIA-approved on or before 2003-12-31: Table 1 note (2).", zh: "2003 年 12 月 31 日及以前建成投产或环评批复：表 1 注(2)。" } },
      { formula: '=ER.EMISSION_LIMIT("GB13223-2011", "NOx", 37987)', result: "100", note: { en: "2004-01-01 as a date serial number.", zh: "2004-01-01（日期序列号）。" } },
      { formula: '=ER.EMISSION_LIMIT("GB13223-2011", "二氧化硫", "2008-05-01", "燃煤锅炉", "四川")', result: "400", note: { en: "An existing coal-fired boiler in Sichuan: Table 1 note (1).", zh: "位于四川的现有燃煤锅炉：表 1 注(1)。" } },
      { formula: '=ER.EMISSION_LIMIT("GB13223-2011", "particulates", "2009-01-01", "coal", "special")', result: "20", note: { en: "Special limit of a key region (Table 2).", zh: "重点地区特别排放限值（表 2）。" } },
      { formula: '=ER.EMISSION_LIMIT("GB13223-2011", "Hg", "2010-01-01", "oil boiler")', result: "#N/A", note: { en: "The mercury limit applies to coal-fired boilers only.", zh: "汞及其化合物限值仅适用于燃煤锅炉。" } },
    ],
    impl: (standard, pollutant, date, boiler, region) => limitOf(standard, pollutant, date, boiler, region).limit,
  },
  {
    id: "EMISSION_LIMIT_CLAUSE",
    description: {
      en: "The clause of the standard that EMISSION_LIMIT's limit comes from, e.g. GB13223-2011 表1 注(2), for checking it against the standard.",
      zh: "EMISSION_LIMIT 所取限值在标准中的出处，例如 GB13223-2011 表1 注(2)，便于对照标准核查。",
    },
    params: PARAMS,
    result: { type: "string", dimensionality: "scalar" },
    examples: [
      { formula: '=ER.EMISSION_LIMIT_CLAUSE("GB13223-2011", "NOx", "2003-12-31")', result: "GB13223-2011 表1 注(2)", note: { en: "200 mg/m3 under note (2).", zh: "表 1 注(2) 的 200 mg/m3。" } },
    ],
    impl: (standard, pollutant, date, boiler, region) => limitOf(standard, pollutant, date, boiler, region).clause,
  },
];
