/**
 * The invariants of ALLOCATE_CUT for the figures a bureau's sheet holds: permits typed with up to four
 * places or computed in the sheet with float noise (products, sums), marks among them, targets in tonnes
 * (typed, or computed with noise) or in percent, every method, 0 to 4 decimal places. At 10,000 runs each:
 * - the results add up to the target exactly (compared as exact decimals, not floats);
 * - no holder gets more than its permit or less than 0, and every result has at most `decimals` places;
 * - each result is its exact share rounded down, or one unit more; proportional shares are the permits'
 *   ratios exactly, so the results keep them to within one unit;
 * - reordering the holders permutes the exact shares, and the results too, but for holders whose
 *   remainders tie at the last unit given (the tie goes to the earlier holder in each order);
 * - the built bundle (as Excel loads it) and the headless engine give the same results.
 */
import fc from "fast-check";
import { atExcelPrecision, exactDecimal, scaledTo } from "../../src/core/decimal";
import { RuleError } from "../../src/core/errors";
import { allocateCut, parseCutTarget, parseHolderAmounts, type CutMethod } from "../../src/core/region";
import { Engine } from "../../src/engine/engine";
import { isCellError } from "../../src/sheet/errors";
import { findFunction } from "../../src/functions/registry";
import { loadBundle, type StubError } from "./bundle";

const ALLOCATE = findFunction("ALLOCATE_CUT")!.impl;
const bundle = loadBundle("en-US");
const RUNS = 10000;

/** A decimal as typed: up to 4 places. */
const typed = fc.tuple(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 4 })).map(([k, p]) => k / 10 ** p);
/** A permit as a sheet may compute it: with float noise that Excel's 15 digits hide. */
const noisy = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 300_000 }), fc.integer({ min: 1, max: 400 })).map(([v, l]) => (v / 100) * 1e9 * l * 1e-9), // volume × limit × 10^-9
  fc.tuple(typed, typed).map(([a, b]) => a + b),
  fc.tuple(fc.integer({ min: 1, max: 9_999_999 }), fc.integer({ min: 1, max: 3 })).map(([k, p]) => k * 0.1 ** p),
);
const mark = fc.constantFrom("/", "-", "无", "N/A", null);
const cell = fc.oneof({ weight: 6, arbitrary: typed }, { weight: 3, arbitrary: noisy }, { weight: 1, arbitrary: mark });
const holders = fc.array(cell, { minLength: 1, maxLength: 12 }).filter((cells) => cells.some((c) => typeof c === "number"));
const method = fc.constantFrom<CutMethod>("proportional", "weighted", "history");
const weight = fc.oneof({ weight: 8, arbitrary: typed }, { weight: 3, arbitrary: noisy }, { weight: 1, arbitrary: fc.constant(0) });

interface Case {
  permitted: (number | string | null)[];
  target: number | string;
  method: CutMethod;
  weights: number[] | null;
  decimals: number;
}


/** Plain checks: fast enough for 10,000 runs; fast-check reports the case that fails. */
function ok(cond: boolean): void {
  if (!cond) throw new Error("property violated");
}
function same<T>(a: T, b: T): void {
  if (a !== b) throw new Error(`property violated: ${String(a)} !== ${String(b)}`);
}

const exactOf = (x: number) => exactDecimal(atExcelPrecision(x));

/** The total of the holders with a figure, as an exact decimal at `scale` places. */
function totalAt(permitted: readonly (number | string | null)[], scale: number): bigint {
  return permitted.reduce<bigint>((s, p) => (typeof p === "number" ? s + scaledTo(exactOf(p), scale) : s), 0n);
}

/** A case: the target a fraction of the total, typed at `decimals` places (with the noise k × 0.01 has), or in percent. */
const cases: fc.Arbitrary<Case> = fc
  .record({
    permitted: holders,
    method,
    decimals: fc.integer({ min: 0, max: 4 }),
    fraction: fc.integer({ min: 0, max: 1000 }),
    percent: fc.option(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1 })), { freq: 4 }),
    weights: fc.array(weight, { minLength: 12, maxLength: 12 }),
  })
  .map(({ permitted, method, decimals, fraction, percent, weights }) => {
    const total = totalAt(permitted, 8);
    const unitsAt8 = 10n ** BigInt(8 - decimals);
    const units = (total * BigInt(fraction)) / 1000n / unitsAt8; // whole units of the result's last place
    const target: number | string = percent ? `-${percent[0] / 10 ** (percent[1] + 1)}%` : Number(units) * 0.1 ** decimals; // k × 0.1^d carries float noise
    return { permitted, method, decimals, target, weights: method === "proportional" ? null : weights.slice(0, permitted.length) };
  });

const column = <T>(xs: readonly T[]) => xs.map((x) => [x]);

function run(c: Case): (number | string)[] | RuleError {
  try {
    return (ALLOCATE(column(c.permitted), c.target, c.method, c.weights ? column(c.weights) : null, c.decimals) as (number | string)[][]).map((r) => r[0]);
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
}

/**
 * The target of a case as an exact decimal at `scale` places: the tonnes given (read at 15 digits), or for
 * a percentage the total × (1 − p), rounded down to whole units of the last decimal place.
 */
function targetAt(c: Case, scale: number): bigint {
  if (typeof c.target === "number") return scaledTo(exactOf(c.target), scale);
  const pct = exactDecimal(Number(c.target.slice(1, -1)));
  const hundred = 100n * 10n ** BigInt(pct.scale);
  const unit = 10n ** BigInt(scale - c.decimals);
  return ((totalAt(c.permitted, scale) * (hundred - pct.int)) / hundred / unit) * unit;
}

/**
 * The refusals a valid case may meet, and only when their condition holds (checked here exactly, at 12
 * places): the permits rounded down to `decimals` places cannot hold the target; the holders with a
 * weight cannot give the cut; the holders with a history cannot take the target.
 */
function allowedRefusal(c: Case, e: RuleError): boolean {
  const scale = 12;
  const unit = 10n ** BigInt(scale - c.decimals);
  const p = c.permitted.map((x) => (typeof x === "number" ? scaledTo(exactOf(x), scale) : null));
  const w = c.weights?.map((x) => atExcelPrecision(x)) ?? [];
  const sum = (f: (v: bigint, i: number) => bigint) => p.reduce<bigint>((s, v, i) => (v === null ? s : s + f(v, i)), 0n);
  const total = sum((v) => v);
  const target = targetAt(c, scale);
  const caps = sum((v) => (v / unit) * unit);
  if (e.key === "cutRounding") return target > caps;
  if (e.key === "cutCannotBeShared") return c.method === "weighted" && total - target > sum((v, i) => (w[i] > 0 ? v : v - (v / unit) * unit));
  if (e.key === "targetCannotBeShared") return c.method === "history" && target > sum((v, i) => (w[i] > 0 ? (v / unit) * unit : 0n));
  return false;
}

test(`results add up to the target exactly, within 0 and the permit, at most decimals places (${RUNS} runs)`, () => {
  let refused = 0;
  fc.assert(
    fc.property(cases, (c) => {
      const r = run(c);
      if (r instanceof RuleError) return refused++, allowedRefusal(c, r);
      const scale = 12;
      const holdersIn = parseHolderAmounts(column(c.permitted), "permitted");
      let sum = 0n;
      r.forEach((x, i) => {
        const h = holdersIn[i];
        if ("mark" in h) {
          same(x, h.mark);
          return;
        }
        same(typeof x, "number");
        const d = exactDecimal(x as number);
        ok(d.scale <= c.decimals);
        const v = scaledTo(d, scale);
        ok(v >= 0n);
        ok(v <= scaledTo(exactDecimal(h.amount), scale));
        sum += v;
      });
      same(sum, targetAt(c, scale));
      return true;
    }),
    { numRuns: RUNS },
  );
  // Most cases are allocations, not refusals: the properties are exercised.
  expect(refused).toBeLessThan(RUNS * 0.2);
});

/** The exact shares and results of a case, through the core (what the registry's ALLOCATE_CUT runs). */
function allocation(c: Case) {
  return allocateCut({
    permitted: parseHolderAmounts(column(c.permitted), "permitted"),
    target: parseCutTarget(c.target),
    method: c.method,
    weights: c.weights ? column(c.weights) : null,
    decimals: c.decimals,
  });
}

test(`each result is its exact share rounded down or one unit more; proportional shares are the permits' ratios (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(cases, (c) => {
      let a;
      try {
        a = allocation(c);
      } catch (e) {
        if (e instanceof RuleError && allowedRefusal(c, e)) return true;
        throw e;
      }
      const numbers = c.permitted.map((p) => (typeof p === "number" ? exactOf(p) : null));
      const scale = 12;
      const total = totalAt(c.permitted, scale);
      const T = scaledTo(exactDecimal(a.target), scale);
      a.exact.forEach((share, i) => {
        if (share === null) return ok(numbers[i] === null);
        const unit = 10n ** BigInt(share.scale - c.decimals);
        const floor = share.num / (share.den * unit);
        const got = scaledTo(exactDecimal(a.results[i] as number), c.decimals);
        ok(got === floor || got === floor + 1n);
        // With the permits at `decimals` places no bound binds, and the share is p × T / total exactly.
        const fits = numbers.every((x) => x === null || x.scale <= c.decimals);
        if (c.method === "proportional" && total > 0n && fits) {
          // share = p × T / total, exactly (cross-multiplied at a common scale)
          const p = scaledTo(numbers[i]!, scale);
          const lhs = share.num * 10n ** BigInt(scale) * total;
          const rhs = p * T * share.den * 10n ** BigInt(share.scale);
          same(lhs, rhs);
        }
      });
      return true;
    }),
    { numRuns: RUNS },
  );
});

test(`reordering the holders permutes the shares and the results, ties at the last unit aside (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(
      cases.chain((c) => fc.tuple(fc.constant(c), fc.shuffledSubarray([...c.permitted.keys()], { minLength: c.permitted.length, maxLength: c.permitted.length }))),
      ([c, order]) => {
        let a;
        try {
          a = allocation(c);
        } catch (e) {
          if (e instanceof RuleError && allowedRefusal(c, e)) return true;
          throw e;
        }
        const moved: Case = { ...c, permitted: order.map((i) => c.permitted[i]), weights: c.weights ? order.map((i) => c.weights![i]) : null };
        const b = allocation(moved);
        const cross = (x: { num: bigint; den: bigint }, y: { num: bigint; den: bigint }) => x.num * y.den === y.num * x.den;
        const remainder = (s: { num: bigint; den: bigint; scale: number }) => {
          const d = s.den * 10n ** BigInt(s.scale - c.decimals);
          return { num: s.num % d, den: d };
        };
        const differing: number[] = [];
        order.forEach((from, to) => {
          const sa = a.exact[from];
          const sb = b.exact[to];
          if (sa === null || sb === null) return ok(sa === null && sb === null && b.results[to] === a.results[from]);
          ok(cross(sa, sb));
          if (b.results[to] !== a.results[from]) differing.push(from);
        });
        // Results that differ belong to holders whose remainders are equal: a tie the order decides.
        if (differing.length > 0) {
          const r0 = remainder(a.exact[differing[0]]!);
          for (const i of differing) ok(cross(remainder(a.exact[i]!), r0));
          same(differing.length % 2, 0);
        }
        return true;
      },
    ),
    { numRuns: RUNS },
  );
});

/** A value as a formula literal. */
function literal(v: unknown): string {
  if (v === null || v === undefined) return '""';
  if (typeof v === "string") return `"${v.replace(/"/g, '""')}"`;
  return String(v);
}

/** A bundle result as the engine shows it: rows of values, or an error. */
function bundleCells(r: unknown): unknown {
  if (typeof r === "object" && r !== null && "code" in r) return { error: (r as StubError).code, message: (r as StubError).message };
  return r;
}

test(`the built bundle and the headless engine give the same results (${RUNS} cases)`, () => {
  const all = fc.sample(cases, { numRuns: RUNS, seed: 13 });
  // One engine, one case per row: the holders in columns A.., the weights from column Y, the formula in
  // column M spilling across.
  const letters = (k: number) => (k < 26 ? String.fromCharCode(65 + k) : `A${String.fromCharCode(65 + k - 26)}`);
  const sheet = all.map((c, r) => {
    const row: (number | string | null)[] = new Array(36).fill(null);
    const n = c.permitted.length;
    c.permitted.forEach((p, i) => (row[i] = p));
    c.weights?.forEach((w, i) => (row[24 + i] = w));
    const w = c.weights ? `${letters(24)}${r + 1}:${letters(24 + n - 1)}${r + 1}` : "";
    row[12] = `=ER.ALLOCATE_CUT(A${r + 1}:${letters(n - 1)}${r + 1},${literal(c.target)},${literal(c.method)},${w},${c.decimals})`;
    return row;
  });
  const e = Engine.create({ S: sheet });
  try {
    let compared = 0;
    const mismatches: unknown[] = [];
    all.forEach((c, r) => {
      const expected = bundleCells(bundle.call("ALLOCATE_CUT", [c.permitted], c.target, c.method, c.weights ? [c.weights] : null, c.decimals));
      const n = c.permitted.length;
      const first = e.getValue("S", r, 12);
      if (isCellError(first)) {
        if (JSON.stringify({ error: first.error, message: first.message }) !== JSON.stringify(expected)) mismatches.push({ row: r, engine: first, bundle: expected });
        return;
      }
      const got = Array.from({ length: n }, (_, k) => {
        const v = e.getValue("S", r, 12 + k);
        // An empty mark comes back from the bundle as "" and from the engine's cell as empty text or null.
        return v === null ? "" : v;
      });
      if (JSON.stringify([got]) !== JSON.stringify(expected)) mismatches.push({ row: r, engine: got, bundle: expected });
      compared++;
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(compared).toBeGreaterThan(RUNS * 0.8);
  } finally {
    e.destroy();
  }
});
