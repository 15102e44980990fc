/**
 * The headless engine: a workbook of sheets computed by HyperFormula with the ER functions registered
 * from the registry. Pure (no Node-only imports): the task pane's browser preview bundles it, and the
 * CLI uses it through src/engine/workbook.ts.
 *
 * Cell inputs: numbers, booleans, null (empty), and strings. A string beginning with "=" is a formula;
 * a string that is exactly an Excel error ("#N/A", "#DIV/0!", ...) is that error, as when typed in Excel;
 * any other string is text, kept as it is ("1562" stays text, "TRUE" stays text).
 *
 * Formulas are read in the forms real workbooks hold (see normalizeFormula). Settings follow Excel:
 * the 1900 date system with its leap-year bug (or 1904), TRUE and FALSE as constants, empty cells read
 * as 0 by arithmetic, dynamic arrays (array arithmetic on, results spill).
 */
import {
  CellError as CellErrorClass,
  DenseSparseChooseBasedOnThreshold,
  DetailedCellError,
  ExportedCellChange,
  HyperFormula,
  type ConfigParams,
  type ExportedChange,
  type RawCellContent,
  type SerializedNamedExpression,
  type SimpleCellAddress,
} from "hyperformula";
import type { Locale } from "../i18n/locale";
import { EXCEL_ERROR_CODES, type CellError, type CellValue } from "../sheet/errors";
import { parseReference } from "../sheet/address";
import { cellKey, cellOfKey, isKeyOfSheet, keyOfCell, type CellKey } from "./cell-key";
import { normalizeFormulaWith, type NormalizeOptions } from "./formula";
import { engineMessage } from "./messages";
import { bareFunctionNames } from "./names";
import { registerExcelRounding } from "./rounding";
import { createPluginContext, registerErFunctions, type PluginContext } from "./plugin";

/**
 * What the engine holds as a cell's input, as a file stores it: a number, a boolean, text, a formula as
 * "=...", or null for an empty cell (not what a user types: the task pane reads typing into this).
 */
export type CellContent = number | string | boolean | null;

/**
 * Text given to setCells that a plain string input cannot carry: text that begins with "=" or is an error's
 * text ("#N/A" typed as text), as a user types it after an apostrophe in Excel.
 */
export interface TextInput {
  readonly text: string;
}

/** A cell's input as a workbook holds it: a CellContent, or text that CellContent would read otherwise. */
export type SheetInput = CellContent | TextInput;

/**
 * Text as an input that keeps it text: a TextInput for text that a plain string input would read as a
 * formula ("=1+1") or an error ("#N/A"), the string itself otherwise.
 */
export function textInput(text: string): SheetInput {
  if (text.length > 1 && text.charCodeAt(0) === 61 /* = */) return { text };
  if (errorInput(text) !== undefined) return { text };
  return text;
}

/** The error a string input stands for ("#n/a" is #N/A: one of Excel's seven codes, any case), or undefined for text. */
export function errorInput(text: string): string | undefined {
  if (text.charCodeAt(0) !== 35 /* # */) return undefined;
  const upper = text.toUpperCase();
  return ERROR_INPUTS.has(upper) ? upper : undefined;
}

/** The errors the engine has as values (it has no #NULL!: an input holding that one it reads as text). */
export const ENGINE_ERRORS: ReadonlySet<string> = new Set(["#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);

/** A defined name of a workbook: `expression` as Excel stores it ("'Sheet 1'!$A$1:$B$3", "0.5"). */
export interface DefinedName {
  readonly name: string;
  readonly expression: string;
  /** The sheet a local name belongs to; absent for a workbook-wide name. */
  readonly scope?: string;
}

export interface EngineOptions {
  /** Language of the messages the engine puts in error cells. Default en-US. */
  readonly locale?: Locale;
  /** Defined names (named ranges and constants). */
  readonly names?: readonly DefinedName[];
  /** The workbook uses the 1904 date system (Excel for Mac files of old). */
  readonly date1904?: boolean;
}

/** The Excel error values a cell can be given as text. */
const ERROR_INPUTS: ReadonlySet<string> = new Set(EXCEL_ERROR_CODES);

/**
 * Maps the ways workbooks name the ER functions to `ER.NAME(`: `_xldudf_ER_NAME(` (Excel's saved form of
 * a JavaScript custom function) and bare `NAME(` of a registry function; strips the `_xlfn.`/`_xlws.`
 * prefixes Excel writes. Also makes E-notation numbers, doubled quotes in text and non-ASCII sheet names
 * readable by HyperFormula. Text inside strings is never changed.
 *
 * @example normalizeFormula("=_xldudf_ER_INITIAL_RIGHT_PHASED(B2:B4,C2:C4)") === "=ER.INITIAL_RIGHT_PHASED(B2:B4,C2:C4)"
 * @example normalizeFormula("=_xlfn.IFNA(PERFORMANCE_TOTAL(A1:A2,B1:B2),\"-\")") === "=IFNA(ER.PERFORMANCE_TOTAL(A1:A2,B1:B2),\"-\")"
 */
export function normalizeFormula(formula: string): string {
  return normalizeFormulaWith(formula, { bareFunctions: bareFunctionNames() });
}

/** Names HyperFormula accepts as they are; others (Chinese names, "A\\B") get an alias. */
const HF_NAME = /^[A-Za-z\u00C0-\u02AF_][A-Za-z\u00C0-\u02AF0-9_.]*$/;

/**
 * HyperFormula reads any letters followed by digits as a cell ("Global1", "Emission2019"), not only Excel's
 * one to three column letters, so such names get an alias too.
 */
function hfNameIsValid(name: string): boolean {
  return HF_NAME.test(name) && !/^[A-Za-z]+\d+$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name) && !/^(true|false)$/i.test(name);
}

function baseConfig(context: PluginContext, date1904: boolean): Partial<ConfigParams> {
  return {
    licenseKey: "gpl-v3",
    context,
    useArrayArithmetic: true,
    evaluateNullToZero: true,
    leapYear1900: !date1904,
    nullDate: date1904 ? { year: 1904, month: 1, day: 1 } : { year: 1899, month: 12, day: 31 },
    // Results are rounded to 14 significant digits on the way out (Excel shows 15): exact for every
    // decimal of up to 14 digits, so the ER functions' decimal-exact tonnes come out unchanged.
    smartRounding: true,
    precisionRounding: 14,
    // Comparisons (and a sum that cancels to nearly nothing) treat numbers this close, relatively, as equal.
    // HyperFormula's 1e-13 made 1.11111111111111 = 1.1111111111111 TRUE, where Excel, which keeps 15
    // digits, says FALSE; 1e-15 still gives 0.1+0.2=0.3 TRUE, as Excel does.
    precisionEpsilon: 1e-15,
    accentSensitive: true,
    caseSensitive: false,
    localeLang: "en-US",
    maxRows: 1048576,
    maxColumns: 16384,
    // Dense storage for filled sheets, sparse for a sheet whose used range is mostly empty (a stray value
    // at XFD1048576 must not allocate the whole grid).
    chooseAddressMappingPolicy: new DenseSparseChooseBasedOnThreshold(0.1),
  };
}

/** Excel's last row and column (0-based): a range that reaches one of them runs to the edge of the sheet. */
const LAST_ROW = 1048575;
const LAST_COL = 16383;

/** The part of HyperFormula's range objects that boundWholeRanges reads and replaces. */
interface HfRange {
  readonly start: { readonly sheet: number; readonly row: number; readonly col: number };
  readonly end: { readonly row: number; readonly col: number };
  readonly sheet: number;
  width(): number;
  height(): number;
  size(): number;
}
interface HfGraph {
  getSheetHeight(sheet: number): number;
  getSheetWidth(sheet: number): number;
}
type RangeMethod = (this: HfRange, graph: HfGraph) => number;
interface RangePrototype {
  effectiveWidth: RangeMethod;
  effectiveHeight: RangeMethod;
  effectiveEndColumn: RangeMethod;
  effectiveEndRow: RangeMethod;
  isFinite: (this: HfRange) => boolean;
}

let rangesBounded = false;

/**
 * Makes whole rows, whole columns and ranges that run to the edge of the sheet cost what the sheet's used
 * range costs. HyperFormula reads a range (to compute it, and to link it to its cells in the dependency
 * graph, one vertex per cell, empty ones included) over its "effective" extent: for a column range (A:A)
 * that is the sheet's used height, but its width, a row range's height (1:1048576) and any ranges written
 * with addresses (A2:A1048576, G1:XFD1048576) are taken whole: 1-4 GB and a minute for a 2 KB file. Here the
 * extent of each of these is cut at the sheet's used size, as HyperFormula already does for a column's
 * height: the cells beyond are empty, and a range that reaches the edge is tracked as HyperFormula tracks a
 * whole column (an "infinite" range), so a value typed beyond the used range later still reaches it.
 * ROWS, COLUMNS and result sizes read the range's own size, which is unchanged.
 *
 * HyperFormula does not export its range classes: they are found on the ranges of a small probe workbook.
 * Done once per process; the result is checked by test/engine/whole-ranges.test.ts.
 */
function boundWholeRanges(): void {
  if (rangesBounded) return;
  rangesBounded = true;
  const probe = HyperFormula.buildFromSheets({ p: [["=SUM(A:A)", "=SUM(1:1)", "=SUM(A1:A2)"]] }, { licenseKey: "gpl-v3" });
  try {
    const graph = (probe as unknown as { dependencyGraph: { rangeMapping: { rangesInSheet(s: number): Iterable<{ range: HfRange }> } } }).dependencyGraph;
    const ranges = [...graph.rangeMapping.rangesInSheet(0)].map((v) => v.range);
    const column = ranges.find((r) => r.end.row === Number.POSITIVE_INFINITY);
    const row = ranges.find((r) => r.end.col === Number.POSITIVE_INFINITY);
    const cells = ranges.find((r) => Number.isFinite(r.end.row) && Number.isFinite(r.end.col));
    if (!column || !row || !cells) return;
    const columnProto = Object.getPrototypeOf(column) as RangePrototype;
    const rowProto = Object.getPrototypeOf(row) as RangePrototype;
    const cellProto = Object.getPrototypeOf(cells) as RangePrototype;
    if (columnProto === cellProto || rowProto === cellProto) return;
    const usedWidth = (r: HfRange, g: HfGraph) => Math.max(0, Math.min(r.width(), g.getSheetWidth(r.sheet) - r.start.col));
    const usedHeight = (r: HfRange, g: HfGraph) => Math.max(0, Math.min(r.height(), g.getSheetHeight(r.sheet) - r.start.row));
    // A whole column's width and a whole row's height: always cut (these ranges are tracked as infinite already).
    columnProto.effectiveWidth = function (g) {
      return usedWidth(this, g);
    };
    columnProto.effectiveEndColumn = function (g) {
      return this.start.col + usedWidth(this, g) - 1;
    };
    rowProto.effectiveHeight = function (g) {
      return usedHeight(this, g);
    };
    rowProto.effectiveEndRow = function (g) {
      return this.start.row + usedHeight(this, g) - 1;
    };
    // A range written with addresses: cut only where it reaches the last row or column, and then tracked as infinite.
    const toBottom = (r: HfRange) => r.end.row >= LAST_ROW && Number.isFinite(r.end.row);
    const toRight = (r: HfRange) => r.end.col >= LAST_COL && Number.isFinite(r.end.col);
    const { effectiveWidth, effectiveHeight, isFinite } = cellProto;
    cellProto.effectiveWidth = function (g) {
      return toRight(this) ? usedWidth(this, g) : effectiveWidth.call(this, g);
    };
    cellProto.effectiveEndColumn = function (g) {
      return this.start.col + cellProto.effectiveWidth.call(this, g) - 1;
    };
    cellProto.effectiveHeight = function (g) {
      return toBottom(this) ? usedHeight(this, g) : effectiveHeight.call(this, g);
    };
    cellProto.effectiveEndRow = function (g) {
      return this.start.row + cellProto.effectiveHeight.call(this, g) - 1;
    };
    cellProto.isFinite = function () {
      return isFinite.call(this) && !toBottom(this) && !toRight(this);
    };
  } finally {
    probe.destroy();
  }
}

/** Operators HyperFormula evaluates as left, then right, then the operation (no short-circuit). */
const BINARY_OPERATORS = new Set([
  "PLUS_OP",
  "MINUS_OP",
  "TIMES_OP",
  "DIV_OP",
  "POWER_OP",
  "CONCATENATE_OP",
  "EQUALS_OP",
  "NOT_EQUAL_OP",
  "GREATER_THAN_OP",
  "LESS_THAN_OP",
  "GREATER_THAN_OR_EQUAL_OP",
  "LESS_THAN_OR_EQUAL_OP",
]);
const PARENTHESES = "PARENTHESES";
/** A node standing for a value already computed (see evaluateChainsIteratively). */
const COMPUTED = "ER_COMPUTED_VALUE";

interface OperatorNode {
  readonly type: string;
  readonly left: OperatorNode;
  readonly right: OperatorNode;
  readonly expression?: OperatorNode;
  readonly value?: unknown;
}
type AstMethod = (this: unknown, ast: OperatorNode, state: unknown) => unknown;

/**
 * Replaces `proto[method]`, a recursive walk of a formula's tree that handles an operator by walking its
 * left operand, then its right one, then combining them, by one that walks a chain of more than 32
 * operators from its first term up, each step handing the value so far to the original as a computed
 * node (`COMPUTED`, which the new method gives back as it is). Same order, same steps, one stack frame
 * per step instead of one per term.
 */
function iterateChains(proto: Record<string, unknown>, method: string): void {
  const original = proto[method] as AstMethod | undefined;
  if (typeof original !== "function") return;
  const walk: AstMethod = function (ast, state) {
    if (ast.type === COMPUTED) return ast.value;
    if (BINARY_OPERATORS.has(ast.type) && (BINARY_OPERATORS.has(ast.left.type) || ast.left.type === PARENTHESES)) {
      // Down the left side, through parentheses (which give their content's value as it is).
      const spine: OperatorNode[] = [];
      let node = ast;
      for (;;) {
        if (BINARY_OPERATORS.has(node.type)) {
          spine.push(node);
          node = node.left;
        } else if (node.type === PARENTHESES && node.expression) node = node.expression;
        else break;
      }
      if (spine.length > 32) {
        const self = this as Record<string, AstMethod>;
        let value = self[method](node, state);
        for (let i = spine.length - 1; i >= 0; i--) {
          const step = { type: spine[i].type, left: { type: COMPUTED, value } as OperatorNode, right: spine[i].right } as OperatorNode;
          value = i === 0 ? original.call(this, step, state) : self[method](step, state);
        }
        return value;
      }
    }
    return original.call(this, ast, state);
  };
  proto[method] = walk;
}

let chainsIterative = false;

/**
 * Lets HyperFormula compute a long chain of operators (`=A1+A2+...+A1149`, 3,447 characters; Excel
 * allows 8,192, about 4,000 terms) without running out of stack. Its interpreter (and its prediction of
 * a result's size) walks the chain, a tree as deep as it has terms, by recursion: about 1,100 terms
 * exhausted Node's default stack and the whole workbook stopped with "Maximum call stack size exceeded".
 * Both walks now go through a long chain from its first term up (see iterateChains): the same
 * operations in the same order, so the same values, rounding and errors. Done once per process; checked
 * by test/engine/formula-limits.test.ts.
 */
function evaluateChainsIteratively(): void {
  if (chainsIterative) return;
  chainsIterative = true;
  const probe = HyperFormula.buildEmpty({ licenseKey: "gpl-v3" });
  try {
    const interpreter = (probe as unknown as { _evaluator?: { interpreter?: { arraySizePredictor?: object } } })._evaluator?.interpreter;
    if (!interpreter) return;
    // The interpreter's evaluateAst post-processes each value (overflow to #NUM!, -0, 1x1 ranges): the walk
    // without post-processing is replaced, so each step still goes through evaluateAst.
    iterateChains(Object.getPrototypeOf(interpreter) as Record<string, unknown>, "evaluateAstWithoutPostprocessing");
    if (interpreter.arraySizePredictor) iterateChains(Object.getPrototypeOf(interpreter.arraySizePredictor) as Record<string, unknown>, "checkArraySizeForAst");
  } finally {
    probe.destroy();
  }
}

let blockedArraysRead = false;

interface HfArrayMapping {
  readonly arrayMapping: Map<unknown, unknown>;
  getArray(range: unknown): { array?: unknown } | undefined;
}
interface HfDependencyGraph {
  readonly arrayMapping: HfArrayMapping;
  getArray(range: unknown): { array?: unknown } | undefined;
  isThereSpaceForArray(vertex: unknown): boolean;
  processCellDependencies(dependencies: unknown, endVertex: unknown): void;
}

/**
 * Makes HyperFormula read the cells under an array formula that does not fit (its result would spill over
 * a cell holding something: #SPILL!) as cells, not as the array. It took such an array for the owner of
 * its whole range in two places, and a workbook stopped with a raw error:
 * - a range over exactly that range (`=SUM(A1:A3)`, A1 spilling into A1:A3, A2 a formula) was linked to the
 *   array alone, not to A2: when A2 waited for a later formula, the range was read before A2 was computed
 *   ("Value of the formula cell is not computed");
 * - a range over exactly a blocked array's first cell (`=ER.INITIAL_RIGHT(A1:A1,5)`) was read from the
 *   array's result, an "errored array" its interpreter does not handle ("Unknown array").
 * Now a range meets a blocked array's cells one by one, as it meets any other cells (#SPILL! from the first,
 * as SUM(A1:A1) already gave). Done once per process; checked by test/engine/engine.test.ts.
 */
function readBlockedArrays(): void {
  if (blockedArraysRead) return;
  blockedArraysRead = true;
  const probe = HyperFormula.buildEmpty({ licenseKey: "gpl-v3" });
  try {
    const graph = (probe as unknown as { dependencyGraph?: HfDependencyGraph }).dependencyGraph;
    if (!graph) return;
    const proto = Object.getPrototypeOf(graph) as HfDependencyGraph;
    const { getArray, processCellDependencies } = proto;
    if (typeof getArray !== "function" || typeof processCellDependencies !== "function" || typeof proto.isThereSpaceForArray !== "function") return;
    // The interpreter's lookup: an array whose result is an error and a size (no values) is not found.
    proto.getArray = function (this: HfDependencyGraph, range: unknown) {
      const vertex = getArray.call(this, range);
      const a = vertex?.array;
      if (a !== null && typeof a === "object" && "error" in a && "size" in a && !(a instanceof CellErrorClass)) return undefined;
      return vertex;
    };
    // Linking a formula to the ranges it reads: an array that does not fit is not the owner of its range.
    proto.processCellDependencies = function (this: HfDependencyGraph, dependencies: unknown, endVertex: unknown) {
      const mapping = this.arrayMapping;
      if (mapping.arrayMapping.size === 0) return processCellDependencies.call(this, dependencies, endVertex);
      const own = Object.getPrototypeOf(mapping) as HfArrayMapping;
      const fits = (vertex: unknown) => this.isThereSpaceForArray(vertex);
      Object.defineProperty(mapping, "getArray", {
        configurable: true,
        value(range: unknown) {
          const vertex = own.getArray.call(mapping, range);
          return vertex !== undefined && !fits(vertex) ? undefined : vertex;
        },
      });
      try {
        return processCellDependencies.call(this, dependencies, endVertex);
      } finally {
        delete (mapping as { getArray?: unknown }).getArray;
      }
    };
  } finally {
    probe.destroy();
  }
}

/** What replaces a formula the parser cannot read: a formula that does not parse (its cell is #ERROR!). */
const UNREADABLE_FORMULA = "=(";

/**
 * A formula long or deep enough that HyperFormula's recursive parser might exhaust the stack: more than 500
 * characters, or more than 32 levels of parentheses. Only these are tried alone first (see isolateUnreadable).
 */
function mayOverflow(formula: string): boolean {
  if (formula.length > 500) return true;
  let depth = 0;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula.charCodeAt(i);
    if (ch === 40 && ++depth > 32) return true;
    if (ch === 41) depth--;
  }
  return false;
}

export class Engine {
  private readonly hf: HyperFormula;
  private readonly ctx: PluginContext;
  private readonly normalize: NormalizeOptions;
  private readonly skipped: string[];
  /** Cells whose formula the parser could not read (see isolateUnreadable): "sheet,row,col". */
  private readonly unreadable = new Map<CellKey, true>();
  /** Array formulas whose result is blocked by a value in the way (#SPILL!), retried after every edit. */
  private readonly blocked = new Map<CellKey, SimpleCellAddress>();
  readonly locale: Locale;

  private constructor(hf: HyperFormula, ctx: PluginContext, normalize: NormalizeOptions, skipped: string[]) {
    this.hf = hf;
    this.ctx = ctx;
    this.normalize = normalize;
    this.skipped = skipped;
    this.locale = ctx.locale;
  }

  /**
   * Builds the workbook and computes it once: all sheets and names are given to HyperFormula together,
   * so loading costs one evaluation whatever the number of cells.
   */
  static create(sheets: Readonly<Record<string, readonly (readonly SheetInput[])[]>>, options: EngineOptions = {}): Engine {
    registerErFunctions();
    registerExcelRounding();
    boundWholeRanges();
    evaluateChainsIteratively();
    readBlockedArrays();
    const ctx = createPluginContext(options.locale ?? "en-US");
    const config = baseConfig(ctx, options.date1904 === true);
    const sheetNames = Object.keys(sheets);

    const aliases = new Map<string, string>();
    const names = options.names ?? [];
    for (const n of names) if (!hfNameIsValid(n.name) && !aliases.has(n.name.toLowerCase())) aliases.set(n.name.toLowerCase(), `_ER_NAME_${aliases.size + 1}`);
    const normalize: NormalizeOptions = { bareFunctions: bareFunctionNames(), nameAliases: aliases.size > 0 ? aliases : undefined };

    const skipped: string[] = [];
    const expressions = Engine.namedExpressions(names, sheetNames, aliases, normalize, config, skipped);

    const prepared: Record<string, RawCellContent[][]> = {};
    for (const name of sheetNames) {
      const rows = sheets[name] ?? [];
      const out = new Array<RawCellContent[]>(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r] ?? [];
        const o = new Array<RawCellContent>(row.length);
        for (let c = 0; c < row.length; c++) o[c] = toHf(row[c], normalize);
        out[r] = o;
      }
      prepared[name] = out;
    }
    let unreadable = Engine.isolateUnreadable(prepared, config, false);
    let hf: HyperFormula;
    try {
      hf = HyperFormula.buildFromSheets(prepared, config, expressions);
    } catch (e) {
      // The stack ran out computing (not parsing) a long chain: every long or deep formula is set aside.
      if (!(e instanceof RangeError)) throw e;
      ctx.spillSizes.clear();
      ctx.predicted.clear();
      ctx.resize.clear();
      ctx.arrays.clear();
      ctx.raw.clear();
      unreadable = [...unreadable, ...Engine.isolateUnreadable(prepared, config, true)];
      hf = HyperFormula.buildFromSheets(prepared, config, expressions);
    }
    const engine = new Engine(hf, ctx, normalize, skipped);
    for (const key of unreadable) engine.unreadable.set(key, true);
    engine.settle();
    for (const [key, a] of ctx.arrays) {
      const v = hf.getCellValue(a);
      if (v instanceof DetailedCellError && v.type === "SPILL") engine.blocked.set(key, a);
    }
    return engine;
  }

  /**
   * Formulas HyperFormula's parser cannot read without running out of stack (it recurses once per nesting
   * level and per operator of a chain: about 1,500 terms of `=A1+A2+...`, or 150 nested parentheses,
   * exhaust Node's default stack). Each long or deep formula is tried alone first; one that overflows is
   * replaced by a formula that does not parse, so that it, and only it, is not computed (#ERROR!, with
   * the engine's message) and the rest of the workbook is. With `all`, every long or deep formula is
   * replaced (after the stack ran out computing one). Returns the cells so replaced.
   */
  private static isolateUnreadable(prepared: Record<string, RawCellContent[][]>, config: Partial<ConfigParams>, all: boolean): CellKey[] {
    const out: CellKey[] = [];
    let probe: HyperFormula | undefined;
    try {
      Object.keys(prepared).forEach((name, sheet) => {
        const rows = prepared[name];
        for (let r = 0; r < rows.length; r++) {
          const row = rows[r];
          for (let c = 0; c < row.length; c++) {
            const v = row[c];
            if (typeof v !== "string" || v === UNREADABLE_FORMULA || v.charCodeAt(0) !== 61 || !mayOverflow(v)) continue;
            if (all) {
              row[c] = UNREADABLE_FORMULA;
              out.push(cellKey(sheet, r, c));
              continue;
            }
            probe ??= HyperFormula.buildEmpty({ ...config, context: undefined });
            let readable: boolean;
            try {
              probe.validateFormula(v);
              readable = true;
            } catch (e) {
              if (!(e instanceof RangeError)) throw e;
              readable = false;
            }
            if (readable) continue;
            row[c] = UNREADABLE_FORMULA;
            out.push(cellKey(sheet, r, c));
          }
        }
      });
    } finally {
      probe?.destroy();
    }
    return out;
  }

  /** The workbook's names as HyperFormula takes them, TRUE and FALSE first; names it refuses are skipped. */
  private static namedExpressions(
    names: readonly DefinedName[],
    sheetNames: string[],
    aliases: Map<string, string>,
    normalize: NormalizeOptions,
    config: Partial<ConfigParams>,
    skipped: string[],
  ): SerializedNamedExpression[] {
    const out: SerializedNamedExpression[] = [
      { name: "TRUE", expression: "=TRUE()" },
      { name: "FALSE", expression: "=FALSE()" },
    ];
    if (names.length === 0) return out;
    // Probe each name on an empty copy of the workbook, so one bad name cannot stop the whole load.
    const probe = HyperFormula.buildFromSheets(Object.fromEntries(sheetNames.map((s) => [s, []])), { ...config, context: undefined });
    try {
      for (const n of names) {
        if (/^(true|false)$/i.test(n.name) || n.name.toLowerCase().startsWith("_xlnm.")) continue;
        const name = aliases.get(n.name.toLowerCase()) ?? n.name;
        const raw = n.expression.trim();
        const expression = normalizeFormulaWith(raw.startsWith("=") ? raw : `=${raw}`, normalize);
        const scope = n.scope === undefined ? undefined : sheetNames.indexOf(n.scope);
        if (scope === -1 || !probe.isItPossibleToAddNamedExpression(name, expression, scope)) {
          skipped.push(n.name);
          continue;
        }
        probe.addNamedExpression(name, expression, scope);
        out.push(scope === undefined ? { name, expression } : { name, expression, scope });
      }
    } finally {
      probe.destroy();
    }
    return out;
  }

  /** Re-enters matrix formulas whose result did not fit the size predicted for them, so that they spill. */
  private settle(): void {
    for (let pass = 0; pass < 4 && this.ctx.resize.size > 0; pass++) {
      const cells = [...this.ctx.resize.values()];
      this.ctx.resize.clear();
      this.track(this.reenter(cells));
    }
    this.ctx.resize.clear();
  }

  private reenter(cells: Iterable<SimpleCellAddress>): ExportedChange[] {
    return this.hf.batch(() => {
      for (const c of cells) {
        const f = this.hf.getCellFormula(c);
        if (f !== undefined) this.hf.setCellContents(c, f);
      }
    });
  }

  /** Keeps the set of blocked array formulas up to date from the cells an operation changed. */
  private track(changes: readonly ExportedChange[]): void {
    for (const ch of changes) {
      if (!(ch instanceof ExportedCellChange)) continue;
      const a = ch.address;
      const key = keyOfCell(a);
      const v = ch.newValue;
      if (v instanceof DetailedCellError && v.type === "SPILL") this.blocked.set(key, a);
      else this.blocked.delete(key);
    }
  }

  /**
   * After an edit: matrix formulas that spill anew, and array formulas that were blocked (HyperFormula
   * does not retry them when the cell in the way is cleared; Excel does).
   */
  private afterEdit(changes: readonly ExportedChange[]): void {
    this.track(changes);
    this.settle();
    if (this.blocked.size > 0) this.track(this.reenter([...this.blocked.values()]));
  }

  private sheetId(sheet: string): number {
    const id = this.hf.getSheetId(sheet);
    if (id === undefined) throw new Error(`no sheet named "${sheet}"`);
    return id;
  }

  /** Names the engine could not define (invalid, or relative references HyperFormula refuses). */
  skippedNames(): readonly string[] {
    return this.skipped;
  }

  sheetNames(): string[] {
    return this.hf.getSheetNames();
  }

  /** Rows and columns in use on a sheet. */
  sheetSize(sheet: string): { rows: number; cols: number } {
    const d = this.hf.getSheetDimensions(this.sheetId(sheet));
    return { rows: d.height, cols: d.width };
  }

  getValue(sheet: string, row: number, col: number): CellValue {
    const id = this.sheetId(sheet);
    if (this.unreadable.size > 0 && this.unreadable.has(cellKey(id, row, col))) return this.unreadableError();
    const v = this.hf.getCellValue({ sheet: id, row, col });
    return typeof v === "number" ? this.unrounded(id, row, col, v) : this.exportValue(v);
  }

  /**
   * HyperFormula rounds every number it gives out to 15 significant digits (and below 1e-8 adds float
   * noise doing it). A cell whose value is an ER function's result gets that result back exactly; any
   * other value (a formula that did more with the result, an edited cell) is far from it and stays.
   */
  private unrounded(sheet: number, row: number, col: number, v: number): number {
    if (this.ctx.raw.size === 0) return v;
    const raw = this.ctx.raw.get(cellKey(sheet, row, col));
    return raw !== undefined && raw !== v && Math.abs(raw - v) <= Math.abs(raw) * 1e-14 ? raw : v;
  }

  getFormula(sheet: string, row: number, col: number): string | undefined {
    return this.hf.getCellFormula({ sheet: this.sheetId(sheet), row, col });
  }

  /** The values of a sheet's used range, row by row; a row ends at its last non-empty cell (read a missing cell as null). */
  getSheetValues(sheet: string): CellValue[][] {
    const id = this.sheetId(sheet);
    const values = this.hf.getSheetValues(id);
    for (let r = 0; r < values.length; r++) {
      const row = values[r];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (this.unreadable.size > 0 && this.unreadable.has(cellKey(id, r, c))) row[c] = this.unreadableError() as never;
        else if (typeof v === "number") row[c] = this.unrounded(id, r, c, v);
        else if (typeof v === "object" && v !== null) row[c] = this.exportValue(v) as never;
      }
    }
    return values as CellValue[][];
  }

  /**
   * The inputs of a sheet: numbers, booleans, null, text, and formulas as the engine reads them (normalized,
   * "=ER.NAME(...)"); values spilled by array formulas are not inputs (null). Rows end at their last input.
   */
  getSheetInputs(sheet: string): CellContent[][] {
    const id = this.sheetId(sheet);
    const rows = this.hf.getSheetSerialized(id);
    return rows.map((row, r) =>
      row.map((v, c) => {
        // A value spilled by an array formula is not an input of its cell.
        if (v !== null && v !== undefined && !(typeof v === "string" && v.charCodeAt(0) === 61) && this.hf.isCellPartOfArray({ sheet: id, row: r, col: c })) return null;
        return fromHf(v);
      }),
    );
  }

  setCell(sheet: string, row: number, col: number, input: CellContent): void {
    const id = this.sheetId(sheet);
    this.forget(id, row, col);
    this.afterEdit(this.hf.setCellContents({ sheet: id, row, col }, [[toHf(input, this.normalize)]]));
  }

  /** What the plugin learnt about a cell's former formula (its result size, its unrounded result). */
  private forget(sheet: number, row: number, col: number): void {
    const key = cellKey(sheet, row, col);
    this.ctx.spillSizes.delete(key);
    this.ctx.raw.delete(key);
    this.unreadable.delete(key);
  }

  /** Sets a block of cells from (row, col), with one recalculation for the whole block. */
  setCells(sheet: string, row: number, col: number, inputs: (CellContent | TextInput)[][]): void {
    const id = this.sheetId(sheet);
    for (let r = 0; r < inputs.length; r++) for (let c = 0; c < inputs[r].length; c++) this.forget(id, row + r, col + c);
    this.afterEdit(
      this.hf.setCellContents(
        { sheet: id, row, col },
        inputs.map((r) => r.map((v) => toHf(v, this.normalize))),
      ),
    );
  }

  addSheet(name: string): void {
    this.hf.addSheet(name);
  }

  removeSheet(name: string): void {
    const id = this.sheetId(name);
    for (const [key, a] of this.blocked) if (a.sheet === id) this.blocked.delete(key);
    for (const key of this.ctx.raw.keys()) if (isKeyOfSheet(key, id)) this.ctx.raw.delete(key);
    this.afterEdit(this.hf.removeSheet(id));
  }

  /**
   * Where an error value started: the cell whose own formula produced it (the cell itself, or a cell it
   * depends on). Undefined when the cell holds no error or the origin is not a cell.
   */
  errorSource(sheet: string, row: number, col: number): { sheet: string; row: number; col: number } | undefined {
    const v = this.hf.getCellValue({ sheet: this.sheetId(sheet), row, col });
    if (!(v instanceof DetailedCellError) || !v.address) return undefined;
    const ref = parseReference(v.address);
    if (!ref) return undefined;
    return { sheet: ref.sheet ?? sheet, row: ref.range.start.row, col: ref.range.start.col };
  }

  /** True when the cell holds a formula (not a value spilled into it). */
  isFormula(sheet: string, row: number, col: number): boolean {
    return this.hf.doesCellHaveFormula({ sheet: this.sheetId(sheet), row, col });
  }

  /**
   * Inserts `count` empty rows before row `at` (0-based) of a sheet. As in Excel, the cells below move down, and
   * every formula and defined name that refers to them follows (a range that spans the insertion grows).
   */
  insertRows(sheet: string, at: number, count: number): void {
    const id = this.sheetId(sheet);
    this.shiftPositions(id, "row", at, count);
    this.afterEdit(this.hf.addRows(id, [at, count]));
  }

  /** Deletes `count` rows from row `at`: references to the deleted cells become #REF!, as in Excel. */
  deleteRows(sheet: string, at: number, count: number): void {
    const id = this.sheetId(sheet);
    this.shiftPositions(id, "row", at, -count);
    this.afterEdit(this.hf.removeRows(id, [at, count]));
  }

  /** Inserts `count` empty columns before column `at`; see insertRows. */
  insertColumns(sheet: string, at: number, count: number): void {
    const id = this.sheetId(sheet);
    this.shiftPositions(id, "col", at, count);
    this.afterEdit(this.hf.addColumns(id, [at, count]));
  }

  /** Deletes `count` columns from column `at`; see deleteRows. */
  deleteColumns(sheet: string, at: number, count: number): void {
    const id = this.sheetId(sheet);
    this.shiftPositions(id, "col", at, -count);
    this.afterEdit(this.hf.removeColumns(id, [at, count]));
  }

  /**
   * Moves what the engine keeps by cell position (unrounded results, spill sizes, array formulas) with a row or
   * column insertion (delta > 0) or deletion (delta < 0, the deleted positions are forgotten).
   */
  private shiftPositions(sheet: number, axis: "row" | "col", at: number, delta: number): void {
    const move = (a: { sheet: number; row: number; col: number }): { sheet: number; row: number; col: number } | undefined => {
      if (a.sheet !== sheet) return a;
      const p = axis === "row" ? a.row : a.col;
      if (p < at) return a;
      if (delta < 0 && p < at - delta) return undefined;
      return axis === "row" ? { ...a, row: a.row + delta } : { ...a, col: a.col + delta };
    };
    const keyed = <V>(map: Map<CellKey, V>, withAddress: boolean) => {
      const entries = [...map.entries()];
      map.clear();
      for (const [key, v] of entries) {
        const to = move(cellOfKey(key));
        if (!to) continue;
        map.set(keyOfCell(to), (withAddress ? move(v as { sheet: number; row: number; col: number }) ?? v : v) as V);
      }
    };
    keyed(this.ctx.raw, false);
    keyed(this.ctx.spillSizes, false);
    keyed(this.ctx.predicted, false);
    keyed(this.ctx.resize, true);
    keyed(this.ctx.arrays, true);
    keyed(this.blocked, true);
    keyed(this.unreadable, false);
  }

  /**
   * Defines a name (workbook-wide, or local to `scope`) for a reference such as "'Table 3'!$D$5:$F$5". Like
   * Excel's, the name follows its cells when rows and columns are inserted or deleted.
   */
  addName(name: string, reference: string, scope?: string): void {
    const expression = normalizeFormulaWith(reference.startsWith("=") ? reference : `=${reference}`, this.normalize);
    this.hf.addNamedExpression(name, expression, scope === undefined ? undefined : this.sheetId(scope));
  }

  removeName(name: string, scope?: string): void {
    this.hf.removeNamedExpression(name, scope === undefined ? undefined : this.sheetId(scope));
  }

  /** The names defined workbook-wide, or local to `scope`, with what each refers to now. */
  listNames(scope?: string): { name: string; formula: string }[] {
    const id = scope === undefined ? undefined : this.sheetId(scope);
    return this.hf
      .listNamedExpressions(id)
      .filter((n) => !/^(true|false)$/i.test(n))
      .map((n) => ({ name: this.displayName(n), formula: this.hf.getNamedExpressionFormula(n, id) ?? "" }));
  }

  /** What a name refers to now ("=Sheet1!$D$6", "=#REF!"), or undefined when there is no such name. */
  nameFormula(name: string, scope?: string): string | undefined {
    return this.hf.getNamedExpressionFormula(name, scope === undefined ? undefined : this.sheetId(scope));
  }

  /** The formula cell whose array result spilled into this cell; undefined for a cell no array spilled into. */
  spillParent(sheet: string, row: number, col: number): { row: number; col: number } | undefined {
    const id = this.sheetId(sheet);
    const address = { sheet: id, row, col };
    if (!this.hf.isCellPartOfArray(address) || this.hf.doesCellHaveFormula(address)) return undefined;
    for (const v of this.hf.arrayMapping.arrayMapping.values()) {
      const r = v.getRangeOrUndef();
      if (r && v.sheet === id && r.start.row <= row && row <= r.end.row && r.start.col <= col && col <= r.end.col) return { row: r.start.row, col: r.start.col };
    }
    return undefined;
  }

  /** The ranges array formulas cover, the spilled ones included (their first cell too). */
  arrayRanges(): { sheet: string; r1: number; c1: number; r2: number; c2: number }[] {
    const out: { sheet: string; r1: number; c1: number; r2: number; c2: number }[] = [];
    for (const v of this.hf.arrayMapping.arrayMapping.values()) {
      const r = v.getRangeOrUndef();
      const sheet = r ? this.hf.getSheetName(r.start.sheet) : undefined;
      if (r && sheet !== undefined) out.push({ sheet, r1: r.start.row, c1: r.start.col, r2: r.end.row, c2: r.end.col });
    }
    return out;
  }

  /** Frees HyperFormula's memory; the engine cannot be used afterwards. */
  destroy(): void {
    this.hf.destroy();
  }

  private unreadableError(): CellError {
    return { error: "#ERROR!", message: engineMessage(this.locale, "unsupported", { detail: engineMessage(this.locale, "tooDeep") }) };
  }

  private exportValue(v: unknown): CellValue {
    if (v instanceof DetailedCellError) return this.errorOf(v);
    if (v === undefined) return null;
    return v as CellValue;
  }

  private errorOf(e: DetailedCellError): CellError {
    const loc = this.locale;
    let message = e.message;
    switch (e.type) {
      case "NAME": {
        const fn = /^Function name (.+) not recognized\.$/.exec(message);
        const nm = /^Named expression (.+) not recognized\.$/.exec(message);
        if (fn) message = engineMessage(loc, "unknownFunction", { name: fn[1] });
        else if (nm) message = engineMessage(loc, "unknownName", { name: this.displayName(nm[1]) });
        break;
      }
      case "ERROR":
        message = engineMessage(loc, "unsupported", { detail: message });
        break;
      case "CYCLE":
        message = engineMessage(loc, "cycle");
        break;
      default:
        break;
    }
    return message ? { error: e.value, message } : { error: e.value };
  }

  /** A defined name as the workbook writes it, for an alias the engine made. */
  private displayName(name: string): string {
    const aliases = this.normalize.nameAliases;
    if (aliases) for (const [original, alias] of aliases) if (alias.toLowerCase() === name.toLowerCase()) return original;
    return name;
  }
}

function toHf(v: CellContent | TextInput | undefined, normalize: NormalizeOptions): RawCellContent {
  if (v === null || v === undefined) return null;
  if (typeof v === "object") return `'${v.text}`;
  if (typeof v === "string") {
    if (v.charCodeAt(0) === 61 /* = */) return v.length > 1 ? normalizeFormulaWith(v, normalize) : "'=";
    const error = errorInput(v);
    if (error !== undefined) return error;
    return `'${v}`; // text is text: "1562" and "TRUE" stay strings
  }
  return v;
}

function fromHf(v: RawCellContent): CellContent {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return v.charCodeAt(0) === 39 /* ' */ ? v.slice(1) : v;
  if (typeof v === "number" || typeof v === "boolean") return v;
  return null; // dates given as Date objects never enter the engine
}
