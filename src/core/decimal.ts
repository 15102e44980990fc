/**
 * Decimal-exact arithmetic on tonnes, as a person adds on paper: 4113.6 + 4488.7 is 8602.3, not
 * 8602.300000000001.
 *
 * A number typed in a cell is the double nearest to a short decimal. `decimalsOf` finds that decimal's
 * number of places; sums and products then run on the scaled integers, which are exact, and one final
 * correctly-rounded division (or a parse of the exact decimal string) turns the result back into the
 * double nearest to the exact decimal answer.
 */

/**
 * `x` as Excel keeps and shows it: at most 15 significant digits. A figure computed in a sheet as
 * `=10.003E9*50*10^-9` reaches a function as 500.15000000000003; Excel shows 500.15, and that is the
 * number meant. Every number the rules read goes through here before the decimal arithmetic, so that a
 * float's noise can never flip a comparison (phased <= total) or a sign (METHOD_DIFFERENCE >= 0).
 *
 * @example atExcelPrecision(500.15000000000003) === 500.15; atExcelPrecision(1 / 3) === 0.333333333333333
 */
export function atExcelPrecision(x: number): number {
  if (Number.isInteger(x)) {
    if (x < 1e15 && x > -1e15) return x;
  } else {
    // The double nearest to k/100 with |k| < 1e15 has at most 15 significant digits already.
    const a = x < 0 ? -x : x;
    if (a < 1e13 && Math.round(x * 100) / 100 === x) return x;
  }
  if (!Number.isFinite(x) || x === 0) return x;
  return roundTo15(x);
}

/**
 * Number(x.toPrecision(15)), without the string: the 15-digit mantissa m = round(|x| × 10^k) and one
 * correctly rounded m / 10^k (both exact doubles). The product |x| × 10^k is off by at most half a unit
 * of its last place (0.0625 below 1e15), so m is right unless the product lies within 0.1 of a tie;
 * then, and for magnitudes beyond 10^±22, the string does it.
 */
function roundTo15(x: number): number {
  const a = x < 0 ? -x : x;
  let k = 14 - Math.floor(Math.log10(a));
  if (k > 22 || k < -22) return Number(x.toPrecision(15));
  let y = k >= 0 ? a * POW10[k] : a / POW10[-k];
  if (y >= 1e15) y = --k >= 0 ? a * POW10[k] : a / POW10[-k];
  else if (y < 1e14) y = ++k >= 0 ? a * POW10[k] : a / POW10[-k];
  if (k > 22 || k < -22) return Number(x.toPrecision(15));
  const m = Math.round(y);
  const d = y - m;
  if (d > 0.4 || d < -0.4) return Number(x.toPrecision(15));
  const r = k >= 0 ? m / POW10[k] : m * POW10[-k];
  return x < 0 ? -r : r;
}

const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** More places than this and a value is treated as a binary fraction (1/3), summed as plain doubles. */
const MAX_PLACES = 15;

/**
 * The number of decimal places of the shortest decimal that `x` stands for, or -1 when `x` is not a
 * short decimal (a value computed as 1/3, or too large to scale exactly).
 *
 * @example decimalsOf(4113.6) === 1; decimalsOf(1245.65) === 2; decimalsOf(2268) === 0
 */
export function decimalsOf(x: number): number {
  if (Number.isInteger(x)) return 0;
  const ax = Math.abs(x);
  for (let k = 1; k <= MAX_PLACES; k++) {
    const p = POW10[k];
    if (ax * p > MAX_SAFE) return -1;
    if (Math.round(x * p) / p === x) return k;
  }
  return -1;
}

/**
 * The exact decimal sum of `values`, as the double nearest to it.
 *
 * @example sumExact([4113.6, 4488.7]) === 8602.3; sumExact([1245.65, 1245.65, 1780]) === 4271.3
 */
export function sumExact(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  if (n === 1) return values[0];
  let places = 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const d = decimalsOf(v);
    if (d < 0) return plainSum(values);
    if (d > places) places = d;
    const a = v < 0 ? -v : v;
    if (a > maxAbs) maxAbs = a;
  }
  const p = POW10[places];
  // Every partial sum of the scaled integers stays below 2^53, so the integer sum is exact.
  if (maxAbs * p * n > MAX_SAFE) return bigSum(values, places);
  if (places === 0) return plainSum(values);
  let scaled = 0;
  for (let i = 0; i < n; i++) scaled += Math.round(values[i] * p);
  return scaled / p;
}

/** a - b, decimal-exact. @example subtractExact(14345, 14207) === 138; subtractExact(3454, 3227.2) === 226.8 */
export function subtractExact(a: number, b: number): number {
  return sumExact([a, -b]);
}

/**
 * a × b × 10^-shift, decimal-exact: the performance emission 11.34e9 m3/a × 200 mg/m3 × 1e-9 is 2268 t/a.
 *
 * @example productExact(20.568e9, 200, 9) === 4113.6
 */
export function productExact(a: number, b: number, shift: number): number {
  const da = decimalsOf(a);
  const db = decimalsOf(b);
  if (da < 0 || db < 0) return (a * b) / 10 ** shift;
  const ia = Math.round(a * POW10[da]);
  const ib = Math.round(b * POW10[db]);
  const scale = da + db + shift;
  const prod = ia * ib;
  if (Math.abs(prod) <= MAX_SAFE && scale <= 22) return prod / POW10[scale];
  return fromScaledBigInt(BigInt(ia) * BigInt(ib), scale);
}

function plainSum(values: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

function bigSum(values: readonly number[], places: number): number {
  let total = 0n;
  for (const v of values) total += toScaledBigInt(v, places);
  return fromScaledBigInt(total, places);
}

/** The value of a short decimal `v` times 10^places, exactly, as a BigInt. */
function toScaledBigInt(v: number, places: number): bigint {
  const d = decimalsOf(v);
  const int = BigInt(Math.round(v * POW10[d]));
  return int * 10n ** BigInt(places - d);
}

/** The double nearest to n × 10^-scale, by parsing the exact decimal text (JavaScript's parse rounds correctly). */
function fromScaledBigInt(n: bigint, scale: number): number {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString();
  const text = scale === 0 ? digits : `${digits}e-${scale}`;
  return Number(neg ? `-${text}` : text);
}

/**
 * a × b / c, decimal-careful: the three short decimals are scaled to integers and the quotient of the
 * two exact integers is rounded once (JavaScript's division of two integers below 2^53 is correctly
 * rounded), so that 50 × 15 / 12 is exactly 62.5 and 123.4 × 15 / 10.7 is the double nearest to the
 * exact quotient.
 *
 * @example ratioExact(50, 15, 12) === 62.5; ratioExact(80, 15, 12) === 100
 */
export function ratioExact(a: number, b: number, c: number): number {
  const da = decimalsOf(a);
  const db = decimalsOf(b);
  const dc = decimalsOf(c);
  if (da < 0 || db < 0 || dc < 0 || c === 0) return (a * b) / c;
  let num = BigInt(Math.round(a * POW10[da])) * BigInt(Math.round(b * POW10[db])) * 10n ** BigInt(dc);
  let den = BigInt(Math.round(c * POW10[dc])) * 10n ** BigInt(da + db);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num < 0n ? -num : num, den);
  if (g > 1n) {
    num /= g;
    den /= g;
  }
  const LIMIT = 9007199254740992n; // 2^53
  if ((num < 0n ? -num : num) <= LIMIT && den <= LIMIT) return Number(num) / Number(den);
  // Larger: 25 significant digits of the quotient, then one parse (rounding twice matters only in a tie
  // beyond the 25th digit).
  const neg = num < 0n;
  const n = neg ? -num : num;
  const shift = Math.max(0, 25 - (n / den).toString().length);
  const q = (n * 10n ** BigInt(shift)) / den;
  const v = Number(`${q}e-${shift}`);
  return neg ? -v : v;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * A decimal held exactly: `int` × 10^-`scale` (scale ≥ 0). The allocation of a cut (src/core/region.ts)
 * works on these, so that shares, remainders and sums are exact whatever the magnitudes.
 */
export interface ExactDecimal {
  readonly int: bigint;
  readonly scale: number;
}

const SHORTEST = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

/**
 * The exact decimal a number stands for: the shortest decimal that reads back as it (JavaScript's own
 * String(x)), so 0.1 is 1 × 10^-1, 4113.6 is 41136 × 10^-1, 1.5e-7 is 15 × 10^-8. Read the number at
 * Excel's precision first (atExcelPrecision) when it comes from a sheet.
 *
 * @example exactDecimal(4113.6) // { int: 41136n, scale: 1 }
 */
export function exactDecimal(x: number): ExactDecimal {
  if (!Number.isFinite(x)) throw new RangeError(`exactDecimal: ${x} is not finite`);
  if (Number.isInteger(x) && Math.abs(x) <= MAX_SAFE) return { int: BigInt(x), scale: 0 };
  const m = SHORTEST.exec(String(x));
  if (!m) throw new RangeError(`exactDecimal: cannot read ${x}`);
  const [, sign, whole, frac = "", exp = "0"] = m;
  let int = BigInt(whole + frac);
  let scale = frac.length - Number(exp);
  if (scale < 0) {
    int *= 10n ** BigInt(-scale);
    scale = 0;
  }
  // Trailing zeros of the digits say nothing: 1.50 is 15 × 10^-1.
  while (scale > 0 && int % 10n === 0n && int !== 0n) {
    int /= 10n;
    scale--;
  }
  if (int === 0n) scale = 0;
  return { int: sign === "-" ? -int : int, scale };
}

/** `d` as an integer count of 10^-`scale` (scale ≥ d.scale). */
export function scaledTo(d: ExactDecimal, scale: number): bigint {
  if (scale < d.scale) throw new RangeError(`scaledTo: ${scale} places cannot hold ${d.scale}`);
  return d.int * 10n ** BigInt(scale - d.scale);
}

/** The double nearest to n × 10^-scale (one correctly rounded parse). */
export function fromScaled(n: bigint, scale: number): number {
  return fromScaledBigInt(n, scale);
}
