/**
 * Invariants of the Fujian method, each over 10,000 generated plants.
 */
import fc from "fast-check";
import { decimalsOf } from "../../src/core/decimal";
import { methodDifference, phasedRight, totalRight } from "../../src/core/rights";
import type { Amount } from "../../src/core/values";

const RUNS = { numRuns: 10000 };

/** Tonnes with at most two decimals, as tables print them. */
const tonnes = fc.integer({ min: 0, max: 5_000_000 }).map((c) => c / 100);
const positiveTonnes = fc.integer({ min: 1, max: 5_000_000 }).map((c) => c / 100);

/** A phase: performance always present; EIA present, or missing ('-'). */
const phase = fc.record({ eia: fc.option(tonnes, { freq: 4, nil: null }), performance: positiveTonnes });
const plant = fc.array(phase, { minLength: 1, maxLength: 6 });

const eiaOf = (p: { eia: Amount }[]) => p.map((x) => x.eia);
const perfOf = (p: { performance: Amount }[]) => p.map((x) => x.performance);

test("phased <= total (rule 6), and the difference is total - phased, never negative", () => {
  fc.assert(
    fc.property(plant, (p) => {
      const phased = phasedRight(eiaOf(p), perfOf(p));
      const total = totalRight(eiaOf(p), perfOf(p));
      const diff = methodDifference(eiaOf(p), perfOf(p));
      return phased <= total && diff >= 0 && Math.abs(total - phased - diff) < 1e-6;
    }),
    RUNS,
  );
});

test("the order of the phases does not matter", () => {
  fc.assert(
    fc.property(plant.chain((p) => fc.tuple(fc.constant(p), fc.shuffledSubarray(p, { minLength: p.length, maxLength: p.length }))), ([p, shuffled]) => {
      return (
        phasedRight(eiaOf(p), perfOf(p)) === phasedRight(eiaOf(shuffled), perfOf(shuffled)) &&
        totalRight(eiaOf(p), perfOf(p)) === totalRight(eiaOf(shuffled), perfOf(shuffled))
      );
    }),
    RUNS,
  );
});

test("a missing EIA figure never gives a smaller right than a present one", () => {
  fc.assert(
    fc.property(plant, fc.nat(), (p, k) => {
      const i = k % p.length;
      const withFigure = p.map((x, j) => (j === i && x.eia === null ? { ...x, eia: 0 } : x));
      const withoutFigure = withFigure.map((x, j) => (j === i ? { ...x, eia: null } : x));
      return (
        phasedRight(eiaOf(withoutFigure), perfOf(withoutFigure)) >= phasedRight(eiaOf(withFigure), perfOf(withFigure)) &&
        totalRight(eiaOf(withoutFigure), perfOf(withoutFigure)) >= totalRight(eiaOf(withFigure), perfOf(withFigure))
      );
    }),
    RUNS,
  );
});

test("absent phases ('/' on both sides) change nothing", () => {
  fc.assert(
    fc.property(plant, fc.nat({ max: 3 }), (p, extra) => {
      const padded = [...p, ...Array.from({ length: extra }, () => ({ eia: null, performance: null }))];
      return phasedRight(eiaOf(padded), perfOf(padded)) === phasedRight(eiaOf(p), perfOf(p)) && totalRight(eiaOf(padded), perfOf(padded)) === totalRight(eiaOf(p), perfOf(p));
    }),
    RUNS,
  );
});

test("splitting a phase into two with the same EIA/performance ratio does not raise the phased right", () => {
  const cents = fc.integer({ min: 1, max: 100_000 });
  fc.assert(
    fc.property(plant, cents, cents, fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), (p, e, q, m, n) => {
      // phase (e(m+n), q(m+n)) against its two parts (e·m, q·m) and (e·n, q·n): same ratio e/q
      const whole = [...p, { eia: (e * (m + n)) / 100, performance: (q * (m + n)) / 100 }];
      const split = [...p, { eia: (e * m) / 100, performance: (q * m) / 100 }, { eia: (e * n) / 100, performance: (q * n) / 100 }];
      return phasedRight(eiaOf(split), perfOf(split)) <= phasedRight(eiaOf(whole), perfOf(whole));
    }),
    RUNS,
  );
});

test("results carry no float noise: two-decimal inputs give at most two decimals", () => {
  fc.assert(
    fc.property(plant, (p) => {
      return [phasedRight(eiaOf(p), perfOf(p)), totalRight(eiaOf(p), perfOf(p)), methodDifference(eiaOf(p), perfOf(p))].every((r) => decimalsOf(r) >= 0 && decimalsOf(r) <= 2);
    }),
    RUNS,
  );
});
