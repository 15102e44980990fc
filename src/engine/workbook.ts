/**
 * A workbook read from an .xlsx and ready to compute (Node only): the package reader gives its cells as
 * plain data (src/engine/package/), the recompute plan decides which formulas the engine recomputes
 * (src/engine/closure.ts), and the engine is built from what the plan gives it. The input is only ever read.
 */
import type { Locale } from "../i18n/locale";
import { recomputePlan, type RecomputePlan } from "./closure";
import { computeWorkbook, type WorkbookValues } from "./computed";
import type { DefinedName } from "./engine";
import { readBytes } from "./files";
import { bareFunctionNames } from "./names";
import { readPackage, type FormulaCell, type JsonValue } from "./package/read";
import type { SheetCellKey } from "./cell-key";

export type { FormulaCell, JsonValue, ReadWorkbook } from "./package/read";

export interface LoadedWorkbook {
  readonly file: string;
  /** The file's bytes, as read (the copy is written from them). */
  readonly bytes: Buffer;
  /** The computed cells (see computed.ts). */
  readonly engine: WorkbookValues;
  readonly sheetNames: readonly string[];
  readonly formulas: readonly FormulaCell[];
  readonly names: readonly DefinedName[];
  readonly date1904: boolean;
  /** Values the file held in the cells covered by array formulas (not their top-left cell): "sheet!row,col". */
  readonly arrayValues: ReadonlyMap<SheetCellKey, { readonly value: JsonValue; readonly isError: boolean }>;
  /** Which formulas the engine recomputes and which it takes from the file (see closure.ts). */
  readonly plan: RecomputePlan;
  /** The zip entry of each worksheet, as the package's relationships resolve it (see ReadWorkbook). */
  readonly sheetParts: ReadonlyMap<string, string>;
}

export interface ReadOptions {
  readonly locale?: Locale;
  /** The most cells (and rows) holding a value or formula a workbook may have; READ_LIMITS.cells unless given. */
  readonly maxCells?: number;
  /** Recompute every formula, not only the ER formulas and what depends on them (see closure.ts). */
  readonly recomputeAll?: boolean;
  /** Compute plain ER calls without the engine (default true; see computed.ts). */
  readonly direct?: boolean;
}

/**
 * Reads a workbook and computes it. Throws WorkbookReadError, with a reason, for anything that is not a
 * readable .xlsx (missing, a folder, empty, not a zip, truncated, encrypted, a legacy .xls, a zip that is
 * not a workbook, a binary workbook, a damaged part, or one past the read limits).
 *
 * Three steps: readPackage gives the workbook as plain data (src/engine/package/read.ts), the plan says
 * which formulas are recomputed (closure.ts), and computeWorkbook computes them (computed.ts).
 */
export async function readWorkbook(file: string, options: ReadOptions = {}): Promise<LoadedWorkbook> {
  const bytes = readBytes(file);
  const read = await readPackage(file, bytes, { maxCells: options.maxCells });
  const { sheetNames, formulas, names, date1904, arrayValues, sheetParts } = read;
  // Formulas outside the recompute set go to the engine as the values the file stores (see closure.ts).
  const normalize = { bareFunctions: bareFunctionNames() };
  const locale = options.locale ?? "en-US";
  const plan = recomputePlan({ sheets: read.sheets, formulas, names, arrayValues }, { normalize, recomputeAll: options.recomputeAll, locale });
  const engine = computeWorkbook(plan, formulas, { locale, names, date1904, normalize, direct: options.direct });
  return { file, bytes, engine, sheetNames, formulas, names, date1904, arrayValues, sheetParts, plan };
}

