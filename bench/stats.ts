/** Small statistics of repeated measurements. */

export interface Summary {
  /** The median, the figure the bench reports. */
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Every measurement, in the order taken. */
  readonly samples: readonly number[];
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function summarize(xs: readonly number[]): Summary {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), samples: xs.map((x) => round(x, 1)) };
}

/** `x` rounded to `places` decimals. */
export function round(x: number, places = 0): number {
  const p = 10 ** places;
  return Math.round(x * p) / p;
}
