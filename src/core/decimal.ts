/**
 * Decimal-exact arithmetic on tonnes, as a person adds on paper: 4113.6 + 4488.7 is 8602.3, not
 * 8602.300000000001.
 *
 * A number typed in a cell is the double nearest to a short decimal. `decimalsOf` finds that decimal's
 * number of places; sums and products then run on the scaled integers, which are exact, and one final
 * correctly-rounded division (or a parse of the exact decimal string) turns the result back into the
 * double nearest to the exact decimal answer.
 */

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
