/** Help of the Fujian-method functions (src/functions/specs/rights.ts): descriptions and examples, in both languages. */
import type { HelpTable } from "../spec";

export const RIGHTS_HELP: HelpTable = {
  PERFORMANCE_EMISSION: {
    description: {
      en: 'Performance emission in t/a: the concentration limit times the yearly gas (or water) volume. Gas: mg/m3 × m3/a × 1e-9; water: mg/L × m3/a × 1e-6. A phase that does not exist ("/" or an empty cell for its volume or limit) gives "/", which the rights functions skip, as a "/" typed in the performance cell.',
      zh: "绩效排放量（t/a）：浓度限值 × 年排放烟气（废水）量。废气：mg/m3 × m3/a × 10^-9；废水：mg/L × m3/a × 10^-6。不存在的期（烟气量或限值为“/”或空单元格）返回“/”，初始排污权函数跳过该期，与在绩效排放量单元格中填“/”相同。",
    },
    params: {
      volume: {
        en: 'Performance (benchmark) gas or water volume in m3 per year, e.g. 11.34E9; "/" (or empty) if the phase does not exist.',
        zh: "绩效（基准）排气量或排水量，m3/a，例如 11.34E9；该期不存在时填“/”（或留空）。",
      },
      limit: {
        en: 'Concentration limit of the standard: mg/m3 for gas, mg/L for water; "/" (or empty) if the phase does not exist.',
        zh: "排放标准的浓度限值：废气为 mg/m3，废水为 mg/L；该期不存在时填“/”（或留空）。",
      },
      medium: {
        en: '"gas" (default) or "water"; also 废气 or 废水.',
        zh: "“gas”（默认）或“water”；也可填 废气 或 废水。",
      },
    },
    examples: [
      { formula: "=ER.PERFORMANCE_EMISSION(11.34E9, 200)", result: "2268", note: { en: "Plant 1, phase 1, SO2 (Table 1).", zh: "排污单位 1 一期 SO2（表 1）。" } },
      { formula: "=ER.PERFORMANCE_EMISSION(20.568E9, 200)", result: "4113.6", note: { en: "Plant 6, phase 1, SO2 with the unrounded volume (Table 3).", zh: "排污单位 6 一期 SO2，未取整烟气量（表 3）。" } },
      { formula: '=ER.PERFORMANCE_EMISSION(2E6, 50, "water")', result: "100", note: { en: "2 million m3/a of waste water at 50 mg/L.", zh: "年排废水 200 万 m3，限值 50 mg/L。" } },
      { formula: '=ER.PERFORMANCE_EMISSION("/", 200)', result: '"/"', note: { en: "A phase that does not exist (a two-phase plant in a three-phase row): the rights skip it.", zh: "不存在的期（两期工程填在三期的行中）：初始排污权函数跳过该期。" } },
    ],
  },
  INITIAL_RIGHT: {
    description: {
      en: "Initial emission right of one phase in t/a: the smaller of the EIA-approved and the performance emission; an approval with no figure ('-') does not bind.",
      zh: "单期初始排污权（t/a）：环评批复量与绩效排放量取小值；批复无该污染物数值（“-”）时取绩效排放量。",
    },
    params: {
      eia: {
        en: "EIA-approved emission of the phase in t/a, or '-' when the approval has none.",
        zh: "该期环评批复排放量（t/a），批复无数值时填“-”。",
      },
      performance: {
        en: "Performance emission of the phase in t/a.",
        zh: "该期绩效排放量（t/a）。",
      },
    },
    examples: [
      { formula: "=ER.INITIAL_RIGHT(1562, 2268)", result: "1562", note: { en: "Plant 1, phase 1, SO2: the EIA binds.", zh: "排污单位 1 一期 SO2：环评批复量起约束作用。" } },
      { formula: '=ER.INITIAL_RIGHT("-", 4151.5)', result: "4151.5", note: { en: "Plant 2, phase 1, NOx: no NOx in the approval.", zh: "排污单位 2 一期 NOx：批复无 NOx 数值。" } },
    ],
  },
  INITIAL_RIGHT_PHASED: {
    description: {
      en: "Plant's initial emission right by the phased comparison (recommended): the sum over phases of min(EIA, performance). Absent phases are skipped.",
      zh: "分期对比法（推荐）核定的全厂初始排污权：各期 min(环评批复量, 绩效排放量) 之和；不存在的期跳过。",
    },
    params: {
      eia: {
        en: "EIA-approved emissions in t/a, one cell per phase (a row or a column). '-' or '/' where the approval has no figure or the phase does not exist.",
        zh: "各期环评批复排放量（t/a），每期一个单元格（单行或单列）。批复无该污染物数值或该期不存在时填“-”或“/”。",
      },
      performance: {
        en: "Performance emissions in t/a, one cell per phase, in the same order as eia ('/' where the phase does not exist, as PERFORMANCE_EMISSION gives it).",
        zh: "各期绩效排放量（t/a），每期一个单元格，顺序与 eia 相同（该期不存在时为“/”，PERFORMANCE_EMISSION 对不存在的期即返回“/”）。",
      },
    },
    examples: [
      { formula: "=ER.INITIAL_RIGHT_PHASED({4014,12042,2220}, {4152,8303,1890})", result: "14207", note: { en: "Plant 2, SO2 (Table 3).", zh: "排污单位 2 SO2（表 3）。" } },
      { formula: '=ER.INITIAL_RIGHT_PHASED({"-","-",1938}, {4151.5,8303,945})', result: "13399.5", note: { en: "Plant 2, NOx: phases 1 and 2 have no NOx approval.", zh: "排污单位 2 NOx：一、二期批复无 NOx 数值。" } },
    ],
  },
  INITIAL_RIGHT_TOTAL: {
    description: {
      en: "Plant's initial emission right by the total comparison: min(sum of EIA, sum of performance); the performance sum when an existing phase has no EIA figure.",
      zh: "合计对比法核定的全厂初始排污权：min(环评批复量合计, 绩效排放量合计)；任一期批复无数值时取绩效排放量合计。",
    },
    params: {
      eia: {
        en: "EIA-approved emissions in t/a, one cell per phase (a row or a column). '-' or '/' where the approval has no figure or the phase does not exist.",
        zh: "各期环评批复排放量（t/a），每期一个单元格（单行或单列）。批复无该污染物数值或该期不存在时填“-”或“/”。",
      },
      performance: {
        en: "Performance emissions in t/a, one cell per phase, in the same order as eia ('/' where the phase does not exist, as PERFORMANCE_EMISSION gives it).",
        zh: "各期绩效排放量（t/a），每期一个单元格，顺序与 eia 相同（该期不存在时为“/”，PERFORMANCE_EMISSION 对不存在的期即返回“/”）。",
      },
    },
    examples: [
      { formula: "=ER.INITIAL_RIGHT_TOTAL({4014,12042,2220}, {4152,8303,1890})", result: "14345", note: { en: "Plant 2, SO2 (Table 4).", zh: "排污单位 2 SO2（表 4）。" } },
    ],
  },
  METHOD_DIFFERENCE: {
    description: {
      en: "Total comparison minus phased comparison in t/a (never negative): what the total method would let the plant keep beyond the phased one.",
      zh: "合计对比结果减分期对比结果（t/a，不小于 0）：合计对比法比分期对比法多核定的量。",
    },
    params: {
      eia: {
        en: "EIA-approved emissions in t/a, one cell per phase (a row or a column). '-' or '/' where the approval has no figure or the phase does not exist.",
        zh: "各期环评批复排放量（t/a），每期一个单元格（单行或单列）。批复无该污染物数值或该期不存在时填“-”或“/”。",
      },
      performance: {
        en: "Performance emissions in t/a, one cell per phase, in the same order as eia ('/' where the phase does not exist, as PERFORMANCE_EMISSION gives it).",
        zh: "各期绩效排放量（t/a），每期一个单元格，顺序与 eia 相同（该期不存在时为“/”，PERFORMANCE_EMISSION 对不存在的期即返回“/”）。",
      },
    },
    examples: [
      { formula: "=ER.METHOD_DIFFERENCE({907.2,8000}, {1134,2320})", result: "226.8", note: { en: "Plant 1, NOx (Table 5).", zh: "排污单位 1 NOx（表 5）。" } },
    ],
  },
  EIA_TOTAL: {
    description: {
      en: "Sum of the EIA-approved emissions of the existing phases (Table 4); #N/A when an existing phase has no EIA figure.",
      zh: "各现有期环评批复排放量之和（表 4）；任一现有期批复无数值时为 #N/A。",
    },
    params: {
      eia: {
        en: "EIA-approved emissions in t/a, one cell per phase (a row or a column). '-' or '/' where the approval has no figure or the phase does not exist.",
        zh: "各期环评批复排放量（t/a），每期一个单元格（单行或单列）。批复无该污染物数值或该期不存在时填“-”或“/”。",
      },
      performance: {
        en: "Performance emissions in t/a, one cell per phase, in the same order as eia ('/' where the phase does not exist, as PERFORMANCE_EMISSION gives it).",
        zh: "各期绩效排放量（t/a），每期一个单元格，顺序与 eia 相同（该期不存在时为“/”，PERFORMANCE_EMISSION 对不存在的期即返回“/”）。",
      },
    },
    examples: [
      { formula: "=ER.EIA_TOTAL({1980,1456}, {4113.6,4488.7})", result: "3436", note: { en: "Plant 6, SO2 (Table 4).", zh: "排污单位 6 SO2（表 4）。" } },
    ],
  },
  PERFORMANCE_TOTAL: {
    description: {
      en: "Sum of the performance emissions of the existing phases (Table 4), decimal-exact.",
      zh: "各现有期绩效排放量之和（表 4），按十进制精确相加。",
    },
    params: {
      eia: {
        en: "EIA-approved emissions in t/a, one cell per phase (a row or a column). '-' or '/' where the approval has no figure or the phase does not exist.",
        zh: "各期环评批复排放量（t/a），每期一个单元格（单行或单列）。批复无该污染物数值或该期不存在时填“-”或“/”。",
      },
      performance: {
        en: "Performance emissions in t/a, one cell per phase, in the same order as eia ('/' where the phase does not exist, as PERFORMANCE_EMISSION gives it).",
        zh: "各期绩效排放量（t/a），每期一个单元格，顺序与 eia 相同（该期不存在时为“/”，PERFORMANCE_EMISSION 对不存在的期即返回“/”）。",
      },
    },
    examples: [
      { formula: "=ER.PERFORMANCE_TOTAL({1980,1456}, {4113.6,4488.7})", result: "8602.3", note: { en: "Plant 6, SO2 (Table 4).", zh: "排污单位 6 SO2（表 4）。" } },
    ],
  },
};
