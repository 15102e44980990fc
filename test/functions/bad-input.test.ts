/**
 * The bad-input matrix: every row is a call Excel could make with a typing mistake, imported text or a
 * half-finished table, through the built bundle; each gives the Excel error and the message named
 * here, in English and in Chinese, and never a number.
 */
import { loadBundle, type StubError } from "./bundle";

const en = loadBundle("en-US");
const zh = loadBundle("zh-CN");

const col = (...cells: unknown[]) => cells.map((c) => [c]);
const row = (...cells: unknown[]) => [cells];
const wholeColumn = (head: unknown[]) => Array.from({ length: 1048576 }, (_, i) => [i < head.length ? head[i] : null]);

type Row = [string, unknown[], string, string, string];

const MATRIX: Row[] = [
  // PERFORMANCE_EMISSION
  ["PERFORMANCE_EMISSION", ["abc", 200, null], "#VALUE!", 'volume: "abc" is not a number or a missing-value mark (/ - — 无 N/A).', "volume（年排放烟气（废水）量）：“abc”既不是数字，也不是缺失标记（/ - — 无 N/A）。"],
  ["PERFORMANCE_EMISSION", ["11,340,000,000", 200, null], "#VALUE!", 'volume: "11,340,000,000" has a comma; type the number without separators (for example 4113.6).', "volume（年排放烟气（废水）量）：“11,340,000,000”含有逗号；请去掉分隔符后输入数字（例如 4113.6）。"],
  ["PERFORMANCE_EMISSION", [-5e9, 200, null], "#VALUE!", "volume: -5000000000 is negative; volumes, limits and emissions cannot be below 0.", "volume（年排放烟气（废水）量）：-5000000000 为负数；烟气量、浓度限值和排放量都不能小于 0。"],
  ["PERFORMANCE_EMISSION", [Number.NaN, 200, null], "#VALUE!", "volume: the value is not a finite number.", "volume（年排放烟气（废水）量）：该值不是有限数字。"],
  ["PERFORMANCE_EMISSION", [Number.POSITIVE_INFINITY, 200, null], "#VALUE!", "volume: the value is not a finite number.", "volume（年排放烟气（废水）量）：该值不是有限数字。"],
  ["PERFORMANCE_EMISSION", ["1e400", 200, null], "#VALUE!", "volume: the value is not a finite number.", "volume（年排放烟气（废水）量）：该值不是有限数字。"],
  ["PERFORMANCE_EMISSION", [1e20, 200, null], "#VALUE!", "volume: 100000000000000000000 is larger than 1e+14, more than any plant has; check the units.", "volume（年排放烟气（废水）量）：100000000000000000000 大于 1e+14，超出任何排污单位的可能范围；请检查单位。"],
  ["PERFORMANCE_EMISSION", [true, 200, null], "#VALUE!", "volume: TRUE/FALSE is not an amount.", "volume（年排放烟气（废水）量）：TRUE/FALSE 不是数量。"],
  ["PERFORMANCE_EMISSION", [{ code: "#REF!" }, 200, null], "#VALUE!", "volume: the cell holds the error #REF!.", "volume（年排放烟气（废水）量）：单元格中是错误值 #REF!。"],
  ["PERFORMANCE_EMISSION", ["-", 200, null], "#VALUE!", 'volume: "-" marks a missing figure, but a phase that exists has one; type the figure, or "/" if the phase does not exist.', "volume（年排放烟气（废水）量）：“-”表示缺少数值，但存在的工程期必有该数值；请填写数值，该期不存在时填“/”。"],
  ["PERFORMANCE_EMISSION", [11.34e9, "无", null], "#VALUE!", 'limit: "无" marks a missing figure, but a phase that exists has one; type the figure, or "/" if the phase does not exist.', "limit（浓度限值）：“无”表示缺少数值，但存在的工程期必有该数值；请填写数值，该期不存在时填“/”。"],
  ["PERFORMANCE_EMISSION", [0, 200, null], "#VALUE!", "volume: must be greater than 0 (an empty cell can reach a function as 0; type the value).", "volume（年排放烟气（废水）量）：必须大于 0（空单元格可能以 0 传入函数；请填写数值）。"],
  ["PERFORMANCE_EMISSION", ["2024-01-01", 200, null], "#VALUE!", 'volume: "2024-01-01" is not a number or a missing-value mark (/ - — 无 N/A).', "volume（年排放烟气（废水）量）：“2024-01-01”既不是数字，也不是缺失标记（/ - — 无 N/A）。"],
  ["PERFORMANCE_EMISSION", [11.34e9, 0, null], "#VALUE!", "limit: must be greater than 0 (an empty cell can reach a function as 0; type the value).", "limit（浓度限值）：必须大于 0（空单元格可能以 0 传入函数；请填写数值）。"],
  ["PERFORMANCE_EMISSION", [11.34e9, 2e6, null], "#VALUE!", "limit: 2000000 is larger than 1e+6, more than any plant has; check the units.", "limit（浓度限值）：2000000 大于 1e+6，超出任何排污单位的可能范围；请检查单位。"],
  ["PERFORMANCE_EMISSION", [11.34e9, "200 mg/m3", null], "#VALUE!", 'limit: "200 mg/m3" is not a number or a missing-value mark (/ - — 无 N/A).', "limit（浓度限值）：“200 mg/m3”既不是数字，也不是缺失标记（/ - — 无 N/A）。"],
  ["PERFORMANCE_EMISSION", [11.34e9, 200, "steam"], "#VALUE!", 'medium: "steam" is not a medium; use one of: gas / 废气 (default · 默认), water / 废水.', "medium（介质）：“steam”不是介质；可用：gas / 废气 (default · 默认), water / 废水。"],
  ["PERFORMANCE_EMISSION", [11.34e9, 200, 5], "#VALUE!", "medium: expected text, got 5.", "medium（介质）：此处应为文本，实际为 5。"],
  ["PERFORMANCE_EMISSION", [11.34e9, 200, false], "#VALUE!", "medium: expected text, got false.", "medium（介质）：此处应为文本，实际为 false。"],
  // INITIAL_RIGHT
  ["INITIAL_RIGHT", [null, null], "#N/A", "the phase does not exist: both eia and performance are empty or marked missing.", "该期不存在：eia 与 performance 均为空或为缺失标记。"],
  ["INITIAL_RIGHT", ["about 1500", 2268], "#VALUE!", 'eia: "about 1500" is not a number or a missing-value mark (/ - — 无 N/A).', "eia（环评批复量）：“about 1500”既不是数字，也不是缺失标记（/ - — 无 N/A）。"],
  ["INITIAL_RIGHT", [1500, "-"], "#VALUE!", "phase 1: the EIA figure is 1500 but the performance emission is missing; a right cannot be assessed without it.", "第 1 期：环评批复量为 1500，但缺少绩效排放量，无法核定排污权。"],
  // INITIAL_RIGHT_PHASED
  ["INITIAL_RIGHT_PHASED", [col(1, 2, 3), col(1, 2)], "#VALUE!", "eia has 3 cells but performance has 2; give one cell per phase in both.", "eia（环评批复量） 有 3 个单元格，而 performance（绩效排放量） 有 2 个；两者都应每期一个单元格。"],
  ["INITIAL_RIGHT_PHASED", [[[1, 2], [3, 4]], [[1, 2], [3, 4]]], "#VALUE!", "eia is 2 rows × 2 columns; give one row or one column, one cell per phase.", "eia（环评批复量） 为 2 行 × 2 列；请给出单行或单列，每期一个单元格。"],
  ["INITIAL_RIGHT_PHASED", [[], col(1)], "#VALUE!", "eia has no cells.", "eia（环评批复量） 没有单元格。"],
  ["INITIAL_RIGHT_PHASED", [col(1), [[]]], "#VALUE!", "performance has no cells.", "performance（绩效排放量） 没有单元格。"],
  ["INITIAL_RIGHT_PHASED", [row("approx 1500", 3500), row(2268, 4640)], "#VALUE!", 'eia (cell 1 of 2): "approx 1500" is not a number or a missing-value mark (/ - — 无 N/A).', "eia（环评批复量）（第 1 格，共 2 格）：“approx 1500”既不是数字，也不是缺失标记（/ - — 无 N/A）。"],
  ["INITIAL_RIGHT_PHASED", [row(1562, 3500), row(2268, -4640)], "#VALUE!", "performance (cell 2 of 2): -4640 is negative; volumes, limits and emissions cannot be below 0.", "performance（绩效排放量）（第 2 格，共 2 格）：-4640 为负数；烟气量、浓度限值和排放量都不能小于 0。"],
  ["INITIAL_RIGHT_PHASED", [row(1562, { code: "#DIV/0!" }), row(2268, 4640)], "#VALUE!", "eia (cell 2 of 2): the cell holds the error #DIV/0!.", "eia（环评批复量）（第 2 格，共 2 格）：单元格中是错误值 #DIV/0!。"],
  ["INITIAL_RIGHT_PHASED", [row(1562, 3500), row("#N/A", 4640)], "#N/A", "performance (cell 1 of 2): the cell holds the error #N/A.", "performance（绩效排放量）（第 1 格，共 2 格）：单元格中是错误值 #N/A。"],
  ["INITIAL_RIGHT_PHASED", [row(1562, true), row(2268, 4640)], "#VALUE!", "eia (cell 2 of 2): TRUE/FALSE is not an amount.", "eia（环评批复量）（第 2 格，共 2 格）：TRUE/FALSE 不是数量。"],
  ["INITIAL_RIGHT_PHASED", [row("/", "/"), row("/", null)], "#VALUE!", "no phase has a figure: every cell of eia and performance is empty or marked missing.", "没有任何一期有数值：eia（环评批复量） 与 performance（绩效排放量） 的单元格全部为空或为缺失标记。"],
  ["INITIAL_RIGHT_PHASED", [row(1562, 3500), row(2268, "/")], "#VALUE!", "phase 2: the EIA figure is 3500 but the performance emission is missing; a right cannot be assessed without it.", "第 2 期：环评批复量为 3500，但缺少绩效排放量，无法核定排污权。"],
  ["INITIAL_RIGHT_PHASED", [wholeColumn([1562, 3500]), col(2268, 4640)], "#VALUE!", "eia has 1048576 cells but performance has 2; give one cell per phase in both.", "eia（环评批复量） 有 1048576 个单元格，而 performance（绩效排放量） 有 2 个；两者都应每期一个单元格。"],
  ["INITIAL_RIGHT_PHASED", [row(2e12, 3500), row(2268, 4640)], "#VALUE!", "eia (cell 1 of 2): 2000000000000 is larger than 1e+9, more than any plant has; check the units.", "eia（环评批复量）（第 1 格，共 2 格）：2000000000000 大于 1e+9，超出任何排污单位的可能范围；请检查单位。"],
  ["INITIAL_RIGHT_PHASED", [row("4113,6", 3500), row(2268, 4640)], "#VALUE!", 'eia (cell 1 of 2): "4113,6" has a comma; type the number without separators (for example 4113.6).', "eia（环评批复量）（第 1 格，共 2 格）：“4113,6”含有逗号；请去掉分隔符后输入数字（例如 4113.6）。"],
  // INITIAL_RIGHT_TOTAL
  ["INITIAL_RIGHT_TOTAL", [row(1562, 3500, 900), row(2268, 4640, "—")], "#VALUE!", "phase 3: the EIA figure is 900 but the performance emission is missing; a right cannot be assessed without it.", "第 3 期：环评批复量为 900，但缺少绩效排放量，无法核定排污权。"],
  ["INITIAL_RIGHT_TOTAL", [row(1562, Number.POSITIVE_INFINITY), row(2268, 4640)], "#VALUE!", "eia (cell 2 of 2): the value is not a finite number.", "eia（环评批复量）（第 2 格，共 2 格）：该值不是有限数字。"],
  ["INITIAL_RIGHT_TOTAL", [[[1, 2], [3, 4], [5, 6]], col(1, 2, 3)], "#VALUE!", "eia is 3 rows × 2 columns; give one row or one column, one cell per phase.", "eia（环评批复量） 为 3 行 × 2 列；请给出单行或单列，每期一个单元格。"],
  ["INITIAL_RIGHT_TOTAL", [row("无", "无"), row("N/A", "")], "#VALUE!", "no phase has a figure: every cell of eia and performance is empty or marked missing.", "没有任何一期有数值：eia（环评批复量） 与 performance（绩效排放量） 的单元格全部为空或为缺失标记。"],
  // METHOD_DIFFERENCE
  ["METHOD_DIFFERENCE", [row(1, 2), row(1, 2, 3)], "#VALUE!", "eia has 2 cells but performance has 3; give one cell per phase in both.", "eia（环评批复量） 有 2 个单元格，而 performance（绩效排放量） 有 3 个；两者都应每期一个单元格。"],
  ["METHOD_DIFFERENCE", [row(1, { rich: "data" }), row(1, 2)], "#VALUE!", "eia (cell 2 of 2): this kind of value cannot be used here.", "eia（环评批复量）（第 2 格，共 2 格）：此处不能使用这种值。"],
  // EIA_TOTAL / PERFORMANCE_TOTAL
  ["EIA_TOTAL", [row("-", "-", 1938), row(4151.5, 8303, 945)], "#N/A", "phase 1 has no EIA figure, so the EIA total does not exist (the total comparison then uses the performance total).", "第 1 期没有环评批复量，环评合计不存在（合计对比此时采用绩效排放量合计）。"],
  ["PERFORMANCE_TOTAL", [row(2057, 1346.6), row(2057, "-2244.3")], "#VALUE!", "performance (cell 2 of 2): -2244.3 is negative; volumes, limits and emissions cannot be below 0.", "performance（绩效排放量）（第 2 格，共 2 格）：-2244.3 为负数；烟气量、浓度限值和排放量都不能小于 0。"],
];

test("the matrix has at least 40 distinct bad inputs and covers every function of the bundle", () => {
  const key = (r: Row) =>
    JSON.stringify([r[0], r[1].map((a) => (Array.isArray(a) && a.length > 100 ? "whole column" : a))], (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
  expect(new Set(MATRIX.map(key)).size).toBe(MATRIX.length);
  expect(MATRIX.length).toBeGreaterThanOrEqual(40);
  const covered = new Set(MATRIX.map((r) => r[0]));
  for (const id of ["PERFORMANCE_EMISSION", "INITIAL_RIGHT", "INITIAL_RIGHT_PHASED", "INITIAL_RIGHT_TOTAL", "METHOD_DIFFERENCE", "EIA_TOTAL", "PERFORMANCE_TOTAL"]) expect(covered).toContain(id);
});

describe.each(MATRIX.map((r, i) => [i + 1, ...r] as const))("bad input %i: %s", (_n, id, args, code, enMessage, zhMessage) => {
  test(`gives ${code} with the English message`, () => {
    const r = en.call(id, ...args) as StubError;
    expect(typeof r).toBe("object");
    expect(r.code).toBe(code);
    expect(r.message).toBe(enMessage);
  });
  test(`gives ${code} with the Chinese message`, () => {
    const r = zh.call(id, ...args) as StubError;
    expect(r.code).toBe(code);
    expect(r.message).toBe(zhMessage);
  });
});

describe("documented choices: what is not an error", () => {
  test.each([
    ["numbers stored as text are read as numbers", "INITIAL_RIGHT_PHASED", [row("1562", " 3500 "), row("2268", "4640")], 5062],
    ["a volume typed as 11.34×10^9", "PERFORMANCE_EMISSION", ["11.34×10^9", "200", null], 2268],
    ["full-width marks are marks", "INITIAL_RIGHT_PHASED", [row("－", "／"), row(4151.5, "／")], 4151.5],
    ["a date where tonnes belong is its serial number (Excel passes dates as numbers)", "INITIAL_RIGHT", [45292, 50000], 45292],
  ])("%s", (_what, id, args, expected) => {
    expect(en.call(id as string, ...(args as unknown[]))).toBe(expected);
  });
});
