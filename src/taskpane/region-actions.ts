/**
 * What the Region view does with a workbook, over the WorkbookHost interface (Excel or the in-memory
 * workbook): read a sheet as a table of permit holders, and write the allocation of a cut as a new sheet
 * of live formulas, with the undo record that removes it (the pane's one undo mechanism, actions.ts).
 */
import type { Locale } from "../i18n/locale";
import { uiText } from "../i18n/ui";
import { readSheet, type UndoRecord } from "./actions";
import type { WorkbookHost } from "./host/types";
import { uniqueSheetName } from "./model/plan";
import { analyzeRegion, planCutSheet, summarize, type CutRequest, type PollutantSummary, type RegionAnalysis, type RegionOverrides } from "./model/region";

export interface RegionRead {
  readonly sheet: string;
  readonly region: RegionAnalysis;
  readonly summaries: PollutantSummary[];
  /** True when the sheet was larger than the pane reads and only its first rows were read. */
  readonly truncated: boolean;
}

/** A sheet read as a table of permit holders; null for an empty sheet. */
export async function readRegion(host: WorkbookHost, sheet: string, overrides: RegionOverrides = {}): Promise<RegionRead | null> {
  const read = await readSheet(host, sheet);
  if (!read) return null;
  const region = analyzeRegion(read.data, overrides);
  return { sheet, region, summaries: summarize(region), truncated: read.truncated };
}

export interface CutWritten {
  /** The sheet added. */
  readonly sheet: string;
  /** The sheet the holders were read from. */
  readonly source: string;
  /** The cell of ER.ALLOCATE_CUT. */
  readonly at: string;
  /** Removes the added sheet (undoLive). */
  readonly undo: UndoRecord;
}

/** Adds the allocation sheet (the user's table is not touched) and shows it. */
export async function writeCut(host: WorkbookHost, read: RegionRead, summary: PollutantSummary, request: CutRequest, locale: Locale): Promise<CutWritten> {
  const name = uniqueSheetName(uiText(locale).cutSheet, await host.sheetNames());
  const plan = planCutSheet(read.region, summary, request, locale, name);
  await host.addSheet(name);
  await host.write([plan.write]);
  await host.select({ sheet: name, row: 0, col: 0, rows: 1, cols: 1 });
  return { sheet: name, source: read.sheet, at: plan.at, undo: { sheet: name, cells: [], addedSheets: [name] } };
}
