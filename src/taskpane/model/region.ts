/**
 * The Region view's model (issue 13): a table of permit holders read the way the pane reads plant tables
 * (src/taskpane/model/table.ts in mode "holders", headers from labels.ts), the mapping of its headers and
 * the user's corrections, and per pollutant the numbers of the permit paper's total control as the rules
 * in src/core/region.ts give them: the regional total, the actual emissions of this and last year and
 * their change, the holders over their permit, and the preview and the sheet of a cut's allocation.
 */
import { MAX_TONNES } from "../../core/bounds";
import { isRuleError } from "../../core/errors";
import { allocateCut, annualChange, parseCutTarget, parseHolderAmounts, permitMargin, regionalTotal, type CutMethod, type HolderAmount } from "../../core/region";
import { parseAmount } from "../../core/values";
import { pollutantInText } from "../../core/pollutants";
import type { Locale } from "../../i18n/locale";
import { formatMessage } from "../../i18n/messages";
import { ui, uiText } from "../../i18n/ui";
import { textInput, type RangeData, type RangeRef } from "../host/types";
import { formatCell, indexToColumn } from "../../sheet/address";
import { union, widest } from "../../sheet/rect";
import { ruleInput, type Problem } from "./compare";
import { erFormula } from "../../sheet/er";
import { tracked } from "./formulas";
import { cellRange, plantName, pollutantName, type PlannedBlock, type PlannedInput } from "./plan";
import { analyzeTable, type Analysis, type HeaderLine, type HolderEntry } from "./table";

/** What the view reads from a holder's row: its permit, this and last year's actual emission, two kinds of weight. */
export type RegionRole = "permitted" | "actual" | "last" | "weight" | "history";

/** The roles a header can be given in the mapping, in the order the view lists them. */
export const REGION_ROLES: readonly (RegionRole | "ignore")[] = ["permitted", "actual", "last", "weight", "history", "ignore"];

/** The user's corrections: a role per header line (HeaderLine.key). */
export interface RegionOverrides {
  readonly roles?: Readonly<Record<string, RegionRole | "ignore">>;
}

/** A header line of the table and the role the view gives it. */
export interface RegionLine {
  readonly key: string;
  readonly text: string;
  readonly axis: "row" | "col";
  /** Where the header is, e.g. "D3". */
  readonly at: string;
  readonly proposed: RegionRole | "ignore";
  readonly role: RegionRole | "ignore";
  /** How many holders' cells it labels. */
  readonly count: number;
}

/** One holder for one pollutant: its cells by role. */
export interface HolderRow {
  readonly name: string;
  readonly pollutant: string;
  readonly cells: Partial<Record<RegionRole, HolderEntry>>;
  /** The holder's cells on the sheet (its name and its figures), to select. */
  readonly range: RangeRef;
  readonly industry?: string;
}

export interface RegionAnalysis {
  readonly sheet: string;
  readonly lines: RegionLine[];
  readonly holders: HolderRow[];
  /** The pollutants, in the order the table gives them ("" where nothing names one). */
  readonly pollutants: string[];
  /** The years of the actual emissions, when the headers name them. */
  readonly years: { readonly actual?: number; readonly last?: number };
  readonly analysis: Analysis;
}

/** The role a header proposes: an actual emission is this year's or last year's by its year or its words. */
function proposals(lines: readonly HeaderLine[]): Map<string, RegionRole | "ignore"> {
  const out = new Map<string, RegionRole | "ignore">();
  const actual = lines.filter((l) => l.holder === "actual");
  // By words first ("本年", "last year"), then by year (the latest is this year, the one before last year),
  // then by position (the later column or row is this year).
  const thisLine = actual.find((l) => l.relative === "this");
  const lastLine = actual.find((l) => l.relative === "last");
  const dated = actual.filter((l) => l.year !== undefined && l.relative === undefined).sort((a, b) => (b.year as number) - (a.year as number));
  const plain = actual.filter((l) => l.year === undefined && l.relative === undefined);
  const order = [...dated, ...plain.reverse()];
  let current = thisLine;
  let previous = lastLine;
  for (const l of order) {
    if (!current) current = l;
    else if (!previous) previous = l;
  }
  for (const l of lines) {
    const h = l.holder;
    if (h === undefined) continue;
    if (h === "actual") out.set(l.key, l === current ? "actual" : l === previous ? "last" : "ignore");
    else if (h === "industry") out.set(l.key, "ignore");
    else out.set(l.key, h);
  }
  return out;
}

/** Reads a sheet's table of permit holders; `overrides` correct the roles of its headers. */
export function analyzeRegion(data: RangeData, overrides: RegionOverrides = {}): RegionAnalysis {
  const analysis = analyzeTable(data, undefined, {}, "holders");
  const proposed = proposals(analysis.lines);
  const roleOf = new Map<string, RegionRole | "ignore">();
  const lines: RegionLine[] = [];
  for (const l of analysis.lines) {
    const p = proposed.get(l.key);
    if (p === undefined) continue;
    const role = overrides.roles?.[l.key] ?? p;
    roleOf.set(l.key, role);
    const first = l.cells[0];
    lines.push({ key: l.key, text: l.text, axis: l.axis, at: first ? formatCell(first.row, first.col) : "", proposed: p, role, count: l.count });
  }
  // The pollutant of the whole sheet, from its name or title ("SO2 二氧化硫", "氨氮排放"), for figures no header names one for.
  const sheetPollutant = analysis.titles.map((t) => pollutantInText(t)).find((p) => p !== undefined)?.id ?? "";
  const years: { actual?: number; last?: number } = {};
  for (const l of analysis.lines) {
    const role = roleOf.get(l.key);
    if ((role === "actual" || role === "last") && l.year !== undefined && years[role] === undefined) years[role] = l.year;
  }

  const byKey = new Map<string, { name: string; pollutant: string; cells: Partial<Record<RegionRole, HolderEntry>>; all: HolderEntry[] }>();
  const order: string[] = [];
  const industries = new Map<string, string>();
  for (const e of analysis.holders) {
    if (e.phase === "total" || e.holder === "") continue;
    const pollutant = e.pollutant || sheetPollutant;
    const key = `${e.holder}\u0000${pollutant}`;
    if (e.role === "industry") {
      const v = e.cell.value;
      if (typeof v === "string" && v.trim() !== "") industries.set(e.holder, v.trim());
    }
    const role = roleOf.get(e.line);
    if (role === undefined || role === "ignore") continue;
    let h = byKey.get(key);
    if (!h) {
      h = { name: e.holder, pollutant, cells: {}, all: [] };
      byKey.set(key, h);
      order.push(key);
    }
    if (!h.cells[role]) h.cells[role] = e;
    h.all.push(e);
  }
  const holders: HolderRow[] = [];
  for (const key of order) {
    const h = byKey.get(key)!;
    if (!h.cells.permitted && !h.cells.actual) continue;
    holders.push({ name: h.name, pollutant: h.pollutant, cells: h.cells, range: holderRange(data, h.name, h.all, analysis.holders), ...(industries.has(h.name) ? { industry: industries.get(h.name) } : {}) });
  }
  const pollutants = [...new Set(holders.map((h) => h.pollutant))];
  return { sheet: data.sheet, lines, holders, pollutants, years, analysis };
}

/**
 * The cells to select for a holder: its figures, and its name when it stands in the same row (holders in
 * rows) or column (holders in columns); never a cell of another holder.
 */
function holderRange(data: RangeData, name: string, mine: readonly HolderEntry[], all: readonly HolderEntry[]): RangeRef {
  const cell = (e: { row: number; col: number }): RangeRef => ({ sheet: data.sheet, row: e.row, col: e.col, rows: 1, cols: 1 });
  let r = mine.map(cell).reduce(union);
  const sameRow = mine.every((e) => e.row === mine[0].row);
  const sameCol = mine.every((e) => e.col === mine[0].col);
  const text = (row: number, col: number) => {
    const v = data.cells[row - data.row]?.[col - data.col]?.value;
    return typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";
  };
  if (sameRow) {
    for (let c = data.col; c < data.col + (data.cells[mine[0].row - data.row]?.length ?? 0); c++) if (text(mine[0].row, c) === name) r = union(r, cell({ row: mine[0].row, col: c }));
  } else if (sameCol) {
    for (let row = data.row; row < data.row + data.cells.length; row++) if (text(row, mine[0].col) === name) r = union(r, cell({ row, col: mine[0].col }));
  }
  const inside = (e: HolderEntry) => e.row >= r.row && e.row < r.row + r.rows && e.col >= r.col && e.col < r.col + r.cols;
  if (all.some((e) => inside(e) && e.holder !== name)) return cell(mine[0]);
  return r;
}

// ---------------------------------------------------------------------------------------------------
// The numbers

/** A holder's figures as the rules read them, per pollutant. */
export interface HolderFigures {
  readonly row: HolderRow;
  /** Its permit: a number, a mark (no figure), or undefined where the table has no permitted cell. */
  readonly permitted?: HolderAmount;
  readonly actual: number | null;
  readonly last: number | null;
  /** This year's actual − last year's (ER.ANNUAL_CHANGE); null where a side has no figure. */
  readonly change: number | null;
  /** Permitted − actual (ER.PERMIT_MARGIN); below 0: over the permit. */
  readonly margin: number | null;
  /** A cell the rules refuse (text that is not a number, an error): where and why. */
  readonly problems: Problem[];
}

export interface PollutantSummary {
  readonly pollutant: string;
  readonly holders: HolderFigures[];
  /** ER.REGIONAL_TOTAL of the permits, of this and last year's actual emissions (null: no figure). */
  readonly permitted: number | null;
  readonly actual: number | null;
  readonly last: number | null;
  /** ER.ANNUAL_CHANGE of the two totals. */
  readonly change: number | null;
  /** Holders whose actual emission is above their permit, most over first. */
  readonly over: HolderFigures[];
  /** How many holders have a figure for last year and this year. */
  readonly counted: { readonly actual: number; readonly last: number; readonly both: number };
  readonly problems: Problem[];
}

/** A rule's refusal as a problem of a cell. */
function problemOf(e: unknown, cell?: HolderEntry): Problem {
  if (isRuleError(e)) return { address: cell ? formatCell(cell.row, cell.col) : undefined, code: e.code, key: e.key, params: e.params };
  throw e;
}

/** One cell as a number (null for a mark), or a problem. */
function amountOf(e: HolderEntry | undefined, arg: string, problems: Problem[]): number | null {
  if (!e) return null;
  try {
    return parseAmount(ruleInput(e.cell), { arg }, MAX_TONNES);
  } catch (err) {
    problems.push(problemOf(err, e));
    return null;
  }
}

function figures(row: HolderRow): HolderFigures {
  const problems: Problem[] = [];
  let permitted: HolderAmount | undefined;
  const pc = row.cells.permitted;
  if (pc) {
    try {
      permitted = parseHolderAmounts([[ruleInput(pc.cell)]], "permitted")[0];
    } catch (err) {
      problems.push(problemOf(err, pc));
    }
  }
  const actual = amountOf(row.cells.actual, "this_year", problems);
  const last = amountOf(row.cells.last, "last_year", problems);
  const attempt = (f: () => number): number | null => {
    try {
      return f();
    } catch (err) {
      if (isRuleError(err)) return null;
      throw err;
    }
  };
  const change = actual !== null && last !== null ? attempt(() => annualChange(actual, last)) : null;
  const margin = actual !== null && permitted && "amount" in permitted ? attempt(() => permitMargin(actual, permitted.amount)) : null;
  return { row, permitted, actual, last, change, margin, problems };
}

/** A total by ER.REGIONAL_TOTAL; null when no holder has a figure. */
function total(amounts: readonly (number | null)[]): number | null {
  const holders: HolderAmount[] = amounts.map((a) => (a === null ? { mark: "" } : { amount: a }));
  try {
    return regionalTotal(holders);
  } catch (err) {
    if (isRuleError(err)) return null;
    throw err;
  }
}

/** Per pollutant: the totals, the change, the holders over their permit. */
export function summarize(a: RegionAnalysis): PollutantSummary[] {
  return a.pollutants.map((pollutant) => {
    const holders = a.holders.filter((h) => h.pollutant === pollutant).map(figures);
    const permitted = total(holders.map((h) => (h.permitted && "amount" in h.permitted ? h.permitted.amount : null)));
    const actual = total(holders.map((h) => h.actual));
    const last = total(holders.map((h) => h.last));
    const change = actual !== null && last !== null ? annualChange(actual, last) : null;
    const over = holders.filter((h) => h.margin !== null && h.margin < 0).sort((x, y) => (x.margin as number) - (y.margin as number));
    return {
      pollutant,
      holders,
      permitted,
      actual,
      last,
      change,
      over,
      counted: { actual: holders.filter((h) => h.actual !== null).length, last: holders.filter((h) => h.last !== null).length, both: holders.filter((h) => h.change !== null).length },
      problems: holders.flatMap((h) => h.problems),
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// The allocation of a cut

export interface CutRequest {
  readonly pollutant: string;
  /** "tonnes": the new regional total; "percent": the cut in percent (10 for a cut of 10%). */
  readonly kind: "tonnes" | "percent";
  /** As typed. */
  readonly value: string;
  readonly method: CutMethod;
  /** Which column gives the weights ("weighted", "history"). */
  readonly weights?: RegionRole;
  readonly decimals: number;
}

/** The target as ER.ALLOCATE_CUT's target argument: a number of t/a, or "-10%". */
export function targetArgument(r: CutRequest): string | number {
  const v = r.value.trim();
  if (r.kind === "percent") return `-${v.replace(/^[-−－]/, "").replace(/[%％]$/, "")}%`;
  return v;
}

export interface CutPreview {
  /** Per holder of the pollutant, in order: the new permit, or its mark. */
  readonly results: readonly (number | string)[];
  readonly target: number;
  readonly total: number;
}

/** The roles a weights column can have, with a figure for some holder of `s`. */
export function weightRoles(s: PollutantSummary): RegionRole[] {
  return (["weight", "history", "actual", "last"] as const).filter((r) => s.holders.some((h) => h.row.cells[r]));
}

/** The weights cell of each holder, as the rules read them (null where the holder has no such cell). */
function weightsOf(s: PollutantSummary, role: RegionRole): unknown[][] {
  return s.holders.map((h) => [h.row.cells[role] ? ruleInput(h.row.cells[role]!.cell) : null]);
}

/** What ER.ALLOCATE_CUT would give, or why it cannot (a problem in the user's words). */
export function previewCut(s: PollutantSummary, r: CutRequest): CutPreview | { problem: Problem } {
  try {
    if (r.value.trim() === "") throw new Error("empty target");
    const permitted = s.holders.map((h) => h.permitted ?? { mark: "" });
    const weights = r.method === "proportional" ? null : r.weights ? weightsOf(s, r.weights) : null;
    const a = allocateCut({ permitted, target: parseCutTarget(targetArgument(r)), method: r.method, weights, decimals: r.decimals });
    return { results: a.results, target: a.target, total: a.total };
  } catch (err) {
    if (isRuleError(err)) return { problem: { code: err.code, key: err.key, params: err.params } };
    if (err instanceof Error && err.message === "empty target") return { problem: { code: "#VALUE!", key: "required", params: { arg: "target" } } };
    throw err;
  }
}

/** The method as written in the sheet, in the user's language (ER.ALLOCATE_CUT reads both). */
export function methodWord(method: CutMethod, locale: Locale): string {
  const zh: Record<CutMethod, string> = { proportional: "等比例", weighted: "按贡献", history: "按历史排放" };
  return locale === "zh-CN" ? zh[method] : method;
}

export interface CutPlan {
  readonly sheet: string;
  /** What is written: the holders' cells gathered by reference (tracked, as the pane's other sheets). */
  readonly block: PlannedBlock;
  /** The columns to fit to their labels. */
  readonly fit: RangeRef;
  /** The cell of the ER.ALLOCATE_CUT formula, e.g. "C6". */
  readonly at: string;
  readonly formulas: number;
}

/** A reference to a source cell that never hands an empty cell to a function as 0 (an empty cell is "", a mark). */
function gathered(e: HolderEntry | undefined): PlannedInput {
  if (!e) return textInput("/");
  return tracked((refer) => {
    const r = refer(cellRange(e));
    return `=IF(ISBLANK(${r}),"",${r})`;
  });
}

/**
 * The allocation sheet: the holders' permits (and weights) gathered from the table by reference, the
 * target, method and decimals in cells of their own, ER.ALLOCATE_CUT over them spilling the new permits,
 * and ER.REGIONAL_TOTAL of the permits and of the results. Nothing on the user's table is written.
 */
export function planCutSheet(a: RegionAnalysis, s: PollutantSummary, r: CutRequest, locale: Locale, sheet: string): CutPlan {
  const t = uiText(locale);
  const withWeights = r.method !== "proportional" && r.weights !== undefined;
  const first = 5;
  const n = s.holders.length;
  const last = first + n - 1;
  const col = { holder: 0, permitted: 1, weights: 2, result: withWeights ? 3 : 2 };
  const pollutant = pollutantName(s.pollutant, locale);
  const target = targetArgument(r);
  const rows: PlannedInput[][] = [
    [ui(locale, "cutSheetTitle", { pollutant, sheet: a.sheet })],
    [ui(locale, "cutSheetNote", { sheet: a.sheet })],
    [t.cutTarget, typeof target === "string" && /%$/.test(target) ? textInput(target) : Number(target), t.cutMethod, methodWord(r.method, locale), t.cutDecimals, r.decimals],
    [],
    [t.regionHolder, t.cutSheetNow, ...(withWeights ? [ui(locale, "cutWeightsFrom", { role: roleName(r.weights!, locale) })] : []), t.cutSheetNew],
  ];
  const range = (c: number) => `${indexToColumn(c)}${first + 1}:${indexToColumn(c)}${last + 1}`;
  s.holders.forEach((h, i) => {
    const row: PlannedInput[] = [textInput(plantName(h.row.name, locale)), gathered(h.row.cells.permitted)];
    if (withWeights) row.push(gathered(h.row.cells[r.weights!]));
    row.push(i === 0 ? erFormula("ALLOCATE_CUT", range(col.permitted), "$B$3", "$D$3", withWeights ? range(col.weights) : "", "$F$3") : null);
    rows.push(row);
  });
  const totals: PlannedInput[] = [t.regionTotalRow, erFormula("REGIONAL_TOTAL", range(col.permitted))];
  if (withWeights) totals.push(null);
  totals.push(erFormula("REGIONAL_TOTAL", range(col.result)));
  rows.push(totals);
  const width = widest(rows);
  const padded = rows.map((x) => [...x, ...Array<PlannedInput>(width - x.length).fill(null)]);
  const spill: RangeRef = { sheet, row: first, col: col.result, rows: n, cols: 1 };
  return {
    sheet,
    block: { sheet, row: 0, col: 0, rows: padded, spills: n > 1 ? [{ ...spill, row: first + 1, rows: n - 1 }] : [] },
    fit: { sheet, row: 4, col: 0, rows: n + 2, cols: width },
    at: formatCell(first, col.result),
    formulas: 3,
  };
}

/** The number format of the allocation sheet's tonnes at `decimals` places. */
export function tonnesFormat(decimals: number): string {
  return decimals === 0 ? "0" : `0.${"0".repeat(decimals)}`;
}

/** A role's name in the user's language. */
export function roleName(role: RegionRole | "ignore", locale: Locale): string {
  const t = uiText(locale);
  const names: Record<RegionRole | "ignore", string> = { permitted: t.regionRolePermitted, actual: t.regionRoleActual, last: t.regionRoleLast, weight: t.regionRoleWeight, history: t.regionRoleHistory, ignore: t.roleIgnore };
  return names[role];
}

/** A problem as the user reads it: "D7: ...". */
export function regionProblemText(locale: Locale, p: Problem): string {
  const text = formatMessage(locale, p.key, p.params);
  return p.address ? `${p.address}: ${text}` : text;
}
