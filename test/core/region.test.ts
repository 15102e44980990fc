/**
 * Total emission control over a region's permits (src/core/region.ts), case by case, each worked by hand
 * in its comment: the regional total, the yearly change, the permit margin, and the allocation of a cut by
 * each method, with caps reached, ties in the rounding, marks and every refusal.
 */
import { sumExact } from "../../src/core/decimal";
import { RuleError } from "../../src/core/errors";
import { allocateCut, allocateCutOf, annualChange, parseHolderAmounts, permitMargin, regionalTotal, type CutMethod } from "../../src/core/region";
import { formatMessage } from "../../src/i18n/messages";

/** ALLOCATE_CUT as Excel calls it, holders down a column; the results as a flat list. */
function cut(permitted: unknown[], target: unknown, method?: string, weights?: unknown[], decimals?: number): (number | string)[] {
  return allocateCutOf(
    permitted.map((p) => [p]),
    target,
    method ?? null,
    weights ? weights.map((w) => [w]) : null,
    decimals ?? null,
  ).map((r) => r[0]);
}

/** The refusal `fn` throws: its code, message key and English message. */
function refusal(fn: () => unknown): { code: string; key: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleError) return { code: e.code, key: e.key, message: formatMessage("en-US", e.key, e.params) };
    throw e;
  }
  throw new Error("no refusal");
}

describe("REGIONAL_TOTAL: the decimal-exact sum, marks skipped, other text refused", () => {
  test.each([
    [[4113.6, 4488.7], 8602.3],
    [[5062, 14207, "/", 4113.6], 23382.6],
    [[1562, "1562", "-", null, "无", "N/A"], 3124],
    [[0.1, 0.2], 0.3],
    [[1245.65, 1245.65, 1780], 4271.3],
  ])("%p → %p", (cells, total) => {
    expect(regionalTotal(parseHolderAmounts(cells.map((c) => [c]), "permitted"))).toBe(total);
  });

  test("text that is not a number names its cell; a sheet of marks has no total (#N/A)", () => {
    expect(refusal(() => parseHolderAmounts([[1562], ["n.a."], [5]], "permitted"))).toEqual({
      code: "#VALUE!",
      key: "notANumber",
      message: 'permitted (cell 2 of 3): "n.a." is not a number or a missing-value mark (/ - — 无 N/A).',
    });
    expect(refusal(() => regionalTotal(parseHolderAmounts([["/", "-", null]], "permitted")))).toMatchObject({ code: "#N/A", key: "noHolderFigure" });
    expect(refusal(() => parseHolderAmounts([[1, 2], [3, 4]], "permitted"))).toMatchObject({
      code: "#VALUE!",
      message: "permitted is 2 rows × 2 columns; give one row or column, one cell per holder.",
    });
  });
});

describe("ANNUAL_CHANGE and PERMIT_MARGIN", () => {
  test.each([
    [1480.6, 1502.3, -21.7],
    [2057.7, 1346.6, 711.1],
    [500.15000000000003, 500.15, 0], // float noise read at 15 digits
    [0, 0, 0],
  ])("ANNUAL_CHANGE(%p, %p) = %p", (a, b, r) => expect(annualChange(a, b)).toBe(r));

  test.each([
    [2640, 2820.5, 180.5],
    [5300.2, 5062, -238.2],
    [5062, 5062, 0],
  ])("PERMIT_MARGIN(%p, %p) = %p", (actual, permitted, r) => expect(permitMargin(actual, permitted)).toBe(r));

  test("a mark on either side is #N/A naming the side; other text #VALUE!", () => {
    expect(refusal(() => annualChange(1480.6, "-"))).toEqual({ code: "#N/A", key: "markedFigure", message: 'last_year: "-" marks a holder without a figure: there is no result.' });
    expect(refusal(() => annualChange(null, 5))).toMatchObject({ code: "#N/A", key: "emptyFigure" });
    expect(refusal(() => permitMargin("/", 5062))).toMatchObject({ code: "#N/A", message: 'actual: "/" marks a holder without a figure: there is no result.' });
    expect(refusal(() => permitMargin(5, "five"))).toMatchObject({ code: "#VALUE!", key: "notANumber" });
    expect(refusal(() => permitMargin(-5, 5))).toMatchObject({ code: "#VALUE!", key: "negative" });
  });
});

/** [permitted, target, weights, decimals, expected, why] */
type Case = [unknown[], unknown, unknown[] | undefined, number | undefined, (number | string)[], string];

const PROPORTIONAL: Case[] = [
  [[100, 200, 300], 540, undefined, undefined, [90, 180, 270], "10%: every share exact"],
  [[1, 1, 1], 2, undefined, 0, [1, 1, 0], "2/3 each; two units left, equal remainders: the earlier holders"],
  [[10, 10, 10], 20, undefined, undefined, [6.67, 6.67, 6.66], "6.666…: floors 19.98, two units to the first two"],
  [[1, 2, 4], 5, undefined, 0, [1, 1, 3], "5/7, 10/7, 20/7: floors 0, 1, 2; remainders .714 .429 .857: holders 3 and 1"],
  [[100, "/", 300, "-"], 360, undefined, undefined, [90, "/", 270, "-"], "marks keep their mark and take no part"],
  [[500.15000000000003, 499.85], 900, undefined, undefined, [450.14, 449.86], "500.15 read at 15 digits: 450.135 and 449.865, a tie of remainders to the first"],
  [[100, 200, 300], "-10%", undefined, undefined, [90, 180, 270], "a cut in percent"],
  [[10, 10, 10.01], "-10%", undefined, undefined, [9, 9, 9], "27.009 rounded down to 27; 8.997, 8.997, 9.006: floors 26.98, units to the two largest remainders"],
  [[100, 200, 300], 600, undefined, undefined, [100, 200, 300], "no cut"],
  [[100, 200, 300], 0, undefined, undefined, [0, 0, 0], "cut to nothing"],
  [[0, 0], 0, undefined, undefined, [0, 0], "nothing to cut"],
  [[100.005, 100.005], 200.01, undefined, 3, [100.005, 100.005], "three places hold the permits exactly"],
  [[10.5, 10.5, 1], 21, undefined, 0, [10, 10, 1], "10.02… is above 10.5 rounded down: both stop at 10, the third gets the rest"],
  [[100.4, 99.6], 199, undefined, 0, [100, 99], "99.898 and 99.102: floors 99 and 99, the unit to the first"],
];

const WEIGHTED: Case[] = [
  [[100, 100, 100], 240, [1, 2, 3], undefined, [90, 80, 70], "cut 60 by 1:2:3 → 10, 20, 30"],
  [[10, 100, 100], 150, [3, 1, 1], undefined, [0, 75, 75], "holder 1's share 36 > 10: it stops at 0, the other 50 shared 1:1"],
  [[100, 100], 150, [0, 1], undefined, [100, 50], "weight 0 keeps its permit"],
  [[100, "/", 100], 100, [1, "x", 3], undefined, [75, "/", 25], "the marked holder's weight is not read"],
  [[5, 20, 100, 100], 125, [1, 1, 1, 1], undefined, [0, 0, 62.5, 62.5], "a cascade: 25 each is more than 5; then 33.33 more than 20; 87.5 shared"],
  [[10, 10, 10], 20, [1, 1, 1], 0, [7, 7, 6], "3.333… cut each: 6.666…, ties to the earlier holders"],
  [[10.5, 10.5], 20, [1, 0], 0, [10, 10], "at whole tonnes each permit is 10: rounding both down already makes the cut of 1"],
  [[10.5, 20.5], 28, [1, 1], 0, [9, 19], "cut 3: 0.5 each to reach whole tonnes, the other 2 shared 1:1"],
];

const HISTORY: Case[] = [
  [[100, 100, 100], 150, [1, 1, 1], undefined, [50, 50, 50], "equal history"],
  [[20, 100, 100], 150, [2, 1, 1], undefined, [20, 65, 65], "holder 1's share 75 > 20: it keeps 20, 130 shared 1:1"],
  [[20, 30, 200], 200, [4, 3, 1], undefined, [20, 30, 150], "100 > 20 and 75 > 30: both capped, 150 to holder 3"],
  [[50, 50], 40, [1, 0], undefined, [40, 0], "no history, no share"],
  [[100, 100, 100], 100, [1, 1, 1], 0, [34, 33, 33], "33.33… each: the unit left to the first"],
  [[20.5, 100, 100], 150, [2, 1, 1], 0, [20, 65, 65], "whole tonnes: holder 1 stops at 20.5 rounded down, 130 shared 1:1"],
  [[60, 60], 100, [1502.3, 1480.6], undefined, [50.36, 49.64], "history as tonnes: 50.3637… and 49.6363…: floors 99.99, the unit to the larger remainder, the second"],
];

describe.each([
  ["proportional", PROPORTIONAL],
  ["weighted", WEIGHTED],
  ["history", HISTORY],
] as [CutMethod, Case[]][])("ALLOCATE_CUT %s", (method, cases) => {
  test.each(cases)("%p to %p (weights %p, %p places) → %p: %s", (permitted, target, weights, decimals, expected) => {
    const got = cut(permitted, target, method === "proportional" ? undefined : method, weights, decimals);
    expect(got).toEqual(expected);
    // The figures add up to the target exactly.
    const numbers = got.filter((x): x is number => typeof x === "number");
    const t = typeof target === "number" ? target : numbers.length ? sumExact(numbers) : 0;
    expect(sumExact(numbers)).toBe(t);
  });
});

test("Chinese method names, and the shape of permitted kept", () => {
  expect(allocateCutOf([[100, 200, 300]], 540, "等比例", null, null)).toEqual([[90, 180, 270]]);
  expect(allocateCutOf([[10], [100], [100]], 150, "按贡献", [[3, 1, 1]], null)).toEqual([[0], [75], [75]]);
  expect(allocateCutOf([[20, 100, 100]], 150, "按历史排放", [[2], [1], [1]], null)).toEqual([[20, 65, 65]]);
  expect(allocateCutOf([[20, 100, 100]], [[150]], [["history"]], [[2], [1], [1]], [[2]])).toEqual([[20, 65, 65]]);
});

test("the capped holders are reported", () => {
  const holders = parseHolderAmounts([[10], [100], ["/"], [100]], "permitted");
  expect(allocateCut({ permitted: holders, target: { tonnes: 150 }, method: "weighted", weights: [[3], [1], [null], [1]], decimals: 2 }).capped).toEqual([0]);
  expect(allocateCut({ permitted: holders, target: { tonnes: 150 }, method: "history", weights: [[2], [1], ["/"], [1]], decimals: 2 }).capped).toEqual([0]);
});

describe("ALLOCATE_CUT refuses, naming what is wrong", () => {
  test.each([
    ["a target above the total", () => cut([100, 200], 310), "#VALUE!", "target: 310 t/a is above the current total, 300 t/a."],
    ["a negative target", () => cut([100, 200], -5), "#VALUE!", 'target: -5 is negative (-10% typed with % is -0.1); give the new total in t/a, or a cut as text with its minus sign: "-10%".'],
    ["-10% typed as a number", () => cut([100, 200], -0.1), "#VALUE!", 'target: -0.1 is negative (-10% typed with % is -0.1); give the new total in t/a, or a cut as text with its minus sign: "-10%".'],
    ["a percentage without its minus sign", () => cut([100, 200], "10%"), "#VALUE!", 'target: "10%" is not a cut; write the cut with its minus sign, "-10%", or give the new total in t/a.'],
    ["a cut of more than 100%", () => cut([100, 200], "-120%"), "#VALUE!", 'target: "-120%" cuts more than 100%.'],
    ["a target with more places than decimals", () => cut([100, 200], 270.005), "#VALUE!", "target: 270.005 has 3 decimal places, more than decimals (2), so the results could not add up to it."],
    ["no target", () => cut([100, 200], "-"), "#VALUE!", "target: a value is required here; a missing-value mark is not enough."],
    ["a target that is text", () => cut([100, 200], "much less"), "#VALUE!", 'target: "much less" is not a number or a missing-value mark (/ - — 无 N/A).'],
    ["decimals not whole", () => cut([100, 200], 270, undefined, undefined, 1.5), "#VALUE!", "decimals: 1.5 is not a whole number of places from 0 to 6."],
    ["decimals too many", () => cut([100, 200], 270, undefined, undefined, 7), "#VALUE!", "decimals: 7 is not a whole number of places from 0 to 6."],
    ["an unknown method", () => cut([100, 200], 270, "fair"), "#VALUE!", 'method: "fair" is not an allocation method; use one of: proportional / 等比例 (default · 默认), weighted / 按贡献, history / 按历史排放.'],
    ["weights with the proportional method", () => cut([100, 200], 270, "proportional", [1, 2]), "#VALUE!", 'weights: "proportional" uses no weights; leave them out, or use "weighted" or "history".'],
    ["no weights for weighted", () => cut([100, 200], 270, "weighted"), "#VALUE!", 'weights: "weighted" needs weights, one per holder: contributions (weighted) or past emissions (history).'],
    ["a negative weight", () => cut([100, 200], 270, "weighted", [1, -2]), "#VALUE!", "weights (cell 2 of 2): -2 is negative; volumes, limits and emissions cannot be below 0."],
    ["a missing weight", () => cut([100, 200], 270, "history", [1, "-"]), "#VALUE!", 'weights (cell 2 of 2): the weight of a holder with a permit is missing ("-"); type it (0 is a weight).'],
    ["an error in the weights", () => cut([100, 200], 270, "history", [1, "#DIV/0!"]), "#VALUE!", "weights (cell 2 of 2): the cell holds the error #DIV/0!."],
    ["weights of another length", () => cut([100, 200], 270, "history", [1, 2, 3]), "#VALUE!", "permitted has 2 cells but weights has 3; give one cell per holder in both."],
    ["every holder marked", () => cut(["/", "-"], 0), "#N/A", "permitted: no holder has a figure (every cell is empty or marked)."],
    ["a cut the weighted holders cannot give", () => cut([10, 100], 50, "weighted", [1, 0]), "#N/A", "weights: the holders with a weight above 0 cannot give the cut of 60 t/a: 50 t/a short."],
    ["a target the historical holders cannot take", () => cut([20, 100], 100, "history", [1, 0]), "#N/A", "weights: the holders with a history above 0 cannot take the target of 100 t/a within their permits: 80 t/a short."],
    ["permits with more places than the results", () => cut([100.005, 100.005], 200.01), "#N/A", "decimals: the permits rounded down to 2 places add up to 200 t/a, less than the target of 200.01 t/a; give more decimals."],
    ["a range for the target", () => allocateCutOf([[1], [2]], [[1], [2]], null, null, null), "#VALUE!", "target is 2 rows × 1 columns; give a single cell here."],
  ])("%s", (_why, fn, code, message) => {
    expect(refusal(fn)).toMatchObject({ code, message });
  });
});
