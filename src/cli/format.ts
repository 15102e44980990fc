/** How values appear in the CLI's reports. */
import * as path from "path";
import { cliText } from "../i18n/cli";
import type { Locale } from "../i18n/locale";
import type { JsonValue } from "../engine/package/read";
import { sameAtExcelPrecision } from "../sheet/numbers";

/** A value for a report: numbers to 15 significant digits (as Excel shows them), TRUE/FALSE, text as is. */
export function showValue(locale: Locale, v: JsonValue): string {
  if (v === null) return cliText(locale, "none");
  if (typeof v === "number") return String(Number(v.toPrecision(15)));
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}

/** Two values that are the same at Excel's precision (see sameAtExcelPrecision; an empty string and no value are the same). */
export function sameTo15Digits(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if ((a === null || a === "") && (b === null || b === "")) return true;
  if (typeof a === "number" && typeof b === "number") return sameAtExcelPrecision(a, b);
  return false;
}

/** A path as the user will recognise it: relative to the working folder when inside it. */
export function shownPath(file: string, cwd: string): string {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs;
}
