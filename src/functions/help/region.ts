/** Help of the regional total-control functions (src/functions/specs/region.ts). */
import type { HelpTable } from "../spec";

const HOLDERS = {
  en: "The permitted emissions of the region's holders, t/a: a row or a column, one cell per holder. '/', '-', '无', N/A or an empty cell: a holder without a figure.",
  zh: "区域内各排污单位的许可排放量（t/a）：单行或单列，每个排污单位一个单元格。“/”“-”“无”、N/A 或空单元格表示该单位没有数值。",
};

export const REGION_HELP: HelpTable = {
  REGIONAL_TOTAL: {
    description: {
      en: "The region's fixed-source total (permit paper 1.3 (3)): the decimal-exact sum of a row or column of amounts in t/a. Marks are holders without a figure and are skipped; text that is neither a number nor a mark is refused naming the cell (SUM would skip a number stored as text without a word).",
      zh: "区域固定源总量控制指标（许可文 1.3 (3)）：一行或一列数量（t/a）按十进制精确求和。缺失标记表示该单位没有数值，不计入；既非数字也非缺失标记的文本会被拒绝并指出单元格（SUM 会悄悄跳过以文本存储的数字）。",
    },
    params: { permitted: HOLDERS },
    examples: [
      { formula: '=ER.REGIONAL_TOTAL({5062;14207;"/";4113.6})', result: "23382.6", note: { en: "Three holders with a figure and one without.", zh: "三个有数值的排污单位，一个没有数值。" } },
      { formula: '=ER.REGIONAL_TOTAL({1562;"1562"})', result: "3124", note: { en: "A number stored as text counts (SUM would give 1562).", zh: "以文本存储的数字照样计入（SUM 会得出 1562）。" } },
      { formula: '=ER.REGIONAL_TOTAL({1562;"n.a."})', result: "#VALUE!", note: { en: "Text that is not a number: refused, naming cell 2.", zh: "不是数字的文本：拒绝，并指出第 2 格。" } },
    ],
  },
  ALLOCATE_CUT: {
    description: {
      en: 'Allocates a cut of the regional total to the holders (permit paper 1.3 (3), 3.2 (1)): spills each holder\'s new permitted emission, in the shape of permitted, so that the results add up to target exactly at decimals places (largest remainder, ties to the earlier holder), no holder gets more than it has now or less than 0, and marked holders keep their mark. Methods: "proportional" (等比例, default), "weighted" (按贡献: the cut shared by weights; a holder stops at 0), "history" (按历史排放: the target shared by historical emissions; a holder stops at its permit).',
      zh: "把区域总量的削减分配到各排污单位（许可文 1.3 (3)、3.2 (1)）：按 permitted 的形状溢出各单位新的许可排放量，结果之和在 decimals 位小数上恰好等于目标（最大余数法，余数相同时先到者得），任何单位不多于现有许可排放量、不少于 0，带缺失标记的单位保持原标记。方法：proportional（等比例，默认）、weighted（按贡献：削减量按权重分担，减到 0 为止）、history（按历史排放：目标总量按历史排放量分配，以现有许可排放量为上限）。",
    },
    params: {
      permitted: HOLDERS,
      target: {
        en: 'The new regional total in t/a, with no more decimal places than decimals; or a cut in percent as text with its minus sign, "-10%": the current total × 0.9, rounded down to decimals places (so the cut is at least 10%). A number typed as -10% reaches the function as -0.1 and is refused.',
        zh: "新的区域总量（t/a），小数位不多于 decimals；或以带负号的文本给出削减百分比，如“-10%”：取当前总量 × 0.9，向下取到 decimals 位小数（削减量不少于 10%）。直接输入的 -10% 以 -0.1 传入，会被拒绝。",
      },
      method: {
        en: '"proportional" (default, 等比例), "weighted" (按贡献) or "history" (按历史排放).',
        zh: "proportional（默认，等比例）、weighted（按贡献）或 history（按历史排放）。",
      },
      weights: {
        en: 'For "weighted": each holder\'s pollution contribution; for "history": each holder\'s historical (actual) emission. One cell per holder, ≥ 0; left out for "proportional".',
        zh: "weighted：各单位的污染贡献；history：各单位的历史（实际）排放量。每个排污单位一个单元格，≥ 0；proportional 时不填。",
      },
      decimals: {
        en: "Decimal places of the results, 0 to 6 (default 2).",
        zh: "结果的小数位数，0 至 6（默认 2）。",
      },
    },
    examples: [
      { formula: "=ER.ALLOCATE_CUT({100;200;300}, 540)", result: "{90;180;270}", note: { en: "A 10% cut, proportionally.", zh: "等比例削减 10%。" } },
      { formula: "=ER.ALLOCATE_CUT({10;10;10}, 20)", result: "{6.67;6.67;6.66}", note: { en: "Three equal remainders: the units left go to the earlier holders, and the results add up to 20.", zh: "三个余数相同：剩余的单位给排在前面的单位，结果之和恰为 20。" } },
      { formula: '=ER.ALLOCATE_CUT({100;"/";300}, "-10%")', result: '{90;"/";270}', note: { en: "A cut in percent; the holder marked '/' keeps its mark.", zh: "按百分比削减；标“/”的单位保持原标记。" } },
      { formula: '=ER.ALLOCATE_CUT({10;100;100}, 150, "weighted", {3;1;1})', result: "{0;75;75}", note: { en: "Holder 1's share of the cut (36) is more than its permit: it stops at 0 and the others share the rest.", zh: "单位 1 应分担的削减量（36）超过其许可排放量：减到 0 为止，其余由其他单位分担。" } },
      { formula: '=ER.ALLOCATE_CUT({20;100;100}, 150, "按历史排放", {2;1;1})', result: "{20;65;65}", note: { en: "Holder 1's share of the target (75) is more than its permit: it keeps 20 and the others share the rest.", zh: "单位 1 按历史排放应得 75，超过其许可排放量：取 20，其余由其他单位分配。" } },
      { formula: "=ER.ALLOCATE_CUT({100;200}, 310)", result: "#VALUE!", note: { en: "A target above the current total.", zh: "目标高于当前总量。" } },
    ],
  },
  ANNUAL_CHANGE: {
    description: {
      en: "The yearly change of actual emission (permit paper 1.3 (3)): this year's actual minus last year's, t/a, decimal-exact; negative when it went down. One cell each: a row or column of holders spills one result per holder, and a holder with a mark on either side gets #N/A.",
      zh: "年度实际排放变化量（许可文 1.3 (3)）：本年实际排放量减上一年度实际排放量（t/a），十进制精确；下降时为负。每个参数一个单元格：给出一行或一列排污单位时逐个溢出结果，任一侧为缺失标记的单位返回 #N/A。",
    },
    params: {
      this_year: { en: "This year's actual emission, t/a.", zh: "本年实际排放量（t/a）。" },
      last_year: { en: "Last year's actual emission, t/a.", zh: "上一年度实际排放量（t/a）。" },
    },
    examples: [
      { formula: "=ER.ANNUAL_CHANGE(1480.6, 1502.3)", result: "-21.7", note: { en: "Down by 21.7 t/a.", zh: "下降 21.7 t/a。" } },
      { formula: '=ER.ANNUAL_CHANGE(1480.6, "-")', result: "#N/A", note: { en: "No figure for last year.", zh: "上一年度没有数值。" } },
    ],
  },
  PERMIT_MARGIN: {
    description: {
      en: "What is left under the permit: permitted minus actual emission, t/a, decimal-exact. Below 0 the holder emitted more than its permit, the ceiling (天花板) of permit paper 3.2. One cell each: a row or column of holders spills one result per holder; a mark gives #N/A.",
      zh: "许可余量：许可排放量减实际排放量（t/a），十进制精确。小于 0 表示该单位的排放超过了许可排放量这一“天花板”（许可文 3.2）。每个参数一个单元格：给出一行或一列排污单位时逐个溢出结果；缺失标记返回 #N/A。",
    },
    params: {
      actual: { en: "The holder's actual emission, t/a.", zh: "该单位的实际排放量（t/a）。" },
      permitted: { en: "The holder's permitted emission, t/a.", zh: "该单位的许可排放量（t/a）。" },
    },
    examples: [
      { formula: "=ER.PERMIT_MARGIN(2640, 2820.5)", result: "180.5", note: { en: "Within the permit by 180.5 t/a.", zh: "低于许可排放量 180.5 t/a。" } },
      { formula: "=ER.PERMIT_MARGIN(5300.2, 5062)", result: "-238.2", note: { en: "Over the permit by 238.2 t/a.", zh: "超过许可排放量 238.2 t/a。" } },
      { formula: '=ER.PERMIT_MARGIN("/", 5062)', result: "#N/A", note: { en: "No actual figure.", zh: "没有实际排放量数值。" } },
    ],
  },
};
