import { isMissingMark, lineOf, parseAmount, parseAmounts, parseText } from "../../src/core/values";
import { errorOf } from "../helpers";

const MAX = 1e9;

describe("parseAmount reads what regulators type", () => {
  test.each([
    [1562, 1562],
    [0, 0],
    [1245.65, 1245.65],
    ["1562", 1562],
    [" 4113.6 ", 4113.6],
    ["11.34E9", 11.34e9],
    ["11.34e+9", 11.34e9],
    ["11.34×10^9", 11.34e9],
    ["11.34x10^9", 11.34e9],
    ["11.34 * 10 ^ 9", 11.34e9],
    [".5", 0.5],
  ])("%p -> %p", (input, expected) => expect(parseAmount(input, { arg: "volume" }, 1e14)).toBe(expected));

  test.each([null, undefined, "", "  ", "/", "-", "—", "–", "——", "－", "／", "无", "N/A", "n/a", "NA"])(
    "%p is a missing-value mark",
    (input) => expect(parseAmount(input, { arg: "eia" }, MAX)).toBeNull(),
  );

  test("marks are recognised after trimming only", () => {
    expect(isMissingMark("-")).toBe(true);
    expect(isMissingMark("--")).toBe(false);
  });

  test.each([
    ["abc", "#VALUE!", "notANumber"],
    ["12 t", "#VALUE!", "notANumber"],
    ["4,113.6", "#VALUE!", "commaInNumber"],
    ["4113,6", "#VALUE!", "commaInNumber"],
    [true, "#VALUE!", "boolean"],
    [-1, "#VALUE!", "negative"],
    ["-5", "#VALUE!", "negative"],
    [Number.NaN, "#VALUE!", "notFinite"],
    [Number.POSITIVE_INFINITY, "#VALUE!", "notFinite"],
    [2e9, "#VALUE!", "tooLarge"],
    ["#DIV/0!", "#VALUE!", "cellError"],
    [{ code: "#REF!" }, "#VALUE!", "cellError"],
    [{ code: "#N/A" }, "#N/A", "cellError"],
    ["#N/A", "#N/A", "cellError"],
    [{ something: 1 }, "#VALUE!", "unsupportedValue"],
  ])("%p gives %p (%p)", (input, code, key) => {
    const e = errorOf(() => parseAmount(input, { arg: "eia", pos: 2, count: 3 }, MAX));
    expect(e.code).toBe(code);
    expect(e.key).toBe(key);
    expect(e.params.arg).toBe("eia");
    expect(e.params.pos).toBe(2);
  });

  test("the message names the argument and the cell", () => {
    const e = errorOf(() => parseAmount("abc", { arg: "eia", pos: 2, count: 3 }, MAX));
    expect(e.message).toBe('eia (cell 2 of 3): "abc" is not a number or a missing-value mark (/ - — 无 N/A).');
  });
});

describe("lineOf and parseAmounts take one row or one column", () => {
  test("a column, a row and a single value", () => {
    expect(lineOf([[1], [2], [3]], "eia")).toEqual([1, 2, 3]);
    expect(lineOf([[1, 2, 3]], "eia")).toEqual([1, 2, 3]);
    expect(lineOf(7, "eia")).toEqual([7]);
    expect(lineOf([[7]], "eia")).toEqual([7]);
  });

  test("a block of several rows and columns is refused", () => {
    const e = errorOf(() => lineOf([[1, 2], [3, 4]], "performance"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("performance is 2 rows × 2 columns; give one row or one column, one cell per phase.");
  });

  test("an empty range is refused", () => {
    expect(errorOf(() => lineOf([], "eia")).key).toBe("emptyRange");
    expect(errorOf(() => lineOf([[]], "eia")).key).toBe("emptyRange");
  });

  test("positions are counted along the line", () => {
    const e = errorOf(() => parseAmounts([[1], ["x"], [3]], "eia", MAX));
    expect(e.params).toMatchObject({ arg: "eia", pos: 2, count: 3, text: "x" });
  });

  test("a whole column of mostly empty cells is read without trouble", () => {
    const column: unknown[][] = Array.from({ length: 1048576 }, () => [null]);
    column[0] = [907.2];
    column[1] = [8000];
    const parsed = parseAmounts(column, "eia", MAX);
    expect(parsed.length).toBe(1048576);
    expect(parsed.slice(0, 3)).toEqual([907.2, 8000, null]);
  });
});

describe("parseText", () => {
  test.each([
    [null, undefined],
    ["", undefined],
    [" gas ", "gas"],
    [[["water"]], "water"],
  ])("%p -> %p", (input, expected) => expect(parseText(input, "medium")).toBe(expected));

  test("a number is not text", () => {
    expect(errorOf(() => parseText(3, "medium")).key).toBe("notText");
  });
});
