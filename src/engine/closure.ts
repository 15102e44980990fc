/**
 * What the engine recomputes in a workbook read from a file, and which of its results the audit stands
 * behind. Pure (no Node-only imports).
 *
 * The recompute set: the ER formula cells, and every formula cell that depends on one of them, through cell
 * references, ranges (whole rows and columns too), defined names (workbook-wide and local), spilled
 * ranges and array formulas, transitively. Every other formula cell is given to the engine as the value
 * the file stores for it (Excel's cached value), so that the ER cells read exactly what Excel had; one
 * whose stored value is missing (or one the engine cannot take) is not computed. `recomputeAll` puts every
 * formula cell in the set (for files saved without values).
 *
 * A recomputed cell is "not verified" when its formula uses a function that is not on VERIFIED_FUNCTIONS
 * (functions whose results in the engine were checked against Excel's documented behaviour), or a feature
 * the engine does not reproduce (a legacy array formula of a non-ER function, a 3-D reference, a reference
 * to another workbook, a table's structured reference, a range where Excel intersects implicitly, a
 * defined name shaped like a cell address, "&" on numbers), or when it reads such a cell or a cell that is
 * not computed. Its result is neither judged nor written. Checks that need the computed values (an error
 * the engine could not compute, "" in arithmetic) are added by the caller through `propagate`.
 */
import type { Locale } from "../i18n/locale";
import { formatCell, quoteSheetName, type RangeAddress } from "../sheet/address";
import { ENGINE_ERRORS, textInput, type DefinedName, type SheetInput } from "./engine";
import { scanFormula, type FormulaArea, type FormulaScan, type NormalizeOptions } from "./formula";
import { engineMessage, type EngineMessageKey } from "./messages";
import { isCellShaped } from "./names";
import { sheetCellOfKey, type SheetCellKey } from "./cell-key";
import { AreaIndex } from "./area-index";
import { plainCall, type PlainCall } from "./direct";

/**
 * Functions whose results in the engine match Excel's documented behaviour (see test/engine/closure.test.ts,
 * where each is computed against the values Excel's documentation gives), besides the ER functions.
 * Arithmetic (+ - * / ^ %, unary minus) and comparisons (= <> < > <= >=) are checked too; "&" is not
 * (the engine writes 1/3 as "0.3333333333333333", Excel as "0.333333333333333").
 */
export const VERIFIED_FUNCTIONS: ReadonlySet<string> = new Set([
  "ABS",
  "AND",
  "AVERAGE",
  "COUNT",
  "COUNTA",
  "EXP",
  "FALSE",
  "IF",
  "IFERROR",
  "IFNA",
  "ISBLANK",
  "ISERR",
  "ISERROR",
  "ISNA",
  "ISNUMBER",
  "ISTEXT",
  "LN",
  "LOG10",
  "MAX",
  "MIN",
  "NA",
  "NOT",
  "OR",
  "PI",
  "POWER",
  "ROUND",
  "ROUNDDOWN",
  "ROUNDUP",
  "SIGN",
  "SQRT",
  "SUM",
  "TRUE",
]);

/**
 * Lookups verified in their exact-match form only (the match-type argument at `at` written as FALSE or 0):
 * an approximate lookup on a table that is not sorted lands on another row in Excel than in the engine.
 */
const EXACT_LOOKUPS: ReadonlyMap<string, number> = new Map([
  ["VLOOKUP", 3],
  ["HLOOKUP", 3],
]);

/**
 * Functions on the list whose result differs from Excel's when a whole argument is a reference: AND and OR
 * (Excel skips text and empty cells in a reference, the engine gives #VALUE! or FALSE).
 */
const REFERENCE_ARGUMENTS_UNVERIFIED = new Set(["AND", "OR"]);

/**
 * Functions that take a whole argument as a number (or, NOT and IF's condition, as a logical value):
 * given a cell holding "" Excel gives #VALUE!, the engine reads 0. Function -> the arguments concerned
 * (-1: all).
 */
const NUMERIC_ARGUMENTS: ReadonlyMap<string, readonly number[]> = new Map<string, readonly number[]>([
  ...["ABS", "ROUND", "ROUNDUP", "ROUNDDOWN", "EXP", "LN", "LOG10", "SQRT", "SIGN", "POWER", "NOT"].map((f): [string, number[]] => [f, [-1]]),
  ["IF", [0]],
]);

/** Error values Excel has and the engine does not (it reads them as text). */
const FOREIGN_ERROR = /^#(NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!)$/i;


/** A formula cell as the plan needs it (FormulaCell of package/read.ts has these fields). */
export interface PlanFormula {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly formula: string;
  readonly er: boolean;
  /** The value the file stores for it (an error as its text), or null. */
  readonly previous: number | string | boolean | null;
  readonly previousIsError: boolean;
  readonly arrayRange?: RangeAddress;
}

export interface PlanInput {
  /** The cells as read, per sheet: values, and formulas as text beginning with "=". */
  readonly sheets: Record<string, SheetInput[][]>;
  readonly formulas: readonly PlanFormula[];
  readonly names: readonly DefinedName[];
  /** Stored values of the cells array formulas cover (not their top-left cell), "sheet!row,col". */
  readonly arrayValues: ReadonlyMap<SheetCellKey, { readonly value: number | string | boolean | null; readonly isError: boolean }>;
}

export interface PlanOptions {
  readonly normalize: NormalizeOptions;
  /** Recompute every formula cell (for files saved without values). */
  readonly recomputeAll?: boolean;
  /** Language of the reasons. Default en-US. */
  readonly locale?: Locale;
}

export interface RecomputePlan {
  /** The engine's inputs: the sheets, with the formula cells outside the recompute set replaced by their stored values. */
  readonly sheets: Record<string, SheetInput[][]>;
  /** Per formula (the index of PlanInput.formulas): in the recompute set. */
  readonly recomputed: readonly boolean[];
  /** Per formula: outside the set, and the file holds no value the engine can take (left empty for the engine). */
  readonly notComputed: readonly boolean[];
  /** Per formula: why its result is not verified (recomputed cells only). */
  readonly reasons: readonly (string | undefined)[];
  readonly counts: { readonly recomputed: number; readonly cached: number; readonly notComputed: number };
  /**
   * Per formula: the single cells it reads as numbers (operands of arithmetic, whole arguments of ABS, ROUND,
   * IF's condition...), for the check of "" read as a number.
   */
  readonly arithmeticCells: ReadonlyMap<number, readonly { readonly sheet: string; readonly row: number; readonly col: number }[]>;
  /**
   * Marks formulas (index -> reason) as not verified after computing, and every recomputed formula that
   * reads them, transitively. Formulas that already have a reason keep it.
   */
  propagate(origins: ReadonlyMap<number, string>): void;
  /**
   * The plain ER calls the plan parsed (direct.ts), per formula, handed over once: the computation takes
   * them instead of parsing the formulas again, and the plan keeps nothing of them (empty after).
   */
  takePlainCalls(): (PlainCall | undefined)[];
}

// ---------------------------------------------------------------------------------------------------
// Defined names

interface NameInfo {
  /** Areas the name reads; sheet undefined: the using formula's sheet. */
  readonly areas: { readonly sheet?: string; readonly area: FormulaArea }[];
  /** The name is one reference to more than one cell (implicit intersection applies to it). */
  readonly multiCell: boolean;
  readonly er: boolean;
  /** Why a formula using it is not verified, if the name itself gives a reason. */
  readonly reason?: Reason;
}

interface Reason {
  readonly key: EngineMessageKey;
  readonly params: Readonly<Record<string, string>>;
}

// ---------------------------------------------------------------------------------------------------

/**
 * The sheets with some cells given other inputs, the given sheets untouched: a sheet and a row are copied
 * the first time a cell of theirs is put, every other row is shared.
 */
export function overlaySheets(base: Readonly<Record<string, SheetInput[][]>>): { sheets: Record<string, SheetInput[][]>; put(sheet: string, row: number, col: number, v: SheetInput): void } {
  const sheets: Record<string, SheetInput[][]> = { ...base };
  const copied = new Map<string, Set<number>>();
  const put = (sheet: string, row: number, col: number, v: SheetInput) => {
    let done = copied.get(sheet);
    if (!done) {
      copied.set(sheet, (done = new Set()));
      sheets[sheet] = [...(base[sheet] ?? [])];
    }
    const rows = sheets[sheet];
    if (!done.has(row)) {
      done.add(row);
      rows[row] = [...(rows[row] ?? [])];
    }
    rows[row][col] = v;
  };
  return { sheets, put };
}

/** Builds the recompute plan of a workbook (see the module comment). */
export function recomputePlan(input: PlanInput, options: PlanOptions): RecomputePlan {
  const { formulas } = input;
  const n = formulas.length;
  const locale = options.locale ?? "en-US";
  const sheetNames = Object.keys(input.sheets);
  const sheetByLower = new Map(sheetNames.map((s) => [s.toLowerCase(), s]));
  const sheetOrder = new Map(sheetNames.map((s, i) => [s, i]));
  const text = (r: Reason) => engineMessage(locale, r.key, r.params);

  // Defined names by scope ("" for workbook-wide) and lower-case name.
  const nameDefs = new Map<string, DefinedName>();
  for (const d of input.names) nameDefs.set(`${d.scope ?? ""}\u0000${d.name.toLowerCase()}`, d);
  const cellShapedNames = new Set(input.names.filter((d) => isCellShaped(d.name)).map((d) => d.name.toLowerCase()));
  const nameInfos = new Map<DefinedName, NameInfo>();

  const sheetOf = (written: string | undefined, home: string): string | undefined => (written === undefined ? home : sheetByLower.get(written.toLowerCase()));

  /** The reason a scan gives by itself (functions, features), areas left aside. */
  const scanReason = (scan: FormulaScan, arrayFormula: boolean, er: boolean): Reason | undefined => {
    for (const fn of scan.functions) if (!fn.startsWith("ER.") && !VERIFIED_FUNCTIONS.has(fn) && !EXACT_LOOKUPS.has(fn)) return { key: "whyFunction", params: { name: fn } };
    for (const call of scan.calls) {
      const at = EXACT_LOOKUPS.get(call.name);
      if (at !== undefined && !/^(FALSE(\(\))?|0)$/i.test(call.args[at] ?? "")) return { key: "whyApproximate", params: { name: call.name } };
    }
    if (arrayFormula && !er) return { key: "whyArray", params: {} };
    for (const r of scan.references) {
      if (r.external) return { key: "whyExternal", params: { ref: r.text } };
      if (r.sheetEnd !== undefined) return { key: "whyThreeD", params: { ref: r.text } };
      if (r.sheet === undefined && cellShapedNames.has(r.text.toLowerCase())) return { key: "whyCellName", params: { name: r.text } };
      const a = r.area;
      if (!arrayFormula && !r.rangeContext && (a.r1 !== a.r2 || a.c1 !== a.c2)) return { key: "whyIntersection", params: { ref: r.text } };
      if (r.argumentOf !== undefined && REFERENCE_ARGUMENTS_UNVERIFIED.has(r.argumentOf)) return { key: "whyReferenceArgument", params: { name: r.argumentOf, ref: r.text } };
    }
    for (const u of scan.names) {
      if (u.external) return { key: "whyExternal", params: { ref: u.sheet ? `${u.sheet}!${u.name}` : u.name } };
      if (u.argumentOf !== undefined && REFERENCE_ARGUMENTS_UNVERIFIED.has(u.argumentOf)) return { key: "whyReferenceArgument", params: { name: u.argumentOf, ref: u.name } };
    }
    if (scan.structured) return { key: "whyStructured", params: {} };
    if (scan.arrayConstant && !arrayFormula) return { key: "whyArrayConstant", params: {} };
    if (scan.emptyTextArithmetic) return { key: "whyEmptyTextLiteral", params: {} };
    if (scan.concatenation) return { key: "whyConcat", params: {} };
    return undefined;
  };

  const findName = (name: string, written: string | undefined, home: string): DefinedName | undefined => {
    const lower = name.toLowerCase();
    if (written !== undefined) {
      const s = sheetByLower.get(written.toLowerCase());
      return s === undefined ? undefined : nameDefs.get(`${s}\u0000${lower}`);
    }
    return nameDefs.get(`${home}\u0000${lower}`) ?? nameDefs.get(`\u0000${lower}`);
  };

  const nameInfo = (d: DefinedName, depth: number): NameInfo => {
    const known = nameInfos.get(d);
    if (known) return known;
    // A guard for names that refer to themselves, directly or not.
    nameInfos.set(d, { areas: [], multiCell: false, er: false });
    const raw = d.expression.trim();
    const scan = scanFormula(raw.startsWith("=") ? raw : `=${raw}`, options.normalize);
    const er = scan.functions.some((f) => f.startsWith("ER."));
    let reason = scanReason(scan, true, true);
    const areas: { sheet?: string; area: FormulaArea }[] = [];
    for (const r of scan.references) {
      if (r.external) continue;
      const sheets = r.sheetEnd !== undefined ? span(r.sheet, r.sheetEnd) : [r.sheet ?? d.scope];
      for (const s of sheets) {
        const canonical = s === undefined ? undefined : sheetByLower.get(s.toLowerCase());
        if (s !== undefined && canonical === undefined) continue;
        areas.push(canonical === undefined ? { area: r.area } : { sheet: canonical, area: r.area });
      }
    }
    let anyEr = er;
    for (const u of scan.names) {
      const inner = depth < 16 ? findName(u.name, u.sheet, d.scope ?? "") : undefined;
      if (!inner) {
        reason ??= { key: "whyName", params: { name: u.name } };
        continue;
      }
      const info = nameInfo(inner, depth + 1);
      areas.push(...info.areas);
      anyEr ||= info.er;
      reason ??= info.reason;
    }
    const single = scan.references.length === 1 && scan.names.length === 0 && scan.functions.length === 0 && /^=?\s*[^(]*$/.test(raw);
    const a = scan.references[0]?.area;
    const info: NameInfo = { areas, multiCell: single && !!a && (a.r1 !== a.r2 || a.c1 !== a.c2), er: anyEr, ...(reason ? { reason } : {}) };
    nameInfos.set(d, info);
    return info;
  };

  /** The sheets of a 3-D reference, first to last in the workbook's order. */
  const span = (first: string | undefined, last: string): (string | undefined)[] => {
    const a = first === undefined ? undefined : sheetOrder.get(sheetByLower.get(first.toLowerCase()) ?? "");
    const b = sheetOrder.get(sheetByLower.get(last.toLowerCase()) ?? "");
    if (a === undefined || b === undefined) return [];
    return sheetNames.slice(Math.min(a, b), Math.max(a, b) + 1);
  };

  // Every formula's areas go into the index; its own reason and arithmetic cells are kept.
  let plainCalls: (PlainCall | undefined)[] | undefined;
  const index = new AreaIndex(n);
  const ownReasons = new Array<Reason | undefined>(n);
  const seed = new Array<boolean>(n).fill(false);
  const arithmetic = new Map<number, { sheet: string; row: number; col: number }[]>();
  for (let i = 0; i < n; i++) {
    const f = formulas[i];
    // A plain ER call (direct.ts) reads only its arguments' cells, each as a range: nothing else to find.
    const call = f.arrayRange || cellShapedNames.size > 0 ? undefined : plainCall(f.formula, options.normalize, (w) => sheetOf(w, f.sheet));
    if (call) {
      (plainCalls ??= new Array<PlainCall | undefined>(n))[i] = call;
      for (const a of call.args) if (a.kind === "cells") index.add(a.sheet, a, i);
      seed[i] = true;
      continue;
    }
    const scan = scanFormula(f.formula, options.normalize);
    const arrayFormula = f.arrayRange !== undefined;
    let reason = scanReason(scan, arrayFormula, f.er);
    let er = f.er;
    for (const r of scan.references) {
      if (r.external) continue;
      const sheets = r.sheetEnd !== undefined ? span(r.sheet, r.sheetEnd) : [r.sheet];
      for (const s of sheets) {
        const sheet = sheetOf(s, f.sheet);
        if (sheet !== undefined) index.add(sheet, r.area, i);
      }
      const numeric = r.argumentOf !== undefined && !!NUMERIC_ARGUMENTS.get(r.argumentOf)?.some((k) => k === -1 || k === r.argumentIndex);
      if (((scan.arithmetic && r.arithmetic) || numeric) && r.sheetEnd === undefined && r.area.r1 === r.area.r2 && r.area.c1 === r.area.c2) {
        const sheet = sheetOf(r.sheet, f.sheet);
        if (sheet !== undefined) {
          let list = arithmetic.get(i);
          if (!list) arithmetic.set(i, (list = []));
          list.push({ sheet, row: r.area.r1, col: r.area.c1 });
        }
      }
    }
    for (const u of scan.names) {
      if (u.external) continue;
      const d = findName(u.name, u.sheet, f.sheet);
      if (!d) {
        reason ??= { key: "whyName", params: { name: u.name } };
        continue;
      }
      const info = nameInfo(d, 0);
      for (const a of info.areas) {
        const sheet = a.sheet ?? f.sheet;
        index.add(sheet, a.area, i);
      }
      er ||= info.er;
      reason ??= info.reason;
      if (!reason && info.multiCell && !arrayFormula && !u.rangeContext) reason = { key: "whyIntersection", params: { ref: u.name } };
    }
    ownReasons[i] = reason;
    seed[i] = er || options.recomputeAll === true;
  }

  // The recompute set: from the ER cells along the dependencies (found again in the index, not stored).
  const recomputed = new Array<boolean>(n).fill(false);
  const readersOf = (y: number, each: (x: number) => void) => {
    const f = formulas[y];
    const a = f.arrayRange;
    const r1 = a ? a.start.row : f.row;
    const c1 = a ? a.start.col : f.col;
    const r2 = a ? a.end.row : f.row;
    const c2 = a ? a.end.col : f.col;
    index.visit(f.sheet, r1, c1, r2, c2, (x) => {
      if (x !== y) each(x);
    });
  };
  const queue: number[] = [];
  for (let i = 0; i < n; i++) {
    if (seed[i]) {
      recomputed[i] = true;
      queue.push(i);
    }
  }
  for (let q = 0; q < queue.length; q++) {
    readersOf(queue[q], (x) => {
      if (!recomputed[x]) {
        recomputed[x] = true;
        queue.push(x);
      }
    });
  }

  // The engine's inputs: formula cells outside the set hold their stored values.
  const usable = (v: number | string | boolean | null, isError: boolean): boolean => {
    if (v === null) return false;
    if (typeof v === "number") return Number.isFinite(v);
    if (isError) return typeof v === "string" && ENGINE_ERRORS.has(v);
    return true;
  };
  /** A stored value as the engine's input: an error as its text, text as text (see textInput). */
  const stored = (v: number | string | boolean | null, isError: boolean): SheetInput => (typeof v === "string" && !isError ? textInput(v) : v);
  const notComputed = new Array<boolean>(n).fill(false);
  const { sheets, put } = overlaySheets(input.sheets);
  let cached = 0;
  let notComputedCount = 0;
  const cachedArrays: { sheet: string; a: RangeAddress }[] = [];
  for (let i = 0; i < n; i++) {
    if (recomputed[i]) continue;
    const f = formulas[i];
    const ok = usable(f.previous, f.previousIsError);
    put(f.sheet, f.row, f.col, ok ? stored(f.previous, f.previousIsError) : null);
    if (ok) cached++;
    else {
      notComputed[i] = true;
      notComputedCount++;
    }
    const a = f.arrayRange;
    if (a && ok) cachedArrays.push({ sheet: f.sheet, a });
  }
  // The cells of cached array formulas hold their stored values (only those the file has: an array may
  // cover whole rows or columns).
  if (cachedArrays.length > 0) {
    for (const [key, m] of input.arrayValues) {
      const { sheet, row: r, col: c } = sheetCellOfKey(key);
      const owner = cachedArrays.find((x) => x.sheet === sheet && x.a.start.row <= r && r <= x.a.end.row && x.a.start.col <= c && c <= x.a.end.col);
      if (owner && usable(m.value, m.isError)) put(sheet, r, c, stored(m.value, m.isError));
    }
  }

  // Reasons: a cell's own, then passed on to the recomputed cells that read it.
  const reasons = new Array<string | undefined>(n);
  const cellName = (y: number, home: string) => {
    const f = formulas[y];
    const a = formatCell(f.row, f.col);
    return f.sheet === home ? a : `${quoteSheetName(f.sheet)}!${a}`;
  };
  /** Passes each origin's reason on to the recomputed cells that read it, directly or not (a cell keeps the first reason it gets). */
  const spread = (work: { y: number; passOn: (home: string) => string }[]) => {
    for (let k = 0; k < work.length; k++) {
      const { y, passOn } = work[k];
      readersOf(y, (x) => {
        if (!recomputed[x] || reasons[x] !== undefined) return;
        reasons[x] = passOn(formulas[x].sheet);
        work.push({ y: x, passOn });
      });
    }
  };
  const propagate = (origins: ReadonlyMap<number, string>) => {
    const work: { y: number; passOn: (home: string) => string }[] = [];
    for (const [y, why] of origins) {
      if (!recomputed[y] || reasons[y] !== undefined) continue;
      reasons[y] = why;
      work.push({ y, passOn: (home) => `${cellName(y, home)}: ${why}` });
    }
    spread(work);
  };
  // Every cell's own reason first, then what the cells read passes on.
  const work: { y: number; passOn: (home: string) => string }[] = [];
  for (let i = 0; i < n; i++) {
    const r = ownReasons[i];
    if (!recomputed[i] || !r) continue;
    const why = text(r);
    reasons[i] = why;
    work.push({ y: i, passOn: (home) => `${cellName(i, home)}: ${why}` });
  }
  // Values the engine would read as text (#NULL! and the newer errors): the cells that read them are not verified.
  for (const sheet of sheetNames) {
    const rows = input.sheets[sheet] ?? [];
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v !== "string" || v.charCodeAt(0) !== 35 /* # */ || !FOREIGN_ERROR.test(v)) continue;
        const a = formatCell(r, c);
        const where = (home: string) => (home === sheet ? a : `${quoteSheetName(sheet)}!${a}`);
        index.visit(sheet, r, c, r, c, (x) => {
          if (!recomputed[x] || reasons[x] !== undefined) return;
          reasons[x] = text({ key: "whyForeignError", params: { cell: where(formulas[x].sheet), error: v.toUpperCase() } });
          work.push({ y: x, passOn: (home) => `${cellName(x, home)}: ${reasons[x]}` });
        });
      }
    }
  }
  // Formulas outside the set with no value: the recomputed cells that read them are not verified.
  for (let i = 0; i < n; i++) {
    if (!notComputed[i]) continue;
    work.push({ y: i, passOn: (home) => text({ key: "whyNotComputed", params: { cell: cellName(i, home) } }) });
  }
  spread(work);

  return {
    sheets,
    recomputed,
    notComputed,
    reasons,
    counts: { recomputed: n - cached - notComputedCount, cached, notComputed: notComputedCount },
    arithmeticCells: arithmetic,
    propagate,
    takePlainCalls() {
      const calls = plainCalls ?? [];
      plainCalls = undefined;
      return calls;
    },
  };
}
