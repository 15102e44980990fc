/**
 * The permit functions (seed 000): the permitted emission, the strictest of the methods (rule 8), and
 * the actual emission from the accounting methods (rule 11).
 *
 * Every parameter is one cell. Given ranges of the same shape (one row per plant), Excel 365 and the
 * headless engine run the function once per row and spill one result per plant; a range is never
 * reduced to one number, because "the smallest of a column" would mix plants.
 */
import { MAX_TONNES } from "../../core/bounds";
import { singleCell } from "../../core/cells";
import { actualEmission, parseActualRule, permittedEmission } from "../../core/permits";
import { parseAmount, parseText, type Amount } from "../../core/values";
import type { FunctionSpec, ParamSpec } from "../spec";

function amount(value: unknown, arg: string): Amount {
  return parseAmount(singleCell(value, arg), { arg }, MAX_TONNES);
}

function tonnes(name: string, en: string, zh: string, optional = false): ParamSpec {
  return {
    name,
    type: "any",
    dimensionality: "scalar",
    ...(optional ? { optional: true } : {}),
    description: {
      en: `${en}, t/a; '-' if none.`,
      zh: `${zh}（t/a）；无数值填“-”。`,
    },
  };
}

export const PERMIT_FUNCTIONS: readonly FunctionSpec[] = [
  {
    id: "PERMITTED_EMISSION",
    description: {
      en: "Permitted emission in t/a: the smallest (strictest) of the standard, EIA and total-control methods' amounts; methods without a figure are skipped. One cell each: columns (a row per plant) spill a result per plant.",
      zh: "许可排放量（t/a）：排放标准法、环评法、总量控制法核定量取最小值（从严）；无数值的方法不参与比较。每个参数一个单元格；给出各列（每行一家单位）时逐行溢出结果。",
    },
    params: [
      tonnes("standard_method", "By the emission-standard method", "按排放标准法核定的量"),
      tonnes("eia_method", "By the EIA method", "按环评法核定的量"),
      tonnes("total_control", "By the total-control method (the regional target allocated)", "按总量控制法核定的量（区域指标分配量）", true),
    ],
    result: { type: "number", dimensionality: "scalar" },
    examples: [
      { formula: "=ER.PERMITTED_EMISSION(4640, 3500)", result: "3500", note: { en: "Plant 1, phase 2, SO2: the EIA approval is stricter than the standard.", zh: "排污单位 1 二期 SO2：环评批复量严于标准法。" } },
      { formula: "=ER.PERMITTED_EMISSION(4640, 3500, 3200)", result: "3200", note: { en: "A total-control allocation stricter than both.", zh: "总量控制分配量严于另两种方法。" } },
      { formula: '=ER.PERMITTED_EMISSION(4151.5, "-")', result: "4151.5", note: { en: "Plant 2, phase 1, NOx: the approval has no NOx figure.", zh: "排污单位 2 一期 NOx：批复无 NOx 数值。" } },
      { formula: '=ER.PERMITTED_EMISSION("-", "/", "")', result: "#N/A", note: { en: "No method gives a figure.", zh: "没有任何方法给出数值。" } },
    ],
    impl: (standardMethod, eiaMethod, totalControl) =>
      permittedEmission({ standard: amount(standardMethod, "standard_method"), eia: amount(eiaMethod, "eia_method"), totalControl: amount(totalControl, "total_control") }).amount,
  },
  {
    id: "ACTUAL_EMISSION",
    description: {
      en: 'Actual emission in t/a: the first available of online monitoring, manual monitoring, material balance, emission factor; with rule "max" the largest. One cell each: columns spill a result per row.',
      zh: "实际排放量（t/a）：按自动监测、手工监测、物料衡算、排放系数的优先顺序取第一个有数值者；规则为 max（取大）时取最大值。每个参数一个单元格；给出各列时逐行溢出结果。",
    },
    params: [
      tonnes("online", "By online (automatic) monitoring", "自动监测核算量"),
      tonnes("manual", "By manual monitoring", "手工监测核算量"),
      tonnes("material_balance", "By material balance", "物料衡算核算量"),
      tonnes("emission_factor", "By emission factors", "排放系数核算量"),
      {
        name: "rule",
        type: "any",
        dimensionality: "scalar",
        optional: true,
        description: {
          en: '"priority" (default, 优先) or "max" (取大: the largest, where local rules ask for it).',
          zh: "priority（默认，优先顺序）或 max（取大，地方要求取较大值时）。",
        },
      },
    ],
    result: { type: "number", dimensionality: "scalar" },
    examples: [
      { formula: '=ER.ACTUAL_EMISSION("-", 812.4, 900, 1010)', result: "812.4", note: { en: "No online monitoring: manual monitoring comes next.", zh: "无自动监测数据：取手工监测。" } },
      { formula: '=ER.ACTUAL_EMISSION("-", 812.4, 900, 1010, "max")', result: "1010", note: { en: "The larger-value rule.", zh: "取较大值原则。" } },
      { formula: '=ER.ACTUAL_EMISSION(790.5, 812.4, "/", "/", "取大")', result: "812.4", note: { en: "The larger-value rule, in Chinese.", zh: "取较大值原则（中文规则名）。" } },
    ],
    impl: (online, manual, materialBalance, emissionFactor, rule) => {
      const r = parseActualRule(parseText(singleCell(rule, "rule"), "rule"));
      return actualEmission(
        {
          online: amount(online, "online"),
          manual: amount(manual, "manual"),
          "material-balance": amount(materialBalance, "material_balance"),
          "emission-factor": amount(emissionFactor, "emission_factor"),
        },
        r,
      ).amount;
    },
  },
];
