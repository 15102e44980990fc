/**
 * Reading a date argument: the date a unit was commissioned or its EIA approved, as an Excel date
 * serial number or as text. Dates are handled as ISO text "YYYY-MM-DD", which compares correctly as
 * a string and reads well in the limit tables.
 *
 * Accepted:
 * - an Excel date serial number in the 1900 date system (37986 is 2003-12-31); a time of day (the
 *   fraction) is ignored. Excel's fictitious 1900-02-29 (serial 60) is kept as it is;
 * - numeric text ("37986"), read as a serial number, as the amounts read numeric text;
 * - ISO text "2003-12-31", also with "/" or "." ("2003/12/31"), with or without a time after it
 *   ("2003-12-31T08:00");
 * - Chinese text "2003年12月31日".
 * Refused (#VALUE!, with a message that shows how to type the date):
 * - a whole number below 3000 (or such numeric text): Excel would read 2004 as the day 2004, 1905-06-26,
 *   but it is almost surely a year; type DATE(2004,1,1) or 2004-01-01;
 * - text such as "12/31/2003" or "31/12/2003" (month and day cannot be told apart), impossible dates
 *   ("2003-02-30"), years before 1900 or after 9999, TRUE/FALSE, missing marks and empty cells (a date
 *   is required).
 *
 * Workbooks in the 1904 date system (old Mac workbooks) give serial numbers 1462 days smaller; the
 * functions cannot tell, so such a workbook must pass dates as text.
 */
import { RuleError } from "./errors";
import { shorten } from "./keywords";
import { errorCodeOf } from "../sheet/errors";
import { cellErrorOf, isMissingMark, lineOf, type Where } from "./values";

/** The largest serial number Excel shows as a date: 9999-12-31. */
export const MAX_DATE_SERIAL = 2958465;

const DAY_MS = 86400000;
/** Serial 61 is 1900-03-01; from there on, serial n is 1899-12-30 plus n days. */
const EPOCH_1899_12_30 = Date.UTC(1899, 11, 30);

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function iso(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The ISO date of an Excel serial number (1900 date system).
 *
 * @example serialToIso(37986) === "2003-12-31"; serialToIso(40909) === "2012-01-01"; serialToIso(1) === "1900-01-01"
 */
export function serialToIso(serial: number): string {
  const n = Math.floor(serial);
  if (n === 60) return "1900-02-29"; // Excel's fictitious leap day, kept so that 59 < 60 < 61 still order
  const ms = n < 60 ? Date.UTC(1899, 11, 31) + n * DAY_MS : EPOCH_1899_12_30 + n * DAY_MS;
  const d = new Date(ms);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * The Excel serial number of an ISO date (1900 date system).
 *
 * @example isoToSerial("2003-12-31") === 37986
 */
export function isoToSerial(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const days = Math.round((Date.UTC(y, m - 1, d) - EPOCH_1899_12_30) / DAY_MS);
  return days < 61 ? days - 1 : days;
}

const ISO_TEXT = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const CHINESE_TEXT = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/;
const SERIAL_TEXT = /^\d+(\.\d+)?$/;

/** Whole numbers below this in a date parameter are refused: almost surely years, not serial days. */
export const FIRST_DATE_SERIAL = 3000;

function at(where: Where, extra: Record<string, string | number>): Record<string, string | number> {
  const p: Record<string, string | number> = { arg: where.arg, ...extra };
  if (where.pos !== undefined) {
    p.pos = where.pos;
    p.count = where.count ?? where.pos;
  }
  return p;
}

function fromSerial(n: number, where: Where): string {
  if (!Number.isFinite(n) || n < 1 || n >= MAX_DATE_SERIAL + 1) {
    throw new RuleError("#VALUE!", "dateOutOfRange", at(where, { value: Number.isFinite(n) ? n : String(n) }));
  }
  if (Number.isInteger(n) && n < FIRST_DATE_SERIAL) {
    const key = n >= 1900 ? "yearAsDate" : "smallDateNumber";
    throw new RuleError("#VALUE!", key, at(where, { value: n, iso: serialToIso(n), year: n >= 1900 ? n : 2004 }));
  }
  return serialToIso(n);
}

function fromParts(y: number, m: number, d: number, where: Where, text: string): string {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new RuleError("#VALUE!", "notADate", at(where, { text }));
  }
  return iso(y, m, d);
}

/**
 * Reads a date argument (one cell) as ISO text "YYYY-MM-DD", or undefined for an empty cell or a
 * missing mark. Throws a RuleError for anything that is not a date.
 */
function readDate(value: unknown, where: Where): string | undefined {
  if (typeof value === "number") return fromSerial(value, where);
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") {
    const text = value.trim();
    if (isMissingMark(text)) return undefined;
    if (SERIAL_TEXT.test(text)) return fromSerial(Number(text), where);
    const m = ISO_TEXT.exec(text) ?? CHINESE_TEXT.exec(text);
    if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), where, text);
    const code = errorCodeOf(text);
    if (code) throw cellErrorOf(code, where);
    throw new RuleError("#VALUE!", "notADate", at(where, { text: shorten(text) }));
  }
  if (typeof value === "boolean") throw new RuleError("#VALUE!", "notADate", at(where, { text: value ? "TRUE" : "FALSE" }));
  const code = errorCodeOf(value);
  if (code) throw cellErrorOf(code, where);
  throw new RuleError("#VALUE!", "unsupportedValue", at(where, {}));
}

/**
 * Reads a date argument (one cell) as ISO text "YYYY-MM-DD". Throws a RuleError for anything that is
 * not a date, and for a missing one (a date is required).
 *
 * @example parseDate(37986, "date") === "2003-12-31"
 * @example parseDate("2003-12-31", "date") === "2003-12-31"
 * @example parseDate("2003年12月31日", "date") === "2003-12-31"
 */
export function parseDate(value: unknown, arg: string): string {
  const d = readDate(value, { arg });
  if (d === undefined) throw new RuleError("#VALUE!", "required", { arg });
  return d;
}

/** Like parseDate, but an empty cell (or a missing mark) gives undefined: an optional date. */
export function parseOptionalDate(value: unknown, arg: string): string | undefined {
  return readDate(value, { arg });
}

/** The most dates one unit is given by: its EIA approval and its commissioning. */
export const MAX_UNIT_DATES = 2;

/**
 * Reads the dates of one unit: one cell, or a row or column of up to MAX_UNIT_DATES cells (EIA
 * approval, commissioning), empty cells and missing marks skipped; at least one date is required. A
 * longer range is refused: a column of many dates is a column of many units, which takes one formula
 * per unit (one row each), not the earliest of them all.
 *
 * @example parseUnitDates([["2013-05-01", 40252]], "date") // ["2013-05-01", "2010-03-15"]
 */
export function parseUnitDates(value: unknown, arg: string): string[] {
  if (Array.isArray(value)) {
    const nested = value.length > 0 && Array.isArray(value[0]);
    const rows = nested ? value.length : 1;
    const first: unknown = value[0];
    const cols = nested ? (first as unknown[]).length : value.length;
    if (rows * cols > MAX_UNIT_DATES) throw new RuleError("#VALUE!", "tooManyDates", { arg, rows, cols, max: MAX_UNIT_DATES });
  }
  const cells = lineOf(value, arg);
  const out: string[] = [];
  cells.forEach((c, i) => {
    const d = readDate(c, cells.length > 1 ? { arg, pos: i + 1, count: cells.length } : { arg });
    if (d !== undefined) out.push(d);
  });
  if (out.length === 0) throw new RuleError("#VALUE!", "required", { arg });
  return out;
}
