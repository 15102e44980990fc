/** Help of EXPLAIN_RIGHT (src/functions/specs/explain.ts). */
import type { HelpTable } from "../spec";
import { RIGHTS_HELP } from "./rights";

export const EXPLAIN_HELP: HelpTable = {
  EXPLAIN_RIGHT: {
    description: {
      en: 'Per phase, which figure binds ("eia", "performance", "equal", "no-eia", "absent") and the phase right in t/a ("/" if absent), spilled beside the phases: two columns for phases down, two rows for phases across (as eia is laid out).',
      zh: "逐期说明起约束作用的数值（eia、performance、equal、no-eia、absent）及该期初始排污权（t/a，不存在为“/”），溢出在各期旁：各期纵向时为两列，横向时为两行（以 eia 的排列为准）。",
    },
    params: RIGHTS_HELP.INITIAL_RIGHT_PHASED.params,
    examples: [
      { formula: "=ER.EXPLAIN_RIGHT({907.2;8000}, {1134;2320})", result: '{"eia",907.2;"performance",2320}', note: { en: "Plant 1, NOx, phases down a column (Table 3).", zh: "排污单位 1 NOx，各期纵向排列（表 3）。" } },
      { formula: '=ER.EXPLAIN_RIGHT({"-","-",1938}, {4151.5,8303,945})', result: '{"no-eia","no-eia","performance";4151.5,8303,945}', note: { en: "Plant 2, NOx, phases across a row: no NOx in the first two approvals.", zh: "排污单位 2 NOx，各期横向排列：一、二期批复无 NOx 数值。" } },
      { formula: '=ER.EXPLAIN_RIGHT({2057;1346.6;"/"}, {2057;2244.3;"/"})', result: '{"equal",2057;"eia",1346.6;"absent","/"}', note: { en: "Plant 6, NOx: a two-phase plant in a three-phase table.", zh: "排污单位 6 NOx：两期工程填在三期表格中。" } },
    ],
  },
};
