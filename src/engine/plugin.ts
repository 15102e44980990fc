/**
 * The HyperFormula function plugin: every function of the registry (src/functions/registry.ts), under
 * the ER namespace, calling the registry's own `impl` (there is no second implementation).
 *
 * Arguments reach `impl` exactly as Excel passes them to a custom function:
 * - a matrix parameter gets rows of cells (`unknown[][]`), also for a single cell or a literal;
 * - a scalar parameter gets one value; a multi-cell range given to a scalar parameter is "lifted" as in
 *   Excel 365: the function runs once per cell and the results spill. The spill is sized from the
 *   formula, as Excel sizes it: a reference, an array constant, a defined name of a range, or an
 *   expression HyperFormula can size. A range that cannot be sized so reaches the rule, whose
 *   single-cell rule (src/core/cells.ts, applied by the registry) refuses it naming the parameter;
 * - an empty cell is null, an omitted optional argument is null, an error is `{code: "#DIV/0!"}`,
 *   dates and percentages are plain numbers.
 * A RuleError thrown by `impl` becomes an error of the same Excel type, with the rule's message in the
 * engine's language. Functions whose result is a matrix spill; their size is learnt from the first
 * evaluation and the engine re-enters the formula once with that size (see Engine).
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionPlugin, HyperFormula, SimpleRangeValue } from "hyperformula";
import { isRuleError } from "../core/errors";
import type { ExcelErrorCode } from "../sheet/errors";
import { FUNCTIONS, NAMESPACE } from "../functions/registry";
import type { FunctionSpec } from "../functions/spec";
import type { Locale } from "../i18n/locale";
import { formatMessage } from "../i18n/messages";
import { cellKey, keyOfCell, type CellKey, type EngineCell } from "./cell-key";
import { engineMessage } from "./messages";

/** What one engine shares with the plugin, through HyperFormula's `context` setting. */
export interface PluginContext {
  readonly locale: Locale;
  /** Result sizes of matrix functions, learnt from evaluation: cell -> size. */
  readonly spillSizes: Map<CellKey, { width: number; height: number }>;
  /** Sizes the engine predicted at parse time for matrix functions. */
  readonly predicted: Map<CellKey, { width: number; height: number }>;
  /** Formula cells whose matrix result did not fit the predicted size; the engine re-enters them. */
  readonly resize: Map<CellKey, EngineCell>;
  /** Formula cells given a result of more than one cell at parse time (they may be blocked: #SPILL!). */
  readonly arrays: Map<CellKey, EngineCell>;
  /**
   * The number an ER function returned in a formula cell, before HyperFormula rounds it to 15 significant
   * digits on the way out (cell -> number): the engine gives it back unrounded, as Excel keeps
   * a custom function's result, so that the engine and the Excel bundle agree to the last bit.
   */
  readonly raw: Map<CellKey, number>;
}

export function createPluginContext(locale: Locale): PluginContext {
  return { locale, spillSizes: new Map(), predicted: new Map(), resize: new Map(), arrays: new Map(), raw: new Map() };
}

/** How a spec's function appears in formulas: "ER.PERFORMANCE_EMISSION". */
export function formulaName(spec: FunctionSpec): string {
  return `${NAMESPACE}.${spec.id}`;
}

/** A registry function as the engine calls it. */
export interface Entry {
  readonly spec: FunctionSpec;
  readonly impl: FunctionSpec["impl"];
  readonly arity: number;
  readonly required: number;
  readonly matrixParam: readonly boolean[];
  readonly matrixResult: boolean;
}

const ENTRIES = new Map<string, Entry>();
for (const spec of FUNCTIONS) {
  const required = spec.params.reduce((n, p, i) => (p.optional ? n : i + 1), 0);
  ENTRIES.set(formulaName(spec), {
    spec,
    impl: spec.impl,
    arity: spec.params.length,
    required,
    matrixParam: spec.params.map((p) => p.dimensionality === "matrix"),
    matrixResult: spec.result.dimensionality === "matrix",
  });
}

/** The registry function a formula names ("ER.PERFORMANCE_EMISSION"), if any. */
export function erEntry(formulaName: string): Entry | undefined {
  return ENTRIES.get(formulaName);
}

/** The Excel error an error type of HyperFormula stands for, as the `{code}` object impl receives. */
const ERROR_ARGS: Readonly<Record<string, { readonly code: string }>> = Object.freeze({
  [ErrorType.DIV_BY_ZERO]: Object.freeze({ code: "#DIV/0!" }),
  [ErrorType.NAME]: Object.freeze({ code: "#NAME?" }),
  [ErrorType.VALUE]: Object.freeze({ code: "#VALUE!" }),
  [ErrorType.NUM]: Object.freeze({ code: "#NUM!" }),
  [ErrorType.NA]: Object.freeze({ code: "#N/A" }),
  [ErrorType.REF]: Object.freeze({ code: "#REF!" }),
  [ErrorType.CYCLE]: Object.freeze({ code: "#CYCLE!" }),
  [ErrorType.SPILL]: Object.freeze({ code: "#SPILL!" }),
  [ErrorType.LIC]: Object.freeze({ code: "#LIC!" }),
  [ErrorType.ERROR]: Object.freeze({ code: "#ERROR!" }),
});

const ERROR_TYPES: Readonly<Record<ExcelErrorCode, ErrorType>> = {
  "#VALUE!": ErrorType.VALUE,
  "#NUM!": ErrorType.NUM,
  "#N/A": ErrorType.NA,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#REF!": ErrorType.REF,
  "#NAME?": ErrorType.NAME,
  "#NULL!": ErrorType.VALUE, // HyperFormula has no #NULL!
};

/** The minimal shape of HyperFormula's call node and interpreter state that the plugin reads. */
interface ArgAst {
  readonly type: string;
  readonly expressionName?: string;
  /** Range nodes (CELL_RANGE, COLUMN_RANGE, ROW_RANGE): their two corners, relative to the formula's cell. */
  readonly start?: RangeCorner;
  readonly end?: RangeCorner;
}
interface RangeCorner {
  toSimpleCellAddress?(base: CellAddress): CellAddress;
  toSimpleColumnAddress?(base: CellAddress): { readonly sheet: number; readonly col: number };
  toSimpleRowAddress?(base: CellAddress): { readonly sheet: number; readonly row: number };
}
interface CellAddress {
  readonly sheet: number;
  readonly row: number;
  readonly col: number;
}
interface CallAst {
  readonly procedureName: string;
  readonly args: readonly ArgAst[];
}
interface State {
  readonly formulaAddress: { readonly sheet: number; readonly row: number; readonly col: number };
}
type Scalar = unknown;

/** One cell as impl receives it. */
function toArg(v: Scalar): unknown {
  switch (typeof v) {
    case "number":
    case "string":
    case "boolean":
      return v;
    case "symbol":
      return v === EmptyValue ? null : v;
    default:
      if (v instanceof CellError) return ERROR_ARGS[v.type] ?? ERROR_ARGS[ErrorType.VALUE];
      if (v !== null && typeof v === "object" && typeof (v as { val?: unknown }).val === "number") return (v as { val: number }).val;
      return v ?? null;
  }
}

/** A range as rows of cells; HyperFormula's own rows when they hold only plain numbers (no copy). */
function toRows(range: SimpleRangeValue): unknown[][] {
  const data = range.data as unknown[][];
  let plain = true;
  outer: for (let r = 0; r < data.length; r++) {
    const row = data[r];
    for (let c = 0; c < row.length; c++) {
      if (typeof row[c] !== "number") {
        plain = false;
        break outer;
      }
    }
  }
  if (plain) return data;
  const out = new Array<unknown[]>(data.length);
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    const o = new Array<unknown>(row.length);
    for (let c = 0; c < row.length; c++) o[c] = toArg(row[c]);
    out[r] = o;
  }
  return out;
}

/** The Excel error code of an error HyperFormula holds ("#DIV/0!"). */
export function errorCodeOf(e: CellError): string {
  return (ERROR_ARGS[e.type] ?? ERROR_ARGS[ErrorType.VALUE]).code;
}

/** Turns what impl threw into the cell's error. */
export function toCellError(e: unknown, locale: Locale): CellError {
  if (isRuleError(e)) return new CellError(ERROR_TYPES[e.code] ?? ErrorType.VALUE, formatMessage(locale, e.key, e.params));
  const text = e instanceof Error ? e.message : String(e);
  return new CellError(ErrorType.VALUE, `ER: ${text}`);
}

/** One result cell as HyperFormula stores it. */
function fromResult(v: unknown, locale: Locale): unknown {
  switch (typeof v) {
    case "number":
      return Number.isFinite(v) ? v : new CellError(ErrorType.NUM, engineMessage(locale, "notFinite"));
    case "string":
    case "boolean":
      return v;
    default:
      if (v === null || v === undefined) return EmptyValue;
      return new CellError(ErrorType.VALUE, engineMessage(locale, "badResult"));
  }
}

function keyOf(state: State): CellKey {
  return keyOfCell(state.formulaAddress);
}

/** A result matrix fitted to `size`: cut, or padded with empty cells (HyperFormula pads). */
function fit(rows: unknown[][], width: number, height: number, locale: Locale): SimpleRangeValue {
  const h = Math.min(rows.length, height);
  const out = new Array<unknown[]>(h);
  for (let r = 0; r < h; r++) {
    const src = rows[r];
    const w = Math.min(src.length, width);
    const o = new Array<unknown>(w);
    for (let c = 0; c < w; c++) o[c] = fromResult(src[c], locale);
    out[r] = o;
  }
  return SimpleRangeValue.onlyValues(out as never);
}

/** Excel's last row and column (0-based). */
const LAST_ROW = 1048575;
const LAST_COL = 16383;

/** The array index a property key names ("0", "17"), or undefined ("length", "map", a symbol). */
function indexOf(key: string | symbol): number | undefined {
  if (typeof key !== "string") return undefined;
  const c = key.charCodeAt(0);
  if (c < 48 || c > 57) return undefined;
  const i = Number(key);
  return Number.isInteger(i) && i >= 0 && (c !== 48 || key.length === 1) ? i : undefined;
}

/**
 * `base` seen as an array of `length` elements whose elements from base.length on are `fill` (no copy, no
 * allocation per element): a range argument as the rule would receive it whole, from the cells of it that
 * lie in the sheet's used range. Every array operation (length, indexing, iteration, map, slice, ...) sees
 * the whole length.
 */
function lengthened<T>(base: readonly T[], length: number, fill: T): T[] {
  if (base.length >= length) return base as T[];
  if (length <= 4096) {
    const out = base.slice();
    for (let i = base.length; i < length; i++) out.push(fill);
    return out;
  }
  return new Proxy(base as T[], {
    get(target, key, receiver) {
      if (key === "length") return length;
      const i = indexOf(key);
      if (i !== undefined) return i < target.length ? target[i] : i < length ? fill : undefined;
      return Reflect.get(target, key, receiver) as unknown;
    },
    has(target, key) {
      const i = indexOf(key);
      if (i !== undefined) return i < length;
      return Reflect.has(target, key);
    },
    set() {
      return false;
    },
  });
}

/**
 * Rows of cells (height x width at most) seen as `height` rows of `width` cells, the cells added empty
 * (null). The list of rows is a real array (at most 1,048,576 entries, the added ones all the same empty
 * row: 8 MB at most), so that a rule going down a whole column pays no Proxy trap per row (0.3 s a call
 * over A:A); a row is widened without copying (a whole row is 16,384 cells, and there may be many).
 */
function padRows(rows: readonly unknown[][], height: number, width: number): unknown[][] {
  const emptyRow = lengthened<unknown>([], width, null);
  const widened = rows.map((row) => lengthened<unknown>(row, width, null));
  if (widened.length >= height) return widened;
  const out = widened.slice();
  out.length = height;
  return out.fill(emptyRow, widened.length);
}

/** A matrix argument whose range runs past the sheet's used range: the cells inside it, and its size as written. */
interface Clipped {
  readonly rows: unknown[][];
  readonly height: number;
  readonly width: number;
}

/** What a rule gave for some arguments: its value, or the error it threw (compared by code, message and size). */
function outcome(impl: Entry["impl"], args: unknown[]): string {
  try {
    const v = impl(...args);
    if (Array.isArray(v)) return "matrix";
    return `value:${typeof v}:${String(v)}`;
  } catch (e) {
    if (isRuleError(e)) return `error:${e.code}:${e.key}:${JSON.stringify(e.params)}`;
    return `error:${e instanceof Error ? e.message : String(e)}`;
  }
}

/** The plugin. Every ER function points at `erCall`; HyperFormula sizes results with `erSize`. */
export class ErFunctionPlugin extends FunctionPlugin {
  static implementedFunctions = Object.fromEntries(
    [...ENTRIES.keys()].map((name) => [name, { method: "erCall", sizeOfResultArrayMethod: "erSize", vectorizationForbidden: true }]),
  );

  private context(): PluginContext | undefined {
    return this.config.context as PluginContext | undefined;
  }

  /** Size of the result, predicted from the formula alone (before any value is known). */
  erSize(ast: CallAst, state: State): ArraySize {
    const entry = ENTRIES.get(ast.procedureName);
    if (!entry) return ArraySize.scalar();
    if (entry.matrixResult) {
      const ctx = this.context();
      const key = keyOf(state);
      const size = ctx?.spillSizes.get(key) ?? { width: 1, height: 1 };
      ctx?.predicted.set(key, size);
      if (size.width === 1 && size.height === 1) return ArraySize.scalar();
      ctx?.arrays.set(key, { ...state.formulaAddress });
      return new ArraySize(size.width, size.height);
    }
    // Excel's lifting: sized from the formula; where the formula does not tell (a defined name is not
    // known yet when HyperFormula sizes a formula), the size the ranges had at the last evaluation.
    const ctx = this.context();
    const key = keyOf(state);
    let lifted = this.liftSize(entry, ast, state);
    const learnt = ctx?.spillSizes.get(key);
    if (lifted.isScalar() && learnt && (learnt.width > 1 || learnt.height > 1)) lifted = new ArraySize(learnt.width, learnt.height);
    ctx?.predicted.set(key, { width: lifted.width, height: lifted.height });
    if (!lifted.isScalar()) ctx?.arrays.set(key, { ...state.formulaAddress });
    return lifted;
  }

  /**
   * The size of one argument, predicted from the formula: HyperFormula's prediction, and for a defined
   * name the size of what it names (=ER.PERFORMANCE_EMISSION(volumes, 200) with volumes = S!A1:A3 spills
   * three results in Excel, as =ABS(volumes) does).
   */
  private argSize(arg: CallAst["args"][number], state: State): ArraySize {
    const range = this.rangeSize(arg, state);
    if (range) return range;
    if (arg.type === "NAMED_EXPRESSION" && arg.expressionName !== undefined) {
      const named = this.dependencyGraph.namedExpressions.nearestNamedExpression(arg.expressionName, state.formulaAddress.sheet);
      const vertex = named ? this.dependencyGraph.getCell(named.address) : undefined;
      if (named && vertex && typeof (vertex as { getFormula?: unknown }).getFormula === "function") {
        const formula = (vertex as unknown as { getFormula(s: unknown): unknown }).getFormula(this.dependencyGraph.lazilyTransformingAstService);
        return this.arraySizeForAst(formula as never, { ...state, formulaAddress: named.address } as never);
      }
    }
    return this.arraySizeForAst(arg as never, state as never);
  }

  /**
   * The size of a range written in the formula (A1:B3, A:A, 1:3), cut at the sheet's used range where it
   * runs to the sheet's last row or column, as HyperFormula reads it (see boundWholeRanges in engine.ts);
   * at least one cell. Undefined for anything else.
   */
  private rangeSize(arg: ArgAst, state: State): ArraySize | undefined {
    const range = this.rangeOf(arg, state);
    if (!range) return undefined;
    let { bottom, right } = range;
    const { sheet, top, left } = range;
    const graph = this.dependencyGraph as unknown as { getSheetHeight(s: number): number; getSheetWidth(s: number): number };
    if (bottom >= LAST_ROW) bottom = Math.min(bottom, Math.max(top, graph.getSheetHeight(sheet) - 1));
    if (right >= LAST_COL) right = Math.min(right, Math.max(left, graph.getSheetWidth(sheet) - 1));
    const width = right - left + 1;
    const height = bottom - top + 1;
    return width === 1 && height === 1 ? ArraySize.scalar() : new ArraySize(width, height);
  }

  /** The cells a range written in the formula covers (A1:B3, A:A to row 1,048,576, 1:3 to column XFD); undefined for anything else. */
  private rangeOf(arg: ArgAst, state: State): { sheet: number; top: number; left: number; bottom: number; right: number } | undefined {
    const base = state.formulaAddress;
    let top: number, left: number, bottom: number, right: number, sheet: number;
    if (arg.type === "CELL_RANGE" && arg.start?.toSimpleCellAddress && arg.end?.toSimpleCellAddress) {
      const a = arg.start.toSimpleCellAddress(base);
      const b = arg.end.toSimpleCellAddress(base);
      [sheet, top, left, bottom, right] = [a.sheet, Math.min(a.row, b.row), Math.min(a.col, b.col), Math.max(a.row, b.row), Math.max(a.col, b.col)];
    } else if (arg.type === "COLUMN_RANGE" && arg.start?.toSimpleColumnAddress && arg.end?.toSimpleColumnAddress) {
      const a = arg.start.toSimpleColumnAddress(base);
      const b = arg.end.toSimpleColumnAddress(base);
      [sheet, top, left, bottom, right] = [a.sheet, 0, Math.min(a.col, b.col), LAST_ROW, Math.max(a.col, b.col)];
    } else if (arg.type === "ROW_RANGE" && arg.start?.toSimpleRowAddress && arg.end?.toSimpleRowAddress) {
      const a = arg.start.toSimpleRowAddress(base);
      const b = arg.end.toSimpleRowAddress(base);
      [sheet, top, left, bottom, right] = [a.sheet, Math.min(a.row, b.row), 0, Math.max(a.row, b.row), LAST_COL];
    } else return undefined;
    if (!(top >= 0 && left >= 0 && bottom <= LAST_ROW && right <= LAST_COL)) return undefined;
    return { sheet, top, left, bottom, right };
  }

  /** The size of the spill when ranges are given to scalar parameters (Excel's lifting). */
  private liftSize(entry: Entry, ast: CallAst, state: State): ArraySize {
    let width = 1;
    let height = 1;
    const n = Math.min(ast.args.length, entry.arity);
    for (let i = 0; i < n; i++) {
      if (entry.matrixParam[i]) continue;
      const s = this.argSize(ast.args[i], state);
      if (s.width > width) width = s.width;
      if (s.height > height) height = s.height;
    }
    return width === 1 && height === 1 ? ArraySize.scalar() : new ArraySize(width, height);
  }

  erCall(ast: CallAst, state: State): unknown {
    const entry = ENTRIES.get(ast.procedureName);
    const ctx = this.context();
    const locale = ctx?.locale ?? "en-US";
    if (!entry) return new CellError(ErrorType.NAME, engineMessage(locale, "unknownFunction", { name: ast.procedureName }));
    const given = ast.args.length;
    if (given < entry.required || given > entry.arity) {
      return new CellError(ErrorType.VALUE, engineMessage(locale, "argumentCount", { name: ast.procedureName, min: entry.required, max: entry.arity, given }));
    }
    const args = new Array<unknown>(entry.arity);
    let lifted = false;
    let clipped: Map<number, Clipped> | undefined;
    for (let i = 0; i < entry.arity; i++) {
      if (i >= given || ast.args[i].type === "EMPTY") {
        args[i] = null;
        continue;
      }
      const v = this.evaluateAst(ast.args[i] as never, state as never) as unknown;
      const written = entry.matrixParam[i] ? this.rangeOf(ast.args[i], state) : undefined;
      if (written) {
        // A range as written; HyperFormula gives the part of it inside the used range (one cell as a value).
        const rows = v instanceof SimpleRangeValue ? toRows(v) : [[toArg(v)]];
        const full = { height: written.bottom - written.top + 1, width: written.right - written.left + 1 };
        args[i] = rows;
        if (full.height > rows.length || full.width > (rows[0]?.length ?? 0)) (clipped ??= new Map()).set(i, { rows, ...full });
      } else if (v instanceof SimpleRangeValue) {
        if (entry.matrixParam[i]) args[i] = toRows(v);
        else if (v.width() <= 1 && v.height() <= 1) {
          // One cell, or a range wholly past the sheet's used range (lifted over its first cell only, an empty one).
          args[i] = v.width() === 1 && v.height() === 1 ? toArg(v.data[0][0]) : null;
        } else {
          args[i] = v;
          lifted = true;
        }
      } else {
        args[i] = entry.matrixParam[i] ? [[toArg(v)]] : toArg(v);
      }
    }
    const root = this.isRoot(ast, state);
    if (lifted) return this.lift(entry, args, ast, state, locale, root);
    if (clipped) this.unclip(entry, args, clipped);
    return this.run(entry, args, state, root ? ctx : undefined, locale);
  }

  /**
   * True when the call is the formula's own result (not an argument of another function): only then are its
   * result size and its unrounded number the cell's. An ER call nested in another call's argument (or in
   * INDEX, SUM...) gives its whole result to that call and records nothing for the cell.
   */
  private isRoot(ast: CallAst, state: State): boolean {
    const vertex = this.dependencyGraph.getCell(state.formulaAddress as never) as unknown as { getFormula?(s: unknown): unknown } | undefined;
    if (!vertex || typeof vertex.getFormula !== "function") return false;
    let root = vertex.getFormula(this.dependencyGraph.lazilyTransformingAstService) as { type?: string; expression?: unknown } | undefined;
    while (root && root.type === "PARENTHESES") root = root.expression as typeof root;
    return root === (ast as unknown);
  }

  /**
   * Matrix arguments whose range runs past the sheet's used range (a whole column, 1:1048576, A2:A1048576)
   * arrive holding only the cells inside it: HyperFormula reads no further (see boundWholeRanges in
   * engine.ts). The cells beyond are empty, and the rules read trailing empty cells as absent phases or
   * holders; what else a rule sees of them is the range's size (a count check, a message naming it). So the
   * rule is tried twice on small stand-ins of the ranges, each cut to a size that keeps every relation
   * between the sizes of the arguments (equal, smaller, larger) but is itself different in the two
   * trials. The same outcome both times (value, or error with its message) is the outcome of the whole
   * ranges; otherwise the rule is given the ranges at their full size, the missing cells read as empty
   * without being stored (see `lengthened`). A rule whose result is a matrix (one row per phase or holder)
   * spills only as far as the used range, as a lifted call does.
   */
  private unclip(entry: Entry, args: unknown[], clipped: Map<number, Clipped>): void {
    // Sizes up to `m` (the largest extent of data any argument holds) are kept; larger ones are ranked.
    let m = 1;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (!Array.isArray(a)) continue;
      const rows = a as unknown[][];
      m = Math.max(m, rows.length, rows.length > 0 && Array.isArray(rows[0]) ? rows[0].length : 0);
    }
    const large = new Set<number>();
    for (const c of clipped.values()) for (const n of [c.height, c.width]) if (n > m) large.add(n);
    const ranked = [...large].sort((x, y) => x - y);
    const standIn = (n: number, step: number) => (n <= m ? n : m + step * (1 + ranked.indexOf(n)));
    const trial = (step: number): unknown[] => {
      const out = args.slice();
      for (const [i, c] of clipped) out[i] = padRows(c.rows, standIn(c.height, step), standIn(c.width, step));
      return out;
    };
    const first = trial(1);
    const result = outcome(entry.impl, first);
    if (result !== outcome(entry.impl, trial(2))) {
      for (const [i, c] of clipped) args[i] = padRows(c.rows, c.height, c.width);
      return;
    }
    for (const [i, c] of clipped) {
      if (result !== "matrix") args[i] = first[i];
      else args[i] = padRows(c.rows, Math.min(c.height, Math.max(c.rows.length, 1)), Math.min(c.width, Math.max(c.rows.length > 0 ? c.rows[0].length : 0, 1)));
    }
  }

  private run(entry: Entry, args: unknown[], state: State, ctx: PluginContext | undefined, locale: Locale): unknown {
    let result: unknown;
    try {
      result = entry.impl(...args);
    } catch (e) {
      return toCellError(e, locale);
    }
    if (!Array.isArray(result)) {
      if (ctx && typeof result === "number") ctx.raw.set(keyOf(state), result);
      return fromResult(result, locale);
    }
    const rows = result as unknown[][];
    const height = rows.length;
    const width = height > 0 && Array.isArray(rows[0]) ? rows[0].length : 0;
    if (height === 0 || width === 0) return new CellError(ErrorType.VALUE, engineMessage(locale, "badResult"));
    // Nested in another function's argument: the whole matrix, for that function to read.
    if (!ctx) return fit(rows, width, height, locale);
    const key = keyOf(state);
    const predicted = ctx.predicted.get(key) ?? { width: 1, height: 1 };
    if (predicted.width !== width || predicted.height !== height) {
      ctx.spillSizes.set(key, { width, height });
      ctx.resize.set(key, { ...state.formulaAddress });
    }
    if (predicted.width === 1 && predicted.height === 1) return fromResult(rows[0][0], locale);
    return fit(rows, predicted.width, predicted.height, locale);
  }

  /**
   * Excel's lifting: a range given to a scalar parameter runs the function once per cell. A range that
   * runs past the sheet's used range is lifted over the cells inside it (Excel would spill one result per
   * row of the sheet, all alike beyond the used range).
   */
  private lift(entry: Entry, args: unknown[], ast: CallAst, state: State, locale: Locale, root: boolean): unknown {
    const ctx = this.context();
    const key = keyOf(state);
    let width = 1;
    let height = 1;
    for (const a of args) {
      if (!(a instanceof SimpleRangeValue)) continue;
      width = Math.max(width, a.width());
      height = Math.max(height, a.height());
    }
    let size = new ArraySize(width, height);
    if (root) {
      const predicted = ctx?.predicted.get(key);
      const now = this.liftSize(entry, ast, state);
      size = predicted ? new ArraySize(predicted.width, predicted.height) : now;
      // A range that runs to the sheet's edge grew or shrank with the used range: re-entered at its new size.
      if (ctx && predicted && !now.isScalar() && (now.width !== predicted.width || now.height !== predicted.height)) ctx.resize.set(key, { ...state.formulaAddress });
      if (size.isScalar()) {
        // The ranges came through an expression the formula could not size (a defined name, a function):
        // learn their size and have the engine re-enter the formula, which then spills (see erSize).
        if (ctx && !ctx.spillSizes.has(key)) {
          ctx.spillSizes.set(key, { width, height });
          ctx.resize.set(key, { ...state.formulaAddress });
        }
        // Until then (or where nothing re-enters it), the rule gets the rows, and its single-cell rule
        // refuses them naming the parameter.
        for (let i = 0; i < args.length; i++) if (args[i] instanceof SimpleRangeValue) args[i] = toRows(args[i] as SimpleRangeValue);
        return this.run(entry, args, state, undefined, locale);
      }
    }
    const out = new Array<unknown[]>(size.height);
    const one = new Array<unknown>(args.length);
    const raw = root && ctx ? ctx.raw : undefined;
    const at = state.formulaAddress;
    for (let r = 0; r < size.height; r++) {
      const row = new Array<unknown>(size.width);
      for (let c = 0; c < size.width; c++) {
        let outside = false;
        for (let i = 0; i < args.length; i++) {
          const a = args[i];
          if (a instanceof SimpleRangeValue) {
            const rr = a.height() === 1 ? 0 : r;
            const cc = a.width() === 1 ? 0 : c;
            if (rr >= a.height() || cc >= a.width()) outside = true;
            else one[i] = toArg(a.data[rr][cc]);
          } else one[i] = a;
        }
        if (outside) row[c] = new CellError(ErrorType.NA, engineMessage(locale, "outsideLift"));
        else {
          try {
            const v = entry.impl(...one);
            row[c] = Array.isArray(v) ? new CellError(ErrorType.VALUE, engineMessage(locale, "badResult")) : fromResult(v, locale);
            // Each result cell keeps the function's number unrounded, as a single call's cell does.
            if (raw && typeof v === "number") raw.set(cellKey(at.sheet, at.row + r, at.col + c), v);
          } catch (e) {
            row[c] = toCellError(e, locale);
          }
        }
      }
      out[r] = row;
    }
    return SimpleRangeValue.onlyValues(out as never);
  }
}

let registered = false;

/** Registers the ER functions with HyperFormula, once per process. Every engine calls it. */
export function registerErFunctions(): void {
  if (registered) return;
  const names = [...ENTRIES.keys()];
  const translations: Record<string, Record<string, string>> = {};
  for (const code of HyperFormula.getRegisteredLanguagesCodes()) translations[code] = Object.fromEntries(names.map((n) => [n, n]));
  HyperFormula.registerFunctionPlugin(ErFunctionPlugin as never, translations);
  registered = true;
}

/** The registry's function names as formulas write them ("ER.NAME"). */
export function erFunctionNames(): string[] {
  return [...ENTRIES.keys()];
}
