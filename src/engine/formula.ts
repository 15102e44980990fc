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
import { erIdOf, erName, withoutHiddenPrefixes } from "../sheet/er";
import { ERROR_LITERAL } from "../sheet/errors";
import { endOfQuoted, endOfWord, isDigit, isWordChar, isWordStart } from "../sheet/lexer";

export interface NormalizeOptions {
  /** Upper-case registry ids that may appear without the ER namespace. */
  readonly bareFunctions: ReadonlySet<string>;
  /** Defined names to replace, lower-case name -> alias. */
  readonly nameAliases?: ReadonlyMap<string, string>;
}

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

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
  const id = erIdOf(word, options.bareFunctions);
  if (id !== undefined) return erName(id);
  const w = withoutHiddenPrefixes(word);
  // Another add-in's function: without its prefix, HyperFormula gives #NAME? as Excel does without the add-in.
  return w.slice(0, 8).toLowerCase() === "_xldudf_" ? w.slice(8) : w;
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
      const j = endOfWord(text, i);
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
      const j = endOfWord(text, i);
      if (text[j] === "(") out.push(functionName(text.slice(i, j), options).toUpperCase());
      i = j;
    } else i++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// References: what a formula reads, for the dependency analysis (see closure.ts)

/** A rectangle a formula reads, 0-based and inclusive; a whole column runs over every row, a whole row over every column. */
export interface FormulaArea {
  readonly r1: number;
  readonly c1: number;
  readonly r2: number;
  readonly c2: number;
}

/** Where in a formula a reference or a name stands, as far as implicit intersection is concerned. */
export interface RefPlace {
  /**
   * Excel reads a range here as a range: the whole argument of a function that takes ranges (SUM(A1:A9),
   * an ER function's argument), or anywhere inside SUMPRODUCT's arguments. Elsewhere (an operand of
   * arithmetic, an argument of IF or ROUND, the whole formula) a formula that is not an array formula
   * intersects a range implicitly with its own row or column.
   */
  readonly rangeContext: boolean;
  /** Read by an arithmetic operator (+ - * / ^ %) directly, not through a function. */
  readonly arithmetic: boolean;
  /** The function of which it is a whole argument ("AND" for the A1 of AND(A1,B1>0)), if so. */
  readonly argumentOf?: string;
  /** Which argument of that function (0-based). */
  readonly argumentIndex?: number;
}

export interface FormulaReference extends RefPlace {
  /** The sheet named before "!"; undefined for the formula's own sheet. */
  readonly sheet?: string;
  /** The last sheet of a 3-D reference ("Sheet1:Sheet3!C1"). */
  readonly sheetEnd?: string;
  /** A reference into another workbook ("[1]Sheet1!A1", "'[Book.xlsx]S'!A1"). */
  readonly external: boolean;
  readonly area: FormulaArea;
  /** A spill reference ("A1#"). */
  readonly spill: boolean;
  /** The reference as written. */
  readonly text: string;
}

export interface FormulaNameUse extends RefPlace {
  /** The name as written (case kept). */
  readonly name: string;
  /** The sheet written before it ("Sheet1!Local"), if any. */
  readonly sheet?: string;
  /** A name of another workbook ("[1]!Name"). */
  readonly external: boolean;
}

export interface FormulaScan {
  readonly references: readonly FormulaReference[];
  readonly names: readonly FormulaNameUse[];
  /** The functions called, as the engine names them (see functionCalls). */
  readonly functions: readonly string[];
  /** Every function call with its arguments' text, trimmed, in the order the calls close. */
  readonly calls: readonly { readonly name: string; readonly args: readonly string[] }[];
  /** A structured reference to a table ("Table1[Amount]", "[@Amount]"). */
  readonly structured: boolean;
  /** The text operator "&" is used. */
  readonly concatenation: boolean;
  /** An arithmetic operator is used. */
  readonly arithmetic: boolean;
  /** An array constant ({1,2,3}) is written, other than as a whole argument of an ER function. */
  readonly arrayConstant: boolean;
  /** The empty text "" is an operand of an arithmetic operator ("" * 2). */
  readonly emptyTextArithmetic: boolean;
}

const MAX_ROW_INDEX = 1048575;
const MAX_COL_INDEX = 16383;

/** A cell, a range of cells, whole columns, or whole rows, with a spill "#" after a cell. */
const AREA = /(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?::(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7}))?(#)?|(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})|(\$?)(\d{1,7}):(\$?)(\d{1,7})/y;
/** A sheet (or an external book and sheet, or a 3-D span of sheets) before "!", unquoted. */
const SHEET_PREFIX = /(\[[^\]]*\])?((?:[^\s!'"(),;:+\-*/^&=<>{}[\]%#@]+)(?::[^\s!'"(),;:+\-*/^&=<>{}[\]%#@]+)?)?!/y;
const QUOTED_PREFIX = /'((?:[^']|'')*)'!/y;

function colIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 0x20) - 96);
  return n - 1;
}

/** Functions whose arguments Excel evaluates as arrays, whatever the formula: ranges anywhere in them are read whole. */
const ARRAY_ARGUMENT_FUNCTIONS = new Set(["SUMPRODUCT"]);

/**
 * The argument positions where a function takes a range as a range (-1: every argument). Only the functions
 * the audit trusts need to be here (see closure.ts); elsewhere a range is read through a function the audit
 * does not trust anyway.
 */
const RANGE_ARGUMENTS: ReadonlyMap<string, readonly number[]> = new Map<string, readonly number[]>([
  ...["SUM", "MIN", "MAX", "AVERAGE", "COUNT", "COUNTA", "PRODUCT", "SUMPRODUCT", "AND", "OR", "ANCHORARRAY", "ROWS", "COLUMNS"].map((f): [string, number[]] => [f, [-1]]),
  ["INDEX", [0]],
  ["MATCH", [1]],
  ["VLOOKUP", [1]],
  ["HLOOKUP", [1]],
  ["SUMIF", [0, 2]],
  ["COUNTIF", [0]],
]);

function takesRange(fn: string | null, index: number): boolean {
  if (fn === null) return false;
  if (fn.startsWith("ER.")) return true;
  const at = RANGE_ARGUMENTS.get(fn);
  return !!at && (at.includes(-1) || at.includes(index));
}

/** An area's cell bounds, or undefined when the text is not inside Excel's grid (then it is a name). */
function areaOf(m: RegExpExecArray): { area: FormulaArea; spill: boolean } | undefined {
  if (m[2] !== undefined) {
    const c1 = colIndex(m[2]);
    const r1 = Number(m[4]) - 1;
    if (c1 > MAX_COL_INDEX || r1 < 0 || r1 > MAX_ROW_INDEX) return undefined;
    if (m[6] === undefined) return { area: { r1, c1, r2: r1, c2: c1 }, spill: m[9] === "#" };
    const c2 = colIndex(m[6]);
    const r2 = Number(m[8]) - 1;
    if (c2 > MAX_COL_INDEX || r2 < 0 || r2 > MAX_ROW_INDEX) return undefined;
    return { area: { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) }, spill: false };
  }
  if (m[11] !== undefined) {
    const c1 = colIndex(m[11]);
    const c2 = colIndex(m[13]);
    if (c1 > MAX_COL_INDEX || c2 > MAX_COL_INDEX) return undefined;
    return { area: { r1: 0, c1: Math.min(c1, c2), r2: MAX_ROW_INDEX, c2: Math.max(c1, c2) }, spill: false };
  }
  const r1 = Number(m[15]) - 1;
  const r2 = Number(m[17]) - 1;
  if (r1 < 0 || r2 < 0 || r1 > MAX_ROW_INDEX || r2 > MAX_ROW_INDEX) return undefined;
  return { area: { r1: Math.min(r1, r2), c1: 0, r2: Math.max(r1, r2), c2: MAX_COL_INDEX }, spill: false };
}

/** Where the structured reference starting at a "[" ends (after its closing bracket, nested brackets included). */
function endOfBrackets(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    if (text[j] === "[") depth++;
    else if (text[j] === "]" && --depth === 0) return j + 1;
  }
  return text.length;
}

/**
 * What a formula reads: its references (cells, ranges, whole rows and columns, spills, with their sheet,
 * 3-D span or external book), the defined names it uses, the functions it calls, and the operators and
 * features the audit must know of. Text in strings is not looked at.
 *
 * @example scanFormula("=SUM(A:A)+Sheet2!B3", o).references -> [{area: A:A}, {sheet: "Sheet2", area: B3}]
 */
export function scanFormula(formula: string, options: NormalizeOptions): FormulaScan {
  const text = formula;
  const n = text.length;
  const references: Mutable<FormulaReference>[] = [];
  const names: Mutable<FormulaNameUse>[] = [];
  const functions: string[] = [];
  let structured = false;
  let concatenation = false;
  let arithmetic = false;
  let arrayConstant = false;
  let emptyTextArithmetic = false;
  interface Item {
    readonly token: Mutable<RefPlace>;
    readonly start: number;
    readonly end: number;
  }
  // One frame per open parenthesis: the function it calls (null for a group), the argument index, where
  // the argument starts, the tokens seen in it, and the arguments' text.
  interface Frame {
    fn: string | null;
    index: number;
    start: number;
    items: Item[];
    args: string[];
  }
  const stack: Frame[] = [];
  const top: Frame = { fn: null, index: 0, start: 0, items: [], args: [] };
  const calls: { name: string; args: string[] }[] = [];
  let pendingFn: string | null = null;
  let braces = 0;
  const frame = () => stack[stack.length - 1] ?? top;
  const prevChar = (i: number): string => {
    let k = i - 1;
    while (k >= 0 && (text[k] === " " || text[k] === "\n" || text[k] === "\r" || text[k] === "\t")) k--;
    return k >= 0 ? text[k] : "";
  };
  const nextChar = (i: number): string => {
    let k = i;
    while (k < n && (text[k] === " " || text[k] === "\n" || text[k] === "\r" || text[k] === "\t")) k++;
    return k < n ? text[k] : "";
  };
  /** The place of a token at [start, end); rangeContext is completed when its argument closes. */
  const placed = (start: number, end: number): Mutable<RefPlace> => {
    const token = { rangeContext: false, arithmetic: "-+*/^".includes(prevChar(start) || "x") || "-+*/^%".includes(nextChar(end) || "x") };
    // Anywhere inside SUMPRODUCT (through groups, not through other functions) ranges are arrays.
    for (let k = stack.length - 1; k >= 0; k--) {
      const f = stack[k].fn;
      if (f === null) continue;
      if (ARRAY_ARGUMENT_FUNCTIONS.has(f)) token.rangeContext = true;
      break;
    }
    frame().items.push({ token, start, end });
    return token;
  };
  /** At the end of an argument: a token that is the whole argument of a function taking a range there is read as a range. */
  const closeArg = (end: number) => {
    const f = frame();
    if (f.fn !== null) {
      let s = f.start;
      while (s < end && /\s/.test(text[s])) s++;
      let e = end;
      while (e > s && /\s/.test(text[e - 1])) e--;
      f.args.push(text.slice(s, e));
      for (const it of f.items) {
        if (it.start !== s || it.end !== e) continue;
        it.token.argumentOf = f.fn;
        it.token.argumentIndex = f.index;
        if (takesRange(f.fn, f.index)) it.token.rangeContext = true;
      }
    }
    f.items = [];
  };
  const areaAt = (i: number): { end: number; area: FormulaArea; spill: boolean } | undefined => {
    AREA.lastIndex = i;
    const m = AREA.exec(text);
    if (!m) return undefined;
    const end = i + m[0].length;
    const next = text.charCodeAt(end);
    if (end < n && (isWordChar(next) || next === 40 /* ( */ || next === 33 /* ! */ || next === 91 /* [ */)) return undefined;
    const a = areaOf(m);
    return a ? { end, ...a } : undefined;
  };
  /** After a sheet prefix (or at a bare token): an area, an error, a function or a name; returns where the token ends. */
  const afterPrefix = (start: number, i: number, sheet: string | undefined, sheetEnd: string | undefined, external: boolean): number => {
    const a = areaAt(i);
    if (a) {
      const token = placed(start, a.end);
      references.push(
        Object.assign(token, {
          ...(sheet !== undefined ? { sheet } : {}),
          ...(sheetEnd !== undefined ? { sheetEnd } : {}),
          external,
          area: a.area,
          spill: a.spill,
          text: text.slice(start, a.end),
        }),
      );
      return a.end;
    }
    if (text[i] === "#") {
      const m = ERROR_LITERAL.exec(text.slice(i, i + 14));
      return i + (m ? m[0].length : 1);
    }
    let j = i;
    while (j < n && isWordChar(text.charCodeAt(j))) j++;
    if (j === i) return i;
    const word = text.slice(i, j);
    if (text[j] === "(") {
      pendingFn = functionName(word, options).toUpperCase();
      functions.push(pendingFn);
      return j;
    }
    if (text[j] === "[") {
      structured = true;
      return endOfBrackets(text, j);
    }
    if (sheet !== undefined || external || !/^(true|false)$/i.test(word)) {
      const token = placed(start, j);
      names.push(Object.assign(token, { name: word, ...(sheet !== undefined ? { sheet } : {}), external }));
    }
    return j;
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = endOfQuoted(text, i, '"');
      if (end === i + 2 && ("-+*/^".includes(prevChar(i) || "x") || "-+*/^%".includes(nextChar(end) || "x"))) emptyTextArithmetic = true;
      i = end;
    } else if (c === 39 /* ' */) {
      QUOTED_PREFIX.lastIndex = i;
      const m = QUOTED_PREFIX.exec(text);
      if (!m) {
        i = endOfQuoted(text, i, "'");
        continue;
      }
      const inner = m[1].replace(/''/g, "'");
      const book = /^(.*)\[[^\]]*\](.*)$/.exec(inner);
      const colon = inner.indexOf(":", inner.lastIndexOf("]") + 1);
      if (book) i = afterPrefix(i, i + m[0].length, book[2], undefined, true);
      else if (colon > 0) i = afterPrefix(i, i + m[0].length, inner.slice(0, colon), inner.slice(colon + 1), false);
      else i = afterPrefix(i, i + m[0].length, inner, undefined, false);
    } else if (c === 91 /* [ */) {
      SHEET_PREFIX.lastIndex = i;
      const m = SHEET_PREFIX.exec(text);
      if (m && m[1] !== undefined) i = afterPrefix(i, i + m[0].length, m[2], undefined, true);
      else {
        structured = true;
        i = endOfBrackets(text, i);
      }
    } else if (c === 35 /* # */) {
      const m = ERROR_LITERAL.exec(text.slice(i, i + 14));
      i += m ? m[0].length : 1;
    } else if (isWordChar(c) && c !== 46 /* . */) {
      SHEET_PREFIX.lastIndex = i;
      const m = SHEET_PREFIX.exec(text);
      if (m && m[1] === undefined && m[2] !== undefined) {
        const colon = m[2].indexOf(":");
        i =
          colon > 0
            ? afterPrefix(i, i + m[0].length, m[2].slice(0, colon), m[2].slice(colon + 1), false)
            : afterPrefix(i, i + m[0].length, m[2], undefined, false);
        continue;
      }
      if (isDigit(c) && !areaAt(i)) {
        NUMBER.lastIndex = i;
        const num = NUMBER.exec(text);
        i += num ? num[0].length : 1;
        while (i < n && isWordChar(text.charCodeAt(i))) i++;
        continue;
      }
      const end = afterPrefix(i, i, undefined, undefined, false);
      i = end > i ? end : i + 1;
    } else if (c === 40 /* ( */) {
      stack.push({ fn: pendingFn, index: 0, start: i + 1, items: [], args: [] });
      pendingFn = null;
      i++;
    } else if (c === 41 /* ) */) {
      closeArg(i);
      const f = stack.pop();
      if (f && f.fn !== null) calls.push({ name: f.fn, args: f.args.length === 1 && f.args[0] === "" ? [] : f.args });
      i++;
    } else if (c === 123 /* { */) {
      // An ER function takes an array constant as the range it stands for, as Excel passes it.
      if (braces++ === 0 && !frame().fn?.startsWith("ER.")) arrayConstant = true;
      i++;
    } else if (c === 125 /* } */) {
      braces--;
      i++;
    } else if (c === 44 /* , */ && braces === 0) {
      closeArg(i);
      const f = frame();
      f.index++;
      f.start = i + 1;
      i++;
    } else {
      if (c === 38 /* & */) concatenation = true;
      else if (c === 43 || c === 45 || c === 42 || c === 47 || c === 94 || c === 37) arithmetic = true;
      i++;
    }
  }
  return { references, names, functions, calls, structured, concatenation, arithmetic, arrayConstant, emptyTextArithmetic };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
