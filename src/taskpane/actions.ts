/**
 * What the pane does with a workbook, over the WorkbookHost interface (Excel or the in-memory workbook):
 * read and analyse, insert the comparison sheet, make a table live and undo it, find empty cells in ER ranges.
 */
import type { Locale } from "../i18n/locale";
import { uiText } from "../i18n/ui";
import { inputOf, type CellInfo, type CellInput, type RangeData, type RangeRef, type WorkbookHost } from "./host/types";
import { cellAddress, intersect, rangeAddress } from "./model/a1";
import { compareGroup, isEmptyCell, type GroupResult } from "./model/compare";
import { canonicalFormula, erCalls } from "./model/formulas";
import { auditWrite, planComparison, planLive, uniqueSheetName, type LivePlan } from "./model/plan";
import { analyzeTable, type Analysis, type Overrides } from "./model/table";

/** The most cells the pane reads from one sheet (the table and its headers). */
export const MAX_CELLS = 60000;
/** How far above a selection the pane looks for its headers. */
const HEADER_ROWS_ABOVE = 400;

export interface SheetRead {
  readonly data: RangeData;
  /** True when the sheet was larger than MAX_CELLS and only its first rows were read. */
  readonly truncated: boolean;
}

/** A sheet's used range (from its first used cell), at most MAX_CELLS cells; null for an empty sheet. */
export async function readSheet(host: WorkbookHost, sheet: string): Promise<SheetRead | null> {
  const used = await host.usedRange(sheet);
  if (!used) return null;
  const maxRows = Math.max(1, Math.floor(MAX_CELLS / used.cols));
  const rows = Math.min(used.rows, maxRows);
  const data = await host.read({ ...used, rows });
  return { data, truncated: rows < used.rows };
}

export interface TableView {
  readonly sheet: string;
  readonly data: RangeData;
  readonly analysis: Analysis;
  readonly results: GroupResult[];
  readonly truncated: boolean;
}

/** The whole-table comparison of a sheet. */
export async function compareSheet(host: WorkbookHost, sheet: string, overrides?: Overrides): Promise<TableView | null> {
  const read = await readSheet(host, sheet);
  if (!read) return null;
  const analysis = analyzeTable(read.data, undefined, overrides);
  return { sheet, data: read.data, analysis, results: analysis.groups.map(compareGroup), truncated: read.truncated };
}

export interface SelectionView {
  readonly selection: RangeRef;
  readonly analysis: Analysis | null;
  readonly results: GroupResult[];
}

/** The comparison of the selected cells, read with the headers to their left and above them. */
export async function compareSelection(host: WorkbookHost): Promise<SelectionView> {
  const selection = await host.getSelection();
  const used = await host.usedRange(selection.sheet);
  const region = used ? intersect(selection, used) : undefined;
  if (!used || !region) return { selection, analysis: null, results: [] };
  const top = Math.max(used.row, region.row - HEADER_ROWS_ABOVE);
  const rowsDown = region.row + region.rows - top;
  const cols = region.col + region.cols - used.col;
  const rows = Math.min(rowsDown, Math.max(region.rows, Math.floor(MAX_CELLS / Math.max(1, cols))));
  const window: RangeRef = { sheet: selection.sheet, row: region.row + region.rows - rows, col: used.col, rows, cols };
  const data = await host.read(window);
  const clipped = intersect(region, window) ?? region;
  const analysis = analyzeTable(data, clipped);
  return { selection, analysis, results: analysis.groups.map(compareGroup) };
}

export interface Inserted {
  readonly sheet: string;
  readonly formulas: number;
}

/** Writes the comparison sheet (Table 5 layout, ER formulas over the analysed table's cells). */
export async function insertComparison(host: WorkbookHost, analysis: Analysis, locale: Locale): Promise<Inserted> {
  const name = uniqueSheetName(uiText(locale).comparisonSheet, await host.sheetNames());
  const plan = planComparison(analysis, locale, name);
  await host.addSheet(name);
  await host.write([plan.write]);
  await host.select({ sheet: name, row: 0, col: 0, rows: 1, cols: 1 });
  return { sheet: name, formulas: plan.formulas };
}

/**
 * The current cells at the given positions of one sheet, read in one request (the rectangle around them)
 * when it is not too large, else one by one.
 */
async function readCells(host: WorkbookHost, sheet: string, cells: readonly { row: number; col: number }[]): Promise<Map<string, CellInfo>> {
  const out = new Map<string, CellInfo>();
  if (cells.length === 0) return out;
  const top = Math.min(...cells.map((c) => c.row));
  const left = Math.min(...cells.map((c) => c.col));
  const rows = Math.max(...cells.map((c) => c.row)) - top + 1;
  const cols = Math.max(...cells.map((c) => c.col)) - left + 1;
  if (rows * cols <= MAX_CELLS) {
    const d = await host.read({ sheet, row: top, col: left, rows, cols });
    for (const c of cells) out.set(`${c.row},${c.col}`, d.cells[c.row - top][c.col - left]);
  } else {
    for (const c of cells) out.set(`${c.row},${c.col}`, (await host.read({ sheet, row: c.row, col: c.col, rows: 1, cols: 1 })).cells[0][0]);
  }
  return out;
}

/** How to put a table back as it was before it was made live. */
export interface UndoRecord {
  readonly sheet: string;
  readonly cells: { row: number; col: number; old: CellInput; formula: string }[];
  readonly addedSheets: string[];
}

/** A cell changed between planning and writing. */
export class StaleError extends Error {
  constructor(readonly cell: string) {
    super(`${cell} changed after the plan was made`);
    this.name = "StaleError";
  }
}

export interface LiveDone {
  readonly plan: LivePlan;
  readonly auditSheet: string;
  readonly undo: UndoRecord;
}

/** Plans making the analysed table live, with names for the sheets it would add. */
export async function planLiveFor(host: WorkbookHost, analysis: Analysis, locale: Locale): Promise<LivePlan> {
  const names = await host.sheetNames();
  return planLive(analysis, locale, uniqueSheetName(uiText(locale).gatherSheet, names));
}

/**
 * Makes the table live: first the audit sheet with the old numbers (and the helper sheet the formulas need),
 * then the formulas in place of the computed numbers. Nothing is overwritten before its old content is
 * recorded on the audit sheet and in the returned undo record.
 */
export async function applyLive(host: WorkbookHost, plan: LivePlan, locale: Locale): Promise<LiveDone> {
  // The plan was made from what the pane read; if a cell has changed since, plan again rather than overwrite it.
  const current = await readCells(host, plan.sheet, plan.cells);
  for (const c of plan.cells) {
    const now = current.get(`${c.row},${c.col}`) as CellInfo;
    if (inputOf(now) !== inputOf(c.old)) throw new StaleError(cellAddress(c.row, c.col));
  }
  const names = await host.sheetNames();
  const auditSheet = uniqueSheetName(uiText(locale).auditSheet, [...names, plan.gatherSheet]);
  const added: string[] = [];
  await host.addSheet(auditSheet);
  added.push(auditSheet);
  await host.write([auditWrite(plan, locale, auditSheet)]);
  if (plan.gatherRows.length > 0) {
    await host.addSheet(plan.gatherSheet);
    added.push(plan.gatherSheet);
    await host.write([{ sheet: plan.gatherSheet, row: 0, col: 0, inputs: plan.gatherRows }]);
  }
  await host.write(plan.cells.map((c) => ({ sheet: c.sheet, row: c.row, col: c.col, inputs: [[c.formula]] })));
  const undo: UndoRecord = {
    sheet: plan.sheet,
    cells: plan.cells.map((c) => ({ row: c.row, col: c.col, old: inputOf(c.old), formula: c.formula })),
    addedSheets: added,
  };
  return { plan, auditSheet, undo };
}

export interface UndoDone {
  readonly restored: number;
  /** Cells changed by someone after the formulas were written: left as they are. */
  readonly skipped: string[];
  readonly removedSheets: string[];
}

/** Puts the old numbers back where the formulas still are, and removes the sheets that were added. */
export async function undoLive(host: WorkbookHost, undo: UndoRecord): Promise<UndoDone> {
  const skipped: string[] = [];
  const writes = [];
  const current = await readCells(host, undo.sheet, undo.cells);
  for (const c of undo.cells) {
    const now = current.get(`${c.row},${c.col}`) as CellInfo;
    if (!now.formula || canonicalFormula(now.formula) !== canonicalFormula(c.formula)) {
      skipped.push(cellAddress(c.row, c.col));
      continue;
    }
    writes.push({ sheet: undo.sheet, row: c.row, col: c.col, inputs: [[c.old]] });
  }
  await host.write(writes);
  const existing = await host.sheetNames();
  const removed: string[] = [];
  for (const s of undo.addedSheets) {
    if (!existing.includes(s)) continue;
    await host.deleteSheet(s);
    removed.push(s);
  }
  return { restored: writes.length, skipped, removedSheets: removed };
}

export interface EmptyInRange {
  /** The formula's cell, e.g. "J5". */
  readonly at: string;
  readonly sheet: string;
  readonly name: string;
  /** The empty cells it reads. */
  readonly cells: RangeRef[];
}

/**
 * The ER formulas of a sheet that read truly empty cells (which Excel on Windows and Mac may pass to a
 * custom function as 0).
 */
export async function findEmptyInErRanges(host: WorkbookHost, data: RangeData): Promise<EmptyInRange[]> {
  const out: EmptyInRange[] = [];
  const sheets = await host.sheetNames();
  const cache = new Map<string, RangeData>();
  const readCached = async (r: RangeRef): Promise<RangeData> => {
    // Ranges on the sheet already read come from it; others are read once each.
    const inside = intersect(r, data);
    if (inside && inside.rows === r.rows && inside.cols === r.cols) {
      return { ...r, cells: data.cells.slice(r.row - data.row, r.row - data.row + r.rows).map((line) => line.slice(r.col - data.col, r.col - data.col + r.cols)) };
    }
    const key = `${r.sheet}!${rangeAddress(r)}`;
    let d = cache.get(key);
    if (!d) {
      d = await host.read(r);
      cache.set(key, d);
    }
    return d;
  };
  for (let i = 0; i < data.cells.length; i++) {
    for (let j = 0; j < data.cells[i].length; j++) {
      const f = data.cells[i][j].formula;
      if (!f) continue;
      for (const call of erCalls(f, data.sheet)) {
        const empties: RangeRef[] = [];
        for (const r of call.ranges) {
          if (!sheets.includes(r.sheet) || r.rows * r.cols > 10000) continue;
          const d = await readCached(r);
          d.cells.forEach((line, a) => line.forEach((cell, b) => isEmptyCell(cell) && empties.push({ sheet: r.sheet, row: r.row + a, col: r.col + b, rows: 1, cols: 1 })));
        }
        if (empties.length > 0) out.push({ at: cellAddress(data.row + i, data.col + j), sheet: data.sheet, name: call.name, cells: empties });
      }
    }
  }
  return out;
}
