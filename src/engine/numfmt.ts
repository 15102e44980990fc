/**
 * What a number format shows, so that the audit can say whether two values differ "beyond the
 * displayed precision": 4113.6 and 4113.6000001 look the same in a "0.00" cell; 4301.1 and 4301.3 do
 * not. Pure; reads the first section of an Excel format code (the one for positive numbers).
 */
import { sameAtExcelPrecision } from "../sheet/numbers";

export type Display =
  /** Fixed decimals, after scaling by 1000 per trailing comma and 100 per "%". */
  | { readonly kind: "fixed"; readonly decimals: number; readonly factor: number }
  /** General: about ten significant digits. */
  | { readonly kind: "general" }
  /** Scientific: significant digits of the mantissa. */
  | { readonly kind: "scientific"; readonly digits: number }
  /** Dates and times: the smallest unit shown, in days. */
  | { readonly kind: "time"; readonly unit: number };

function firstSection(code: string): string {
  let inQuote = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote && ch === "\\") i++;
    else if (!inQuote && ch === ";") return code.slice(0, i);
  }
  return code;
}

/** The section without literal text, escapes, padding and fill characters, and [colour]/[condition] tags. */
function stripLiterals(section: string): { body: string; elapsed: boolean } {
  let body = "";
  let elapsed = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      i = end < 0 ? section.length : end;
    } else if (ch === "\\" || ch === "_" || ch === "*") i++;
    else if (ch === "[") {
      const end = section.indexOf("]", i + 1);
      const tag = section.slice(i + 1, end < 0 ? section.length : end);
      if (/^(h+|m+|s+)$/i.test(tag)) {
        elapsed = true;
        body += tag;
      }
      i = end < 0 ? section.length : end;
    } else body += ch;
  }
  return { body, elapsed };
}

/**
 * How a format code displays numbers.
 *
 * @example displayOf("0.00") -> {kind: "fixed", decimals: 2, factor: 1}
 * @example displayOf("#,##0.0,,") -> {kind: "fixed", decimals: 1, factor: 1e-6}
 * @example displayOf("0.0%") -> {kind: "fixed", decimals: 1, factor: 100}
 */
export function displayOf(numFmt: string | undefined): Display {
  const code = (numFmt ?? "").trim();
  if (code === "" || /^general$/i.test(code) || code === "@") return { kind: "general" };
  const { body } = stripLiterals(firstSection(code));
  if (/general/i.test(body)) return { kind: "general" };
  if (/e[+-]/i.test(body)) {
    const mantissa = body.slice(0, body.search(/e[+-]/i));
    const dot = mantissa.indexOf(".");
    const decimals = dot < 0 ? 0 : (mantissa.slice(dot + 1).match(/[0#?]/g) ?? []).length;
    return { kind: "scientific", digits: decimals + 1 };
  }
  if (/[ymdhs]/i.test(body.replace(/AM\/PM|A\/P/gi, ""))) {
    const sub = /s+\.(0+)/i.exec(body);
    if (sub) return { kind: "time", unit: 1 / 86400 / 10 ** sub[1].length };
    if (/s/i.test(body)) return { kind: "time", unit: 1 / 86400 };
    if (/h/i.test(body)) return { kind: "time", unit: /m/i.test(body) ? 1 / 1440 : 1 / 24 };
    return { kind: "time", unit: 1 };
  }
  const dot = body.indexOf(".");
  let decimals = 0;
  if (dot >= 0) {
    for (let i = dot + 1; i < body.length; i++) {
      const ch = body[i];
      if (ch === "0" || ch === "#" || ch === "?") decimals++;
      else if (ch !== ",") break;
    }
  }
  let last = -1;
  for (let i = 0; i < body.length; i++) if ("0#?".includes(body[i])) last = i;
  let commas = 0;
  for (let i = last + 1; i < body.length && body[i] === ","; i++) commas++;
  const percents = (body.match(/%/g) ?? []).length;
  return { kind: "fixed", decimals, factor: 100 ** percents / 1000 ** commas };
}

/** x rounded as Excel displays it: on 15 significant digits first, then half away from zero. */
function displayKey(x: number, d: Display): number | string {
  switch (d.kind) {
    case "general":
      return Number(x.toPrecision(10));
    case "scientific":
      return Number(x.toExponential(Math.max(0, d.digits - 1)));
    case "time":
      return Math.round(Number((x / d.unit).toPrecision(15)));
    case "fixed": {
      const v = Math.abs(x * d.factor);
      const k = Math.round(Number((v * 10 ** d.decimals).toPrecision(15)));
      return x < 0 && k !== 0 ? -k : k;
    }
  }
}

/**
 * True when the two values look the same in a cell with this number format: numbers compared at the
 * displayed precision, anything else compared exactly (an empty string and no value are the same).
 */
export function sameDisplayed(a: unknown, b: unknown, numFmt: string | undefined): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined || a === "") && (b === null || b === undefined || b === "")) return true;
  if (typeof a === "number" && typeof b === "number") {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
    if (sameAtExcelPrecision(a, b)) return true;
    const d = displayOf(numFmt);
    return displayKey(a, d) === displayKey(b, d);
  }
  return false;
}
