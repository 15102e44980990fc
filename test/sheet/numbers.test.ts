import { sameAtExcelPrecision } from "../../src/sheet/numbers";

describe("sameAtExcelPrecision: one number at Excel's 15 significant digits", () => {
  test.each([
    [0.97894940667059249, 0.978949406670593, true], // Excel's digits and the engine's, rounded from the same result
    [1562.123456789, 1562.1234567890001, true],
    [1 / 3, 0.333333333333333, true],
    [4113.6, 4113.6000001, false],
    [0.978949406670592, 0.978949406670594, false], // two units of the 15th digit
    [1e-9, 1.000000000000001e-9, true],
    [0, 1e-300, false],
    [-2.5, -2.5, true],
    [2.5, -2.5, false],
    [Number.NaN, Number.NaN, false],
  ])("%p and %p: %p", (a, b, same) => {
    expect(sameAtExcelPrecision(a, b)).toBe(same);
    expect(sameAtExcelPrecision(b, a)).toBe(same);
  });
});
