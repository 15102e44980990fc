/**
 * Numbers written as text, as spreadsheets hold them.
 *
 * - `isTypedNumber`: what Excel reads as a number when it is typed into a cell ("1562", " 4113.6 ", ".5",
 *   "11.34E9"); text of any other form stays text.
 * - `parseNumericText`: what the rules read as a number in a cell that holds text: the typed forms and the
 *   written-out power of ten of printed tables ("11.34×10^9", "11.34 x 10^9"). Text with a comma is not a
 *   number here ("4,113.6" or "4113,6": the comma is a thousands separator in one convention and a decimal
 *   point in another).
 * - `sameAtExcelPrecision`: two numbers that are one at Excel's 15 significant digits.
 */

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const TIMES_TEN_POWER = /^([+-]?(?:\d+\.?\d*|\.\d+))\s*[x×*]\s*10\s*\^\s*([+-]?\d+)$/i;

/** True when `text` (already trimmed) is a number as Excel reads typing: digits, a point, an exponent. */
export function isTypedNumber(text: string): boolean {
  return PLAIN_NUMBER.test(text);
}

/** Reads numeric text (already trimmed); returns undefined when the text is not a number. */
export function parseNumericText(text: string): number | undefined {
  if (PLAIN_NUMBER.test(text)) return Number(text);
  const m = TIMES_TEN_POWER.exec(text);
  if (m) return Number(`${m[1]}e${m[2]}`);
  return undefined;
}

/**
 * True when two numbers are the same at Excel's precision: equal at 15 significant digits, or apart by at
 * most one unit of the 15th digit. The engine gives a computed number rounded at 15 digits, from the exact
 * result: 0.978949406670593 where Excel stored 0.97894940667059249 (which rounds to ...592), the same
 * number told two ways, which no report may call a change and no copy may write over Excel's digits.
 */
export function sameAtExcelPrecision(a: number, b: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  if (Number(a.toPrecision(15)) === Number(b.toPrecision(15))) return true;
  const largest = Math.max(Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= 10 ** (Math.floor(Math.log10(largest)) - 14) * (1 + 1e-9);
}
