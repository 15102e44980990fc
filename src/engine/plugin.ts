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
import { engineMessage } from "./messages";

/** What one engine shares with the plugin, through HyperFormula's `context` setting. */
export interface PluginContext {
  readonly locale: Locale;
  /** Result sizes of matrix functions, learnt from evaluation: "sheet,row,col" -> size. */
  readonly spillSizes: Map<string, { width: number; height: number }>;
  /** Sizes the engine predicted at parse time for matrix functions. */
  readonly predicted: Map<string, { width: number; height: number }>;
  /** Formula cells whose matrix result did not fit the predicted size; the engine re-enters them. */
  readonly resize: Map<string, { sheet: number; row: number; col: number }>;
  /** Formula cells given a result of more than one cell at parse time (they may be blocked: #SPILL!). */
  readonly arrays: Map<string, { sheet: number; row: number; col: number }>;
  /**
   * The number an ER function returned in a formula cell, before HyperFormula rounds it to 15 significant
   * digits on the way out ("sheet,row,col" -> number): the engine gives it back unrounded, as Excel keeps
   * a custom function's result, so that the engine and the Excel bundle agree to the last bit.
   */
  readonly raw: Map<string, number>;
}

export function createPluginContext(locale: Locale): PluginContext {
  return { locale, spillSizes: new Map(), predicted: new Map(), resize: new Map(), arrays: new Map(), raw: new Map() };
}

/** How a spec's function appears in formulas: "ER.PERFORMANCE_EMISSION". */
export function formulaName(spec: FunctionSpec): string {
  return `${NAMESPACE}.${spec.id}`;
}

interface Entry {
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
interface CallAst {
  readonly procedureName: string;
  readonly args: readonly { readonly type: string; readonly expressionName?: string }[];
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

function keyOf(state: State): string {
  const a = state.formulaAddress;
  return `${a.sheet},${a.row},${a.col}`;
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
    for (let i = 0; i < entry.arity; i++) {
      if (i >= given || ast.args[i].type === "EMPTY") {
        args[i] = null;
        continue;
      }
      const v = this.evaluateAst(ast.args[i] as never, state as never) as unknown;
      if (v instanceof SimpleRangeValue) {
        if (entry.matrixParam[i]) args[i] = toRows(v);
        else if (v.width() === 1 && v.height() === 1) args[i] = toArg(v.data[0][0]);
        else {
          args[i] = v;
          lifted = true;
        }
      } else {
        args[i] = entry.matrixParam[i] ? [[toArg(v)]] : toArg(v);
      }
    }
    if (lifted) return this.lift(entry, args, ast, state, locale);
    return this.run(entry, args, state, ctx, locale);
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
    const key = keyOf(state);
    const predicted = ctx?.predicted.get(key) ?? { width: 1, height: 1 };
    if (ctx && (predicted.width !== width || predicted.height !== height)) {
      ctx.spillSizes.set(key, { width, height });
      ctx.resize.set(key, { ...state.formulaAddress });
    }
    if (predicted.width === 1 && predicted.height === 1) return fromResult(rows[0][0], locale);
    return fit(rows, predicted.width, predicted.height, locale);
  }

  /** Excel's lifting: a range given to a scalar parameter runs the function once per cell. */
  private lift(entry: Entry, args: unknown[], ast: CallAst, state: State, locale: Locale): unknown {
    const ctx = this.context();
    const key = keyOf(state);
    const predicted = ctx?.predicted.get(key);
    const size = predicted ? new ArraySize(predicted.width, predicted.height) : this.liftSize(entry, ast, state);
    if (size.isScalar()) {
      // The ranges came through an expression the formula could not size (a defined name, a function):
      // learn their size and have the engine re-enter the formula, which then spills (see erSize).
      let width = 1;
      let height = 1;
      for (const a of args) {
        if (!(a instanceof SimpleRangeValue)) continue;
        width = Math.max(width, a.width());
        height = Math.max(height, a.height());
      }
      if (ctx && !ctx.spillSizes.has(key)) {
        ctx.spillSizes.set(key, { width, height });
        ctx.resize.set(key, { ...state.formulaAddress });
      }
      // Until then (or where nothing re-enters it), the rule gets the rows, and its single-cell rule
      // refuses them naming the parameter.
      for (let i = 0; i < args.length; i++) if (args[i] instanceof SimpleRangeValue) args[i] = toRows(args[i] as SimpleRangeValue);
      return this.run(entry, args, state, undefined, locale);
    }
    const out = new Array<unknown[]>(size.height);
    const one = new Array<unknown>(args.length);
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
