/**
 * The Excel adapter: wraps each registry function so that a RuleError reaches the cell as a
 * CustomFunctions.Error with its code and a message in the user's language.
 */
import { isRuleError } from "../core/errors";
import type { ExcelErrorCode } from "../sheet/errors";
import { resolveLocale, type Locale } from "../i18n/locale";
import { formatMessage } from "../i18n/messages";
import type { RuleSpec, Scalar } from "./spec";

interface OfficeLike {
  context?: { displayLanguage?: string };
}

let cachedLocale: Locale | undefined;

/** The user's language: Office's display language once Office knows it, else the browser's. */
export function currentLocale(): Locale {
  if (cachedLocale) return cachedLocale;
  const office = (globalThis as { Office?: OfficeLike }).Office;
  const display = office?.context?.displayLanguage;
  if (display) return (cachedLocale = resolveLocale(display));
  return resolveLocale((globalThis as { navigator?: { language?: string } }).navigator?.language);
}

const CODE_NAMES: Record<ExcelErrorCode, keyof typeof CustomFunctions.ErrorCode> = {
  "#VALUE!": "invalidValue",
  "#NUM!": "invalidNumber",
  "#N/A": "notAvailable",
  "#DIV/0!": "divisionByZero",
  "#REF!": "invalidReference",
  "#NAME?": "invalidName",
  "#NULL!": "nullReference",
};

/** Turns anything a rule threw into the CustomFunctions.Error Excel shows. */
export function toExcelError(e: unknown): CustomFunctions.Error {
  if (isRuleError(e)) {
    const code = CustomFunctions.ErrorCode[CODE_NAMES[e.code]];
    return new CustomFunctions.Error(code, formatMessage(currentLocale(), e.key, e.params));
  }
  // A bug, not bad input: still never a number.
  const text = e instanceof Error ? e.message : String(e);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `ER: ${text}`);
}

export function excelFunction(spec: RuleSpec): (...args: unknown[]) => Scalar | Scalar[][] {
  const impl = spec.impl;
  return (...args: unknown[]) => {
    try {
      return impl(...args);
    } catch (e) {
      throw toExcelError(e);
    }
  };
}
