/**
 * ER.PERMITTED_EMISSION and ER.ACTUAL_EMISSION through the built bundle, as Excel calls them: marks and
 * empty cells (null) for methods without a figure, one-cell ranges, and bad input with its Excel error
 * and message in English and Chinese.
 */
import { loadBundle, type StubError } from "./bundle";

const en = loadBundle("en-US");
const zh = loadBundle("zh-CN");

describe("PERMITTED_EMISSION: the smallest figure given", () => {
  test.each([
    [[4640, 3500], 3500],
    [[4640, 3500, null], 3500],
    [[4640, 3500, 3200], 3200],
    [[2320, 8000, "/"], 2320],
    [[4151.5, "-", null], 4151.5],
    [[4151.5, null, null], 4151.5],
    [["无", "1938", "N/A"], 1938],
    [[null, null, 900], 900],
    [[[[4640]], [[3500]], [[3600]]], 3500],
    [["1.1E3", 1100.5], 1100],
    [[0, 500], 0],
  ] as [unknown[], number][])("%p -> %p", (args, expected) => {
    expect(en.call("PERMITTED_EMISSION", ...args)).toBe(expected);
    expect(zh.call("PERMITTED_EMISSION", ...args)).toBe(expected);
  });
});

describe("ACTUAL_EMISSION: priority order or the largest", () => {
  test.each([
    [[790.5, 812.4, 900, 1010], 790.5],
    [["-", 812.4, 900, 1010], 812.4],
    [[null, null, 900, 1010], 900],
    [["/", "/", "/", 1010], 1010],
    [[null, 812.4, 900, 1010, null], 812.4],
    [[null, 812.4, 900, 1010, "priority"], 812.4],
    [[null, 812.4, 900, 1010, "优先"], 812.4],
    [[null, 812.4, 900, 1010, "max"], 1010],
    // monitoring is one method: online where available, manual otherwise (permit paper 3.3 (1))
    [[790.5, 812.4, "/", "/", "取大"], 790.5],
    [[790.5, 812.4, 800, "/", "取大"], 800],
    [[null, 812.4, 800, "/", "max"], 812.4],
    [[790.5, 812.4, 900, null, "最大"], 900],
    [[[[790.5]], [[812.4]], [["-"]], [["-"]], [["max"]]], 790.5],
  ] as [unknown[], number][])("%p -> %p", (args, expected) => {
    expect(en.call("ACTUAL_EMISSION", ...args)).toBe(expected);
    expect(zh.call("ACTUAL_EMISSION", ...args)).toBe(expected);
  });
});

type Bad = [string, string, unknown[], string, string, string];

const BAD: Bad[] = [
  ["no figure at all", "PERMITTED_EMISSION", [null, "-", "/"], "#N/A", "no method gives a permitted emission: standard_method, eia_method and total_control are all empty or marked missing.", "没有任何方法给出许可排放量：standard_method（按标准法核定）、eia_method（按环评法核定）与 total_control（按总量控制法核定）均为空或为缺失标记。"],
  ["text", "PERMITTED_EMISSION", [4640, "about 3500"], "#VALUE!", 'eia_method: "about 3500" is not a number or a missing-value mark (/ - — 无 N/A).', "eia_method（按环评法核定）：“about 3500”既不是数字，也不是缺失标记（/ - — 无 N/A）。"],
  ["negative", "PERMITTED_EMISSION", [-4640, 3500], "#VALUE!", "standard_method: -4640 is negative; volumes, limits and emissions cannot be below 0.", "standard_method（按标准法核定）：-4640 为负数；烟气量、浓度限值和排放量都不能小于 0。"],
  ["error cell", "PERMITTED_EMISSION", [4640, 3500, { code: "#N/A" }], "#N/A", "total_control: the cell holds the error #N/A.", "total_control（按总量控制法核定）：单元格中是错误值 #N/A。"],
  ["a range of several cells", "PERMITTED_EMISSION", [[[4640], [2268]], 3500], "#VALUE!", "standard_method is 2 rows × 1 columns; give a single cell here.", "standard_method（按标准法核定） 为 2 行 × 1 列；此处只能给一个单元格。"],
  ["TRUE", "PERMITTED_EMISSION", [true, 3500], "#VALUE!", "standard_method: TRUE/FALSE is not an amount.", "standard_method（按标准法核定）：TRUE/FALSE 不是数量。"],
  ["no figure at all", "ACTUAL_EMISSION", [null, "-", "/", "无"], "#N/A", "no accounting method gives a figure: online, manual, material_balance and emission_factor are all empty or marked missing.", "没有任何核算方法给出数值：online（自动监测）、manual（手工监测）、material_balance（物料衡算）与 emission_factor（排放系数）均为空或为缺失标记。"],
  ["no figure at all, max", "ACTUAL_EMISSION", [null, null, null, null, "max"], "#N/A", "no accounting method gives a figure: online, manual, material_balance and emission_factor are all empty or marked missing.", "没有任何核算方法给出数值：online（自动监测）、manual（手工监测）、material_balance（物料衡算）与 emission_factor（排放系数）均为空或为缺失标记。"],
  ["unknown rule", "ACTUAL_EMISSION", [790.5, 812.4, 900, 1010, "average"], "#VALUE!", 'rule: "average" is not a rule; use one of: priority / 优先 (default · 默认), max / 取大.', "rule（规则）：“average”不是可用的规则；可用：priority / 优先 (default · 默认), max / 取大。"],
  ["rule a number", "ACTUAL_EMISSION", [790.5, 812.4, 900, 1010, 2], "#VALUE!", "rule: expected text, got 2.", "rule（规则）：此处应为文本，实际为 2。"],
  ["comma in a number", "ACTUAL_EMISSION", ["1,010", 812.4, 900, 1010], "#VALUE!", 'online: "1,010" has a comma; type the number without separators (for example 4113.6).', "online（自动监测）：“1,010”含有逗号；请去掉分隔符后输入数字（例如 4113.6）。"],
  ["too large", "ACTUAL_EMISSION", [1, 2, 3e12, 4, "max"], "#VALUE!", "material_balance: 3000000000000 is larger than 1e+9, more than any plant has; check the units.", "material_balance（物料衡算）：3000000000000 大于 1e+9，超出任何排污单位的可能范围；请检查单位。"],
];

describe.each(BAD)("bad input: %s (%s)", (_name, id, args, code, enMessage, zhMessage) => {
  test(`gives ${code} with the message in English and Chinese`, () => {
    const a = en.call(id, ...args) as StubError;
    const b = zh.call(id, ...args) as StubError;
    expect([a.code, a.message]).toEqual([code, enMessage]);
    expect([b.code, b.message]).toEqual([code, zhMessage]);
  });
});
