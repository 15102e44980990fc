/**
 * The invariants of the Fujian method for any numbers a sheet can produce: figures computed in the
 * sheet with float arithmetic (products and quotients of decimals, sums of them), fed to the functions
 * as Excel passes them. The functions read every number at Excel's 15 significant digits before the
 * decimal arithmetic, so phased <= total and METHOD_DIFFERENCE >= 0 hold whatever float noise the
 * figures carry. Through the registry (what the bundle and the engine run) and the built bundle.
 */
import fc from "fast-check";
import { findFunction } from "../../src/functions/registry";
import { loadBundle } from "./bundle";

const phased = findFunction("INITIAL_RIGHT_PHASED")!.impl;
const total = findFunction("INITIAL_RIGHT_TOTAL")!.impl;
const difference = findFunction("METHOD_DIFFERENCE")!.impl;
const performance = findFunction("PERFORMANCE_EMISSION")!.impl;
const bundle = loadBundle();

/** A decimal as typed: up to 4 places. */
const decimal = (max: number) => fc.tuple(fc.integer({ min: 1, max }), fc.integer({ min: 0, max: 4 })).map(([k, p]) => k / 10 ** p);

/** A figure in t/a as a sheet computes it, in float: volume × limit × 10^-9, a product, a quotient, a sum. */
const computed: fc.Arbitrary<number> = fc.oneof(
  fc.tuple(decimal(300_000), decimal(4000)).map(([v, l]) => v * 1e6 * l * 1e-9), // =B2*1E6*C2*10^-9
  fc.tuple(decimal(300_000), decimal(4000)).map(([v, l]) => (v * 1e6 * l) / 1e9),
  fc.tuple(decimal(100_000), decimal(100)).map(([a, b]) => a * b),
  fc.tuple(decimal(1_000_000), fc.integer({ min: 1, max: 1000 })).map(([a, b]) => a / (b / 10)),
  fc.tuple(decimal(50_000), decimal(50_000), decimal(50_000)).map(([a, b, c]) => a + b + c),
  decimal(1_000_000),
);

/**
 * A phase whose two figures are the same on screen but reach the function by different float paths
 * (the EIA figure typed, the performance computed as volume × limit × 10^-9): the case where float
 * noise decides which side is "smaller", and where sums can round the wrong way.
 */
const tie = fc.tuple(fc.integer({ min: 1, max: 300_000 }), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3 })).map(([v, l, p]) => {
  const volume = v / 10 ** p; // 10^9 m3/a as typed
  const exact = Number(((v * l) / 10 ** p).toPrecision(15)); // what Excel shows: volume × limit
  return fc.constantFrom({ eia: exact, performance: volume * 1e9 * l * 1e-9 }, { eia: volume * 1e9 * l * 1e-9, performance: exact }, { eia: volume * l, performance: (volume * 1e9 * l) / 1e9 });
}).chain((x) => x);

/** A plant: 1 to 6 phases, the EIA figure sometimes missing ('-'), as a column of cells. */
const phase = fc.oneof(fc.record({ eia: fc.option(computed, { freq: 5, nil: "-" as const }), performance: computed }), tie);
const plant = fc.array(phase, { minLength: 1, maxLength: 6 });
const columns = (p: { eia: number | "-"; performance: number }[]) => [p.map((x) => [x.eia]), p.map((x) => [x.performance])] as const;

test("phased <= total and total - phased = METHOD_DIFFERENCE >= 0, for float-computed figures (10,000 plants)", () => {
  fc.assert(
    fc.property(plant, (p) => {
      const [eia, perf] = columns(p);
      const ph = phased(eia, perf) as number;
      const to = total(eia, perf) as number;
      const diff = difference(eia, perf) as number;
      return ph <= to && diff >= 0 && Math.abs(to - ph - diff) <= 1e-9 * Math.max(1, to);
    }),
    { numRuns: 10000 },
  );
});

test("the same through the built bundle (2,000 plants)", () => {
  fc.assert(
    fc.property(plant, (p) => {
      const [eia, perf] = columns(p);
      const ph = bundle.call("INITIAL_RIGHT_PHASED", eia, perf) as number;
      const to = bundle.call("INITIAL_RIGHT_TOTAL", eia, perf) as number;
      const diff = bundle.call("METHOD_DIFFERENCE", eia, perf) as number;
      return typeof ph === "number" && ph <= to && diff >= 0;
    }),
    { numRuns: 2000 },
  );
});

test("the issue's case: 10.003E9*50*10^-9 in the sheet is 500.15 to the functions", () => {
  const noisy = 10.003e9 * 50 * 10 ** -9;
  expect(noisy).not.toBe(500.15);
  expect(difference([[noisy], [200]], [[500.15], [300]])).toBe(0);
  expect(phased([[noisy], [200]], [[500.15], [300]])).toBe(700.15);
  expect(total([[noisy], [200]], [[500.15], [300]])).toBe(700.15);
});

test("performance emissions of float-computed volumes and limits carry no noise beyond Excel's 15 digits", () => {
  fc.assert(
    fc.property(fc.tuple(decimal(300_000), decimal(1000)), fc.tuple(decimal(4000), decimal(10)), ([v1, v2], [l1, l2]) => {
      const volume = v1 * 1e6 * (v2 / v2); // a volume through a float product
      const limit = l1 * l2 / l2;
      const r = performance(volume, limit, null) as number;
      const exact = performance(Number(volume.toPrecision(15)), Number(limit.toPrecision(15)), null);
      return r === exact;
    }),
    { numRuns: 5000 },
  );
});
