/**
 * Total emission control over a region's permits (permit paper 1.3 (3), 3.2; docs/rules.md rules 9, 10, 12):
 * - the region's fixed-source total is the sum of its holders' permitted emissions (rule 9);
 * - the yearly change of actual emission is this year's actual minus last year's (rule 10);
 * - a holder's margin is its permit minus its actual emission: below 0 it exceeds the ceiling (天花板,
 *   3.2) its permit sets;
 * - a cut of the regional total is a cut of permitted emissions, allocated to the holders (rule 9, 3.2 (1)):
 *   proportionally, by contribution, or by historical emission.
 *
 * Tonnes are exact decimals: every number is read at Excel's 15 significant digits (src/core/values.ts)
 * and the allocation works on exact integers (BigInt) from there, so its results add up to the target to
 * the last decimal place.
 */
import { MAX_TONNES } from "./bounds";
import { exactDecimal, fromScaled, scaledTo, subtractExact, sumExact, type ExactDecimal } from "./decimal";
import { RuleError } from "./errors";
import { KeywordList, keywordOf, shorten } from "./keywords";
import { singleCell } from "./cells";
import { errorCodeOf } from "../sheet/errors";
import { cellErrorOf, isMissingMark, lineOf, parseAmount, parseNumber, parseText, type Where } from "./values";

/** How a cut is shared among the holders. Stable ids, the same in every language. */
export type CutMethod = "proportional" | "weighted" | "history";

export const CUT_METHODS: readonly CutMethod[] = ["proportional", "weighted", "history"];

/** The method parameter's words. */
export const CUT_METHOD_WORDS = new KeywordList<CutMethod>(
  "unknownCutMethod",
  [
    { value: "proportional", spellings: ["proportional", "pro rata", "等比例", "同比例", "按比例"] },
    { value: "weighted", spellings: ["weighted", "contribution", "按贡献", "贡献", "加权"] },
    { value: "history", spellings: ["history", "historical", "按历史排放", "历史排放", "按历史"] },
  ],
  "proportional / 等比例 (default · 默认), weighted / 按贡献, history / 按历史排放",
);

/** Reads the method argument; absent means "proportional". */
export function parseCutMethod(text: string | undefined, arg = "method"): CutMethod {
  if (text === undefined || keywordOf(text) === "") return "proportional";
  return CUT_METHOD_WORDS.read(text, arg);
}

/** The most decimal places a result may be rounded to (0.000001 t is a gram). */
export const MAX_CUT_DECIMALS = 6;

/** One holder's cell: its permitted emission, or the mark it carries (kept as typed). */
export type HolderAmount = { readonly amount: number } | { readonly mark: string };

/** Reads a row or column of amounts, one per holder: numbers at Excel's precision, marks kept. */
export function parseHolderAmounts(value: unknown, arg: string): HolderAmount[] {
  const cells = lineOf(value, arg, "notHolderLine");
  const count = cells.length;
  return cells.map((v, i) => {
    const n = parseAmount(v, { arg, pos: i + 1, count }, MAX_TONNES);
    if (n !== null) return { amount: n };
    return { mark: typeof v === "string" ? v.trim() : "" };
  });
}

/**
 * Rule 9: the region's total, the decimal-exact sum of the holders' amounts. Marks ('/', '-', '无', N/A,
 * empty) are holders without a figure and are skipped; any other text is refused naming the cell (the
 * silent undercount of SUM over numbers stored as text is what this refuses). No figure at all: #N/A.
 *
 * @example regionalTotal([{ amount: 4113.6 }, { mark: "/" }, { amount: 4488.7 }]) === 8602.3
 */
export function regionalTotal(holders: readonly HolderAmount[], arg = "permitted"): number {
  const amounts: number[] = [];
  for (const h of holders) if ("amount" in h) amounts.push(h.amount);
  if (amounts.length === 0) throw new RuleError("#N/A", "noHolderFigure", { arg });
  return sumExact(amounts);
}

/** One holder's figure for a yearly change or a margin: a number, or #N/A for a mark (no figure). */
function holderFigure(value: unknown, arg: string): number {
  const n = parseAmount(value, { arg }, MAX_TONNES);
  if (n === null) {
    const text = typeof value === "string" ? value.trim() : "";
    throw text === "" ? new RuleError("#N/A", "emptyFigure", { arg }) : new RuleError("#N/A", "markedFigure", { arg, text: shorten(text) });
  }
  return n;
}

/**
 * Rule 10: this year's actual emission minus last year's, decimal-exact (negative: it went down).
 *
 * @example annualChange(1480.6, 1502.3) === -21.7
 */
export function annualChange(thisYear: unknown, lastYear: unknown): number {
  return subtractExact(holderFigure(thisYear, "this_year"), holderFigure(lastYear, "last_year"));
}

/**
 * The permit's margin: permitted − actual, decimal-exact. Below 0 the holder emitted more than its permit
 * allows (the ceiling, 天花板, permit paper 3.2).
 *
 * @example permitMargin(2820.5, 2640) === -180.5
 */
export function permitMargin(actual: unknown, permitted: unknown): number {
  return subtractExact(holderFigure(permitted, "permitted"), holderFigure(actual, "actual"));
}

// ---------------------------------------------------------------------------------------------------
// The allocation of a cut

/**
 * The target of a cut: the new regional total in tonnes, or a cut in percent ("-10%": the total goes
 * down by 10%; the target is then the current total × 0.9, rounded DOWN to the result's decimal places,
 * so that the cut is never smaller than asked).
 */
export type CutTarget = { readonly tonnes: number } | { readonly percent: ExactDecimal; readonly text: string };

const PERCENT = /^([+\-−－]?)\s*(\d+(?:\.\d*)?|\.\d+)\s*[%％]$/;

/** Reads the target argument: tonnes (≥ 0), or a cut in percent as text with its minus sign ("-10%"). */
export function parseCutTarget(value: unknown, arg = "target"): CutTarget {
  if (typeof value === "string") {
    const t = value.normalize("NFKC").trim();
    const m = PERCENT.exec(t);
    if (m) {
      const sign = m[1];
      if (sign !== "-" && sign !== "−" && sign !== "－") throw new RuleError("#VALUE!", "percentTargetSign", { arg, text: shorten(t), percent: m[2] });
      const percent = exactDecimal(Number(m[2]));
      if (Number(m[2]) > 100) throw new RuleError("#VALUE!", "percentTargetRange", { arg, text: shorten(t) });
      return { percent, text: t };
    }
    if (t === "" || isMissingMark(t)) throw new RuleError("#VALUE!", "required", { arg });
  }
  if (value === null || value === undefined) throw new RuleError("#VALUE!", "required", { arg });
  const n = parseNumber(value, { arg });
  if (n < 0) throw new RuleError("#VALUE!", "negativeTarget", { arg, value: n });
  return { tonnes: n };
}

/** Reads the decimals argument: a whole number from 0 to MAX_CUT_DECIMALS; absent means 2. */
export function parseCutDecimals(value: unknown, arg = "decimals"): number {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return 2;
  const n = parseNumber(value, { arg });
  if (!Number.isInteger(n) || n < 0 || n > MAX_CUT_DECIMALS) throw new RuleError("#VALUE!", "badDecimals", { arg, value: n, max: MAX_CUT_DECIMALS });
  return n;
}

/** Reads the weights: one per holder; marks and errors are refused only where a holder takes part. */
function parseWeights(value: unknown, holders: readonly HolderAmount[], arg: string): (ExactDecimal | null)[] {
  const cells = lineOf(value, arg, "notHolderLine");
  if (cells.length !== holders.length) throw new RuleError("#VALUE!", "holderCountMismatch", { arg1: "permitted", n1: holders.length, arg2: arg, n2: cells.length });
  const count = cells.length;
  return cells.map((v, i) => {
    if (!("amount" in holders[i])) return null; // a marked holder takes no part: its weight is not read
    const where: Where = { arg, pos: i + 1, count };
    const code = errorCodeOf(v);
    if (code) throw cellErrorOf(code, where);
    const n = parseAmount(v, where, Number.MAX_VALUE);
    if (n === null) throw new RuleError("#VALUE!", "weightMissing", { arg, pos: i + 1, count, text: typeof v === "string" ? shorten(v.trim()) : "" });
    return exactDecimal(n);
  });
}

/** A share of the target, exactly: num / den tonnes × 10^-scale (den > 0). */
interface Share {
  readonly num: bigint;
  readonly den: bigint;
}

export interface Allocation {
  /** Per holder, in the order given: the new permitted emission, or the holder's mark. */
  readonly results: readonly (number | string)[];
  /** The target the results add up to, t/a (the percentage's, when the target was a percentage). */
  readonly target: number;
  /** The current total of the holders with a figure, t/a. */
  readonly total: number;
  /** Holders that stopped at a bound (0 for "weighted", their permit for "history"), by index. */
  readonly capped: readonly number[];
  /**
   * Per holder, the exact share before rounding: num / den × 10^-scale t/a (null for a marked holder).
   * Each result is this share rounded down to `decimals` places, or one unit more.
   */
  readonly exact: readonly ({ readonly num: bigint; readonly den: bigint; readonly scale: number } | null)[];
}

export interface CutInput {
  readonly permitted: readonly HolderAmount[];
  readonly target: CutTarget;
  readonly method: CutMethod;
  /** Required by "weighted" and "history", refused by "proportional". */
  readonly weights?: unknown;
  readonly decimals: number;
}

/**
 * Allocates a cut of the regional total (rule 9, permit paper 3.2 (1)): each holder's new permitted
 * emission, such that
 * - the results add up to the target exactly at `decimals` places;
 * - no holder gets more than it has now, or less than 0;
 * - "proportional": every holder keeps the same fraction of its permit (target / total);
 * - "weighted": the cut (total − target) is shared in proportion to the weights; a holder whose share
 *   would take it below 0 stops at 0, and the rest is shared among the others in the same proportion;
 * - "history": the target is shared in proportion to the weights read as historical emissions; a holder
 *   whose share would exceed its permit stops there, and the excess is shared among the others so;
 * - rounding: each exact share is rounded down to `decimals` places, and the units left are given one
 *   each to the holders with the largest remainders, ties to the earlier holder. A permit with more
 *   places than `decimals` bounds its holder at the permit rounded down (a result above that would be
 *   above the permit): a share beyond it stops there and the rest is shared as the method shares.
 * Marked holders keep their mark and take no part. A target the rules cannot meet is #N/A, with why.
 *
 * @example allocateCut({ permitted: [{amount: 1}, {amount: 1}, {amount: 1}], target: { tonnes: 2 }, method: "proportional", decimals: 0 }).results
 *   // [1, 1, 0]: three equal shares of 2/3, the tie of the remainders to the earlier holders
 */
export function allocateCut(input: CutInput): Allocation {
  const { permitted, method, decimals } = input;
  const idx: number[] = [];
  const amounts: ExactDecimal[] = [];
  permitted.forEach((h, i) => {
    if ("amount" in h) {
      idx.push(i);
      amounts.push(exactDecimal(h.amount));
    }
  });
  if (idx.length === 0) throw new RuleError("#N/A", "noHolderFigure", { arg: "permitted" });

  // Weights: required where the method uses them, refused where it does not.
  let weights: ExactDecimal[] = [];
  if (method === "proportional") {
    if (input.weights !== null && input.weights !== undefined) throw new RuleError("#VALUE!", "weightsNotUsed", { arg: "weights", method });
  } else {
    if (input.weights === null || input.weights === undefined) throw new RuleError("#VALUE!", "weightsRequired", { arg: "weights", method });
    const all = parseWeights(input.weights, permitted, "weights");
    weights = idx.map((i) => all[i] as ExactDecimal);
  }

  // One integer scale for the amounts, the target and the results; another for the weights.
  const scale = Math.max(decimals, ...amounts.map((a) => a.scale));
  const P = amounts.map((a) => scaledTo(a, scale));
  const total = P.reduce((s, p) => s + p, 0n);
  const unit = 10n ** BigInt(scale - decimals); // one unit of the last decimal place, in 10^-scale
  const totalNumber = fromScaled(total, scale);

  let T: bigint; // the target in 10^-scale, a whole number of units
  if ("tonnes" in input.target) {
    const t = exactDecimal(input.target.tonnes);
    if (t.scale > decimals) throw new RuleError("#VALUE!", "targetPlaces", { arg: "target", value: input.target.tonnes, places: t.scale, decimals });
    T = scaledTo(t, scale);
    if (T > total) throw new RuleError("#VALUE!", "targetAboveTotal", { arg: "target", value: input.target.tonnes, total: totalNumber });
  } else {
    // total × (100 − p) / 100, rounded down to whole units.
    const p = input.target.percent;
    const keep = 100n * 10n ** BigInt(p.scale) - p.int; // (100 − p) × 10^p.scale
    const exact = total * keep; // in 10^-(scale) × 10^-(p.scale) × 1/100
    const den = 100n * 10n ** BigInt(p.scale) * unit;
    T = (exact / den) * unit;
  }

  // Each holder's bound at `decimals` places: its permit rounded down (a result above it would be above
  // the permit itself).
  const n = P.length;
  const cap = P.map((p) => (p / unit) * unit);
  const capTotal = cap.reduce((s, c) => s + c, 0n);
  if (T > capTotal) throw new RuleError("#N/A", "cutRounding", { arg: "decimals", decimals, max: fromScaled(capTotal, scale), target: fromScaled(T, scale) });

  // Every method shares a quantity in proportion to weights, each holder between two bounds:
  // - proportional: the target, by the permits, each between 0 and its permit;
  // - history: the target, by the historical emissions, each between 0 and its permit;
  // - weighted: the cut, by the weights, each between 0 (its permit rounded down stays) and its whole permit.
  let shares: Share[];
  let capped: number[];
  if (method === "weighted") {
    const C = total - T;
    const w = commonScale(weights);
    const solved = shareBounded(C, w, P.map((p, i) => p - cap[i]), P);
    if (solved.left > 0n) throw new RuleError("#N/A", "cutCannotBeShared", { arg: "weights", cut: fromScaled(C, scale), left: fromScaled(solved.left, scale) });
    shares = solved.shares.map((c, i) => ({ num: P[i] * c.den - c.num, den: c.den }));
    capped = solved.atUpper;
  } else {
    const v = method === "proportional" ? P : commonScale(weights);
    const solved = shareBounded(T, v, P.map(() => 0n), cap);
    if (solved.left > 0n) throw new RuleError("#N/A", "targetCannotBeShared", { arg: "weights", target: fromScaled(T, scale), left: fromScaled(solved.left, scale) });
    shares = solved.shares;
    capped = method === "history" ? solved.atUpper : [];
  }
  capped = capped.map((i) => idx[i]);

  // Largest remainder at `decimals` places: floor every share to whole units, then one unit more to the
  // holders with the largest remainders (ties to the earlier holder) until the target is met.
  const units = new Array<bigint>(n);
  const rems: Share[] = new Array(n);
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const d = shares[i].den * unit;
    units[i] = shares[i].num / d; // shares are ≥ 0, so this is the floor
    rems[i] = { num: shares[i].num - units[i] * d, den: d };
    given += units[i];
  }
  // Every share lies between 0 and its bound, which is a whole number of units: a share with a remainder is
  // below its bound, so one unit more never exceeds it, and there are as many such shares as units left.
  let left = T / unit - given;
  const order = [...Array(n).keys()].filter((i) => rems[i].num > 0n);
  order.sort((a, b) => {
    const x = rems[a].num * rems[b].den;
    const y = rems[b].num * rems[a].den;
    return x > y ? -1 : x < y ? 1 : a - b;
  });
  for (const i of order) {
    if (left === 0n) break;
    units[i] += 1n;
    left--;
  }

  const results: (number | string)[] = permitted.map((h) => ("mark" in h ? h.mark : 0));
  const exact: ({ num: bigint; den: bigint; scale: number } | null)[] = permitted.map(() => null);
  idx.forEach((j, i) => {
    results[j] = fromScaled(units[i], decimals);
    exact[j] = { num: shares[i].num, den: shares[i].den, scale };
  });
  return { results, target: fromScaled(T, scale), total: totalNumber, capped: capped.sort((a, b) => a - b), exact };
}

/** Weights as integers at one scale (their ratios are what counts). */
function commonScale(weights: readonly ExactDecimal[]): bigint[] {
  const s = Math.max(0, ...weights.map((w) => w.scale));
  return weights.map((w) => scaledTo(w, s));
}

/**
 * Shares `q` among holders in proportion to `v`, each share between `lo[i]` and `hi[i]` (0 ≤ lo ≤ hi):
 * the λ ≥ 0 with Σ clamp(λ·v[i], lo[i], hi[i]) = q, found exactly by sweeping the points where a holder
 * starts to rise from its lower bound (λ = lo/v) or stops at its upper one (λ = hi/v). A holder with
 * v = 0 stays at its lower bound. The shares are exact fractions; `left` is what could not be placed
 * (q above the most the bounds allow), `atUpper` the holders that stopped at their upper bound below λ·v.
 * Precondition: q ≥ Σ lo.
 */
function shareBounded(q: bigint, v: readonly bigint[], lo: readonly bigint[], hi: readonly bigint[]): { shares: Share[]; left: bigint; atUpper: number[] } {
  const n = v.length;
  // Events: λ = num/den where holder i starts (kind 0) or stops (kind 1).
  const events: { num: bigint; den: bigint; i: number; kind: 0 | 1 }[] = [];
  for (let i = 0; i < n; i++) {
    if (v[i] === 0n) continue;
    events.push({ num: lo[i], den: v[i], i, kind: 0 }, { num: hi[i], den: v[i], i, kind: 1 });
  }
  events.sort((a, b) => {
    const x = a.num * b.den;
    const y = b.num * a.den;
    return x < y ? -1 : x > y ? 1 : a.kind - b.kind;
  });
  // f(λ) = base + λ·V, with V the sum of the rising holders' weights.
  let base = lo.reduce((s, x) => s + x, 0n);
  let V = 0n;
  const state = new Array<0 | 1 | 2>(n).fill(0); // 0 at lower bound, 1 rising, 2 at upper bound
  let lambda: { num: bigint; den: bigint } | undefined;
  if (base >= q) lambda = { num: 0n, den: 1n };
  for (let k = 0; k < events.length && !lambda; k++) {
    const e = events[k];
    // f at this event: base + V·e.num/e.den. Is q reached before it?
    if (V > 0n && (q - base) * e.den <= V * e.num) {
      lambda = { num: q - base, den: V };
      break;
    }
    if (e.kind === 0) {
      base -= lo[e.i];
      V += v[e.i];
      state[e.i] = 1;
    } else {
      base += hi[e.i];
      V -= v[e.i];
      state[e.i] = 2;
    }
  }
  if (!lambda) {
    // Every holder at its upper bound (or weightless at its lower one): base is the most that fits.
    if (V > 0n) lambda = { num: q - base, den: V };
    else {
      const shares = lo.map((x, i) => ({ num: state[i] === 2 ? hi[i] : x, den: 1n }));
      return { shares, left: q > base ? q - base : 0n, atUpper: [...Array(n).keys()].filter((i) => state[i] === 2 && hi[i] > lo[i]) };
    }
  }
  const L = lambda;
  const atUpper: number[] = [];
  const shares = v.map((vi, i) => {
    const num = L.num * vi;
    if (num <= lo[i] * L.den) return { num: lo[i], den: 1n };
    if (num >= hi[i] * L.den) {
      if (num > hi[i] * L.den && hi[i] > lo[i]) atUpper.push(i);
      return { num: hi[i], den: 1n };
    }
    return { num, den: L.den };
  });
  return { shares, left: 0n, atUpper };
}

/**
 * ALLOCATE_CUT's arguments as Excel passes them: the results in the shape of `permitted` (a row stays a
 * row, a column a column). The single-cell arguments (target, method, decimals) may arrive as 1x1 ranges:
 * the one single-cell rule (src/core/cells.ts) reads them.
 */
export function allocateCutOf(permitted: unknown, target: unknown, method: unknown, weights: unknown, decimals: unknown): (number | string)[][] {
  const holders = parseHolderAmounts(permitted, "permitted");
  const t = parseCutTarget(singleCell(target, "target"), "target");
  const m = parseCutMethod(parseText(method, "method"), "method");
  const d = parseCutDecimals(singleCell(decimals, "decimals"), "decimals");
  const { results } = allocateCut({ permitted: holders, target: t, method: m, weights, decimals: d });
  return shapeLike(permitted, results);
}

/** Results laid out as `range` was: a row stays a row, a column a column. */
export function shapeLike<T>(range: unknown, values: readonly T[]): T[][] {
  const isRow = Array.isArray(range) && range.length === 1 && Array.isArray(range[0]);
  const flatRow = Array.isArray(range) && range.length > 0 && !Array.isArray(range[0]);
  if (isRow || flatRow || !Array.isArray(range)) return [values.slice()];
  return values.map((v) => [v]);
}
