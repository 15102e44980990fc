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
 * Refused: text such as "12/31/2003" or "31/12/2003" (month and day cannot be told apart), impossible
 * dates ("2003-02-30"), years before 1900 or after 9999, TRUE/FALSE, missing marks and empty cells
 * (a date is required).
 *
 * Workbooks in the 1904 date system (old Mac workbooks) give serial numbers 1462 days smaller; the
 * functions cannot tell, so such a workbook must pass dates as text.
 */
import { RuleError } from "./errors";
import { errorCodeOf, isMissingMark } from "./values";

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

function fromSerial(n: number, arg: string): string {
  if (!Number.isFinite(n) || n < 1 || n >= MAX_DATE_SERIAL + 1) {
    throw new RuleError("#NUM!", "dateOutOfRange", { arg, value: Number.isFinite(n) ? n : String(n) });
  }
  return serialToIso(n);
}

function fromParts(y: number, m: number, d: number, arg: string, text: string): string {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new RuleError("#VALUE!", "notADate", { arg, text });
  }
  return iso(y, m, d);
}

/**
 * Reads a date argument (one cell) as ISO text "YYYY-MM-DD". Throws a RuleError for anything that is
 * not a date.
 *
 * @example parseDate(37986, "date") === "2003-12-31"
 * @example parseDate("2003-12-31", "date") === "2003-12-31"
 * @example parseDate("2003年12月31日", "date") === "2003-12-31"
 */
export function parseDate(value: unknown, arg: string): string {
  if (typeof value === "number") return fromSerial(value, arg);
  if (value === null || value === undefined) throw new RuleError("#VALUE!", "required", { arg });
  if (typeof value === "string") {
    const text = value.trim();
    if (isMissingMark(text)) throw new RuleError("#VALUE!", "required", { arg });
    if (SERIAL_TEXT.test(text)) return fromSerial(Number(text), arg);
    const m = ISO_TEXT.exec(text) ?? CHINESE_TEXT.exec(text);
    if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), arg, text);
    const code = errorCodeOf(text);
    if (code) throw new RuleError(code, "cellError", { arg, error: code });
    throw new RuleError("#VALUE!", "notADate", { arg, text: text.length > 40 ? `${text.slice(0, 40)}…` : text });
  }
  if (typeof value === "boolean") throw new RuleError("#VALUE!", "notADate", { arg, text: value ? "TRUE" : "FALSE" });
  const code = errorCodeOf(value);
  if (code) throw new RuleError(code, "cellError", { arg, error: code });
  throw new RuleError("#VALUE!", "unsupportedValue", { arg });
}
