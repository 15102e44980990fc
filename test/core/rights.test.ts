import { performanceEmission, parseMedium } from "../../src/core/emission";
import { eiaTotal, explainPhases, methodDifference, performanceTotal, phasedRight, phaseRight, totalComparison, totalRight } from "../../src/core/rights";
import { errorOf } from "../helpers";

describe("performance emission (rule 1)", () => {
  test.each([
    [11.34e9, 200, "gas", 2268],
    [23.2e9, 100, "gas", 2320],
    [20.568e9, 200, "gas", 4113.6],
    [1e6, 100, "water", 100],
    [3.65e6, 30, "water", 109.5],
  ] as const)("%p m3/a at %p (%s) is %p t/a", (v, l, m, t) => expect(performanceEmission(v, l, m)).toBe(t));

  test.each([
    [undefined, "gas"],
    ["gas", "gas"],
    ["GAS", "gas"],
    ["废气", "gas"],
    ["water", "water"],
    ["废水", "water"],
  ] as const)("medium %p is %p", (text, medium) => expect(parseMedium(text)).toBe(medium));

  test("an unknown medium is an error", () => {
    const e = errorOf(() => parseMedium("smoke"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain('"smoke" is not a medium');
  });
});

describe("initial right of a phase (rule 3)", () => {
  test.each([
    [1562, 2268, 1562, "eia"],
    [8000, 2320, 2320, "performance"],
    [2057, 2057, 2057, "equal"],
    [null, 4151.5, 4151.5, "no-eia"],
    [null, null, null, "absent"],
    [0, 500, 0, "eia"],
  ] as const)("EIA %p, performance %p -> %p (%s)", (eia, perf, right, binds) => {
    expect(phaseRight(eia, perf)).toMatchObject({ right, binds });
  });

  test("an EIA figure without a performance emission cannot be assessed", () => {
    const e = errorOf(() => phaseRight(1500, null, 2));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("phase 2: the EIA figure is 1500 but the performance emission is missing; a right cannot be assessed without it.");
  });
});

describe("phased and total comparison (rules 4-7)", () => {
  const eia = [4014, 12042, 2220];
  const perf = [4152, 8303, 1890];

  test("plant 2, SO2", () => {
    expect(phasedRight(eia, perf)).toBe(14207);
    expect(totalRight(eia, perf)).toBe(14345);
    expect(methodDifference(eia, perf)).toBe(138);
    expect(totalComparison(eia, perf)).toEqual({ eiaTotal: 18276, performanceTotal: 14345, right: 14345, binds: "performance" });
  });

  test("a missing EIA in an existing phase makes the EIA sum not exist (plant 2, NOx)", () => {
    const e = [null, null, 1938];
    const p = [4151.5, 8303, 945];
    expect(phasedRight(e, p)).toBe(13399.5);
    expect(totalComparison(e, p)).toEqual({ eiaTotal: null, performanceTotal: 13399.5, right: 13399.5, binds: "no-eia" });
    const err = errorOf(() => eiaTotal(e, p));
    expect(err.code).toBe("#N/A");
    expect(err.params.phase).toBe(1);
  });

  test("an absent phase is skipped, not counted as zero (rule 7)", () => {
    expect(phasedRight([1562, 3500, null], [2268, 4640, null])).toBe(5062);
    expect(totalRight([1562, 3500, null], [2268, 4640, null])).toBe(5062);
    expect(performanceTotal([1562, 3500, null], [2268, 4640, null])).toBe(6908);
    expect(explainPhases([1562, 3500, null], [2268, 4640, null]).map((p) => p.binds)).toEqual(["eia", "eia", "absent"]);
  });

  test("ranges of different lengths are refused", () => {
    const e = errorOf(() => phasedRight([1, 2, 3], [1, 2]));
    expect(e.message).toBe("eia has 3 cells but performance has 2; give one cell per phase in both.");
  });

  test("a plant with no phase at all has no right", () => {
    expect(errorOf(() => phasedRight([null, null], [null, null])).key).toBe("noPhase");
    expect(errorOf(() => totalRight([null], [null])).key).toBe("noPhase");
  });
});
