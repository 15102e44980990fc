/**
 * The built bundle, loaded as Excel loads it, called with Excel-shaped arguments: ranges as rows of
 * cells, empty cells as null, omitted optional arguments as null.
 */
import { loadBundle, metadata, StubError } from "./bundle";

const bundle = loadBundle();

test("every id in functions.json is associated, and nothing else", () => {
  const ids = metadata().functions.map((f) => f.id).sort();
  expect([...bundle.functions.keys()].sort()).toEqual(ids);
  expect(ids).toEqual(expect.arrayContaining(["PERFORMANCE_EMISSION", "INITIAL_RIGHT_PHASED", "INITIAL_RIGHT_TOTAL"]));
});

describe("Excel-shaped calls give the regulation's numbers", () => {
  test.each([
    ["PERFORMANCE_EMISSION", [13.97e9, 200, null], 2794],
    ["PERFORMANCE_EMISSION", [21.81e9, 100, null], 2181],
    ["PERFORMANCE_EMISSION", ["17.3×10^9", 100, "废气"], 1730],
    ["PERFORMANCE_EMISSION", [5.2e6, 60, "water"], 312],
    ["PERFORMANCE_EMISSION", [4.75e6, 8.5, "废水"], 40.375],
    ["INITIAL_RIGHT", [2638.44, 2794], 2638.44],
    ["INITIAL_RIGHT", ["-", 945], 945],
    // a column of phases against a row of phases (Table 1 lists phases down, Table 2 across)
    ["INITIAL_RIGHT_PHASED", [[[1245.65], [1245.65], [1780]], [[2794, 2794, 4362]]], 4271.3],
    ["INITIAL_RIGHT_PHASED", [[["-", "-", 1938]], [[4151.5], [8303], [945]]], 13399.5],
    ["INITIAL_RIGHT_PHASED", [[[1980, 1456, null]], [[4113.6, 4488.7, null]]], 3436],
    ["INITIAL_RIGHT_PHASED", [[[733.25]], [[612.4]]], 612.4],
    ["INITIAL_RIGHT_TOTAL", [[[7765], [1515]], [[1890], [1730]]], 3620],
    ["INITIAL_RIGHT_TOTAL", [[["/", 1200.5, 310.25]], [["/", 980.1, 455.35]]], 1435.45],
    ["INITIAL_RIGHT_TOTAL", [[[null, 1938]], [[4151.5, 945]]], 5096.5],
    ["METHOD_DIFFERENCE", [[[3300, 3330]], [[3780, 3460]]], 0],
    ["METHOD_DIFFERENCE", [[[1200.5, 310.25]], [[980.1, 455.35]]], 145.1],
    ["EIA_TOTAL", [[[2638.44, 2638.44, 1625]], [[2794, 2794, 2181]]], 6901.88],
    ["PERFORMANCE_TOTAL", [[[2057, 1346.6]], [[2057, 2244.3]]], 4301.3],
  ])("%s(%j) = %p", (id, args, expected) => {
    expect(bundle.call(id, ...(args as unknown[]))).toBe(expected);
  });
});

describe("bad input gives an Excel error with a message, never a number", () => {
  test.each([
    ["PERFORMANCE_EMISSION", [-11.34e9, 200, null], "#VALUE!", "volume: -11340000000 is negative; volumes, limits and emissions cannot be below 0."],
    ["PERFORMANCE_EMISSION", [11.34e9, "two hundred", null], "#VALUE!", 'limit: "two hundred" is not a number or a missing-value mark (/ - — 无 N/A).'],
    ["PERFORMANCE_EMISSION", [11.34e9, 200, "steam"], "#VALUE!", 'medium: "steam" is not a medium; use one of: gas / 废气 (default · 默认), water / 废水.'],
    ["PERFORMANCE_EMISSION", ["-", 200, null], "#VALUE!", 'volume: "-" marks a missing figure, but a phase that exists has one; type the figure, or "/" if the phase does not exist.'],
    ["PERFORMANCE_EMISSION", [0, 200, null], "#VALUE!", "volume: must be greater than 0 (an empty cell can reach a function as 0; type the value)."],
    ["INITIAL_RIGHT_PHASED", [[[1], [2], [3]], [[1], [2]]], "#VALUE!", "eia has 3 cells but performance has 2; give one cell per phase in both."],
    ["INITIAL_RIGHT_PHASED", [[[1, 2], [3, 4]], [[1, 2], [3, 4]]], "#VALUE!", "eia is 2 rows × 2 columns; give one row or one column, one cell per phase."],
    ["INITIAL_RIGHT_PHASED", [[["abc", 1]], [[1, 1]]], "#VALUE!", 'eia (cell 1 of 2): "abc" is not a number or a missing-value mark (/ - — 无 N/A).'],
    ["INITIAL_RIGHT_TOTAL", [[[1, -2]], [[1, 1]]], "#VALUE!", "eia (cell 2 of 2): -2 is negative; volumes, limits and emissions cannot be below 0."],
    ["INITIAL_RIGHT_TOTAL", [[[1, 2]], [[1, { code: "#DIV/0!" }]]], "#VALUE!", "performance (cell 2 of 2): the cell holds the error #DIV/0!."],
    ["INITIAL_RIGHT", [null, null], "#N/A", "the phase does not exist: both eia and performance are empty or marked missing."],
    ["EIA_TOTAL", [[["-", 1938]], [[4151.5, 945]]], "#N/A", "phase 1 has no EIA figure, so the EIA total does not exist (the total comparison then uses the performance total)."],
  ])("%s(%j) -> %s", (id, args, code, message) => {
    const r = bundle.call(id, ...(args as unknown[])) as StubError;
    expect(typeof r).toBe("object");
    expect(r.code).toBe(code);
    expect(r.message).toBe(message);
  });

  test("messages follow Office's display language", () => {
    const zh = loadBundle("zh-CN");
    const r = zh.call("INITIAL_RIGHT_PHASED", [[1], [2], [3]], [[1], [2]]) as StubError;
    expect(r.code).toBe("#VALUE!");
    expect(r.message).toBe("eia（环评批复量） 有 3 个单元格，而 performance（绩效排放量） 有 2 个；两者都应每期一个单元格。");
  });
});
