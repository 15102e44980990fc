/**
 * Reading cell values the way regulators type them. One function decides what a cell means, for every
 * rule and every adapter: a number, a missing-value mark, or an error that names the argument and the
 * cell.
 *
 * Choices (documented in docs/functions.md):
 * - Missing-value marks: an empty cell, "/", "-", "—", "–", "——", "无", "N/A" (any case), and their
 *   full-width forms "／" and "－". A mark means "no figure"; it is never read as 0.
 * - Of these, "/" (and "／" and an empty cell) also says that a phase does not exist, as the paper
 *   prints it; "-" and the others say that a figure is missing (an approval without a NOx figure).
 * - Numbers are read at Excel's 15 significant digits (`atExcelPrecision`): 500.15000000000003, a
 *   product computed in the sheet, is the 500.15 Excel shows.
 * - Numbers stored as text are read as numbers ("1562", " 4113.6 ", "11.34E9", "11.34×10^9"), because
 *   imported sheets are full of them and the number they show is the number meant. Text with a comma
 *   ("4,113.6" or "4113,6") is refused: the comma is a thousands separator in one convention and a
 *   decimal point in another.
 * - TRUE/FALSE, negative numbers, NaN/Infinity and magnitudes no plant reaches are #VALUE!, with a
 *   message (Excel shows messages only for #VALUE! and #N/A).
 * - An error inside a range is named in the message: #N/A stays #N/A, any other error gives #VALUE!.
 */
import { singleCell } from "./cells";
import { atExcelPrecision } from "./decimal";
import { anyErrorCodeOf, errorCodeOf, type ExcelErrorCode } from "../sheet/errors";
import { parseNumericText } from "../sheet/numbers";
import { RuleError, type RefusalCode } from "./errors";
import { shorten } from "./keywords";

/** A parsed amount: a non-negative number, or null when the cell holds no figure. */
export type Amount = number | null;

const MARKS = new Set(["", "/", "-", "—", "–", "——", "－", "／", "无", "n/a", "na"]);

/** True when `text` (already trimmed) is a missing-value mark. */
export function isMissingMark(text: string): boolean {
  return MARKS.has(text.length <= 4 ? text.toLowerCase() : text);
}

/** The mark the paper prints for a phase that does not exist, and what the functions answer for one. */
export const ABSENT = "/";

/**
 * True when a cell says that a phase does not exist: empty, or "/" (full-width "／"). The other marks
 * ("-", "—", "无", "N/A") say that a figure is missing, not that the phase is.
 */
export function isAbsent(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== "string") return false;
  const t = value.trim();
  return t === "" || t === "/" || t === "／";
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

/** The code a rule refuses with when an input cell holds an error: #N/A stays #N/A, anything else is #VALUE!. */
export function refusalFor(code: ExcelErrorCode | string): RefusalCode {
  return code === "#N/A" ? "#N/A" : "#VALUE!";
}

/** The refusal for an input cell that holds the error `code`, naming the cell. */
export function cellErrorOf(code: ExcelErrorCode | string, where: Where): RuleError {
  return new RuleError(refusalFor(code), "cellError", params(where, { error: code }));
}

function checkNumber(value: number, where: Where, max: number): number {
  if (!Number.isFinite(value)) throw new RuleError("#VALUE!", "notFinite", params(where));
  const n = atExcelPrecision(value);
  if (n < 0) throw new RuleError("#VALUE!", "negative", params(where, { value: n }));
  if (n > max) throw new RuleError("#VALUE!", "tooLarge", params(where, { value: n, max: max.toExponential() }));
  return n;
}

/**
 * Reads one cell as a number at Excel's precision, or undefined for a missing-value mark; anything
 * else is refused with a message naming the cell. The one number reader of the rules: amounts,
 * volumes, limits, concentrations and oxygen contents all come through it.
 */
function readNumberOrMark(value: unknown, where: Where): number | undefined {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RuleError("#VALUE!", "notFinite", params(where));
    return atExcelPrecision(value);
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") {
    const text = value.trim();
    if (isMissingMark(text)) return undefined;
    const n = parseNumericText(text);
    if (n !== undefined) {
      if (!Number.isFinite(n)) throw new RuleError("#VALUE!", "notFinite", params(where));
      return atExcelPrecision(n);
    }
    const code = errorCodeOf(text);
    if (code) throw cellErrorOf(code, where);
    if (/^[+-]?[\d.]+(,[\d.]+)+$/.test(text)) throw new RuleError("#VALUE!", "commaInNumber", params(where, { text }));
    throw new RuleError("#VALUE!", "notANumber", params(where, { text: shorten(text) }));
  }
  if (typeof value === "boolean") throw new RuleError("#VALUE!", "boolean", params(where));
  const code = anyErrorCodeOf(value);
  if (code) throw cellErrorOf(code, where);
  throw new RuleError("#VALUE!", "unsupportedValue", params(where));
}

/**
 * Reads one cell as a number that may be negative or zero (an oxygen content, a measured
 * concentration before its own checks), at Excel's precision. A missing mark is "required".
 */
export function parseNumber(value: unknown, where: Where): number {
  const n = readNumberOrMark(value, where);
  if (n === undefined) throw new RuleError("#VALUE!", "required", params(where));
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
  if (typeof value === "number" && value >= 0 && value <= max) return atExcelPrecision(value);
  const n = readNumberOrMark(value, where);
  return n === undefined ? null : checkNumber(n, where, max);
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
  if (n === 0) throw new RuleError("#VALUE!", "notPositive", params(where));
  return n;
}

/**
 * A volume or a limit of one phase: a number greater than 0, or ABSENT when the cell says that the
 * phase does not exist ("/" or empty). The other marks ("-", "无", "N/A") are refused: a phase that
 * exists has a volume and a limit.
 */
export function parsePhaseFigure(value: unknown, where: Where, max: number): number | typeof ABSENT {
  if (isAbsent(value)) return ABSENT;
  const n = parseAmount(value, where, max);
  if (n === null) throw new RuleError("#VALUE!", "markNotAbsent", params(where, { text: String(value).trim() }));
  if (n === 0) throw new RuleError("#VALUE!", "notPositive", params(where));
  return n;
}

/**
 * Flattens a range argument (rows of cells, as Excel passes an `any[][]`) to one list of cells. The range
 * must be a single row or a single column; a lone value is a range of one cell. `notLine` words the
 * refusal of a larger range: one cell per phase (the default), or one per permit holder.
 */
export function lineOf(value: unknown, arg: string, notLine: "notLine" | "notHolderLine" = "notLine"): readonly unknown[] {
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
      throw new RuleError("#VALUE!", notLine, { arg, rows, cols });
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
    out[i] = typeof v === "number" && v >= 0 && v <= max ? atExcelPrecision(v) : parseAmount(v, { arg, pos: i + 1, count }, max);
  }
  return out;
}

/**
 * Reads an optional text argument (a keyword such as a medium); null, undefined and "" give undefined.
 * A range is read by the single-cell rule (src/core/cells.ts): its one cell, or refused. An error value,
 * as an error or as its text ("#NULL!"), is passed on as the number readers pass it on (#N/A stays #N/A,
 * any other gives #VALUE! naming it), never looked up as a word: every keyword parameter reads through here.
 */
export function parseText(value: unknown, arg: string): string | undefined {
  const v = singleCell(value, arg);
  if (v === null || v === undefined) return undefined;
  const code = anyErrorCodeOf(v);
  if (code) throw cellErrorOf(code, { arg });
  if (typeof v === "string") {
    const t = v.trim();
    return t === "" ? undefined : t;
  }
  throw new RuleError("#VALUE!", "notText", { arg, value: String(v) });
}

/** Reads a required text argument: as parseText, but empty is refused. */
export function parseRequiredText(value: unknown, arg: string): string {
  const t = parseText(value, arg);
  if (t === undefined) throw new RuleError("#VALUE!", "required", { arg });
  return t;
}
