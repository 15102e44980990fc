/**
 * GB 13223-2011 《火电厂大气污染物排放标准》 (Emission standard of air pollutants for thermal power
 * plants), in force from 2012-01-01. Concentration limits in mg/m3 (dry flue gas, standard state, at
 * the standard's reference oxygen content).
 *
 * What the rows rest on (see `checked` on each row):
 * - "text": read against a transcription of the standard's text (a copy of the standard on
 *   m.taodocs.com, document p-407926987, "火电厂大气污染物排放标准(GB13223-2011)"), which shows: the
 *   scope (IGCC gas turbines take the natural-gas turbine limits); the transition clauses (existing
 *   units from 2014-07-01, new units from 2012-01-01, mercury for coal-fired boilers from 2015-01-01);
 *   Table 1's coal-fired SO2 rows (new 100, existing 200) and NOx row (100, and 200 under note (2));
 *   note (2) word for word ("采用W型火焰炉膛的火力发电锅炉，现有循环流化床火力发电锅炉，以及2003年12月31日
 *   前建成投产或通过建设项目环境影响报告书审批的火力发电锅炉执行该限值"); and the gas-fired rows (SO2:
 *   natural gas 35, other gas 100; NOx: natural-gas boiler 100, other-gas boiler 200, natural-gas
 *   turbine 50, other-gas turbine 120). That copy is abridged: it leaves out the particulate rows, the
 *   oil-fired rows, the mercury row, note (1) and Table 2.
 * - "secondary": not in that copy, but confirmed by a secondary source: mercury 0.03 mg/m3 for
 *   coal-fired boilers from 2015-01-01 (现代科学仪器 2015(5):22-25, abstract); Table 2's coal-fired
 *   particulates 20, SO2 50, NOx 100 (trade press on the key-region limits).
 * - "recalled": from memory of the standard, to be read against its text: particulates 30 (coal, oil),
 *   5 / 10 (natural / other gas); note (1) (boilers in Guangxi, Chongqing, Sichuan and Guizhou: SO2 new
 *   200, existing 400); the oil-fired rows; Table 2's mercury, oil-fired and gas-fired rows; the clause
 *   numbers 3.3 / 3.4 (definitions) and 4.1 to 4.4 (the copy lists the transition rules as (1) to (3)
 *   under clause 4).
 *
 * Dates: note (2) says "2003年12月31日前"; this table reads it as "on or before 2003-12-31", as the
 * project's rules (docs/rules.md, rule 2) and the Fujian paper do: a unit of 2003-12-31 keeps 200
 * mg/m3 NOx, a unit of 2004-01-01 gets 100. (The paper's Table 1 footnote states the rule the wrong way
 * round; its numbers and body text follow the standard.)
 *
 * Not in the table: smoke blackness (烟气黑度, Ringelmann grade 1), which is not a concentration.
 */
import { pollutantAsNamed } from "../pollutants";
import type { StandardTable } from "./types";

const COAL = ["coal", "w-flame", "cfb"] as const;
const OIL = ["oil-boiler", "oil-turbine"] as const;
const NATURAL_GAS = ["ng-boiler", "ng-turbine"] as const;
const OTHER_GAS = ["other-gas-boiler", "other-gas-turbine"] as const;
const GAS = [...NATURAL_GAS, ...OTHER_GAS] as const;
/** Table 1 applies outside the key regions, in the four provinces of note (1) too. */
const TABLE1 = ["general", "high-sulphur"] as const;
/** Table 2: the special limits of the key regions. */
const TABLE2 = ["special"] as const;

const T1 = "GB13223-2011 表1";
const T1N1 = "GB13223-2011 表1 注(1)";
const T1N2 = "GB13223-2011 表1 注(2)";
const T2 = "GB13223-2011 表2";

export const GB13223_2011: StandardTable = {
  id: "GB13223-2011",
  title: { en: "Emission standard of air pollutants for thermal power plants", zh: "火电厂大气污染物排放标准" },
  aliases: ["GB13223", "13223-2011", "火电标准"],
  unit: "mg/m3",
  // 3.3 现有火力发电锅炉及燃气轮机组: built or EIA-approved before the standard took effect;
  // 3.4 新建: EIA approved on or after 2012-01-01.
  newFrom: "2012-01-01",
  // Clause 4 and the foreword: the standard takes effect on 2012-01-01 and replaces GB13223-2003, whose
  // limits existing units kept until 2014-07-01 (4.1).
  takesEffect: "2012-01-01",
  predecessor: "GB13223-2003",
  ageClause: "GB13223-2011 3.3/3.4",
  // From the add-in's one list of pollutants (src/core/pollutants.ts), under the standard's own names.
  pollutants: [
    pollutantAsNamed("particulates", [{ en: "particulates", zh: "烟尘" }]),
    pollutantAsNamed("so2"),
    pollutantAsNamed("nox"),
    pollutantAsNamed("mercury"),
  ],
  equipment: [
    { id: "coal", fuel: "coal", referenceO2: 6, names: [{ en: "coal boiler", zh: "燃煤锅炉" }], aliases: ["coal", "coal-fired", "coal-fired boiler", "pulverised coal", "pulverized coal", "PC boiler", "燃煤", "煤粉锅炉"] },
    { id: "w-flame", fuel: "coal", referenceO2: 6, names: [{ en: "W-flame boiler", zh: "W型火焰炉膛锅炉" }], aliases: ["W-flame", "W-fired", "W型火焰", "W型火焰炉膛", "W型火焰锅炉", "W火焰锅炉"] },
    { id: "cfb", fuel: "coal", referenceO2: 6, names: [{ en: "CFB boiler", zh: "循环流化床锅炉" }], aliases: ["CFB", "circulating fluidised bed", "circulating fluidized bed", "circulating fluidised bed boiler", "circulating fluidized bed boiler", "循环流化床"] },
    { id: "oil-boiler", fuel: "oil", referenceO2: 3, names: [{ en: "oil boiler", zh: "燃油锅炉" }], aliases: ["oil", "oil-fired boiler", "燃油"] },
    { id: "oil-turbine", fuel: "oil", referenceO2: 15, names: [{ en: "gas turbine (oil)", zh: "燃油燃气轮机组" }], aliases: ["oil turbine", "oil-fired gas turbine", "oil-fired turbine", "燃油燃气轮机", "以油为燃料的燃气轮机组"] },
    { id: "ng-boiler", fuel: "gas", referenceO2: 3, names: [{ en: "natural gas boiler", zh: "天然气锅炉" }], aliases: ["NG boiler", "natural gas-fired boiler", "燃天然气锅炉"] },
    { id: "other-gas-boiler", fuel: "gas", referenceO2: 3, names: [{ en: "other gas boiler", zh: "其他气体燃料锅炉" }], aliases: ["other gaseous fuel boiler", "其他燃气锅炉"] },
    // Scope (clause 1): IGCC gas turbines take the natural-gas turbine limits.
    { id: "ng-turbine", fuel: "gas", referenceO2: 15, names: [{ en: "natural gas turbine", zh: "天然气燃气轮机组" }], aliases: ["NG turbine", "gas turbine (natural gas)", "天然气燃气轮机", "IGCC", "整体煤气化联合循环"] },
    { id: "other-gas-turbine", fuel: "gas", referenceO2: 15, names: [{ en: "other gas turbine", zh: "其他气体燃料燃气轮机组" }], aliases: ["gas turbine (other gas)", "其他气体燃料燃气轮机", "其他燃气轮机组"] },
  ],
  // The reference oxygen contents for converting measured concentrations (rho = rho' × (21 − O2ref) /
  // (21 − O2)): coal-fired boilers 6%, oil- and gas-fired boilers 3%, gas turbines 15%. Recalled as the
  // standard's table of reference oxygen contents (the clause number is to be read against the text).
  referenceO2: { clause: "GB13223-2011 表3", checked: "recalled" },
  defaultEquipment: "coal",
  regions: [
    { id: "general", names: [{ en: "general", zh: "一般地区" }], aliases: ["normal", "table 1", "一般", "表1"] },
    {
      id: "high-sulphur",
      names: [
        { en: "Guangxi", zh: "广西" },
        { en: "Chongqing", zh: "重庆" },
        { en: "Sichuan", zh: "四川" },
        { en: "Guizhou", zh: "贵州" },
      ],
      aliases: ["广西壮族自治区", "重庆市", "四川省", "贵州省", "high-sulphur", "high-sulfur", "高硫煤地区"],
    },
    { id: "special", names: [{ en: "special", zh: "特别排放限值" }], aliases: ["special limits", "key region", "key regions", "table 2", "特别", "重点地区", "重点控制区", "表2"] },
  ],
  defaultRegion: "general",
  effective: [
    { from: "2014-07-01", age: "existing", regions: TABLE1, clause: "GB13223-2011 4.1" },
    { from: "2012-01-01", age: "new", regions: TABLE1, clause: "GB13223-2011 4.2" },
    { from: "2015-01-01", pollutants: ["mercury"], clause: "GB13223-2011 4.3" },
    // 4.4: the key regions and the dates of Table 2 are set by the environment ministry, not the standard.
  ],
  rows: [
    // Table 1, 1 燃煤锅炉 (coal-fired boilers, including W-flame and CFB boilers)
    { clause: T1, pollutant: "particulates", equipment: COAL, regions: TABLE1, limit: 30, checked: "recalled" },
    { clause: T1N1, pollutant: "so2", equipment: COAL, regions: ["high-sulphur"], age: "new", limit: 200, checked: "recalled" },
    { clause: T1N1, pollutant: "so2", equipment: COAL, regions: ["high-sulphur"], age: "existing", limit: 400, checked: "recalled" },
    { clause: T1, pollutant: "so2", equipment: COAL, regions: ["general"], age: "new", limit: 100, checked: "text" },
    { clause: T1, pollutant: "so2", equipment: COAL, regions: ["general"], age: "existing", limit: 200, checked: "text" },
    { clause: T1N2, pollutant: "nox", equipment: ["w-flame"], regions: TABLE1, limit: 200, checked: "text" },
    { clause: T1N2, pollutant: "nox", equipment: ["cfb"], regions: TABLE1, age: "existing", limit: 200, checked: "text" },
    { clause: T1N2, pollutant: "nox", equipment: COAL, regions: TABLE1, onOrBefore: "2003-12-31", limit: 200, checked: "text" },
    { clause: T1, pollutant: "nox", equipment: COAL, regions: TABLE1, limit: 100, checked: "text" },
    { clause: T1, pollutant: "mercury", equipment: COAL, regions: TABLE1, limit: 0.03, checked: "secondary" },
    // Table 1, 2 以油为燃料的锅炉或燃气轮机组 (oil-fired boilers and gas turbines)
    { clause: T1, pollutant: "particulates", equipment: OIL, regions: TABLE1, limit: 30, checked: "recalled" },
    { clause: T1, pollutant: "so2", equipment: OIL, regions: TABLE1, age: "new", limit: 100, checked: "recalled" },
    { clause: T1, pollutant: "so2", equipment: OIL, regions: TABLE1, age: "existing", limit: 200, checked: "recalled" },
    { clause: T1, pollutant: "nox", equipment: ["oil-boiler"], regions: TABLE1, age: "new", limit: 100, checked: "recalled" },
    { clause: T1, pollutant: "nox", equipment: ["oil-boiler"], regions: TABLE1, age: "existing", limit: 200, checked: "recalled" },
    { clause: T1, pollutant: "nox", equipment: ["oil-turbine"], regions: TABLE1, limit: 120, checked: "recalled" },
    // Table 1, 3 以气体为燃料的锅炉或燃气轮机组 (gas-fired boilers and gas turbines)
    { clause: T1, pollutant: "particulates", equipment: NATURAL_GAS, regions: TABLE1, limit: 5, checked: "recalled" },
    { clause: T1, pollutant: "particulates", equipment: OTHER_GAS, regions: TABLE1, limit: 10, checked: "recalled" },
    { clause: T1, pollutant: "so2", equipment: NATURAL_GAS, regions: TABLE1, limit: 35, checked: "text" },
    { clause: T1, pollutant: "so2", equipment: OTHER_GAS, regions: TABLE1, limit: 100, checked: "text" },
    { clause: T1, pollutant: "nox", equipment: ["ng-boiler"], regions: TABLE1, limit: 100, checked: "text" },
    { clause: T1, pollutant: "nox", equipment: ["other-gas-boiler"], regions: TABLE1, limit: 200, checked: "text" },
    { clause: T1, pollutant: "nox", equipment: ["ng-turbine"], regions: TABLE1, limit: 50, checked: "text" },
    { clause: T1, pollutant: "nox", equipment: ["other-gas-turbine"], regions: TABLE1, limit: 120, checked: "text" },
    // Table 2 大气污染物特别排放限值 (special limits, key regions), 1 燃煤锅炉
    { clause: T2, pollutant: "particulates", equipment: COAL, regions: TABLE2, limit: 20, checked: "secondary" },
    { clause: T2, pollutant: "so2", equipment: COAL, regions: TABLE2, limit: 50, checked: "secondary" },
    { clause: T2, pollutant: "nox", equipment: COAL, regions: TABLE2, limit: 100, checked: "secondary" },
    { clause: T2, pollutant: "mercury", equipment: COAL, regions: TABLE2, limit: 0.03, checked: "recalled" },
    // Table 2, 2 以油为燃料的锅炉或燃气轮机组
    { clause: T2, pollutant: "particulates", equipment: OIL, regions: TABLE2, limit: 20, checked: "recalled" },
    { clause: T2, pollutant: "so2", equipment: OIL, regions: TABLE2, limit: 50, checked: "recalled" },
    { clause: T2, pollutant: "nox", equipment: ["oil-boiler"], regions: TABLE2, limit: 100, checked: "recalled" },
    { clause: T2, pollutant: "nox", equipment: ["oil-turbine"], regions: TABLE2, limit: 120, checked: "recalled" },
    // Table 2, 3 以气体为燃料的锅炉或燃气轮机组
    { clause: T2, pollutant: "particulates", equipment: GAS, regions: TABLE2, limit: 5, checked: "recalled" },
    { clause: T2, pollutant: "so2", equipment: GAS, regions: TABLE2, limit: 35, checked: "recalled" },
    { clause: T2, pollutant: "nox", equipment: ["ng-boiler", "other-gas-boiler"], regions: TABLE2, limit: 100, checked: "recalled" },
    { clause: T2, pollutant: "nox", equipment: ["ng-turbine", "other-gas-turbine"], regions: TABLE2, limit: 50, checked: "recalled" },
  ],
};
