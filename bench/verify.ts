/**
 * Before anything is timed: the ER workbook and the built-in one must compute the same numbers, cell for
 * cell (every right of every plant and every performance emission), with no error anywhere. A benchmark
 * comparing different answers would be worthless.
 */
import { Engine, type CellContent } from "../src/engine/engine";
import type { CellValue } from "../src/sheet/errors";
import { buildSheets, PHASES_SHEET, POLLUTANTS, RIGHTS_SHEET, type Plant } from "./workbook";

export interface Agreement {
  /** True when every compared cell holds the same number (or the same '/' mark) in both workbooks. */
  readonly agree: boolean;
  /** Rights compared (plants x 2 pollutants x 2 methods). */
  readonly rights: number;
  /** Performance emissions compared (existing phases x 2 pollutants). */
  readonly performance: number;
  readonly mismatches: number;
  /** The largest absolute difference between two numbers compared. */
  readonly maxAbsDiff: number;
  /** A few of the cells that differ: sheet!address er builtin. */
  readonly examples: readonly string[];
}

export interface Verified {
  readonly agreement: Agreement;
  /** The ER workbook's computed values, sheet by sheet (the cached values of the saved file). */
  readonly erValues: Record<string, CellValue[][]>;
}

function address(row: number, col: number): string {
  return `${String.fromCharCode(65 + col)}${row + 1}`;
}

function show(v: CellValue | undefined): string {
  return typeof v === "object" && v !== null ? `${v.error}` : JSON.stringify(v);
}

function valuesOf(plants: readonly Plant[], variant: "er" | "builtin"): Record<string, CellValue[][]> {
  const sheets = buildSheets(plants, variant) as Record<string, CellContent[][]>;
  const engine = Engine.create(sheets);
  try {
    return Object.fromEntries(Object.keys(sheets).map((s) => [s, engine.getSheetValues(s)]));
  } finally {
    engine.destroy();
  }
}

export function verify(plants: readonly Plant[]): Verified {
  const er = valuesOf(plants, "er");
  const builtin = valuesOf(plants, "builtin");
  let rights = 0;
  let performance = 0;
  let mismatches = 0;
  let maxAbsDiff = 0;
  const examples: string[] = [];
  const compare = (sheet: string, row: number, col: number): boolean => {
    const a = er[sheet][row]?.[col];
    const b = builtin[sheet][row]?.[col];
    if (typeof a === "number" && typeof b === "number") {
      maxAbsDiff = Math.max(maxAbsDiff, Math.abs(a - b));
      if (a === b) return true;
    } else if (a === "/" && b === "/") {
      return false; // an absent phase: nothing to compare
    }
    mismatches++;
    if (examples.length < 5) examples.push(`${sheet}!${address(row, col)} er=${show(a)} builtin=${show(b)}`);
    return true;
  };
  for (let p = 0; p < plants.length; p++) for (let c = 1; c <= 4; c++) if (compare(RIGHTS_SHEET, p + 1, c)) rights++;
  const phaseRows = er[PHASES_SHEET].length;
  for (let r = 1; r < phaseRows; r++) for (const pol of POLLUTANTS) if (compare(PHASES_SHEET, r, pol.performance)) performance++;
  return { agreement: { agree: mismatches === 0 && rights === plants.length * 4, rights, performance, mismatches, maxAbsDiff, examples }, erValues: er };
}
