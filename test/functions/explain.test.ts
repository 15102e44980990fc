/**
 * ER.EXPLAIN_RIGHT: per phase, which figure binds and the phase's right, spilled in the orientation of
 * the phases; the same words in every language. Through the registry and through the built bundle.
 */
import { findFunction } from "../../src/functions/registry";
import { asTyped, plantPhases, POLLUTANTS, sixPlants } from "../helpers";
import { loadBundle, type StubError } from "./bundle";

const explain = findFunction("EXPLAIN_RIGHT")!;
const phased = findFunction("INITIAL_RIGHT_PHASED")!;
const en = loadBundle("en-US");
const zh = loadBundle("zh-CN");

const col = (...cells: unknown[]) => cells.map((c) => [c]);
const row = (...cells: unknown[]) => [cells];

describe("orientation follows the phases", () => {
  test("phases down a column give one row per phase: [binding, right]", () => {
    expect(explain.impl(col(907.2, 8000), col(1134, 2320))).toEqual([
      ["eia", 907.2],
      ["performance", 2320],
    ]);
  });

  test("phases across a row give two rows: bindings above, rights below", () => {
    expect(explain.impl(row("-", "-", 1938), row(4151.5, 8303, 945))).toEqual([
      ["no-eia", "no-eia", "performance"],
      [4151.5, 8303, 945],
    ]);
  });

  test("ranges of different orientations follow eia (Table 2 across, Table 1 down)", () => {
    expect(explain.impl(row(1562, 3500), col(2268, 4640))).toEqual([
      ["eia", "eia"],
      [1562, 3500],
    ]);
    expect(explain.impl(col(1562, 3500), row(2268, 4640))).toEqual([
      ["eia", 1562],
      ["eia", 3500],
    ]);
  });

  test("a single-cell eia follows performance's orientation; one phase on both sides gives one row", () => {
    expect(explain.impl([[1562]], [[2268]])).toEqual([["eia", 1562]]);
    expect(explain.impl(1562, 2268)).toEqual([["eia", 1562]]);
    expect(explain.impl([["-"]], [[4151.5]])).toEqual([["no-eia", 4151.5]]);
  });

  test("every binding value, with '/' for the right of an absent phase", () => {
    expect(explain.impl(col(1562, 8000, 2057, "-", "/"), col(2268, 2320, 2057, 4151.5, "/"))).toEqual([
      ["eia", 1562],
      ["performance", 2320],
      ["equal", 2057],
      ["no-eia", 4151.5],
      ["absent", "/"],
    ]);
  });
});

describe("the six plants: the explanation reproduces Table 3", () => {
  const cases = POLLUTANTS.flatMap((p) => sixPlants.table3_phased.plants.map((plant, i) => [p, plant, i] as const));
  test.each(cases)("%s, plant %i", (pollutant, _plant, i) => {
    const { eia, performance, right } = plantPhases(pollutant, i);
    const out = explain.impl(col(...asTyped(eia)), col(...asTyped(performance))) as (string | number)[][];
    expect(out.map((r) => r[1])).toEqual(right.map((r) => (r === null ? "/" : r)));
    for (const [k, [binds]] of out.entries()) {
      const e = eia[k];
      const p = performance[k];
      if (p === null) expect(binds).toBe("absent");
      else if (e === "-") expect(binds).toBe("no-eia");
      else expect(binds).toBe(e! < p ? "eia" : p < e! ? "performance" : "equal");
    }
    const rights = out.map((r) => r[1]).filter((r): r is number => typeof r === "number");
    expect(rights.reduce((a, b) => a + b, 0)).toBeCloseTo(phased.impl(col(...asTyped(eia)), col(...asTyped(performance))) as number, 9);
  });
});

describe("through the built bundle, as Excel calls it", () => {
  test("the result does not change with the user's language", () => {
    const args = [row(907.2, 8000, "/"), row(1134, 2320, "/")];
    const expected = [
      ["eia", "performance", "absent"],
      [907.2, 2320, "/"],
    ];
    expect(en.call("EXPLAIN_RIGHT", ...args)).toEqual(expected);
    expect(zh.call("EXPLAIN_RIGHT", ...args)).toEqual(expected);
  });

  test("Excel passes empty cells as null: an empty EIA cell is a missing figure, an empty phase is absent", () => {
    expect(en.call("EXPLAIN_RIGHT", col(null, 1938, null), col(4151.5, 945, null))).toEqual([
      ["no-eia", 4151.5],
      ["performance", 945],
      ["absent", "/"],
    ]);
  });

  test.each([
    ["lengths differ", [col(1, 2, 3), col(1, 2)], "#VALUE!", "eia has 3 cells but performance has 2; give one cell per phase in both.", "eia（环评批复量） 有 3 个单元格，而 performance（绩效排放量） 有 2 个；两者都应每期一个单元格。"],
    ["a block, not a line", [[[1, 2], [3, 4]], col(1, 2)], "#VALUE!", "eia is 2 rows × 2 columns; give one row or one column, one cell per phase.", "eia（环评批复量） 为 2 行 × 2 列；请给出单行或单列，每期一个单元格。"],
    ["EIA without performance", [row(1562, 3500), row(2268, "/")], "#VALUE!", "phase 2: the EIA figure is 3500 but the performance emission is missing; a right cannot be assessed without it.", "第 2 期：环评批复量为 3500，但缺少绩效排放量，无法核定排污权。"],
    ["text", [row(1562, "abc"), row(2268, 4640)], "#VALUE!", 'eia (cell 2 of 2): "abc" is not a number or a missing-value mark (/ - — 无 N/A).', "eia（环评批复量）（第 2 格，共 2 格）：“abc”既不是数字，也不是缺失标记（/ - — 无 N/A）。"],
    ["negative", [row(1562, 3500), row(2268, -1)], "#VALUE!", "performance (cell 2 of 2): -1 is negative; volumes, limits and emissions cannot be below 0.", "performance（绩效排放量）（第 2 格，共 2 格）：-1 为负数；烟气量、浓度限值和排放量都不能小于 0。"],
    ["error cell", [row(1562, { code: "#DIV/0!" }), row(2268, 4640)], "#VALUE!", "eia (cell 2 of 2): the cell holds the error #DIV/0!.", "eia（环评批复量）（第 2 格，共 2 格）：单元格中是错误值 #DIV/0!。"],
  ] as [string, unknown[], string, string, string][])("bad input: %s, in both languages", (_name, args, code, enMessage, zhMessage) => {
    const a = en.call("EXPLAIN_RIGHT", ...args) as StubError;
    const b = zh.call("EXPLAIN_RIGHT", ...args) as StubError;
    expect([a.code, a.message]).toEqual([code, enMessage]);
    expect([b.code, b.message]).toEqual([code, zhMessage]);
  });
});
