/**
 * Excel's error values as cells and formulas write them: the one list of their texts.
 *
 * - The seven classic codes (`EXCEL_ERROR_CODES`: #VALUE!, #NUM!, #N/A, #DIV/0!, #REF!, #NAME?, #NULL!) are
 *   the errors a cell can be given by typing their text, that a custom function can return, and that the
 *   rules read in their inputs.
 * - Dynamic-array Excel adds more (`NEWER_ERROR_TEXTS`: #SPILL!, #CALC!, #GETTING_DATA ...); a formula may
 *   hold them as literals, so the formula reader knows them, but typing one gives text.
 * A cell's error, once read, is a `CellError` ({error: "#N/A", message?}) in the engine and in the task pane.
 */

/** The Excel error values a cell may hold (and a rule may read in its inputs). */
export type ExcelErrorCode = "#VALUE!" | "#NUM!" | "#N/A" | "#DIV/0!" | "#REF!" | "#NAME?" | "#NULL!";

export const EXCEL_ERROR_CODES: readonly ExcelErrorCode[] = ["#VALUE!", "#NUM!", "#N/A", "#DIV/0!", "#REF!", "#NAME?", "#NULL!"];

/** The errors of dynamic-array and data-type Excel, which a formula may hold as literals. */
export const NEWER_ERROR_TEXTS: readonly string[] = ["#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

function literalPattern(): RegExp {
  const texts = [...EXCEL_ERROR_CODES, ...NEWER_ERROR_TEXTS].sort((a, b) => b.length - a.length);
  return new RegExp(`^(?:${texts.map(escape).join("|")})`, "i");
}

/** An error literal at the start of a text (any case), longest first: for readers of formula text. */
export const ERROR_LITERAL = /*#__PURE__*/ literalPattern();

/**
 * The error code a typed text stands for, as Excel reads typing: one of the seven codes in any case
 * ("#n/a" is #N/A), spaces around it ignored; undefined for any other text.
 */
export function errorCodeOfText(text: string): ExcelErrorCode | undefined {
  const t = text.trim().toUpperCase();
  return t.charCodeAt(0) === 35 /* # */ && (EXCEL_ERROR_CODES as readonly string[]).includes(t) ? (t as ExcelErrorCode) : undefined;
}

/**
 * The Excel error code a cell value stands for, if it is an error value: the text of one of the seven codes
 * exactly as Excel writes it, or an object carrying it as `code` (HyperFormula's and the engine's errors).
 */
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

/** Errors only the headless engine gives (HyperFormula's), besides Excel's. */
const ENGINE_ERROR_TEXTS: readonly string[] = ["#CYCLE!", "#ERROR!", "#LIC!"];

/**
 * The error a cell value stands for, any error: one of the seven (errorCodeOf), a newer Excel error or the
 * engine's, as an error object or as its text (HyperFormula has no #NULL!: an input cell holding #NULL!
 * reaches the rules as the text "#NULL!").
 */
export function anyErrorCodeOf(value: unknown): string | undefined {
  const code: unknown = (value as { code?: unknown } | null)?.code ?? value;
  if (errorCodeOf(value)) return errorCodeOf(value);
  if (typeof code !== "string") return undefined;
  const t = code.trim();
  return NEWER_ERROR_TEXTS.includes(t) || ENGINE_ERROR_TEXTS.includes(t) ? t : undefined;
}

/** An Excel error value in a cell ("#VALUE!", "#N/A", ...), with the message a custom function gave, if any. */
export interface CellError {
  readonly error: string;
  readonly message?: string;
}

/** What a cell shows: null only for a truly empty cell (not 0, not ""). */
export type CellValue = number | string | boolean | null | CellError;

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && typeof (v as { error?: unknown }).error === "string";
}
