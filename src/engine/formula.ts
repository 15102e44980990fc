/**
 * Formula text as real workbooks hold it, turned into text HyperFormula parses, without changing what
 * the formula means:
 * - the ER functions in their three forms: `ER.NAME(`, `_xldudf_ER_NAME(` (how Excel saves a JavaScript
 *   custom function) and bare `NAME(` become `ER.NAME(`;
 * - the `_xlfn.` and `_xlws.` prefixes Excel writes before newer built-in functions are dropped;
 * - other add-ins' functions (`_xldudf_OTHER(`) lose the prefix and so evaluate to #NAME?;
 * - numbers in E notation (`11.34E9`, `1.134E+10`) get a lower-case e, which HyperFormula's lexer needs;
 * - text with a doubled quote (`"a""b"`) or a backslash is rebuilt with CHAR(34) / CHAR(92);
 * - sheet names HyperFormula cannot read unquoted (`表1!A1`) are quoted;
 * - defined names HyperFormula does not accept (Chinese names) are replaced by aliases the engine defines.
 * Everything inside strings and quoted sheet names is left alone.
 */
import { ERROR_LITERAL } from "../sheet/errors";

export interface NormalizeOptions {
  /** Upper-case registry ids that may appear without the ER namespace. */
  readonly bareFunctions: ReadonlySet<string>;
  /** Defined names to replace, lower-case name -> alias. */
  readonly nameAliases?: ReadonlyMap<string, string>;
}

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Characters of a name: letters, digits, _ . $ \ and anything beyond ASCII (Chinese names and sheets). */
function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || isDigit(c) || c === 95 || c === 46 || c === 36 || c === 92 || c >= 0x80;
}

function isWordStart(c: number): boolean {
  return isWordChar(c) && !isDigit(c) && c !== 46;
}

/** Where a string literal starting at `i` (a `"`) ends (index after the closing quote). */
function endOfQuoted(text: string, i: number, quote: string): number {
  let j = i + 1;
  for (;;) {
    const k = text.indexOf(quote, j);
    if (k < 0) return text.length;
    if (text[k + 1] === quote) {
      j = k + 2;
      continue;
    }
    return k + 1;
  }
}

/** An unquoted sheet name before "!", quoted when HyperFormula's lexer would not read it bare (non-ASCII, ".", "\\"). */
function quoteForHf(sheet: string): string {
  return /^[A-Za-z0-9_]+$/.test(sheet) ? sheet : `'${sheet}'`;
}

/** A string literal HyperFormula reads the same way Excel does. */
function stringLiteral(raw: string): string {
  const inner = raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw.slice(1);
  const value = inner.replace(/""/g, '"');
  if (!/["\\]/.test(value)) return `"${value}"`;
  const parts: string[] = [];
  let buf = "";
  for (const ch of value) {
    if (ch === '"' || ch === "\\") {
      if (buf) parts.push(`"${buf}"`);
      buf = "";
      parts.push(ch === '"' ? "CHAR(34)" : "CHAR(92)");
    } else buf += ch;
  }
  if (buf) parts.push(`"${buf}"`);
  return `(${parts.join("&")})`;
}

/**
 * The function name HyperFormula should see for `word` written before "(".
 *
 * @example functionName("_xldudf_ER_INITIAL_RIGHT", opts) === "ER.INITIAL_RIGHT"
 * @example functionName("_xlfn.IFNA", opts) === "IFNA"
 */
export function functionName(word: string, options: NormalizeOptions): string {
  let w = word;
  for (;;) {
    const head = w.slice(0, 6).toLowerCase();
    if (head === "_xlfn." || head === "_xlws.") w = w.slice(6);
    else break;
  }
  if (w.slice(0, 8).toLowerCase() === "_xldudf_") {
    const rest = w.slice(8);
    return /^er_/i.test(rest) ? `ER.${rest.slice(3).toUpperCase()}` : rest;
  }
  const upper = w.toUpperCase();
  if (upper.startsWith("ER.")) return upper;
  if (options.bareFunctions.has(upper)) return `ER.${upper}`;
  return w;
}

/**
 * Normalizes formula text for HyperFormula (see the module comment). A leading "=" is kept if present.
 *
 * @example normalizeFormulaWith("=_xldudf_ER_INITIAL_RIGHT_PHASED(B2:B4,C2:C4)", o) === "=ER.INITIAL_RIGHT_PHASED(B2:B4,C2:C4)"
 */
export function normalizeFormulaWith(formula: string, options: NormalizeOptions): string {
  const text = formula;
  const n = text.length;
  const aliases = options.nameAliases;
  let out = "";
  let i = 0;
  let from = 0; // text[from, i) is copied unchanged when the next replacement is made
  const replace = (start: number, end: number, by: string) => {
    out += text.slice(from, start) + by;
    from = end;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = endOfQuoted(text, i, '"');
      const raw = text.slice(i, end);
      if (raw.includes('""') || raw.includes("\\")) replace(i, end, stringLiteral(raw));
      i = end;
    } else if (c === 39 /* ' */) {
      i = endOfQuoted(text, i, "'");
    } else if (c === 35 /* # */) {
      const m = ERROR_LITERAL.exec(text.slice(i, i + 14));
      i += m ? m[0].length : 1;
    } else if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      const len = m ? m[0].length : 1;
      // A digit run glued to letters ("2019年!A1" or a name) is a word, not a number.
      if (i + len < n && isWordChar(text.charCodeAt(i + len)) && text.charCodeAt(i + len) !== 46) {
        let j = i + len;
        while (j < n && isWordChar(text.charCodeAt(j))) j++;
        if (text[j] === "!") replace(i, j, quoteForHf(text.slice(i, j)));
        i = j;
        continue;
      }
      if (m && /[E]/.test(m[0])) replace(i, i + len, m[0].replace("E", "e"));
      i += len;
    } else if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      const word = text.slice(i, j);
      const next = text[j];
      if (next === "(") {
        const name = functionName(word, options);
        if (name !== word) replace(i, j, name);
      } else if (next === "!") {
        const quoted = quoteForHf(word);
        if (quoted !== word) replace(i, j, quoted);
      } else if (aliases) {
        const alias = aliases.get(word.toLowerCase());
        if (alias !== undefined) replace(i, j, alias);
      }
      i = j;
    } else {
      i++;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * The functions a formula calls, as the engine names them ("ER.INITIAL_RIGHT", "IFNA", "SUM"), in order
 * of appearance. Text in strings is not looked at.
 */
export function functionCalls(formula: string, options: NormalizeOptions): string[] {
  const text = formula;
  const n = text.length;
  const out: string[] = [];
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) i = endOfQuoted(text, i, '"');
    else if (c === 39) i = endOfQuoted(text, i, "'");
    else if (isDigit(c)) {
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
    } else if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      if (text[j] === "(") out.push(functionName(text.slice(i, j), options).toUpperCase());
      i = j;
    } else i++;
  }
  return out;
}

/** One argument of an ER function call, as written. */
export interface ErArgument {
  /** The function, as "ER.NAME". */
  readonly fn: string;
  /** 0-based position of the argument. */
  readonly index: number;
  /** The argument's text, trimmed ("B2:B4", "'Table 3'!C5:E5", "eia_1"). */
  readonly text: string;
}

/**
 * The arguments of every ER function call in a formula (nested calls included), for checks that look
 * at the cells an ER function reads (the audit flags empty cells there: Excel on Windows and Mac can pass
 * an empty cell as 0).
 */
export function erArguments(formula: string, options: NormalizeOptions): ErArgument[] {
  const text = formula;
  const n = text.length;
  const found: ErArgument[] = [];
  // One frame per open parenthesis: the ER function it calls (or null), the argument index and its start.
  const stack: { fn: string | null; index: number; start: number }[] = [];
  let braces = 0;
  let pendingFn: string | null = null;
  const closeArg = (end: number) => {
    const top = stack[stack.length - 1];
    if (top && top.fn) {
      const t = text.slice(top.start, end).trim();
      if (t) found.push({ fn: top.fn, index: top.index, text: t });
    }
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) i = endOfQuoted(text, i, '"');
    else if (c === 39) i = endOfQuoted(text, i, "'");
    else if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      if (text[j] === "(") {
        const name = functionName(text.slice(i, j), options);
        pendingFn = name.startsWith("ER.") ? name : null;
      }
      i = j;
    } else if (c === 40 /* ( */) {
      stack.push({ fn: pendingFn, index: 0, start: i + 1 });
      pendingFn = null;
      i++;
    } else if (c === 41 /* ) */) {
      closeArg(i);
      stack.pop();
      i++;
    } else if (c === 123) {
      braces++;
      i++;
    } else if (c === 125) {
      braces--;
      i++;
    } else if (c === 44 /* , */ && braces === 0) {
      closeArg(i);
      const top = stack[stack.length - 1];
      if (top) {
        top.index++;
        top.start = i + 1;
      }
      i++;
    } else i++;
  }
  return found;
}
