import { displayOf, sameDisplayed } from "../../src/engine/numfmt";

describe("what a number format displays", () => {
  test.each([
    ["General", { kind: "general" }],
    ["", { kind: "general" }],
    ["@", { kind: "general" }],
    ["0", { kind: "fixed", decimals: 0, factor: 1 }],
    ["0.00", { kind: "fixed", decimals: 2, factor: 1 }],
    ["#,##0.00", { kind: "fixed", decimals: 2, factor: 1 }],
    ["#,##0.000_);[Red](#,##0.000)", { kind: "fixed", decimals: 3, factor: 1 }],
    ['0.0" t/a"', { kind: "fixed", decimals: 1, factor: 1 }],
    ["0.00,,,", { kind: "fixed", decimals: 2, factor: 1e-9 }],
    ["0.0%", { kind: "fixed", decimals: 1, factor: 100 }],
    ["0.00E+00", { kind: "scientific", digits: 3 }],
    ["yyyy-mm-dd", { kind: "time", unit: 1 }],
    ["hh:mm", { kind: "time", unit: 1 / 1440 }],
    ["[h]:mm:ss", { kind: "time", unit: 1 / 86400 }],
  ])("%j", (code, display) => expect(displayOf(code)).toEqual(display));
});

describe("two values differ only beyond the displayed precision", () => {
  test.each([
    [4113.6, 4113.6000000001, "0.00", true],
    [4113.6, 4113.6049, "0.00", true],
    [4113.6, 4113.61, "0.00", false],
    [4301.1, 4301.3, "0.00", false],
    [4301.1, 4301.3, "0", true],
    [1.005, 1.01, "0.00", true], // Excel shows 1.005 as 1.01 (rounded on 15 digits first)
    [0.004, 0.006, "0.00", false], // 0.00 against 0.01
    [-2.5, -3, "0", true], // half away from zero
    [11.34e9, 11.3449e9, "0.00,,,", true],
    [11.34e9, 11.35e9, "0.00,,,", false],
    [0.125, 0.1249, "0.0%", true],
    [8602.3, 8602.300000000001, "General", true],
    [8602.3, 8602.4, "General", false],
    [43831.25, 43831.75, "yyyy-mm-dd", false],
    [43831.2, 43831.2000001, "yyyy-mm-dd hh:mm", true],
  ])("%p and %p in %j: same %p", (a, b, fmt, same) => expect(sameDisplayed(a, b, fmt)).toBe(same));

  test("anything but two numbers is compared exactly", () => {
    expect(sameDisplayed("-", "-", "0.00")).toBe(true);
    expect(sameDisplayed("-", 5, "0.00")).toBe(false);
    expect(sameDisplayed("#N/A", "#N/A", "0.00")).toBe(true);
    expect(sameDisplayed(true, 1, "General")).toBe(false);
    expect(sameDisplayed(null, "", "General")).toBe(true);
    expect(sameDisplayed(null, 0, "General")).toBe(false);
  });
});
