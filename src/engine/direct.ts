/**
 * Plain ER calls computed without HyperFormula. Pure (no Node-only imports).
 *
 * Most ER formulas of a real workbook are one call whose arguments are cells, ranges and constants:
 * `=ER.PERFORMANCE_EMISSION(C2,D2)`, `=_xldudf_ER_INITIAL_RIGHT_PHASED(Phases!E2:E4,Phases!F2:F4)`. Such a
 * call needs no formula engine: its arguments are read from the cells exactly as the plugin (plugin.ts)
 * hands them to the rule, and the registry's own `impl` computes it, as in the engine. HyperFormula
 * spends about 2 KB and 30 µs per formula on its dependency graph (docs/performance.md); here a formula
 * costs its arguments.
 *
 * A recomputed formula is computed here when
 * - it is one ER call with nothing around it, not an array formula, of a function whose result is one
 *   value (not a matrix), with as many arguments as the function takes;
 * - each argument is a cell or a range of cells on a sheet of the workbook (a range not reaching the
 *   sheet's last row or column, of at most MAX_CELLS cells, and only in a parameter that takes ranges: a
 *   range in a one-cell parameter is Excel's lifting, left to the engine), a number, a text, TRUE or
 *   FALSE, or nothing;
 * - every recomputed formula it reads is computed here too (not in a cycle), and it reads no cell that a
 *   recomputed array formula covers nor an error value the engine does not have (#NULL!, #SPILL!...).
 * Every other recomputed formula is left to the engine, which gets the values computed here as its inputs
 * (see computed.ts). A cell read here that the engine could still fill (an array it spills) is checked
 * there, with `meets`.
 */
import type { Locale } from "../i18n/locale";
import type { CellError as HfCellError } from "hyperformula";
import { columnToIndex } from "../sheet/address";
import { isCellError, type CellValue } from "../sheet/errors";
import { endOfQuoted, endOfWord, isDigit, isWordStart } from "../sheet/lexer";
import { AreaIndex } from "./area-index";
import type { PlanFormula } from "./closure";
import { ENGINE_ERRORS, errorInput, type SheetInput } from "./engine";
import { functionName, type NormalizeOptions } from "./formula";
import { engineMessage } from "./messages";
import { erEntry, errorCodeOf, toCellError, type Entry } from "./plugin";

/** The most cells one range argument may have here (a larger one is left to the engine). */
const MAX_CELLS = 1_000_000;
const LAST_ROW = 1048575;
const LAST_COL = 16383;

/** An argument as written: nothing, a constant, or a rectangle of cells on a sheet. */
type Arg =
  | { readonly kind: "empty" }
  | { readonly kind: "value"; readonly value: number | string | boolean }
  | { readonly kind: "cells"; readonly sheet: string; readonly r1: number; readonly c1: number; readonly r2: number; readonly c2: number };

/** A plain call: the function and its arguments. */
export interface PlainCall {
  readonly entry: Entry;
  readonly args: readonly Arg[];
}

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const CELLS = /\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?/y;
const QUOTED_SHEET = /'((?:[^']|'')*)'!/y;
const EMPTY: Arg = { kind: "empty" };

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * The formula as a plain call (see the module comment), or undefined. `sheetOf` gives the workbook's sheet
 * for a sheet name as written (undefined: the formula's own sheet), or undefined when there is none.
 */
export function plainCall(formula: string, normalize: NormalizeOptions, sheetOf: (written: string | undefined) => string | undefined): PlainCall | undefined {
  const text = formula;
  const n = text.length;
  let i = 0;
  const skip = () => {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
  };
  if (text.charCodeAt(0) !== 61 /* = */) return undefined;
  i = 1;
  skip();
  if (!isWordStart(text.charCodeAt(i))) return undefined;
  const nameEnd = endOfWord(text, i);
  if (text.charCodeAt(nameEnd) !== 40 /* ( */) return undefined;
  const entry = erEntry(functionName(text.slice(i, nameEnd), normalize).toUpperCase());
  if (!entry || entry.matrixResult) return undefined;
  i = nameEnd + 1;
  const args: Arg[] = [];
  skip();
  if (text.charCodeAt(i) === 41 /* ) */) i++;
  else {
    for (;;) {
      skip();
      const arg = argumentAt();
      if (!arg) return undefined;
      args.push(arg);
      skip();
      const c = text.charCodeAt(i++);
      if (c === 44 /* , */) continue;
      if (c === 41 /* ) */) break;
      return undefined;
    }
  }
  skip();
  if (i !== n || args.length < entry.required || args.length > entry.arity) return undefined;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a.kind === "cells" && !entry.matrixParam[k] && (a.r1 !== a.r2 || a.c1 !== a.c2)) return undefined;
  }
  return { entry, args };

  /** The argument at i, which ends before "," or ")"; undefined when it is anything else. */
  function argumentAt(): Arg | undefined {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 41) return EMPTY;
    if (c === 34 /* " */) {
      const end = endOfQuoted(text, i, '"');
      if (end - i < 2 || text.charCodeAt(end - 1) !== 34) return undefined;
      const value = text.slice(i + 1, end - 1).replace(/""/g, '"');
      i = end;
      return { kind: "value", value };
    }
    if (isDigit(c) || c === 46 /* . */) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return undefined;
      i += m[0].length;
      const value = Number(m[0]);
      return ends() && Number.isFinite(value) ? { kind: "value", value } : undefined;
    }
    let sheet: string | undefined;
    if (c === 39 /* ' */) {
      QUOTED_SHEET.lastIndex = i;
      const m = QUOTED_SHEET.exec(text);
      if (!m) return undefined;
      sheet = m[1].replace(/''/g, "'");
      i += m[0].length;
    } else if (isWordStart(c)) {
      const end = endOfWord(text, i);
      if (text.charCodeAt(end) === 33 /* ! */) {
        sheet = text.slice(i, end);
        i = end + 1;
      } else {
        const word = text.slice(i, end);
        if (/^(true|false)$/i.test(word)) {
          i = end;
          return ends() ? { kind: "value", value: word.length === 4 } : undefined;
        }
      }
    } else return undefined;
    const home = sheetOf(sheet);
    if (home === undefined) return undefined;
    CELLS.lastIndex = i;
    const m = CELLS.exec(text);
    if (!m) return undefined;
    i += m[0].length;
    if (!ends()) return undefined;
    const ca = columnToIndex(m[1]);
    const ra = Number(m[2]) - 1;
    const cb = m[3] === undefined ? ca : columnToIndex(m[3]);
    const rb = m[4] === undefined ? ra : Number(m[4]) - 1;
    const r1 = Math.min(ra, rb);
    const r2 = Math.max(ra, rb);
    const c1 = Math.min(ca, cb);
    const c2 = Math.max(ca, cb);
    // Outside the grid it is a name; at the last row or column, a range the engine reads to the used range.
    if (r1 < 0 || c1 < 0 || r2 >= LAST_ROW || c2 >= LAST_COL) return undefined;
    if ((r2 - r1 + 1) * (c2 - c1 + 1) > MAX_CELLS) return undefined;
    return { kind: "cells", sheet: home, r1, c1, r2, c2 };
  }

  /** The argument ends at i (white space, then "," or ")"). */
  function ends(): boolean {
    let k = i;
    while (k < n && isSpace(text.charCodeAt(k))) k++;
    const c = text.charCodeAt(k);
    return c === 44 || c === 41;
  }
}

/** Errors the engine takes as a cell's value, each as the argument a rule receives (as the plugin gives it). */
const ERROR_ARGS: ReadonlyMap<string, { readonly code: string }> = new Map([...ENGINE_ERRORS].map((code) => [code, Object.freeze({ code })]));

/** What a read cell gives when it holds something only the engine reads as Excel does (an error it lacks). */
const UNREADABLE = Symbol("unreadable");

export interface DirectInput {
  /** The engine's inputs (RecomputePlan.sheets): recomputed formulas as "=text", the rest as values. */
  readonly sheets: Readonly<Record<string, readonly (readonly SheetInput[] | undefined)[] | undefined>>;
  readonly formulas: readonly PlanFormula[];
  readonly recomputed: readonly boolean[];
  readonly normalize: NormalizeOptions;
  readonly locale: Locale;
  /** The formulas already parsed as plain calls (RecomputePlan.takePlainCalls), to be taken as they are. */
  readonly calls?: (PlainCall | undefined)[];
}

export interface DirectValues {
  /** Per formula (index of DirectInput.formulas): computed here. */
  readonly computed: Uint8Array;
  /** Per formula computed here: its value, as the engine would give it. */
  readonly values: readonly CellValue[];
  /** How many formulas were computed here. */
  readonly count: number;
  /** True when the rectangle meets a cell that a formula computed here reads. */
  meets(sheet: string, r1: number, c1: number, r2: number, c2: number): boolean;
}

/** One recomputed formula cell's position in the lookups: row * 16384 + column. */
function position(row: number, col: number): number {
  return row * 16384 + col;
}

/**
 * Computes the plain ER calls among the recomputed formulas (see the module comment), each after the
 * formulas it reads. Throws nothing a rule throws: a rule's error is the cell's error, as in the engine.
 */
export function computeDirect(input: DirectInput): DirectValues {
  const { formulas, recomputed, sheets, normalize, locale } = input;
  const n = formulas.length;
  const sheetByLower = new Map(Object.keys(sheets).map((s) => [s.toLowerCase(), s]));

  // Recomputed formulas by cell, and by column (rows sorted) for ranges.
  const at = new Map<string, Map<number, number>>();
  const arrays = new AreaIndex(n);
  let anyArray = false;
  for (let i = 0; i < n; i++) {
    if (!recomputed[i]) continue;
    const f = formulas[i];
    let m = at.get(f.sheet);
    if (!m) at.set(f.sheet, (m = new Map()));
    m.set(position(f.row, f.col), i);
    const a = f.arrayRange;
    if (a) {
      arrays.add(f.sheet, { r1: a.start.row, c1: a.start.col, r2: a.end.row, c2: a.end.col }, i);
      anyArray = true;
    }
  }
  let columns: Map<string, Map<number, Int32Array>> | undefined;
  const byColumn = (): Map<string, Map<number, Int32Array>> => {
    if (columns) return columns;
    const lists = new Map<string, Map<number, number[]>>();
    for (const [sheet, m] of at) {
      const cols = new Map<number, number[]>();
      for (const [p, i] of m) {
        const c = p % 16384;
        let l = cols.get(c);
        if (!l) cols.set(c, (l = []));
        l.push(Math.floor(p / 16384), i);
      }
      lists.set(sheet, cols);
    }
    columns = new Map();
    for (const [sheet, cols] of lists) {
      const out = new Map<number, Int32Array>();
      for (const [c, l] of cols) {
        const pairs: [number, number][] = [];
        for (let k = 0; k < l.length; k += 2) pairs.push([l[k], l[k + 1]]);
        pairs.sort((x, y) => x[0] - y[0]);
        out.set(c, Int32Array.from(pairs.flat()));
      }
      columns.set(sheet, out);
    }
    return columns;
  };
  /** Calls each recomputed formula inside the rectangle. */
  const formulasIn = (a: Extract<Arg, { kind: "cells" }>, each: (j: number) => void) => {
    const m = at.get(a.sheet);
    if (!m) return;
    if ((a.r2 - a.r1 + 1) * (a.c2 - a.c1 + 1) <= 64) {
      for (let r = a.r1; r <= a.r2; r++) {
        for (let c = a.c1; c <= a.c2; c++) {
          const j = m.get(position(r, c));
          if (j !== undefined) each(j);
        }
      }
      return;
    }
    const cols = byColumn().get(a.sheet);
    if (!cols) return;
    for (let c = a.c1; c <= a.c2; c++) {
      const l = cols.get(c);
      if (!l) continue;
      let lo = 0;
      let hi = l.length / 2;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (l[2 * mid] < a.r1) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < l.length / 2 && l[2 * k] <= a.r2; k++) each(l[2 * k + 1]);
    }
  };

  // The plain calls, and which of them read which (readers of j: the formulas computed after it).
  const given = input.calls;
  const calls = new Array<PlainCall | undefined>(n);
  const tainted = new Uint8Array(n);
  const waiting = new Int32Array(n);
  const readers = new Array<number[] | undefined>(n);
  for (let i = 0; i < n; i++) {
    if (!recomputed[i] || formulas[i].arrayRange) continue;
    const f = formulas[i];
    const call = given ? given[i] : plainCall(f.formula, normalize, (w) => (w === undefined ? f.sheet : sheetByLower.get(w.toLowerCase())));
    if (!call) continue;
    calls[i] = call;
  }
  for (let i = 0; i < n; i++) {
    const call = calls[i];
    if (!call) continue;
    for (const a of call.args) {
      if (a.kind !== "cells") continue;
      if (anyArray) arrays.visit(a.sheet, a.r1, a.c1, a.r2, a.c2, () => (tainted[i] = 1));
      formulasIn(a, (j) => {
        if (j === i || !calls[j]) {
          tainted[i] = 1;
          return;
        }
        (readers[j] ??= []).push(i);
        waiting[i]++;
      });
    }
  }

  // Each formula after those it reads (Kahn's order); a tainted one passes its taint on to its readers.
  const computed = new Uint8Array(n);
  const values = new Array<CellValue>(n);
  let count = 0;
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (calls[i] && waiting[i] === 0) queue.push(i);
  const read = (sheet: string, row: number, col: number): unknown => {
    const v = sheets[sheet]?.[row]?.[col];
    if (v === undefined || v === null) return null;
    switch (typeof v) {
      case "number":
      case "boolean":
        return v;
      case "object":
        return v.text;
      default:
        break;
    }
    const c = v.charCodeAt(0);
    if (c === 61 /* = */ && v.length > 1) {
      const j = at.get(sheet)?.get(position(row, col));
      if (j === undefined || !computed[j]) return UNREADABLE;
      const value = values[j];
      return isCellError(value) ? (ERROR_ARGS.get(value.error) ?? UNREADABLE) : value;
    }
    const error = errorInput(v);
    if (error !== undefined) return ERROR_ARGS.get(error) ?? UNREADABLE;
    return v;
  };
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q];
    const call = calls[i] as PlainCall;
    let value: CellValue | typeof UNREADABLE = UNREADABLE;
    if (!tainted[i]) value = evaluate(call, read, locale);
    if (value === UNREADABLE) tainted[i] = 1;
    else {
      computed[i] = 1;
      values[i] = value;
      count++;
    }
    for (const x of readers[i] ?? []) {
      if (tainted[i]) tainted[x] = 1;
      if (--waiting[x] === 0) queue.push(x);
    }
    readers[i] = undefined;
  }

  return { computed, values, count, meets: readsOf(formulas, computed, normalize, sheetByLower) };
}

/**
 * DirectValues.meets for the formulas computed directly: their areas, indexed when first asked (made in a
 * scope of its own, so that it keeps nothing of the computation alive).
 */
function readsOf(formulas: readonly PlanFormula[], computed: Uint8Array, normalize: NormalizeOptions, sheetByLower: ReadonlyMap<string, string>): DirectValues["meets"] {
  let reads: AreaIndex | undefined;
  return (sheet, r1, c1, r2, c2) => {
    if (!reads) {
      reads = new AreaIndex(formulas.length);
      for (let i = 0; i < formulas.length; i++) {
        if (!computed[i]) continue;
        const f = formulas[i];
        const call = plainCall(f.formula, normalize, (w) => (w === undefined ? f.sheet : sheetByLower.get(w.toLowerCase())));
        for (const a of call?.args ?? []) if (a.kind === "cells") reads.add(a.sheet, a, i);
      }
    }
    let hit = false;
    reads.visit(sheet, r1, c1, r2, c2, () => (hit = true));
    return hit;
  };
}

/** A call's value as the engine gives it, or UNREADABLE when an argument holds what only the engine reads. */
function evaluate(call: PlainCall, read: (sheet: string, row: number, col: number) => unknown, locale: Locale): CellValue | typeof UNREADABLE {
  const { entry } = call;
  const args = new Array<unknown>(entry.arity).fill(null);
  for (let k = 0; k < call.args.length; k++) {
    const a = call.args[k];
    if (a.kind === "empty") continue;
    if (a.kind === "value") {
      args[k] = entry.matrixParam[k] ? [[a.value]] : a.value;
      continue;
    }
    if (!entry.matrixParam[k]) {
      const v = read(a.sheet, a.r1, a.c1);
      if (v === UNREADABLE) return UNREADABLE;
      args[k] = v;
      continue;
    }
    const rows = new Array<unknown[]>(a.r2 - a.r1 + 1);
    for (let r = a.r1; r <= a.r2; r++) {
      const row = new Array<unknown>(a.c2 - a.c1 + 1);
      for (let c = a.c1; c <= a.c2; c++) {
        const v = read(a.sheet, r, c);
        if (v === UNREADABLE) return UNREADABLE;
        row[c - a.c1] = v;
      }
      rows[r - a.r1] = row;
    }
    args[k] = rows;
  }
  let result: unknown;
  try {
    result = entry.impl(...args);
  } catch (e) {
    return errorValue(toCellError(e, locale));
  }
  switch (typeof result) {
    case "number":
      if (!Number.isFinite(result)) return { error: "#NUM!", message: engineMessage(locale, "notFinite") };
      return result === 0 ? 0 : result;
    case "string":
    case "boolean":
      return result;
    default:
      // A matrix from a function declared to give one value: the engine spills it; left to the engine.
      if (Array.isArray(result)) return UNREADABLE;
      // The engine gives a formula whose result is empty the value 0 (evaluateNullToZero, as Excel shows it).
      if (result === null || result === undefined) return 0;
      return { error: "#VALUE!", message: engineMessage(locale, "badResult") };
  }
}

/** A rule's error as the engine gives it (see Engine.errorOf: a rule's messages pass unchanged). */
function errorValue(e: HfCellError): CellValue {
  const error = errorCodeOf(e);
  return e.message ? { error, message: e.message } : { error };
}
