/**
 * What the pane writes into a workbook, planned as data before anything is written:
 * - the comparison sheet (laid out like the paper's Table 5, its cells ER formulas over the source cells);
 * - making a static table live (ER formulas in place of computed numbers, the old numbers on an audit sheet).
 * The expected results come from the function registry: each formula's expected value is what its ER
 * function's own implementation gives for the cells it reads, so that a function is written once.
 */
import { MAX_CONCENTRATION, MAX_TONNES, MAX_VOLUME } from "../../core/bounds";
import { subtractExact } from "../../core/decimal";
import { isRuleError } from "../../core/errors";
import { findFunction } from "../../functions/registry";
import type { Scalar } from "../../functions/spec";
import { parseAmount, parsePositive, type Amount } from "../../core/values";
import type { Locale } from "../../i18n/locale";
import { phaseName, ui, uiText } from "../../i18n/ui";
import { inputOf, textInput, type CellInfo, type UserInput, type RangeRef, type SheetWrite } from "../host/types";
import { indexToColumn } from "../../sheet/address";
import { widest } from "../../sheet/rect";
import { ruleInput } from "./compare";
import { erFormula } from "../../sheet/er";
import { renderFormula, tracked, isTracked, type TrackedFormula } from "./formulas";
import { pollutantInfo } from "./labels";
import type { Analysis, Entry, Group, TotalKind } from "./table";

export const TONNES_FORMAT = "0.00";

export function pollutantName(id: string, locale: Locale): string {
  const p = pollutantInfo(id);
  if (!p) return id || uiText(locale).pollutantUnnamed;
  return locale === "zh-CN" ? `${p.en}（${p.zh}）` : p.en;
}

/** A plant as the pane names it: its label, or "Plant 2" / "排污单位 2" when the table numbers its plants. */
export function plantName(plant: string, locale: Locale): string {
  if (/^\d+$/.test(plant)) return `${uiText(locale).plantUnnamed} ${plant}`;
  return plant || uiText(locale).plantUnnamed;
}

export function groupName(g: Pick<Group, "plant" | "pollutant">, locale: Locale): string {
  return `${plantName(g.plant, locale)} · ${pollutantName(g.pollutant, locale)}`;
}

/** A range of one sheet holding exactly these cells, in this order, in one row or one column; else undefined. */
export function lineRange(cells: readonly (Entry | undefined)[]): RangeRef | undefined {
  if (cells.length === 0 || cells.some((c) => !c)) return undefined;
  const es = cells as Entry[];
  const first = es[0];
  if (es.every((e) => e.sheet === first.sheet && e.row === first.row) && es.every((e, i) => e.col === first.col + i)) {
    return { sheet: first.sheet, row: first.row, col: first.col, rows: 1, cols: es.length };
  }
  if (es.every((e) => e.sheet === first.sheet && e.col === first.col) && es.every((e, i) => e.row === first.row + i)) {
    return { sheet: first.sheet, row: first.row, col: first.col, rows: es.length, cols: 1 };
  }
  return undefined;
}

/** A planned cell: what a user would type, or a formula whose references are tracked. */
export type PlannedInput = UserInput | TrackedFormula;

/** A block of planned cells, from (row, col) of a sheet. */
export interface PlannedBlock {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly rows: readonly (readonly PlannedInput[])[];
  /** Where the block's array formulas spill (ER.ALLOCATE_CUT): those cells hold the formulas' values. */
  readonly spills?: readonly RangeRef[];
}

/** The one-cell range of an entry. */
export function cellRange(e: { sheet: string; row: number; col: number }): RangeRef {
  return { sheet: e.sheet, row: e.row, col: e.col, rows: 1, cols: 1 };
}

/** The block as it is written: tracked formulas rendered with their own references. */
export function blockWrite(b: PlannedBlock): SheetWrite {
  return { sheet: b.sheet, row: b.row, col: b.col, inputs: b.rows.map((line) => line.map((v) => (isTracked(v) ? renderFormula(v, v.refs, b.sheet) : v))) };
}

/** A reference to one source cell that never hands an empty cell to a function as 0. */
function gatheredCell(e: Entry | undefined, missing: string): PlannedInput {
  if (!e) return textInput(missing);
  return tracked((refer) => {
    const r = refer(cellRange(e));
    return `=IF(ISBLANK(${r}),"",${r})`;
  });
}

/**
 * Rows that gather a group's EIA and performance cells, one cell per phase, for sources whose cells are
 * not in one row or column (the paper's Table 3 interleaves EIA, performance and right).
 */
class Gatherer {
  readonly rows: PlannedInput[][] = [];
  constructor(
    readonly sheet: string,
    readonly firstRow: number,
    private readonly locale: Locale,
  ) {}

  /** The two ranges, on `this.sheet`, that hold the group's EIA and performance cells. */
  add(g: Group): [RangeRef, RangeRef] {
    const t = uiText(this.locale);
    const n = g.phases.length;
    const row = this.firstRow + this.rows.length;
    this.rows.push([textInput(plantName(g.plant, this.locale)), pollutantName(g.pollutant, this.locale), t.colEia, ...g.phases.map((p) => gatheredCell(p.eia, "-"))]);
    this.rows.push([textInput(plantName(g.plant, this.locale)), pollutantName(g.pollutant, this.locale), t.colPerformance, ...g.phases.map((p) => gatheredCell(p.performance, "/"))]);
    return [
      { sheet: this.sheet, row, col: 3, rows: 1, cols: n },
      { sheet: this.sheet, row: row + 1, col: 3, rows: 1, cols: n },
    ];
  }

  header(): UserInput[] {
    const t = uiText(this.locale);
    const n = Math.max(0, ...this.rows.map((r) => r.length - 3));
    return [t.cmpPlant, t.cmpPollutant, t.cmpWhat, ...Array.from({ length: n }, (_, i) => phaseName(this.locale, i + 1))];
  }
}

/** The two range arguments of a plant's ER call: its own cells when they form lines, else gathered rows. */
function phaseArgs(g: Group, gather: () => Gatherer): [RangeRef, RangeRef] {
  const eia = lineRange(g.phases.map((p) => p.eia));
  const perf = lineRange(g.phases.map((p) => p.performance));
  if (eia && perf) return [eia, perf];
  return gather().add(g);
}

/** "=ER.NAME(range1, range2)" over the two ranges of a group, tracked. */
function groupFormula(name: string, args: [RangeRef, RangeRef]): TrackedFormula {
  return tracked((refer) => erFormula(name, refer(args[0]), refer(args[1])));
}

/** Groups the comparison can be made for: EIA and performance cells, at least one of each. */
export function comparableGroups(a: Analysis): Group[] {
  return a.groups.filter((g) => g.phases.some((p) => p.performance) && g.phases.some((p) => p.eia));
}

function pad<T extends PlannedInput>(rows: T[][], width: number): T[][] {
  return rows.map((r) => [...r, ...Array<T>(Math.max(0, width - r.length)).fill(null as T)]);
}

export interface ComparisonPlan {
  readonly sheet: string;
  /** What is written, with its formulas' references kept apart. */
  readonly block: PlannedBlock;
  readonly write: SheetWrite;
  readonly formulas: number;
  /** Where each plant's and pollutant's three formulas are: row of "phased", column. */
  readonly cells: { plant: string; pollutant: string; row: number; col: number }[];
  /** The rows whose text the columns are fitted to (the header and the results: not the title or the notes). */
  readonly fit: RangeRef;
}

/** The comparison sheet: the paper's Table 5 (plants across; per pollutant phased, total, difference). */
export function planComparison(a: Analysis, locale: Locale, sheet: string): ComparisonPlan {
  const t = uiText(locale);
  const groups = comparableGroups(a);
  const plants = [...new Set(groups.map((g) => g.plant))];
  const pollutants = [...new Set(groups.map((g) => g.pollutant))];
  const rows: PlannedInput[][] = [
    [ui(locale, "cmpTitle", { sheet: a.sheet })],
    [t.cmpPollutant, t.cmpItem, ...plants.map((p) => textInput(plantName(p, locale)))],
  ];
  const formats: (string | null)[][] = [[], []];
  const firstData = rows.length;
  const gatherStart = firstData + pollutants.length * 3 + 3;
  let gatherer: Gatherer | undefined;
  const gather = () => (gatherer ??= new Gatherer(sheet, gatherStart + 2, locale));
  const cells: ComparisonPlan["cells"] = [];
  let formulas = 0;
  pollutants.forEach((pol, k) => {
    const base = firstData + k * 3;
    rows[base] = [pollutantName(pol, locale), t.cmpPhased];
    rows[base + 1] = [null, t.cmpTotal];
    rows[base + 2] = [null, t.cmpDifference];
    for (let i = 0; i < 3; i++) formats[base + i] = [null, null];
    plants.forEach((plant, j) => {
      const g = groups.find((x) => x.plant === plant && x.pollutant === pol);
      const col = 2 + j;
      if (!g) return;
      const args = phaseArgs(g, gather);
      rows[base][col] = groupFormula("INITIAL_RIGHT_PHASED", args);
      rows[base + 1][col] = groupFormula("INITIAL_RIGHT_TOTAL", args);
      rows[base + 2][col] = groupFormula("METHOD_DIFFERENCE", args);
      for (let i = 0; i < 3; i++) formats[base + i][col] = TONNES_FORMAT;
      cells.push({ plant, pollutant: pol, row: base, col });
      formulas += 3;
    });
  });
  rows.push([], [ui(locale, "cmpNote", { sheet: a.sheet })]);
  if (gatherer) {
    rows[gatherStart] = [ui(locale, "cmpGather", { sheet: a.sheet })];
    rows.push(gatherer.header(), ...gatherer.rows);
  }
  const dense = Array.from({ length: rows.length }, (_, i) => rows[i] ?? []);
  const full = pad(dense, widest(dense));
  const fmt = full.map((r, i) => r.map((_, j) => formats[i]?.[j] ?? null));
  const block: PlannedBlock = { sheet, row: 0, col: 0, rows: full };
  const fit: RangeRef = { sheet, row: 1, col: 0, rows: firstData - 1 + pollutants.length * 3, cols: full[0]?.length ?? 2 };
  return { sheet, block, write: { ...blockWrite(block), formats: fmt }, formulas, cells, fit };
}

// ---------------------------------------------------------------------------------------------------
// Making a static table live

export type LiveKind = "performance" | "right" | TotalKind;

export interface LiveCell {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly old: CellInfo;
  /** The formula written, as text, and with its references kept apart. */
  readonly formula: string;
  readonly tracked: TrackedFormula;
  readonly kind: LiveKind;
  readonly item: string;
  /** What the formula gives, by the rules: a number, null for "no figure", or an error code. */
  readonly expected: number | null | { error: string };
  readonly differs: boolean;
}

export interface LivePlan {
  readonly sheet: string;
  readonly cells: LiveCell[];
  /** Rows for a helper sheet when totals need gathered ranges (empty when none). */
  readonly gatherSheet: string;
  readonly gatherRows: PlannedInput[][];
  /** Cells that already hold formulas. */
  readonly already: number;
  /** Cells left alone because a dynamic array spilled into them (its formula computes them already). */
  readonly spilled?: readonly { cell: string; parent: string }[];
}

type Eff = Amount | { error: string };

/**
 * What the ER function `id` gives for these arguments, passed as Excel passes them (a range as rows of
 * cells): the registry's implementation, the one the formula will run. Throws its RuleError.
 */
function resultOf(id: string, ...args: unknown[]): Scalar | Scalar[][] {
  const fn = findFunction(id);
  if (!fn) throw new Error(`no ER function ${id} in the registry`);
  return fn.impl(...args);
}

/** A number the plan expects from a function that returns one. */
function numberOf(id: string, ...args: unknown[]): number {
  const r = resultOf(id, ...args);
  if (typeof r !== "number") throw new Error(`${id} gave ${String(r)}, not a number`);
  return r;
}

function isErr(v: Eff): v is { error: string } {
  return typeof v === "object" && v !== null;
}

/** Whether an old number and a live result say the same; "no EIA total" (#N/A) says what '-' says. */
function same(x: Eff, y: Eff): boolean {
  const norm = (v: Eff): Eff => (isErr(v) && v.error === "#N/A" ? null : v);
  const a = norm(x);
  const b = norm(y);
  if (isErr(a) || isErr(b)) return isErr(a) && isErr(b) && a.error === b.error;
  return a === b;
}

/**
 * Plans the formulas that replace the computed numbers of the analysed table. Cells in `skip` ("row,col") are
 * left alone, as cells that hold formulas are.
 */
export function planLive(a: Analysis, locale: Locale, gatherSheet: string, skip: ReadonlySet<string> = new Set()): LivePlan {
  const t = uiText(locale);
  const sheet = a.sheet;
  const cells: LiveCell[] = [];
  const key = (e: Entry) => `${e.row},${e.col}`;
  const planned = new Map<string, Eff>();
  let already = 0;
  const amount = (e: Entry | undefined, arg: string): Eff => {
    if (!e) return null;
    const k = key(e);
    if (planned.has(k)) return planned.get(k) as Eff;
    try {
      return parseAmount(ruleInput(e.cell), { arg }, MAX_TONNES);
    } catch (err) {
      if (isRuleError(err)) return { error: err.code };
      throw err;
    }
  };
  const add = (e: Entry, formula: TrackedFormula, kind: LiveKind, item: string, expected: Eff) => {
    const differs = !same(amount(e, "old"), expected);
    planned.set(key(e), isErr(expected) && expected.error === "#N/A" ? null : expected);
    const text = renderFormula(formula, formula.refs, sheet);
    cells.push({ sheet, row: e.row, col: e.col, old: e.cell, formula: text, tracked: formula, kind, item, expected, differs });
  };
  const convertible = (e: Entry | undefined): e is Entry => {
    if (!e || skip.has(key(e))) return false;
    if (e.cell.formula) {
      already++;
      return false;
    }
    return true;
  };

  let gatherer: Gatherer | undefined;
  const gather = () => (gatherer ??= new Gatherer(gatherSheet, 2, locale));

  // 1. Performance emissions from volume and limit (Table 1).
  for (const g of a.groups) {
    for (const p of g.phases) {
      const e = p.performance;
      if (!convertible(e) || !p.volume || !p.limit) continue;
      const v = p.volume;
      const l = p.limit;
      const water = v.water || l.water;
      let vol: number;
      let lim: number;
      let scaled = false;
      try {
        const raw = parseAmount(ruleInput(v.cell), { arg: "volume" }, MAX_VOLUME);
        if (raw === null && amount(e, "performance") === null) continue; // no such phase
        // A header in 10^9 m3 over numbers already in m3 (11340000000) is a header that names the scale of
        // the print, not of the cell: only small numbers are scaled.
        scaled = raw !== null && v.scale !== undefined && v.scale !== 1 && raw < 1e6;
        vol = parsePositive(scaled && raw !== null ? Math.round(raw * (v.scale as number)) : raw, { arg: "volume" }, MAX_VOLUME);
        lim = parsePositive(ruleInput(l.cell), { arg: "limit" }, MAX_CONCENTRATION);
      } catch {
        continue; // an input the user has to fix; the number stays as typed
      }
      const formula = tracked((refer) => {
        const vref = refer(cellRange(v));
        const volArg = scaled ? `ROUND(${vref}*${String(v.scale)},0)` : vref;
        return erFormula("PERFORMANCE_EMISSION", volArg, refer(cellRange(l)), ...(water ? ['"water"'] : []));
      });
      const expected = numberOf("PERFORMANCE_EMISSION", vol, lim, water ? "water" : undefined);
      add(e, formula, "performance", `${groupName(g, locale)} · ${phaseName(locale, p.phase)} · ${t.itemPerformance}`, expected);
    }
  }

  // 2. Each phase's right (Table 3's 初始权).
  for (const g of a.groups) {
    for (const p of g.phases) {
      const e = p.right;
      if (!convertible(e) || !p.eia || !p.performance) continue;
      const ea = amount(p.eia, "eia");
      const pa = amount(p.performance, "performance");
      if (isErr(ea) || isErr(pa) || (ea === null && pa === null)) continue;
      let expected: Eff;
      try {
        expected = numberOf("INITIAL_RIGHT", ea, pa);
      } catch {
        continue;
      }
      const eiaCell = p.eia;
      const perfCell = p.performance;
      add(e, tracked((refer) => erFormula("INITIAL_RIGHT", refer(cellRange(eiaCell)), refer(cellRange(perfCell)))), "right", `${groupName(g, locale)} · ${phaseName(locale, p.phase)} · ${t.itemRight}`, expected);
    }
  }

  // 3. Plant totals (Table 3's 合计, Table 4, Table 5 rows inside the same table).
  const TOTALS: [TotalKind, string, string][] = [
    ["eia", "EIA_TOTAL", t.itemEiaTotal],
    ["performance", "PERFORMANCE_TOTAL", t.itemPerformanceTotal],
    ["phased", "INITIAL_RIGHT_PHASED", t.cmpPhased],
    ["totalMethod", "INITIAL_RIGHT_TOTAL", t.cmpTotal],
    ["difference", "METHOD_DIFFERENCE", t.cmpDifference],
  ];
  for (const g of a.groups) {
    if (g.phases.length === 0 || !g.phases.some((p) => p.performance) || !g.phases.some((p) => p.eia)) continue;
    const eia = g.phases.map((p) => amount(p.eia, "eia"));
    const perf = g.phases.map((p) => amount(p.performance, "performance"));
    if (eia.some(isErr) || perf.some(isErr)) continue;
    const e = eia as Amount[];
    const pf = perf as Amount[];
    let args: [RangeRef, RangeRef] | undefined;
    for (const [kind, fn, label] of TOTALS) {
      const cell = g.totals[kind];
      if (!convertible(cell)) continue;
      let expected: Eff;
      try {
        expected = numberOf(fn, [e], [pf]);
      } catch (err) {
        if (!isRuleError(err)) throw err;
        if (err.key !== "noEiaTotal") continue;
        expected = { error: err.code };
      }
      const a2 = (args ??= phaseArgs(g, gather));
      // The EIA total does not exist when a phase has no EIA figure: the cell shows '-', as the paper prints it.
      const formula = tracked((refer) => {
        const call = erFormula(fn, refer(a2[0]), refer(a2[1]));
        return kind === "eia" ? `=IFNA(${call.slice(1)},"-")` : call;
      });
      if (kind === "eia" && typeof expected === "object" && expected !== null && expected.error === "#N/A") expected = null;
      add(cell, formula, kind, `${groupName(g, locale)} · ${label}`, expected);
    }
  }

  const gatherRows: PlannedInput[][] = gatherer ? [[ui(locale, "gatherTitle", { sheet })], gatherer.header(), ...gatherer.rows] : [];
  const width = Math.max(0, ...gatherRows.map((r) => r.length));
  return { sheet, cells, gatherSheet, gatherRows: pad(gatherRows, width), already };
}

/** The audit sheet: every replaced number, the live result, the difference, a mark where they differ. */
export function auditBlock(plan: LivePlan, locale: Locale, auditSheet: string): PlannedBlock {
  const t = uiText(locale);
  const rows: PlannedInput[][] = [
    [ui(locale, "auditTitle", { sheet: plan.sheet })],
    [t.auditNote],
    [t.auditCell, t.auditItem, t.auditOld, t.auditLive, t.auditDiff, t.auditMark, t.auditFormula, t.auditNow],
  ];
  for (const c of plan.cells) {
    const old = inputOf(c.old);
    const live: UserInput = c.expected === null ? textInput("-") : typeof c.expected === "number" ? c.expected : textInput(c.expected.error);
    const diff: UserInput = typeof c.expected === "number" && typeof c.old.value === "number" && !c.old.formula ? subtractExact(c.expected, c.old.value) : null;
    const now = tracked((refer) => `=${refer(cellRange(c))}`);
    rows.push([textInput(`${plan.sheet}!${indexToColumn(c.col)}${c.row + 1}`), c.item, old, live, diff, c.differs ? "≠" : null, textInput(c.formula), now]);
  }
  return { sheet: auditSheet, row: 0, col: 0, rows: pad(rows, 8) };
}

/** A sheet name not yet used: "Audit", "Audit (2)", ... (at most 31 characters, as Excel allows). */
export function uniqueSheetName(base: string, existing: readonly string[]): string {
  const lower = new Set(existing.map((s) => s.toLowerCase()));
  const clean = base.replace(/[\\/?*[\]:]/g, " ").slice(0, 31);
  if (!lower.has(clean.toLowerCase())) return clean;
  for (let i = 2; ; i++) {
    const name = `${clean.slice(0, 31 - ` (${i})`.length)} (${i})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}
