/**
 * Converting a measured concentration to the reference oxygen content (src/core/oxygen.ts):
 * rho = rho' × (21 − O2ref) / (21 − O2), the reference as a number or a unit type.
 */
import fc from "fast-check";
import { referenceConcentration, referenceConcentrationOf, parseReferenceO2 } from "../../src/core/oxygen";
import { GB13223_2011 } from "../../src/core/standards";
import { formatMessage } from "../../src/i18n/messages";
import { errorOf } from "../helpers";

describe("the conversion", () => {
  test.each([
    [120, 9, 6, 150],
    [30, 16.5, 15, 40],
    [80, 5, 3, 90],
    [50, 6, 6, 50],
    [100, 3, 6, 250 / 3], // a unit measured below its reference is lowered
    [123.4, 10.3, 6, 1851 / 10.7],
    [0, 9, 6, 0],
    [35.5, 7.25, 6, 38.72727272727273],
  ])("%p mg/m3 at %p%% O2, reference %p%%: %p", (measured, o2, ref, expected) => {
    expect(referenceConcentration(measured, o2, ref)).toBe(expected);
  });

  test("decimal-careful: the result is the double nearest to the exact quotient (property)", () => {
    // measured m/100, O2 o/100, reference r: exact quotient m·(2100 − 100r) / (100·(2100 − o))
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 2099 }), fc.constantFrom(3, 6, 15), (m, o, r) => {
        const got = referenceConcentration(m / 100, o / 100, r);
        const num = m * (2100 - 100 * r);
        const den = 100 * (2100 - o);
        return got === num / den; // both below 2^53: one correctly rounded division
      }),
      { numRuns: 10000 },
    );
  });
});

describe("the reference: a number of percent or a unit type", () => {
  test.each([
    [6, 6],
    ["6", 6],
    ["15%", 15],
    ["coal", 6],
    ["Coal-fired", 6],
    ["燃煤", 6],
    ["oil", 3],
    ["燃油", 3],
    ["gas", 3],
    ["燃气", 3],
    ["turbine", 15],
    ["Gas Turbine", 15],
    ["燃气轮机", 15],
    ["燃气轮机组", 15],
    ["W-flame boiler", 6],
    ["循环流化床锅炉", 6],
    ["natural gas boiler", 3],
    ["gas turbine (oil)", 15],
    ["天然气燃气轮机组", 15],
  ] as [unknown, number][])("%p is %p%%", (value, o2) => expect(parseReferenceO2(value, "reference")).toBe(o2));

  test("every kind of unit of GB13223-2011 is accepted with its own reference content", () => {
    for (const e of GB13223_2011.equipment) {
      for (const n of e.names) {
        expect(parseReferenceO2(n.en, "reference")).toBe(e.referenceO2);
        expect(parseReferenceO2(n.zh, "reference")).toBe(e.referenceO2);
      }
      expect(e.referenceO2).toBe(e.id.endsWith("turbine") ? 15 : e.fuel === "coal" ? 6 : 3);
    }
  });
});

describe("refusals, in both languages", () => {
  const both = (fn: () => unknown) => {
    const e = errorOf(fn);
    return [e.code, formatMessage("en-US", e.key, e.params), formatMessage("zh-CN", e.key, e.params)];
  };

  test.each([
    [[120, 21, 6], "o2_measured: an oxygen content of 21% is not below 21%, the oxygen content of air; the conversion needs 21 − O2 > 0.", "o2_measured（实测含氧量）：含氧量 21% 不低于空气的含氧量 21%；折算要求 21 − O2 > 0。"],
    [[120, 25, 6], "o2_measured: an oxygen content of 25% is not below 21%, the oxygen content of air; the conversion needs 21 − O2 > 0.", "o2_measured（实测含氧量）：含氧量 25% 不低于空气的含氧量 21%；折算要求 21 − O2 > 0。"],
    [[120, 9, 21], "reference: an oxygen content of 21% is not below 21%, the oxygen content of air; the conversion needs 21 − O2 > 0.", "reference（基准含氧量）：含氧量 21% 不低于空气的含氧量 21%；折算要求 21 − O2 > 0。"],
    [[-5, 9, 6], "measured: -5 is negative; volumes, limits and emissions cannot be below 0.", "measured（实测浓度）：-5 为负数；烟气量、浓度限值和排放量都不能小于 0。"],
    [[120, -1, 6], "o2_measured: -1 is negative; volumes, limits and emissions cannot be below 0.", "o2_measured（实测含氧量）：-1 为负数；烟气量、浓度限值和排放量都不能小于 0。"],
    [
      [120, 0.09, 6],
      'o2_measured: 0.09 looks like a percentage typed with % (Excel stores 9% as 0.09); give the oxygen content as a number of percent, e.g. 9, or as text with its sign, e.g. "0.09%" if it really is below 1%.',
      'o2_measured（实测含氧量）：0.09 像是带 % 输入的百分数（Excel 把 9% 存为 0.09）；请以百分数的数值填写含氧量，例如 9；若确实低于 1%，请以带 % 的文本填写，例如 "0.09%"。',
    ],
    [[120, 9, "lignite"], 'reference: "lignite" is not a unit type; use one of: coal / 燃煤 (6%), oil / 燃油 (3%), gas / 燃气 (3%), turbine / 燃气轮机 (15%), a kind of unit of EMISSION_LIMIT\'s boiler (coal boiler / 燃煤锅炉, ...), or a number of percent.', "reference（基准含氧量）：“lignite”不是可用的机组类型；可用：coal / 燃煤 (6%), oil / 燃油 (3%), gas / 燃气 (3%), turbine / 燃气轮机 (15%), a kind of unit of EMISSION_LIMIT's boiler (coal boiler / 燃煤锅炉, ...), or a number of percent。"],
    [[120, null, 6], "o2_measured: a value is required here; a missing-value mark is not enough.", "o2_measured（实测含氧量）：此处必须填写数值，缺失标记不可用。"],
    [[120, 9, "-"], "reference: a value is required here; a missing-value mark is not enough.", "reference（基准含氧量）：此处必须填写数值，缺失标记不可用。"],
    [["/", 9, 6], "measured: a value is required here; a missing-value mark is not enough.", "measured（实测浓度）：此处必须填写数值，缺失标记不可用。"],
  ] as [unknown[], string, string][])("%j", (args, en, zh) => {
    expect(both(() => referenceConcentrationOf(args[0], args[1], args[2]))).toEqual(["#VALUE!", en, zh]);
  });

  test("an oxygen content really below 1% is typed as text with its % sign", () => {
    expect(referenceConcentrationOf(100, "0.5%", 3)).toBe(referenceConcentration(100, 0.5, 3));
  });
});
