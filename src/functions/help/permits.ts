/** Help of the permit functions (src/functions/specs/permits.ts). */
import type { HelpTable } from "../spec";

export const PERMITS_HELP: HelpTable = {
  PERMITTED_EMISSION: {
    description: {
      en: "Permitted emission in t/a: the smallest (strictest) of the standard, EIA and total-control methods' amounts; methods without a figure are skipped. One cell each: columns (a row per plant) spill a result per plant.",
      zh: "许可排放量（t/a）：排放标准法、环评法、总量控制法核定量取最小值（从严）；无数值的方法不参与比较。每个参数一个单元格；给出各列（每行一家单位）时逐行溢出结果。",
    },
    params: {
      standard_method: {
        en: "By the emission-standard method, t/a; '-' if none.",
        zh: "按排放标准法核定的量（t/a）；无数值填“-”。",
      },
      eia_method: {
        en: "By the EIA method, t/a; '-' if none.",
        zh: "按环评法核定的量（t/a）；无数值填“-”。",
      },
      total_control: {
        en: "By the total-control method (the regional target allocated), t/a; '-' if none.",
        zh: "按总量控制法核定的量（区域指标分配量）（t/a）；无数值填“-”。",
      },
    },
    examples: [
      { formula: "=ER.PERMITTED_EMISSION(4640, 3500)", result: "3500", note: { en: "Plant 1, phase 2, SO2: the EIA approval is stricter than the standard.", zh: "排污单位 1 二期 SO2：环评批复量严于标准法。" } },
      { formula: "=ER.PERMITTED_EMISSION(4640, 3500, 3200)", result: "3200", note: { en: "A total-control allocation stricter than both.", zh: "总量控制分配量严于另两种方法。" } },
      { formula: '=ER.PERMITTED_EMISSION(4151.5, "-")', result: "4151.5", note: { en: "Plant 2, phase 1, NOx: the approval has no NOx figure.", zh: "排污单位 2 一期 NOx：批复无 NOx 数值。" } },
      { formula: '=ER.PERMITTED_EMISSION("-", "/", "")', result: "#N/A", note: { en: "No method gives a figure.", zh: "没有任何方法给出数值。" } },
    ],
  },
  ACTUAL_EMISSION: {
    description: {
      en: 'Actual emission in t/a: the first available of online monitoring, manual monitoring, material balance, emission factor; with rule "max" the largest of the three methods the permit paper compares: monitoring (online where available, manual otherwise), material balance, emission factor. One cell each: columns spill a result per row.',
      zh: "实际排放量（t/a）：按自动监测、手工监测、物料衡算、排放系数的优先顺序取第一个有数值者；规则为 max（取大）时，在监测法（有自动监测取自动监测，否则取手工监测）、物料衡算法、产排污系数法三种方法中取最大值。每个参数一个单元格；给出各列时逐行溢出结果。",
    },
    params: {
      online: {
        en: "By online (automatic) monitoring, t/a; '-' if none.",
        zh: "自动监测核算量（t/a）；无数值填“-”。",
      },
      manual: {
        en: "By manual monitoring, t/a; '-' if none.",
        zh: "手工监测核算量（t/a）；无数值填“-”。",
      },
      material_balance: {
        en: "By material balance, t/a; '-' if none.",
        zh: "物料衡算核算量（t/a）；无数值填“-”。",
      },
      emission_factor: {
        en: "By emission factors, t/a; '-' if none.",
        zh: "排放系数核算量（t/a）；无数值填“-”。",
      },
      rule: {
        en: '"priority" (default, 优先) or "max" (取大: the largest, where local rules ask for it).',
        zh: "priority（默认，优先顺序）或 max（取大，地方要求取较大值时）。",
      },
    },
    examples: [
      { formula: '=ER.ACTUAL_EMISSION("-", 812.4, 900, 1010)', result: "812.4", note: { en: "No online monitoring: manual monitoring comes next.", zh: "无自动监测数据：取手工监测。" } },
      { formula: '=ER.ACTUAL_EMISSION("-", 812.4, 900, 1010, "max")', result: "1010", note: { en: "The larger-value rule.", zh: "取较大值原则。" } },
      { formula: '=ER.ACTUAL_EMISSION(790.5, 812.4, 900, "/", "取大")', result: "900", note: { en: "The larger-value rule, in Chinese: monitoring (online 790.5) against material balance 900.", zh: "取较大值原则（中文规则名）：监测法（自动监测 790.5）与物料衡算 900 比较。" } },
      { formula: '=ER.ACTUAL_EMISSION(790.5, 812.4, "/", "/", "max")', result: "790.5", note: { en: "Online and manual monitoring are one method: online where available, not the larger of the two.", zh: "自动监测与手工监测同属监测法：有自动监测即取自动监测，不在二者中取大。" } },
    ],
  },
};
