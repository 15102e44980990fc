/**
 * Reading cell values the way regulators type them. One function decides what a cell means, for every
 * rule and every adapter: a number, a missing-value mark, or an error that names the argument and the
 * cell.
 *
 * Choices (documented in docs/functions.md):
 * - Missing-value marks: an empty cell, "/", "-", "—", "–", "——", "无", "N/A" (any case), and their
 *   full-width forms "／" and "－". A mark means "no figure"; it is never read as 0.
 * - Numbers stored as text are read as numbers ("1562", " 4113.6 ", "11.34E9", "11.34×10^9"), because
 *   imported sheets are full of them and the number they show is the number meant. Text with a comma
 *   ("4,113.6" or "4113,6") is refused: the comma is a thousands separator in one convention and a
 *   decimal point in another.
 * - TRUE/FALSE, negative numbers, NaN/Infinity and magnitudes no plant reaches are errors.
 * - An Excel error inside a range is passed on with its own code.
 */
import { EXCEL_ERROR_CODES, RuleError, type ExcelErrorCode } from "./errors";

/** A parsed amount: a non-negative number, or null when the cell holds no figure. */
export type Amount = number | null;

const MARKS = new Set(["", "/", "-", "—", "–", "——", "－", "／", "无", "n/a", "na"]);

/** True when `text` (already trimmed) is a missing-value mark. */
export function isMissingMark(text: string): boolean {
  return MARKS.has(text.length <= 4 ? text.toLowerCase() : text);
}

/** Where a value sits, for messages: the parameter name and, inside a range, its 1-based position. */
export interface Where {
  readonly arg: string;
  readonly pos?: number;
  readonly count?: number;
}

function params(where: Where, extra: Record<string, string | number> = {}): Record<string, string | number> {
  const p: Record<string, string | number> = { arg: where.arg, ...extra };
  if (where.pos !== undefined) {
    p.pos = where.pos;
    p.count = where.count ?? where.pos;
  }
  return p;
}

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const TIMES_TEN_POWER = /^([+-]?(?:\d+\.?\d*|\.\d+))\s*[x×*]\s*10\s*\^\s*([+-]?\d+)$/i;

/** Reads numeric text; returns undefined when the text is not a number. */
function parseNumericText(text: string): number | undefined {
  if (PLAIN_NUMBER.test(text)) return Number(text);
  const m = TIMES_TEN_POWER.exec(text);
  if (m) return Number(`${m[1]}e${m[2]}`);
  return undefined;
}

/** The Excel error code a cell value stands for, if it is an error value (from Excel, HyperFormula or text). */
export function errorCodeOf(value: unknown): ExcelErrorCode | undefined {
  if (typeof value === "string") {
    return value.charCodeAt(0) === 35 /* # */ && (EXCEL_ERROR_CODES as readonly string[]).includes(value.trim())
      ? (value.trim() as ExcelErrorCode)
      : undefined;
  }
  if (value !== null && typeof value === "object") {
    const code = (value as { code?: unknown }).code;
    if (typeof code === "string" && (EXCEL_ERROR_CODES as readonly string[]).includes(code)) return code as ExcelErrorCode;
  }
  return undefined;
}

function checkNumber(n: number, where: Where, max: number): number {
  if (!Number.isFinite(n)) throw new RuleError("#NUM!", "notFinite", params(where));
  if (n < 0) throw new RuleError("#NUM!", "negative", params(where, { value: n }));
  if (n > max) throw new RuleError("#NUM!", "tooLarge", params(where, { value: n, max: max.toExponential() }));
  return n;
}

/**
 * Reads one cell as an amount: a non-negative number no larger than `max`, or null for a missing mark.
 * Throws a RuleError for anything else.
 *
 * @example parseAmount(1562, {arg: "eia"}, 1e9) === 1562
 * @example parseAmount("-", {arg: "eia"}, 1e9) === null
 * @example parseAmount("11.34×10^9", {arg: "volume"}, 1e14) === 11340000000
 */
export function parseAmount(value: unknown, where: Where, max: number): Amount {
  if (typeof value === "number") {
    if (value >= 0 && value <= max) return value;
    return checkNumber(value, where, max);
  }
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    const text = value.trim();
    if (isMissingMark(text)) return null;
    const n = parseNumericText(text);
    if (n !== undefined) return checkNumber(n, where, max);
    const code = errorCodeOf(text);
    if (code) throw new RuleError(code, "cellError", params(where, { error: code }));
    if (/^[+-]?[\d.]+(,[\d.]+)+$/.test(text)) throw new RuleError("#VALUE!", "commaInNumber", params(where, { text }));
    throw new RuleError("#VALUE!", "notANumber", params(where, { text: text.length > 40 ? `${text.slice(0, 40)}…` : text }));
  }
  if (typeof value === "boolean") throw new RuleError("#VALUE!", "boolean", params(where));
  const code = errorCodeOf(value);
  if (code) throw new RuleError(code, "cellError", params(where, { error: code }));
  throw new RuleError("#VALUE!", "unsupportedValue", params(where));
}

/** Like parseAmount, but a value is required: a missing mark is an error. */
export function parseRequired(value: unknown, where: Where, max: number): number {
  const n = parseAmount(value, where, max);
  if (n === null) throw new RuleError("#VALUE!", "required", params(where));
  return n;
}

/** Like parseRequired, but the value must also be greater than 0 (a volume or a limit). */
export function parsePositive(value: unknown, where: Where, max: number): number {
  const n = parseRequired(value, where, max);
  if (n === 0) throw new RuleError("#NUM!", "notPositive", params(where));
  return n;
}

/**
 * Flattens a range argument (rows of cells, as Excel passes an `any[][]`) to one list of cells. The range
 * must be a single row or a single column; a lone value is a range of one cell.
 */
export function lineOf(value: unknown, arg: string): readonly unknown[] {
  if (!Array.isArray(value)) return [value];
  const rows = value.length;
  if (rows === 0) throw new RuleError("#VALUE!", "emptyRange", { arg });
  const first = value[0];
  if (!Array.isArray(first)) return value; // already a flat list
  if (rows === 1) {
    if (first.length === 0) throw new RuleError("#VALUE!", "emptyRange", { arg });
    return first;
  }
  const out = new Array<unknown>(rows);
  for (let r = 0; r < rows; r++) {
    const row = value[r] as unknown[];
    if (!Array.isArray(row) || row.length !== 1) {
      const cols = Array.isArray(row) ? Math.max(row.length, first.length) : 1;
      throw new RuleError("#VALUE!", "notLine", { arg, rows, cols });
    }
    out[r] = row[0];
  }
  return out;
}

/** Reads a range argument as one amount per phase. */
export function parseAmounts(value: unknown, arg: string, max: number): Amount[] {
  const cells = lineOf(value, arg);
  const count = cells.length;
  const out = new Array<Amount>(count);
  for (let i = 0; i < count; i++) {
    const v = cells[i];
    out[i] = typeof v === "number" && v >= 0 && v <= max ? v : parseAmount(v, { arg, pos: i + 1, count }, max);
  }
  return out;
}

/** Reads an optional text argument (a keyword such as a medium); null, undefined and "" give undefined. */
export function parseText(value: unknown, arg: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return parseText(lineOf(value, arg)[0], arg);
  if (typeof value === "string") {
    const t = value.trim();
    return t === "" ? undefined : t;
  }
  const code = errorCodeOf(value);
  if (code) throw new RuleError(code, "cellError", { arg, error: code });
  throw new RuleError("#VALUE!", "notText", { arg, value: String(value) });
}
