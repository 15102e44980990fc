/**
 * The formula cells of a read workbook after recalculation: each with its new value, the value the file
 * held, and whether the engine stands behind it (recomputed and verified, see closure.ts).
 */
import { isCellError, type CellValue } from "../sheet/errors";
import { engineMessage } from "./messages";
import type { FormulaCell, JsonValue } from "./package/read";
import type { LoadedWorkbook } from "./workbook";
import { formatCell, quoteSheetName } from "../sheet/address";

/** A formula cell after recalculation. */
export interface RecalculatedCell {
  readonly sheet: string;
  readonly address: string;
  readonly formula: string;
  readonly value: JsonValue;
  readonly previous: JsonValue;
  /** The new value is an error (value holds its text, "#N/A"). */
  readonly isError: boolean;
  /** The engine's message for an error result. */
  readonly message?: string;
  /**
   * Why the value is neither judged nor written, if so: the reason it is not verified, or that it is not
   * computed (notVerified / notComputed say which).
   */
  readonly unsupported?: string;
  /** The engine recomputed it (else value is the file's stored value). */
  readonly recomputed: boolean;
  /** Recomputed, but through a function or feature not checked against Excel, or reading such a cell (see closure.ts). */
  readonly notVerified?: boolean;
  /** Not recomputed, and the file holds no value for it. */
  readonly notComputed?: boolean;
  readonly cell: FormulaCell;
}


export function jsonValue(v: CellValue): JsonValue {
  if (isCellError(v)) return v.error;
  return v;
}

/** An error the engine gives when it cannot compute a formula (syntax, a cycle, a name or function it lacks). */
function engineFailure(value: CellValue): string | undefined {
  if (isCellError(value) && (value.error === "#ERROR!" || value.error === "#CYCLE!" || value.error === "#NAME?")) return value.message ?? value.error;
  return undefined;
}

/**
 * Every formula cell of the file with its new value and the value the file held. Cells outside the
 * recompute set keep the file's value (notComputed when it has none); a recomputed cell that is not
 * verified (see closure.ts), or whose computation failed in the engine, or that reads such a cell, is
 * marked so, with the reason.
 */
export function recalculated(wb: LoadedWorkbook): RecalculatedCell[] {
  const n = wb.formulas.length;
  const { plan } = wb;
  const values = new Array<CellValue>(n);
  const failed = new Map<number, string>();
  for (let i = 0; i < n; i++) {
    if (!plan.recomputed[i]) continue;
    values[i] = wb.engine.formulaValue(i);
    const why = engineFailure(values[i]) ?? emptyTextInArithmetic(wb, i, values[i]);
    if (why) failed.set(i, why);
  }
  if (failed.size > 0) plan.propagate(failed);
  const out: RecalculatedCell[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const f = wb.formulas[i];
    if (!plan.recomputed[i]) {
      const notComputed = plan.notComputed[i];
      out[i] = {
        sheet: f.sheet,
        address: f.address,
        formula: f.formula,
        value: f.previous,
        previous: f.previous,
        isError: f.previousIsError,
        recomputed: false,
        cell: f,
        ...(notComputed ? { notComputed: true, unsupported: engineMessage(wb.engine.locale, "whyNotComputed", { cell: f.address }) } : {}),
      };
      continue;
    }
    const v = values[i];
    const why = plan.reasons[i];
    out[i] = {
      sheet: f.sheet,
      address: f.address,
      formula: f.formula,
      value: jsonValue(v),
      previous: f.previous,
      isError: isCellError(v),
      recomputed: true,
      cell: f,
      ...(isCellError(v) && v.message ? { message: v.message } : {}),
      ...(why ? { unsupported: why, notVerified: true } : {}),
    };
  }
  return out;
}

/**
 * "" read as a number (by arithmetic, ABS, ROUND, IF's condition...): the engine takes it as 0, Excel gives
 * #VALUE!. A formula whose result is "" is let be: the usual guard IF(A1="","",A1*2) took its "" branch.
 */
function emptyTextInArithmetic(wb: LoadedWorkbook, i: number, value: CellValue): string | undefined {
  const cells = wb.plan.arithmeticCells.get(i);
  if (!cells || value === "") return undefined;
  const home = wb.formulas[i].sheet;
  for (const c of cells) {
    if (!wb.sheetNames.includes(c.sheet)) continue;
    if (wb.engine.getValue(c.sheet, c.row, c.col) === "") {
      const a = formatCell(c.row, c.col);
      return engineMessage(wb.engine.locale, "whyEmptyText", { cell: c.sheet === home ? a : `${quoteSheetName(c.sheet)}!${a}` });
    }
  }
  return undefined;
}

