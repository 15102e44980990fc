/** Help of the limit functions and the oxygen conversion (src/functions/specs/limits.ts). */
import type { HelpTable } from "../spec";

/** The parameters of EMISSION_LIMIT and EMISSION_LIMIT_CLAUSE. */
const LIMIT_PARAMS = {
  standard: {
    en: 'The emission standard, e.g. "GB13223-2011".',
    zh: "排放标准，例如 GB13223-2011。",
  },
  pollutant: {
    en: '"SO2", "NOx" (as NO2), "particulates" or "mercury"; Chinese names too.',
    zh: "二氧化硫、氮氧化物（以 NO2 计）、烟尘（颗粒物）或汞及其化合物；也可用英文名。",
  },
  date: {
    en: "Date the unit was commissioned or its EIA approved, or both dates (two cells, a row or a column): the earliest decides, as the standard counts a unit existing when either came before it. An Excel date or text such as 2003-12-31; a year alone (2004) is refused: type DATE(2004,1,1) or 2004-01-01. Decides new or existing, and NOx 200 for coal boilers of 2003-12-31 or before.",
    zh: "机组建成投产日期或环评批复日期，或两者（两个单元格，单行或单列）：取最早者，因为标准以二者之一早于其实施即为现有机组。Excel 日期或文本，如 2003-12-31；只填年份（2004）会被拒绝，请输入 DATE(2004,1,1) 或 2004-01-01。据此区分新建与现有机组；2003-12-31 及以前的燃煤锅炉氮氧化物执行 200。",
  },
  boiler: {
    en: 'Default "coal boiler"; or "W-flame boiler", "CFB boiler", "oil boiler", "gas turbine (oil)", "natural gas boiler", "other gas boiler", "natural gas turbine", "other gas turbine"; Chinese names too.',
    zh: "默认燃煤锅炉；或 W型火焰炉膛锅炉、循环流化床锅炉、燃油锅炉、燃油燃气轮机组、天然气锅炉、其他气体燃料锅炉、天然气燃气轮机组、其他气体燃料燃气轮机组；也可用英文名。",
  },
  region: {
    en: 'Default "general"; "special" for key regions (Table 2); Guangxi, Chongqing, Sichuan or Guizhou for Table 1 note (1).',
    zh: "默认一般地区；重点地区填 特别排放限值（表 2）；广西、重庆、四川、贵州填省份名（表 1 注(1)）。",
  },
  as_of: {
    en: "The assessment date (optional). Before the standard applies to the unit (GB13223-2011: new units from 2012-01-01, existing units from 2014-07-01, mercury from 2015-01-01), the answer is #N/A naming the standard that applied then (GB13223-2003).",
    zh: "核定日期（可选）。早于标准对该机组的实施日期（GB13223-2011：新建机组 2012-01-01，现有机组 2014-07-01，汞 2015-01-01）时返回 #N/A，并说明当时执行的标准（GB13223-2003）。",
  },
};

export const LIMITS_HELP: HelpTable = {
  EMISSION_LIMIT: {
    description: {
      en: "Concentration limit (mg/m3) an emission standard sets for a unit: GB13223-2011 Table 1 with its notes, Table 2 for key regions. The limit holds at the standard's reference oxygen content (see REFERENCE_CONCENTRATION).",
      zh: "排放标准对机组规定的浓度限值（mg/m3）：GB13223-2011 表 1 及其注，重点地区为表 2。限值对应标准的基准含氧量（见 REFERENCE_CONCENTRATION）。",
    },
    params: LIMIT_PARAMS,
    examples: [
      { formula: '=ER.EMISSION_LIMIT("GB13223-2011", "SO2", "2005-06-30")', result: "200", note: { en: "An existing coal-fired boiler, as every unit of the paper.", zh: "现有燃煤锅炉，与文中各机组相同。" } },
      { formula: '=ER.EMISSION_LIMIT("GB13223-2011", "NOx", "2003-12-31")', result: "200", note: { en: "Commissioned or EIA-approved on or before 2003-12-31: Table 1 note (2).", zh: "2003 年 12 月 31 日及以前建成投产或环评批复：表 1 注(2)。" } },
      { formula: '=ER.EMISSION_LIMIT("GB13223-2011", "NOx", 37987)', result: "100", note: { en: "2004-01-01 as a date serial number.", zh: "2004-01-01（日期序列号）。" } },
      { formula: '=ER.EMISSION_LIMIT("GB13223-2011", "二氧化硫", "2008-05-01", "燃煤锅炉", "四川")', result: "400", note: { en: "An existing coal-fired boiler in Sichuan: Table 1 note (1).", zh: "位于四川的现有燃煤锅炉：表 1 注(1)。" } },
      { formula: '=ER.EMISSION_LIMIT("GB13223-2011", "particulates", "2009-01-01", "coal", "special")', result: "20", note: { en: "Special limit of a key region (Table 2).", zh: "重点地区特别排放限值（表 2）。" } },
      { formula: '=ER.EMISSION_LIMIT("GB13223-2011", "Hg", "2010-01-01", "oil boiler")', result: "#N/A", note: { en: "The mercury limit applies to coal-fired boilers only.", zh: "汞及其化合物限值仅适用于燃煤锅炉。" } },
      { formula: '=ER.EMISSION_LIMIT("GB13223-2011", "SO2", {"2010-03-15","2013-05-01"})', result: "200", note: { en: "EIA approved in 2010, commissioned in 2013: the earlier date makes the unit existing.", zh: "2010 年环评批复、2013 年投产：以较早日期计，为现有机组。" } },
      { formula: '=ER.EMISSION_LIMIT("GB13223-2011", "SO2", "2005-06-30", , , "2013-06-30")', result: "#N/A", note: { en: "Assessed in 2013, an existing unit was still under GB13223-2003 (Table 1 applies to it from 2014-07-01).", zh: "2013 年核定时，现有机组仍执行 GB13223-2003（表 1 自 2014-07-01 起适用）。" } },
    ],
  },
  EMISSION_LIMIT_CLAUSE: {
    description: {
      en: "The clause of the standard that EMISSION_LIMIT's limit comes from, e.g. GB13223-2011 表1 注(2), for checking it against the standard.",
      zh: "EMISSION_LIMIT 所取限值在标准中的出处，例如 GB13223-2011 表1 注(2)，便于对照标准核查。",
    },
    params: LIMIT_PARAMS,
    examples: [
      { formula: '=ER.EMISSION_LIMIT_CLAUSE("GB13223-2011", "NOx", "2003-12-31")', result: "GB13223-2011 表1 注(2)", note: { en: "200 mg/m3 under note (2).", zh: "表 1 注(2) 的 200 mg/m3。" } },
    ],
  },
  REFERENCE_CONCENTRATION: {
    description: {
      en: "A measured concentration converted to the reference oxygen content, mg/m3: measured × (21 − reference) / (21 − O2 measured), as GB13223-2011 requires before comparing with its limits (reference: coal-fired boilers 6%, oil- and gas-fired boilers 3%, gas turbines 15%).",
      zh: "实测浓度折算为基准含氧量下的浓度（mg/m3）：实测浓度 × (21 − 基准含氧量) / (21 − 实测含氧量)，GB13223-2011 要求折算后再与限值比较（基准含氧量：燃煤锅炉 6%，燃油、燃气锅炉 3%，燃气轮机组 15%）。",
    },
    params: {
      measured: {
        en: "The measured concentration, mg/m3 (at the measured oxygen content).",
        zh: "实测浓度，mg/m3（实测含氧量下）。",
      },
      o2_measured: {
        en: 'The measured oxygen content in percent, below 21: 9 for 9% (or the text "9%"). A number between 0 and 1 is refused as a percentage typed with its % sign (Excel stores 9% as 0.09); type "0.5%" as text for an oxygen content really below 1%.',
        zh: "实测含氧量（百分数，低于 21）：9% 填 9（或文本“9%”）。0 与 1 之间的数视为带 % 输入的百分数而被拒绝（Excel 把 9% 存为 0.09）；确实低于 1% 时请填文本，如“0.5%”。",
      },
      reference: {
        en: "The reference oxygen content in percent (6, 3, 15), or the unit type: \"coal\" (6), \"oil\" (3), \"gas\" (3), \"turbine\" (15), in Chinese 燃煤, 燃油, 燃气, 燃气轮机; or a kind of unit of EMISSION_LIMIT's boiler. The contents are GB13223-2011's as recalled (its table of reference oxygen contents), to be read against the standard's text.",
        zh: "基准含氧量（百分数：6、3、15），或机组类型：燃煤（6）、燃油（3）、燃气（3）、燃气轮机（15），也可用英文 coal、oil、gas、turbine，或 EMISSION_LIMIT 的锅炉类型。各基准含氧量系按对 GB13223-2011 基准含氧量表的记忆录入，有待对照标准原文核对。",
      },
    },
    examples: [
      { formula: '=ER.REFERENCE_CONCENTRATION(120, 9, "coal")', result: "150", note: { en: "A coal-fired boiler measured at 9% O2: 120 × 15 / 12.", zh: "燃煤锅炉，实测含氧量 9%：120 × 15 / 12。" } },
      { formula: '=ER.REFERENCE_CONCENTRATION(30, 16.5, "燃气轮机")', result: "40", note: { en: "A gas turbine measured at 16.5% O2: 30 × 6 / 4.5.", zh: "燃气轮机组，实测含氧量 16.5%：30 × 6 / 4.5。" } },
      { formula: "=ER.REFERENCE_CONCENTRATION(80, 5, 3)", result: "90", note: { en: "A gas-fired boiler (reference 3%) measured at 5% O2.", zh: "燃气锅炉（基准 3%），实测含氧量 5%。" } },
      { formula: "=ER.REFERENCE_CONCENTRATION(80, 21, 6)", result: "#VALUE!", note: { en: "An oxygen content of 21% is air: refused.", zh: "含氧量 21% 即空气：拒绝。" } },
    ],
  },
};
