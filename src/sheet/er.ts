/**
 * The ER functions as formulas write them, in one place.
 *
 * Name forms. A workbook names an ER function in three ways, all the same function:
 * - `ER.NAME(`: as typed in Excel and shown in the formula bar (any case);
 * - `_xldudf_ER_NAME(`: how Excel saves a JavaScript custom function in the file;
 * - bare `NAME(`: a registry id without the namespace, as other tools write it; an ER call only for an id
 *   that is not also a built-in function's name (the caller gives that set: `bareIds`).
 * Excel's `_xlfn.` / `_xlws.` prefixes before newer built-in functions are not part of a name.
 *
 * Calls. `erCall` writes a call, `erCallsIn` finds the calls of a formula (nested ones too) with the text of
 * their arguments; text in strings and quoted sheet names is never read as a call.
 */
import { endOfQuoted, endOfWord, isDigit, isWordChar, isWordStart } from "./lexer";

/** `ER.NAME`: the function as Excel shows it. */
export function erName(id: string): string {
  return `ER.${id}`;
}

/** `ER.NAME(args)`: an ER call as a formula writes it (no leading "="). */
export function erCall(id: string, args: string | readonly string[]): string {
  return `${erName(id)}(${typeof args === "string" ? args : args.join(",")})`;
}

/** `_xldudf_ER_NAME(args)`: the same call as Excel saves it in the file. */
export function savedErCall(id: string, args: string | readonly string[]): string {
  return `_xldudf_ER_${id}(${typeof args === "string" ? args : args.join(",")})`;
}

/** `=ER.NAME(a,b)`: a cell formula of one ER call. */
export function erFormula(id: string, ...args: string[]): string {
  return `=${erCall(id, args)}`;
}

/** A function's name without Excel's `_xlfn.` / `_xlws.` prefixes ("_xlfn.IFNA" -> "IFNA"). */
export function withoutHiddenPrefixes(word: string): string {
  let w = word;
  for (;;) {
    const head = w.slice(0, 6).toLowerCase();
    if (head === "_xlfn." || head === "_xlws.") w = w.slice(6);
    else return w;
  }
}

/**
 * The registry id a word written before "(" calls, in any of the three name forms, or undefined when it
 * is not an ER function.
 *
 * @example erIdOf("_xldudf_ER_initial_right", bare) === "INITIAL_RIGHT"; erIdOf("SUM", bare) === undefined
 */
export function erIdOf(word: string, bareIds: ReadonlySet<string>): string | undefined {
  const w = withoutHiddenPrefixes(word);
  const upper = w.toUpperCase();
  if (upper.startsWith("_XLDUDF_ER_")) return upper.slice(11);
  if (upper.startsWith("ER.")) return upper.slice(3);
  return bareIds.has(upper) ? upper : undefined;
}

/** One ER call of a formula: the registry id and the text of each argument, trimmed ("" for an omitted one). */
export interface ErCallText {
  readonly id: string;
  readonly args: readonly string[];
}

/**
 * The ER calls of a formula, nested calls included, in the order their names stand in the text.
 *
 * @example erCallsIn("=SUM(ER.EIA_TOTAL('T 3'!C4:E4, F4:H4))", bare) -> [{id: "EIA_TOTAL", args: ["'T 3'!C4:E4", "F4:H4"]}]
 */
export function erCallsIn(formula: string, bareIds: ReadonlySet<string>): ErCallText[] {
  const text = formula;
  const n = text.length;
  const calls: { id: string; args: string[] }[] = [];
  // One frame per open parenthesis: the ER call it opens (or none), where its current argument starts.
  const stack: { call?: { id: string; args: string[] }; start: number }[] = [];
  let braces = 0;
  let pending: { id: string; args: string[] } | undefined;
  const closeArg = (end: number) => {
    const top = stack[stack.length - 1];
    if (top?.call) top.call.args.push(text.slice(top.start, end).trim());
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) i = endOfQuoted(text, i, '"');
    else if (c === 39 /* ' */) i = endOfQuoted(text, i, "'");
    else if (isDigit(c)) {
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
    } else if (isWordStart(c)) {
      const j = endOfWord(text, i);
      pending = undefined;
      if (text[j] === "(") {
        const id = erIdOf(text.slice(i, j), bareIds);
        if (id !== undefined) {
          pending = { id, args: [] };
          calls.push(pending);
        }
      }
      i = j;
    } else if (c === 40 /* ( */) {
      stack.push({ call: pending, start: i + 1 });
      pending = undefined;
      i++;
    } else if (c === 41 /* ) */) {
      closeArg(i);
      stack.pop();
      i++;
    } else if (c === 123 /* { */ || c === 125 /* } */) {
      braces += c === 123 ? 1 : -1;
      i++;
    } else if (c === 44 /* , */ && braces === 0) {
      closeArg(i);
      const top = stack[stack.length - 1];
      if (top) top.start = i + 1;
      i++;
    } else i++;
  }
  return calls.map((x) => ({ id: x.id, args: x.args.length === 1 && x.args[0] === "" ? [] : x.args }));
}

/** The prefixes Excel writes in the file and hides in the formula bar. */
const HIDDEN = /^(?:_xlfn\.|_xlws\.|_xlpm\.)+/i;
const ER_SAVED = /^_xldudf_ER_/i;

/**
 * A formula as the user typed it in Excel, from the text the file stores: `_xldudf_ER_NAME(` is shown as
 * `ER.NAME(`, and the `_xlfn.`, `_xlws.` and `_xlpm.` prefixes are hidden. Text in strings and quoted sheet
 * names is left as it is.
 *
 * @example typedFormula("=_xlfn.IFNA(_xldudf_ER_INITIAL_RIGHT(A1,B1),\"_xlfn.\")") === "=IFNA(ER.INITIAL_RIGHT(A1,B1),\"_xlfn.\")"
 */
export function typedFormula(stored: string): string {
  let out = "";
  let i = 0;
  const n = stored.length;
  while (i < n) {
    const ch = stored[i];
    if (ch === '"' || ch === "'") {
      const end = endOfQuoted(stored, i, ch);
      out += stored.slice(i, end);
      i = end;
    } else if (isWordChar(stored.charCodeAt(i))) {
      const j = endOfWord(stored, i);
      const word = stored.slice(i, j).replace(HIDDEN, "");
      out += ER_SAVED.test(word) ? erName(word.slice(11)) : word;
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
