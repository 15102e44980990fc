/**
 * What the pane does with a workbook, over the WorkbookHost interface (Excel or the in-memory workbook):
 * read and analyse, insert the comparison sheet, make a table live and undo it, find empty cells in ER ranges.
 *
 * Each action is one batch (host.run, one Excel.run) with as few syncs as its data allow; every read is capped
 * at MAX_CELLS cells. A write is one sync; if it fails midway, what it did is undone before the error is shown.
 *
 * What a write owns is tracked by hidden workbook names (one per written cell and per range its formulas
 * read), which Excel moves with the cells when rows or columns are inserted or deleted. Undo finds the
 * cells through them, rebuilds the formula each cell should hold now, and puts an old number back only
 * where that formula is still there; it removes the sheets it added only when nobody edited them or refers
 * to them since.
 */
import type { Locale } from "../i18n/locale";
import { uiText } from "../i18n/ui";
import { inputOf, isCellError, typed, type CellInfo, type UserInput, type CellRef, type NameInfo, type RangeData, type RangeRef, type Selection, type SheetWrite, type Tx, type WorkbookHost } from "./host/types";
import { formatCell, quoteSheetName } from "../sheet/address";
import { boundsOf, contains, intersect, parseRectReference, rangeAddress } from "../sheet/rect";
import { compareGroup, isEmptyCell, type GroupResult } from "./model/compare";
import { BARE_IDS, canonicalFormula, isTracked, renderFormula, type TrackedFormula } from "./model/formulas";
import { emptyCells as emptyCellsOf, erReads, MAX_CHECKED_RANGE, type CellReader, type WorkbookNames } from "../sheet/reads";
import { auditBlock, blockWrite, cellRange, planComparison, planLive, uniqueSheetName, type LivePlan, type PlannedBlock, type PlannedInput } from "./model/plan";
import { analyzeTable, mergeGroups, type Analysis, type Group, type Overrides } from "./model/table";

/** The most cells the pane reads in one action (the table and its headers, or the selection and its headers). */
export const MAX_CELLS = 60000;
/** How far above a selection the pane looks for its headers. */
const HEADER_ROWS_ABOVE = 400;

// ---------------------------------------------------------------------------------------------------
// Reading

export interface TableView {
  readonly sheet: string;
  readonly data: RangeData;
  readonly analysis: Analysis;
  readonly results: GroupResult[];
  /** True when the sheet was larger than MAX_CELLS and only its first rows were read. */
  readonly truncated: boolean;
}

export interface EmptyInRange {
  /** The formula's cell, e.g. "J5". */
  readonly at: string;
  readonly sheet: string;
  readonly name: string;
  /** The empty cells it reads. */
  readonly cells: RangeRef[];
}

export interface TableRead {
  /** The sheet read (the active one unless another was named). */
  readonly sheet: string;
  readonly sheets: string[];
  /** Null for an empty sheet. */
  readonly table: TableView | null;
  /** ER formulas of the sheet that read truly empty cells. */
  readonly empties: EmptyInRange[];
  /** ER ranges left unchecked because they were too large or over the read limit. */
  readonly unchecked: number;
}

/** Rows of `used` that fit in `budget` cells, from its top. */
function capRows(used: RangeRef, budget: number): RangeRef {
  return { ...used, rows: Math.max(0, Math.min(used.rows, Math.floor(budget / Math.max(1, used.cols)))) };
}

/** The whole-table comparison and the empty-cell check of a sheet: one batch, two syncs (three when ER formulas read other sheets). */
export async function readTable(host: WorkbookHost, sheet?: string, overrides?: Overrides): Promise<TableRead> {
  return host.run(async (tx) => {
    const used = tx.usedRange(sheet);
    const names = tx.sheetNames();
    const bookNames = tx.names();
    await tx.sync();
    const u = used.value;
    if (!u.range) return { sheet: u.sheet, sheets: names.value, table: null, empties: [], unchecked: 0 };
    const window = capRows(u.range, MAX_CELLS);
    const cells = tx.cells(window);
    const sheetNames = tx.names(u.sheet);
    await tx.sync();
    const data = cells.value;
    const analysis = analyzeTable(data, undefined, overrides);
    const table: TableView = { sheet: u.sheet, data, analysis, results: analysis.groups.map(compareGroup), truncated: window.rows < u.range.rows };
    const { empties, unchecked } = await emptyCells(tx, data, names.value, [...sheetNames.value, ...bookNames.value]);
    return { sheet: u.sheet, sheets: names.value, table, empties, unchecked };
  });
}

/**
 * The ER formulas of `data` that read empty cells (which Excel on Windows and Mac may pass to a custom
 * function as 0), by the one check of src/sheet/reads.ts. Ranges outside `data` are read in one more sync,
 * at most MAX_CELLS cells in all; those left out count as unchecked.
 */
async function emptyCells(tx: Tx, data: RangeData, sheets: readonly string[], names: readonly NameInfo[]): Promise<{ empties: EmptyInRange[]; unchecked: number }> {
  const book = workbookNames(sheets, names);
  const calls: { at: string; id: string; ranges: readonly RangeRef[] }[] = [];
  data.cells.forEach((line, i) =>
    line.forEach((cell, j) => {
      if (cell.formula) for (const call of erReads(cell.formula, data.sheet, BARE_IDS, book)) calls.push({ at: formatCell(data.row + i, data.col + j), ...call });
    }),
  );
  const inData = (r: RangeRef) => {
    const x = intersect(r, data);
    return !!x && x.rows === r.rows && x.cols === r.cols;
  };
  const key = (r: RangeRef) => `${r.sheet}!${rangeAddress(r)}`;
  const outside = new Map<string, RangeRef>();
  let budget = MAX_CELLS;
  let unchecked = 0;
  for (const c of calls) {
    for (const r of c.ranges) {
      const n = r.rows * r.cols;
      if (inData(r) || outside.has(key(r)) || n > MAX_CHECKED_RANGE) continue;
      if (n > budget) {
        unchecked++;
        continue;
      }
      budget -= n;
      outside.set(key(r), r);
    }
  }
  const reads = [...outside.values()].map((r) => tx.cells(r));
  if (reads.length > 0) await tx.sync();
  const read = [data, ...reads.map((x) => x.value)];
  const reader: CellReader = {
    cell: (sheet, row, col) => {
      const d = read.find((x) => x.sheet === sheet && contains(x, row, col));
      return d ? (d.cells[row - d.row]?.[col - d.col] ?? { value: null }) : undefined;
    },
  };
  const empties: EmptyInRange[] = [];
  for (const c of calls) {
    const found = emptyCellsOf(c.ranges, reader);
    unchecked += found.unchecked;
    if (found.cells.length > 0) empties.push({ at: c.at, sheet: data.sheet, name: c.id, cells: found.cells.map((x) => ({ ...x, rows: 1, cols: 1 })) });
  }
  return { empties, unchecked };
}

/** The workbook's sheets and names as the empty-cell check asks for them (`names`: the sheet's own, then the workbook's). */
function workbookNames(sheets: readonly string[], names: readonly NameInfo[]): WorkbookNames {
  const bySheet = new Map(sheets.map((s) => [s.toLowerCase(), s]));
  return {
    sheetNamed: (name) => bySheet.get(name.toLowerCase()),
    nameFormula: (name) => names.find((n) => n.name.toLowerCase() === name.toLowerCase())?.formula,
  };
}

export interface SelectionView {
  readonly selection: Selection;
  /** The groups of every area, merged: a plant's EIA row and its performance row may be two areas. */
  readonly groups: Group[];
  readonly results: GroupResult[];
  /** True when no header gave a role and cells were read by position. */
  readonly byPosition: boolean;
  /** Areas (or parts of them) not read: the selection is larger than MAX_CELLS with its headers. */
  readonly truncated: boolean;
}

/**
 * The comparison of the selected cells (every area of a multiple selection), read with the headers to their
 * left and above them. One batch: one sync when the selection lies in `cached` (the table last read), else two
 * or three.
 */
export async function readSelection(host: WorkbookHost, cached?: TableView | null): Promise<SelectionView> {
  return host.run(async (tx) => {
    const sel = tx.selection();
    await tx.sync();
    const selection = sel.value;
    let data: RangeData | undefined;
    let used: RangeRef | null | undefined;
    if (cached && cached.sheet === selection.sheet && !cached.truncated) {
      data = cached.data;
      used = cached.data;
    } else {
      const u = tx.usedRange(selection.sheet);
      await tx.sync();
      used = u.value.range;
    }
    if (!used) return { selection, groups: [], results: [], byPosition: false, truncated: false };
    // One window per area: the area within the used range, with the headers above (at most HEADER_ROWS_ABOVE
    // rows) and to the left; all windows together at most MAX_CELLS cells.
    let budget = MAX_CELLS;
    let truncated = false;
    const windows: { region: RangeRef; window: RangeRef }[] = [];
    for (const area of selection.areas) {
      const region = intersect(area, used);
      if (!region) continue;
      const cols = region.col + region.cols - used.col;
      const top = Math.max(used.row, region.row - HEADER_ROWS_ABOVE);
      let rows = region.row + region.rows - top;
      const fit = Math.floor(budget / Math.max(1, cols));
      if (fit <= 0) {
        truncated = true;
        break;
      }
      let cut = region;
      if (rows > fit) {
        // Too many rows: keep the headers above the area and as many of its rows as fit.
        truncated = true;
        const headers = region.row - top;
        const keep = Math.max(1, fit - headers);
        cut = { ...region, rows: Math.min(region.rows, keep) };
        rows = Math.min(fit, cut.row + cut.rows - top);
      }
      const window: RangeRef = { sheet: selection.sheet, row: cut.row + cut.rows - rows, col: used.col, rows, cols };
      budget -= rows * cols;
      windows.push({ region: intersect(cut, window) ?? cut, window });
    }
    let reads: { value: RangeData }[] | undefined;
    if (!data) {
      reads = windows.map((w) => tx.cells(w.window));
      if (reads.length > 0) await tx.sync();
    }
    const analyses = windows.map((w, i) => {
      const d = reads ? reads[i].value : sliceData(data as RangeData, w.window);
      return analyzeTable(d, w.region);
    });
    const groups = mergeGroups(analyses);
    return { selection, groups, results: groups.map(compareGroup), byPosition: analyses.some((a) => a.byPosition), truncated };
  });
}

/** The part of `data` inside `r` (r lies within data). */
function sliceData(data: RangeData, r: RangeRef): RangeData {
  return { ...r, cells: data.cells.slice(r.row - data.row, r.row - data.row + r.rows).map((line) => line.slice(r.col - data.col, r.col - data.col + r.cols)) };
}

/** The active sheet's name: one batch, one sync. */
export async function readActiveSheet(host: WorkbookHost): Promise<string> {
  return host.run(async (tx) => {
    const s = tx.activeSheet();
    await tx.sync();
    return s.value;
  });
}

// ---------------------------------------------------------------------------------------------------
// Writing

/** A cell changed, or a sheet name was taken, between planning and writing: nothing was written. */
export class StaleError extends Error {
  constructor(readonly cell: string) {
    super(`${cell} changed after the plan was made`);
    this.name = "StaleError";
  }
}

/** Cells a dynamic array spilled into are in the plan: nothing was written. */
export class SpillError extends Error {
  constructor(
    readonly cells: string[],
    readonly parent: string,
  ) {
    super(`${cells.join(", ")} hold values the dynamic array in ${parent} spilled into`);
    this.name = "SpillError";
  }
}

/** Excel refused part of a write; what had been done was undone (or, when even that failed, `undone` is false). */
export class WriteFailed extends Error {
  constructor(
    readonly reason: string,
    readonly undone: boolean,
  ) {
    super(reason);
    this.name = "WriteFailed";
  }
}

/** This Excel cannot tell which cells a dynamic array filled (ExcelApi 1.12), so Make live cannot be safe. */
export class NeedsSpillCheck extends Error {
  constructor() {
    super("ExcelApi 1.12 is needed to tell which cells a dynamic array filled");
    this.name = "NeedsSpillCheck";
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Reads the cells at the given positions of one sheet: the rectangle around them when it is not too large, else one by one. */
function readAt(tx: Tx, sheet: string, cells: readonly { row: number; col: number }[]): { value: Map<string, CellInfo> } {
  if (cells.length === 0) return { value: new Map() };
  const { row: top, col: left, rows, cols } = boundsOf(cells);
  if (rows * cols <= MAX_CELLS) {
    const block = tx.cells({ sheet, row: top, col: left, rows, cols });
    return {
      get value() {
        const d = block.value;
        return new Map(cells.map((c) => [`${c.row},${c.col}`, d.cells[c.row - top][c.col - left]]));
      },
    };
  }
  const each = cells.map((c) => [`${c.row},${c.col}`, tx.cells({ sheet, row: c.row, col: c.col, rows: 1, cols: 1 })] as const);
  return {
    get value() {
      return new Map(each.map(([k, l]) => [k, l.value.cells[0][0]]));
    },
  };
}

/** Scattered inputs of one sheet as one block write (undefined leaves a cell alone). */
function scatteredWrite(sheet: string, cells: readonly { row: number; col: number; input: UserInput }[]): SheetWrite | undefined {
  if (cells.length === 0) return undefined;
  const { row: top, col: left, rows, cols } = boundsOf(cells);
  const inputs: (UserInput | undefined)[][] = Array.from({ length: rows }, () => new Array<UserInput | undefined>(cols).fill(undefined));
  for (const c of cells) inputs[c.row - top][c.col - left] = c.input;
  return { sheet, row: top, col: left, inputs };
}

export interface Inserted {
  readonly sheet: string;
  readonly formulas: number;
  /** What was written, to tell later whether the sheet was edited. */
  readonly block: PlannedBlock;
}

/** Writes the comparison sheet (Table 5 layout, ER formulas over the analysed table's cells): one batch, two syncs. */
export async function insertComparison(host: WorkbookHost, analysis: Analysis, locale: Locale): Promise<Inserted> {
  let name: string | undefined;
  try {
    return await host.run(async (tx) => {
      const sheets = tx.sheetNames();
      await tx.sync();
      name = uniqueSheetName(uiText(locale).comparisonSheet, sheets.value);
      const plan = planComparison(analysis, locale, name);
      tx.addSheet(name);
      tx.write(plan.write);
      tx.autofitColumns(plan.fit);
      tx.select({ sheet: name, row: 0, col: 0, rows: 1, cols: 1 });
      await tx.sync();
      return { sheet: name, formulas: plan.formulas, block: plan.block };
    });
  } catch (e) {
    if (name === undefined) throw e;
    const added = name;
    const undone = await host
      .run(async (tx) => {
        const sheets = tx.sheetNames();
        await tx.sync();
        if (sheets.value.includes(added)) tx.deleteSheet(added);
        await tx.sync();
      })
      .then(() => true, () => false);
    throw new WriteFailed(errorMessage(e), undone);
  }
}

/** How to put a table back as it was before it was made live. */
export interface UndoRecord {
  /** The names' common prefix ("_ER_U…_"). */
  readonly prefix: string;
  /** The sheet made live, as it was named then. */
  readonly sheet: string;
  /** The tracked ranges as written, and the hidden name of each (same order). */
  readonly ranges: RangeRef[];
  readonly names: string[];
  /** The cells written: the tracked range of each, its old input, and its formula (refs: indexes into ranges). */
  readonly cells: { at: number; old: UserInput; formula: TrackedFormula; refs: number[] }[];
  /** The sheets added: what was written on each. */
  readonly helpers: { sheet: string; rows: PlannedCell[][] }[];
}

/** A cell of a helper sheet as written: an input, or a formula whose refs are indexes into UndoRecord.ranges. */
export type PlannedCell = UserInput | { template: string; refs: number[] };

export interface LiveDone {
  readonly plan: LivePlan;
  readonly auditSheet: string;
  readonly undo: UndoRecord;
}

/** Plans making the analysed table live (`sheets`: the workbook's sheets) and leaves out cells a dynamic array spilled into: one batch, one sync. */
export async function planLiveFor(host: WorkbookHost, analysis: Analysis, sheets: readonly string[], locale: Locale): Promise<LivePlan> {
  const gather = uniqueSheetName(uiText(locale).gatherSheet, sheets);
  const plan = planLive(analysis, locale, gather);
  if (plan.cells.length === 0 || !host.capabilities.spill) return plan;
  const parents = await host.run(async (tx) => {
    const ls = plan.cells.map((c) => tx.spillParent(c));
    await tx.sync();
    return ls.map((l) => l.value);
  });
  const spilled = plan.cells.flatMap((c, i) => (parents[i] ? [{ cell: formatCell(c.row, c.col), parent: formatCell((parents[i] as CellRef).row, (parents[i] as CellRef).col) }] : []));
  if (spilled.length === 0) return plan;
  const skip = new Set(plan.cells.filter((_, i) => parents[i]).map((c) => `${c.row},${c.col}`));
  return { ...planLive(analysis, locale, gather, skip), spilled };
}

let serial = 0;

/** A prefix for the names of one write that no name of the workbook has. */
function namePrefix(existing: readonly string[]): string {
  const taken = existing.map((n) => n.toLowerCase());
  for (;;) {
    serial++;
    const p = `_ER_U${Date.now().toString(36)}${serial.toString(36)}_`;
    if (!taken.some((n) => n.startsWith(p.toLowerCase()))) return p.toUpperCase();
  }
}

/** Tracked ranges of a write, each once. */
class Ranges {
  readonly list: RangeRef[] = [];
  index(r: RangeRef): number {
    const i = this.list.findIndex((x) => x.sheet === r.sheet && x.row === r.row && x.col === r.col && x.rows === r.rows && x.cols === r.cols);
    return i >= 0 ? i : this.list.push(r) - 1;
  }
  cell(v: PlannedInput): PlannedCell {
    return isTracked(v) ? { template: v.template, refs: v.refs.map((r) => this.index(r)) } : v;
  }
}

/**
 * Makes the table live in one batch: the first sync checks that every planned cell is as it was read, that no
 * dynamic array spilled into it and that the new sheet names are free; the second adds the audit sheet (and
 * the helper sheet the formulas need), writes the formulas and the names that track them. If the second
 * sync fails, what it did is undone.
 */
export async function applyLive(host: WorkbookHost, plan: LivePlan, locale: Locale): Promise<LiveDone> {
  if (!host.capabilities.spill) throw new NeedsSpillCheck();
  let record: UndoRecord | undefined;
  try {
    return await host.run(async (tx) => {
      const current = readAt(tx, plan.sheet, plan.cells);
      const sheets = tx.sheetNames();
      const names = tx.names();
      const parents = plan.cells.map((c) => tx.spillParent(c));
      await tx.sync();
      // The plan was made from what the pane read; if a cell has changed since, plan again rather than overwrite it.
      for (const c of plan.cells) {
        const now = current.value.get(`${c.row},${c.col}`) as CellInfo;
        if (inputOf(now) !== inputOf(c.old)) throw new StaleError(formatCell(c.row, c.col));
      }
      const spilled = plan.cells.filter((_, i) => parents[i].value);
      if (spilled.length > 0) {
        const p = parents[plan.cells.indexOf(spilled[0])].value as CellRef;
        throw new SpillError(
          spilled.map((c) => formatCell(c.row, c.col)),
          formatCell(p.row, p.col),
        );
      }
      const existing = sheets.value;
      if (plan.gatherRows.length > 0 && existing.some((s) => s.toLowerCase() === plan.gatherSheet.toLowerCase())) throw new StaleError(plan.gatherSheet);
      const auditSheet = uniqueSheetName(uiText(locale).auditSheet, [...existing, plan.gatherSheet]);

      const ranges = new Ranges();
      const cells = plan.cells.map((c) => {
        const at = ranges.index(cellRange(c));
        return { at, old: inputOf(c.old), formula: c.tracked, refs: c.tracked.refs.map((r) => ranges.index(r)) };
      });
      const audit = auditBlock(plan, locale, auditSheet);
      const blocks: PlannedBlock[] = [audit];
      if (plan.gatherRows.length > 0) blocks.push({ sheet: plan.gatherSheet, row: 0, col: 0, rows: plan.gatherRows });
      const helpers = blocks.map((b) => ({ sheet: b.sheet, rows: b.rows.map((line) => line.map((v) => ranges.cell(v))) }));
      const prefix = namePrefix(names.value.map((n) => n.name));
      const rec: UndoRecord = { prefix, sheet: plan.sheet, ranges: ranges.list, names: ranges.list.map((_, i) => `${prefix}${i + 1}`), cells, helpers };
      record = rec;

      for (const b of blocks) {
        tx.addSheet(b.sheet);
        tx.write(blockWrite(b));
        // Fit the columns to the table, below the title and notes of the first rows.
        const from = b === audit ? 2 : 1;
        tx.autofitColumns({ sheet: b.sheet, row: from, col: 0, rows: Math.max(1, b.rows.length - from), cols: Math.max(1, ...b.rows.map((r) => r.length)) });
      }
      const formulas = scatteredWrite(plan.sheet, plan.cells.map((c) => ({ row: c.row, col: c.col, input: c.formula })));
      if (formulas) tx.write(formulas);
      rec.ranges.forEach((r, i) => tx.addName(rec.names[i], r));
      await tx.sync();
      return { plan, auditSheet, undo: rec };
    });
  } catch (e) {
    if (!record) throw e;
    const undone = await rollback(host, record).then(() => true, () => false);
    throw new WriteFailed(errorMessage(e), undone);
  }
}

/** Undoes a write that failed midway: its formulas (still where they were written), its sheets, its names. */
async function rollback(host: WorkbookHost, rec: UndoRecord): Promise<void> {
  await host.run(async (tx) => {
    const sheets = tx.sheetNames();
    const names = tx.names();
    const written = rec.cells.map((c) => rec.ranges[c.at]);
    const current = readAt(tx, rec.sheet, written);
    await tx.sync();
    const restore = rec.cells.flatMap((c) => {
      const r = rec.ranges[c.at];
      const now = current.value.get(`${r.row},${r.col}`) as CellInfo;
      const formula = renderFormula(c.formula, c.formula.refs, rec.sheet);
      return now.formula && canonicalFormula(now.formula) === canonicalFormula(formula) ? [{ row: r.row, col: r.col, input: c.old }] : [];
    });
    const w = scatteredWrite(rec.sheet, restore);
    if (w) tx.write(w);
    for (const h of rec.helpers) if (sheets.value.includes(h.sheet)) tx.deleteSheet(h.sheet);
    const ours = new Set(rec.names.map((n) => n.toLowerCase()));
    for (const n of names.value) if (ours.has(n.name.toLowerCase())) tx.deleteName(n.name);
    await tx.sync();
  });
}

export type RefusedReason = "deleted" | "changed";
export type KeptReason = "edited" | "referenced" | "unchecked";

export interface UndoDone {
  readonly restored: number;
  /** Cells not put back, and why: deleted since, or no longer holding the formula written. */
  readonly refused: { cell: string; reason: RefusedReason }[];
  readonly removedSheets: string[];
  /** Added sheets left in place, and why (edited since, referred to by a formula or name, too much to check). */
  readonly keptSheets: { sheet: string; reason: KeptReason; where?: string }[];
}

/** Where a name's formula ("=Sheet1!$D$6") points; null when its cells were deleted ("=#REF!"). */
export function nameTarget(formula: string | undefined): RangeRef | null {
  if (!formula) return null;
  const r = parseRectReference(formula.replace(/^=/, ""), "");
  return r && r.sheet !== "" ? r : null;
}

/** Whether a cell holds what a planned input puts there (a tracked formula rendered with `ranges`, on `sheet`). */
function holds(cell: CellInfo, planned: PlannedCell, ranges: readonly (RangeRef | null)[], sheet: string): boolean {
  if (typeof planned === "object" && planned !== null) {
    const f = renderFormula({ template: planned.template }, planned.refs.map((i) => ranges[i]), sheet);
    return !!cell.formula && canonicalFormula(cell.formula) === canonicalFormula(f);
  }
  const t = typed(planned);
  if ("formula" in t) return !!cell.formula && canonicalFormula(cell.formula) === canonicalFormula(t.formula);
  if (cell.formula) return false;
  const v = t.value;
  if (v === null) return isEmptyCell(cell);
  if (isCellError(v)) return isCellError(cell.value) && cell.value.error === v.error;
  return cell.value === v;
}

/** A formula's references to a sheet: "'ER inputs'!D3" or "Audit!A1", in any case. */
function refersTo(formula: string, sheet: string): boolean {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const quoted = esc(quoteSheetName(sheet).startsWith("'") ? quoteSheetName(sheet) : `'${sheet}'`);
  return new RegExp(`(^|[^A-Za-z0-9_.'\\u00C0-\\uFFFF])(${quoted}|${esc(sheet)})!`, "i").test(formula);
}

/**
 * Puts the old numbers back where the formulas written still are, and removes the sheets that were added, in
 * one batch of four syncs: where the tracked cells are now (the names), the sheets' used ranges, the cells,
 * then the writes.
 */
export async function undoLive(host: WorkbookHost, undo: UndoRecord): Promise<UndoDone> {
  return host.run(async (tx) => {
    const sheetsL = tx.sheetNames();
    const namesL = tx.names();
    await tx.sync();
    const sheets = sheetsL.value;
    const formulaOf = new Map(namesL.value.map((n) => [n.name.toLowerCase(), n.formula]));
    const now = undo.names.map((n) => {
      const r = nameTarget(formulaOf.get(n.toLowerCase()));
      return r && sheets.includes(r.sheet) ? r : null;
    });

    const usedL = sheets.map((s) => tx.usedRange(s));
    await tx.sync();
    const used = new Map(usedL.map((u) => [u.value.sheet, u.value.range]));

    // The written cells where they are now, the helper sheets, and every other sheet's formulas (capped).
    const bySheet = new Map<string, { row: number; col: number }[]>();
    for (const c of undo.cells) {
      const r = now[c.at];
      if (r) bySheet.set(r.sheet, [...(bySheet.get(r.sheet) ?? []), { row: r.row, col: r.col }]);
    }
    const owned = new Map([...bySheet].map(([s, cs]) => [s, readAt(tx, s, cs)] as const));
    const helperNames = new Set(undo.helpers.map((h) => h.sheet));
    let budget = MAX_CELLS;
    const scans = new Map<string, { value: RangeData } | "unchecked">();
    for (const s of [...sheets.filter((x) => helperNames.has(x)), ...sheets.filter((x) => !helperNames.has(x))]) {
      const u = used.get(s);
      if (!u) continue;
      if (u.rows * u.cols > budget) {
        scans.set(s, "unchecked");
        continue;
      }
      budget -= u.rows * u.cols;
      scans.set(s, tx.cells(u));
    }
    await tx.sync();

    // Cells: put back where the formula written (as Excel has moved its references since) is still there.
    const refused: UndoDone["refused"] = [];
    const restores = new Map<string, { row: number; col: number; input: UserInput }[]>();
    const restoredAt = new Set<string>();
    let restored = 0;
    for (const c of undo.cells) {
      const r = now[c.at];
      const written = undo.ranges[c.at];
      if (!r) {
        refused.push({ cell: formatCell(written.row, written.col), reason: "deleted" });
        continue;
      }
      const cell = owned.get(r.sheet)?.value.get(`${r.row},${r.col}`) as CellInfo;
      if (inputOf(cell) === c.old) {
        restored++; // already back (an undo that stopped midway, run again)
        continue;
      }
      if (!holds(cell, { template: c.formula.template, refs: c.refs }, now, r.sheet)) {
        refused.push({ cell: formatCell(r.row, r.col), reason: "changed" });
        continue;
      }
      restores.set(r.sheet, [...(restores.get(r.sheet) ?? []), { row: r.row, col: r.col, input: c.old }]);
      restoredAt.add(`${r.sheet}!${r.row},${r.col}`);
      restored++;
    }

    // Sheets: removed only when they hold what was written, and no formula or name outside them refers to them.
    const removed: string[] = [];
    const kept: UndoDone["keptSheets"] = [];
    const present = undo.helpers.filter((h) => sheets.includes(h.sheet));
    const verdict = new Map<string, { reason: KeptReason; where?: string } | null>();
    for (const h of present) {
      const scan = scans.get(h.sheet);
      const u = used.get(h.sheet);
      if (scan === "unchecked") {
        verdict.set(h.sheet, { reason: "edited" });
        continue;
      }
      const width = Math.max(0, ...h.rows.map((l) => l.length));
      const extent: RangeRef = { sheet: h.sheet, row: 0, col: 0, rows: h.rows.length, cols: width };
      let edited = !!u && (u.row + u.rows > extent.rows || u.col + u.cols > extent.cols);
      if (!edited && scan && u) {
        const d = scan.value;
        for (let i = 0; i < h.rows.length && !edited; i++) {
          for (let j = 0; j < width && !edited; j++) {
            const cell = contains(d, i, j) ? d.cells[i - d.row][j - d.col] : { value: null };
            if (!holds(cell, h.rows[i][j] ?? null, now, h.sheet)) edited = true;
          }
        }
      }
      verdict.set(h.sheet, edited ? { reason: "edited", where: undefined } : null);
    }
    // References from the other sheets (cells not being put back) and from names that are not ours.
    const checking = present.filter((h) => verdict.get(h.sheet) === null).map((h) => h.sheet);
    if (checking.length > 0) {
      const leaving = new Set(checking);
      const unchecked = sheets.filter((s) => !leaving.has(s) && scans.get(s) === "unchecked");
      for (const [s, scan] of scans) {
        if (scan === "unchecked" || leaving.has(s)) continue;
        const d = scan.value;
        d.cells.forEach((line, i) =>
          line.forEach((cell, j) => {
            if (!cell.formula || restoredAt.has(`${s}!${d.row + i},${d.col + j}`)) return;
            for (const target of checking) {
              if (verdict.get(target) === null && refersTo(cell.formula, target)) verdict.set(target, { reason: "referenced", where: `${s}!${formatCell(d.row + i, d.col + j)}` });
            }
          }),
        );
      }
      for (const n of namesL.value) {
        if (n.name.toUpperCase().startsWith(undo.prefix)) continue;
        for (const target of checking) if (verdict.get(target) === null && refersTo(n.formula, target)) verdict.set(target, { reason: "referenced", where: n.name });
      }
      if (unchecked.length > 0) for (const target of checking) if (verdict.get(target) === null) verdict.set(target, { reason: "unchecked", where: unchecked.join(", ") });
    }
    for (const h of present) {
      const v = verdict.get(h.sheet);
      if (v) kept.push({ sheet: h.sheet, ...v });
      else removed.push(h.sheet);
    }

    for (const [s, cs] of restores) {
      const w = scatteredWrite(s, cs);
      if (w) tx.write(w);
    }
    for (const s of removed) tx.deleteSheet(s);
    const ours = new Set(undo.names.map((n) => n.toLowerCase()));
    for (const n of namesL.value) if (ours.has(n.name.toLowerCase())) tx.deleteName(n.name);
    await tx.sync();
    return { restored, refused, removedSheets: removed, keptSheets: kept };
  });
}

export interface RemoveDone {
  readonly removed: boolean;
  readonly kept?: { reason: KeptReason; where?: string };
}

/**
 * Removes an inserted comparison sheet unless it was edited (a cell typed over, something added) or a formula or
 * name elsewhere refers to it: one batch, three syncs (four with the removal).
 */
export async function removeComparison(host: WorkbookHost, inserted: Inserted): Promise<RemoveDone> {
  return host.run(async (tx) => {
    const sheetsL = tx.sheetNames();
    const namesL = tx.names();
    await tx.sync();
    const sheets = sheetsL.value;
    if (!sheets.includes(inserted.sheet)) return { removed: true };
    const usedL = sheets.map((s) => tx.usedRange(s));
    await tx.sync();
    let budget = MAX_CELLS;
    const scans: [string, { value: RangeData }][] = [];
    let unchecked: string | undefined;
    for (const u of usedL.map((l) => l.value)) {
      if (!u.range) continue;
      if (u.range.rows * u.range.cols > budget) {
        unchecked = u.sheet;
        continue;
      }
      budget -= u.range.rows * u.range.cols;
      scans.push([u.sheet, tx.cells(u.range)]);
    }
    await tx.sync();
    const own = scans.find(([s]) => s === inserted.sheet)?.[1].value;
    const b = inserted.block;
    const width = Math.max(0, ...b.rows.map((l) => l.length));
    // The comparison's formulas read the source table, which may have moved: a formula counts as unchanged
    // when it is the same apart from its references.
    const shape = (f: string) => canonicalFormula(f).replace(/('[^']*'|[^\s(),!'"]+)?!?\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?/g, "@");
    let edited = !own || own.row + own.rows > b.rows.length || own.col + own.cols > width;
    for (let i = 0; i < b.rows.length && !edited; i++) {
      for (let j = 0; j < width && !edited; j++) {
        const cell = own && contains(own, i, j) ? own.cells[i - own.row][j - own.col] : { value: null };
        const v = b.rows[i][j] ?? null;
        // A cell the block's own array formula spills into holds its value, not what was written there.
        if (v === null && !cell.formula && b.spills?.some((r) => contains(r, i, j))) continue;
        if (isTracked(v)) edited = !cell.formula || shape(cell.formula) !== shape(renderFormula(v, v.refs, b.sheet));
        else edited = !holds(cell, v, [], b.sheet);
      }
    }
    if (edited) return { removed: false, kept: { reason: "edited" } };
    for (const [s, scan] of scans) {
      if (s === inserted.sheet) continue;
      const d = scan.value;
      for (let i = 0; i < d.cells.length; i++) {
        for (let j = 0; j < d.cells[i].length; j++) {
          const f = d.cells[i][j].formula;
          if (f && refersTo(f, inserted.sheet)) return { removed: false, kept: { reason: "referenced", where: `${s}!${formatCell(d.row + i, d.col + j)}` } };
        }
      }
    }
    for (const n of namesL.value) if (refersTo(n.formula, inserted.sheet)) return { removed: false, kept: { reason: "referenced", where: n.name } };
    if (unchecked) return { removed: false, kept: { reason: "unchecked", where: unchecked } };
    tx.deleteSheet(inserted.sheet);
    await tx.sync();
    return { removed: true };
  });
}
