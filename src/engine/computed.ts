/**
 * A workbook read from a file, computed: the plain ER calls without HyperFormula (direct.ts), every other
 * recomputed formula in the engine, which gets the values computed directly as its inputs, and the
 * engine not built at all when nothing is left for it. Pure (no Node-only imports).
 *
 * The two ways give the same values: the plain calls get their arguments as the engine's plugin gives
 * them and run the same rule (checked by test/engine/direct.test.ts, formula by formula, against the
 * engine alone). Where they could not (an array the engine spills over a cell a plain call reads), the
 * whole workbook is computed in the engine.
 */
import type { Locale } from "../i18n/locale";
import { type CellValue } from "../sheet/errors";
import { overlaySheets, type PlanFormula, type RecomputePlan } from "./closure";
import { computeDirect, type DirectValues } from "./direct";
import { Engine, errorInput, textInput, type DefinedName, type SheetInput } from "./engine";
import { normalizeFormulaWith, type NormalizeOptions } from "./formula";
import { isCellShaped } from "./names";

/** The cells of a computed workbook, as its readers (recalc, audit, the copy, the demo) need them. */
export interface WorkbookValues {
  readonly locale: Locale;
  /** How many formulas were computed without the engine (plain ER calls). */
  readonly direct: number;
  /** True when the engine (HyperFormula) was built. */
  readonly usesEngine: boolean;
  /** A cell's value: a formula's new value (recomputed) or stored one (not), or the cell's own value. */
  getValue(sheet: string, row: number, col: number): CellValue;
  /** The value of formula `i` (an index of the workbook's formulas), as getValue gives it for its cell. */
  formulaValue(i: number): CellValue;
  /** True when the file holds a formula in the cell (not a cell an array formula covers). */
  isFormula(sheet: string, row: number, col: number): boolean;
  /** The formula of a formula cell, as the engine reads it ("=ER.NAME(...)"). */
  getFormula(sheet: string, row: number, col: number): string | undefined;
  /** Rows and columns in use on a sheet. */
  sheetSize(sheet: string): { rows: number; cols: number };
  /** Frees the engine's memory, if one was built. */
  destroy(): void;
}

export interface ComputeOptions {
  readonly locale: Locale;
  readonly names: readonly DefinedName[];
  readonly date1904: boolean;
  readonly normalize: NormalizeOptions;
  /** Compute plain ER calls without the engine (default true; false: everything in the engine, as tests compare). */
  readonly direct?: boolean;
}

/** Computes the recomputed formulas of a plan (see the module comment). */
export function computeWorkbook(plan: RecomputePlan, formulas: readonly PlanFormula[], options: ComputeOptions): WorkbookValues {
  const engineOptions = { locale: options.locale, names: options.names, date1904: options.date1904 };
  // Taken now whatever happens below, so that the plan keeps none of them.
  const calls = plan.takePlainCalls();
  const whole = () => new ComputedValues(plan.sheets, formulas, undefined, Engine.create(plan.sheets, engineOptions), options);
  // A defined name shaped like a cell ("D1") is what "D1" means in the engine's formulas, not the cell.
  if (options.direct === false || options.names.some((d) => isCellShaped(d.name))) return whole();
  // Nothing to recompute (a workbook without ER formulas, audited as it stands): no engine at all.
  if (plan.counts.recomputed === 0) return new ComputedValues(plan.sheets, formulas, undefined, undefined, options);
  const direct = computeDirect({ sheets: plan.sheets, formulas, recomputed: plan.recomputed, normalize: options.normalize, locale: options.locale, calls });
  if (direct.count === 0) return whole();
  if (direct.count === plan.counts.recomputed) return new ComputedValues(plan.sheets, formulas, direct, undefined, options);
  const engine = Engine.create(withValues(plan.sheets, formulas, direct), engineOptions);
  // An array the engine spills over a cell a plain call read: the call read it empty; the engine alone then.
  if (engine.arrayRanges().some((a) => direct.meets(a.sheet, a.r1, a.c1, a.r2, a.c2))) {
    engine.destroy();
    return whole();
  }
  return new ComputedValues(plan.sheets, formulas, direct, engine, options);
}

/**
 * The engine's inputs with each formula computed directly as its value. One that ended in an error keeps
 * its formula, so that the engine gives the formulas reading it the same error with the same message.
 */
function withValues(sheets: Record<string, SheetInput[][]>, formulas: readonly PlanFormula[], direct: DirectValues): Record<string, SheetInput[][]> {
  const out = overlaySheets(sheets);
  for (let i = 0; i < formulas.length; i++) {
    if (!direct.computed[i]) continue;
    const v = direct.values[i];
    if (v !== null && typeof v === "object") continue;
    const f = formulas[i];
    out.put(f.sheet, f.row, f.col, typeof v === "string" ? textInput(v) : v);
  }
  return out.sheets;
}

/** An input's value as a cell shows it (an error's text as the error). */
function valueOf(v: SheetInput | undefined): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "object") return v.text;
  if (typeof v !== "string") return v;
  const error = errorInput(v);
  return error !== undefined ? { error } : v;
}

class ComputedValues implements WorkbookValues {
  readonly locale: Locale;
  readonly direct: number;
  readonly usesEngine: boolean;
  private readonly byLower: Map<string, string>;
  /** Formula cells by sheet and position (row * 16384 + column) -> index; made when first needed. */
  private at: Map<string, Map<number, number>> | undefined;

  constructor(
    private readonly sheets: Record<string, SheetInput[][]>,
    private readonly formulas: readonly PlanFormula[],
    private readonly computed: DirectValues | undefined,
    private readonly engine: Engine | undefined,
    private readonly options: ComputeOptions,
  ) {
    this.locale = options.locale;
    this.direct = computed?.count ?? 0;
    this.usesEngine = engine !== undefined;
    this.byLower = new Map(Object.keys(sheets).map((s) => [s.toLowerCase(), s]));
  }

  private sheet(name: string): string {
    const s = this.byLower.get(name.toLowerCase());
    if (s === undefined) throw new Error(`no sheet named "${name}"`);
    return s;
  }

  private formulaAt(sheet: string, row: number, col: number): number | undefined {
    if (!this.at) {
      const at = new Map<string, Map<number, number>>();
      this.formulas.forEach((f, i) => {
        let m = at.get(f.sheet);
        if (!m) at.set(f.sheet, (m = new Map()));
        m.set(f.row * 16384 + f.col, i);
      });
      this.at = at;
    }
    return this.at.get(sheet)?.get(row * 16384 + col);
  }

  formulaValue(i: number): CellValue {
    if (this.computed?.computed[i]) return this.computed.values[i];
    const f = this.formulas[i];
    return this.engine ? this.engine.getValue(f.sheet, f.row, f.col) : valueOf(this.sheets[f.sheet]?.[f.row]?.[f.col]);
  }

  getValue(sheet: string, row: number, col: number): CellValue {
    const s = this.sheet(sheet);
    const i = this.computed ? this.formulaAt(s, row, col) : undefined;
    if (i !== undefined && this.computed?.computed[i]) return this.computed.values[i];
    if (this.engine) return this.engine.getValue(s, row, col);
    return valueOf(this.sheets[s]?.[row]?.[col]);
  }

  isFormula(sheet: string, row: number, col: number): boolean {
    return this.formulaAt(this.sheet(sheet), row, col) !== undefined;
  }

  getFormula(sheet: string, row: number, col: number): string | undefined {
    const i = this.formulaAt(this.sheet(sheet), row, col);
    return i === undefined ? undefined : normalizeFormulaWith(this.formulas[i].formula, this.options.normalize);
  }

  sheetSize(sheet: string): { rows: number; cols: number } {
    const s = this.sheet(sheet);
    if (this.engine) return this.engine.sheetSize(s);
    const rows = this.sheets[s] ?? [];
    let cols = 0;
    for (const row of rows) if (row && row.length > cols) cols = row.length;
    return { rows: rows.length, cols };
  }

  destroy(): void {
    this.engine?.destroy();
  }
}
