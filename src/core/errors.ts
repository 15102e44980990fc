/**
 * Errors raised by the rules. A rule never returns a number for bad input: it throws a RuleError that
 * carries the Excel error code to show and a message key with parameters, so that each adapter (Excel,
 * the headless engine, the CLI, the task pane) can word it in the user's language.
 */
import { formatMessage, type MessageKey, type MessageParams } from "../i18n/messages";

/** The Excel error values a rule may produce. */
export type ExcelErrorCode = "#VALUE!" | "#NUM!" | "#N/A" | "#DIV/0!" | "#REF!" | "#NAME?" | "#NULL!";

export const EXCEL_ERROR_CODES: readonly ExcelErrorCode[] = ["#VALUE!", "#NUM!", "#N/A", "#DIV/0!", "#REF!", "#NAME?", "#NULL!"];

export class RuleError extends Error {
  readonly code: ExcelErrorCode;
  readonly key: MessageKey;
  readonly params: MessageParams;

  constructor(code: ExcelErrorCode, key: MessageKey, params: MessageParams = {}) {
    super(formatMessage("en-US", key, params));
    this.name = "RuleError";
    this.code = code;
    this.key = key;
    this.params = params;
  }
}

export function isRuleError(e: unknown): e is RuleError {
  return e instanceof RuleError;
}
