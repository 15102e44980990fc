/**
 * Errors raised by the rules. A rule never returns a number for bad input: it throws a RuleError that
 * carries the Excel error code to show and a message key with parameters, so that each adapter (Excel,
 * the headless engine, the CLI, the task pane) can word it in the user's language.
 */
import { formatMessage, type MessageKey, type MessageParams } from "../i18n/messages";

/**
 * The codes a rule refuses with. Excel shows a custom function's message only with #VALUE! and #N/A
 * (Office docs, "Handle and return errors from your custom function"); #NUM!, #DIV/0! and #NULL! reach
 * the user as a bare code and #REF!/#NAME? are not supported as results at all. So every refusal is one
 * of these two, and its message reaches the user in every Excel client:
 * - #VALUE!: the input is wrong (a value of the wrong kind, a negative, non-finite or impossible
 *   number, a range of the wrong shape, an unknown keyword, a year typed as a date...);
 * - #N/A: the figure asked for does not exist (an absent phase, an EIA sum with a phase that has no
 *   figure, a limit the standard does not set, a standard that did not apply yet), or an input cell holds
 *   #N/A itself.
 */
export type RefusalCode = "#VALUE!" | "#N/A";

export class RuleError extends Error {
  readonly code: RefusalCode;
  readonly key: MessageKey;
  readonly params: MessageParams;

  constructor(code: RefusalCode, key: MessageKey, params: MessageParams = {}) {
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
