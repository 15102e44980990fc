import fc from "fast-check";
import { atExcelPrecision, decimalsOf, productExact, ratioExact, subtractExact, sumExact } from "../../src/core/decimal";

describe("decimalsOf", () => {
  test.each([
    [2268, 0],
    [4113.6, 1],
    [1245.65, 2],
    [0.1, 1],
    [1.005, 3],
    [907.2, 1],
    [-3.25, 2],
    [1e-7, 7],
  ])("%p has %p places", (x, k) => expect(decimalsOf(x)).toBe(k));

  test("a binary fraction is not a short decimal", () => {
    expect(decimalsOf(1 / 3)).toBe(-1);
  });
});

describe("sumExact adds as on paper", () => {
  test.each([
    [[4113.6, 4488.7], 8602.3],
    [[0.1, 0.2], 0.3],
    [[1245.65, 1245.65, 1780], 4271.3],
    [[907.2, 2320], 3227.2],
    [[2638.44, 2638.44, 1625], 6901.88],
    [[4151.5, 8303, 945], 13399.5],
    [[2057, 2244.3], 4301.3],
    [[], 0],
    [[5], 5],
    [[1e15, 0.5], 1000000000000000.5],
  ])("%p sums to %p", (values, total) => expect(sumExact(values)).toBe(total));

  test("plain float addition would have left noise", () => {
    expect(1346.6 + 2057.7).not.toBe(3404.3);
    expect(sumExact([1346.6, 2057.7])).toBe(3404.3);
    expect(907.21 + 8000.1).not.toBe(8907.31);
    expect(sumExact([907.21, 8000.1])).toBe(8907.31);
    expect(subtractExact(4271.3, 4271.2)).toBe(0.1);
  });

  test("large scaled sums fall back to BigInt and stay exact", () => {
    expect(sumExact([123456789012.34, 987654321098.76])).toBe(1111111110111.1);
    expect(sumExact([9e15, 1, 1])).toBe(9000000000000002);
  });

  test("a sum of two-decimal amounts has at most two decimals (property)", () => {
    const cents = fc.integer({ min: 0, max: 1e11 });
    fc.assert(
      fc.property(fc.array(cents, { minLength: 1, maxLength: 12 }), (ints) => {
        const values = ints.map((c) => c / 100);
        const expected = ints.reduce((a, b) => a + b, 0) / 100;
        const s = sumExact(values);
        return s === expected && decimalsOf(s) <= 2;
      }),
      { numRuns: 10000 },
    );
  });
});

describe("subtractExact and productExact", () => {
  test.each([
    [14345, 14207, 138],
    [3454, 3227.2, 226.8],
    [3620, 3405, 215],
    [4301.3, 4301.1, 0.2],
  ])("%p - %p = %p", (a, b, d) => expect(subtractExact(a, b)).toBe(d));

  test.each([
    [11.34e9, 200, 9, 2268],
    [20.568e9, 200, 9, 4113.6],
    [22.4435e9, 200, 9, 4488.7],
    [41.52e9, 200, 9, 8304],
    [2e6, 50, 6, 100],
    [123456.789, 0.15, 6, 0.01851851835],
    [1e14, 1e6, 9, 1e11],
  ])("%p × %p × 1e-%p = %p", (a, b, shift, r) => expect(productExact(a, b, shift)).toBe(r));
});

describe("atExcelPrecision: numbers as Excel keeps and shows them (15 significant digits)", () => {
  test.each([
    [500.15000000000003, 500.15],
    [10.003e9 * 50 * 1e-9, 500.15],
    [0.1 + 0.2, 0.3],
    [4113.6, 4113.6],
    [2268, 2268],
    [1 / 3, 0.333333333333333],
    [1e-7 * 3, 3e-7],
    [-2.675000000000001, -2.675],
    [1234567890123456.7, 1234567890123460],
  ])("%p -> %p", (x, r) => expect(atExcelPrecision(x)).toBe(r));

  test("a short decimal is kept as it is (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e14, max: 1e14 }), fc.integer({ min: 0, max: 6 }), (k, p) => {
        const x = k / 10 ** p;
        return atExcelPrecision(x) === x;
      }),
      { numRuns: 10000 },
    );
  });
});

describe("ratioExact: a × b / c with one rounding", () => {
  test.each([
    [50, 15, 12, 62.5],
    [80, 15, 12, 100],
    [123.4, 15, 10.7, 1851 / 10.7],
    [30, 6, 4.5, 40],
    [1e6, 21, 0.001, 21000000000],
  ])("%p × %p / %p = %p", (a, b, c, r) => expect(ratioExact(a, b, c)).toBe(r));
});

describe("atExcelPrecision is Number(x.toPrecision(15)), without the string (property)", () => {
  test("random doubles of every magnitude and sign", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Object.is(atExcelPrecision(x), x === 0 ? x : Number(x.toPrecision(15)))),
      { numRuns: 100000 },
    );
  });

  test("products and quotients of decimals, as sheets compute them", () => {
    const dec = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 9 })).map(([k, p]) => k / 10 ** p);
    fc.assert(
      fc.property(dec, dec, fc.integer({ min: -12, max: 12 }), (a, b, e) => {
        const x = a * b * 10 ** e;
        return Object.is(atExcelPrecision(x), x === 0 ? x : Number(x.toPrecision(15)));
      }),
      { numRuns: 100000 },
    );
  });

  test("ties and near-ties of the 15th digit", () => {
    for (const x of [1.000000000000005, 123456789012345.5, 0.1234567890123455, 9.999999999999995, 99999999999999.95, 1e-300 * 1.5, 5e-324, 1.7976931348623157e308]) {
      expect([x, atExcelPrecision(x)]).toEqual([x, Number(x.toPrecision(15))]);
    }
  });
});
