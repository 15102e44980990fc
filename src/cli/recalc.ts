/**
 * `emission-rights recalc <file> [--out <copy>] [--json] [--force]`: recalculates a workbook; with --out,
 * writes a copy whose formula cells carry the new values. The input is never written to.
 */
import { cliText } from "../i18n/cli";
import { WorkbookReadError, WorkbookWriteError } from "../engine/errors";
import { writeCheck } from "../engine/files";
import { writeWorkbook } from "../engine/copy";
import { recalculated, type RecalculatedCell } from "../engine/recalc";
import { readWorkbook } from "../engine/workbook";
import { readErrorLine, writeErrorLine } from "./errors";
import { sameTo15Digits, showValue, shownPath } from "./format";
import { typedFormula } from "../sheet/er";
import { EXIT, type Context } from "./io";
import { MAX_TABLE_ROWS, renderTable } from "./table";

export interface RecalcOptions {
  readonly out?: string;
  readonly json?: boolean;
  readonly force?: boolean;
  readonly maxCells?: number;
  /** Recompute every formula, not only the ER formulas and what depends on them. */
  readonly recomputeAll?: boolean;
}

/** Rows of the changed-cells table shown at most; the rest are counted. */

/** The --json document: one entry per formula cell, exactly {sheet, address, formula, value, previous}. */
export function recalcJson(cells: readonly RecalculatedCell[]): string {
  const lines = cells.map((c) => `    ${JSON.stringify({ sheet: c.sheet, address: c.address, formula: c.formula, value: c.value, previous: c.previous })}`);
  return lines.length === 0 ? `{\n  "cells": []\n}\n` : `{\n  "cells": [\n${lines.join(",\n")}\n  ]\n}\n`;
}

export async function recalcCommand(file: string, options: RecalcOptions, ctx: Context): Promise<number> {
  const { io, locale } = ctx;
  const t = (k: Parameters<typeof cliText>[1], p?: Record<string, string | number>) => cliText(locale, k, p);
  const shown = shownPath(file, io.cwd);
  if (options.out !== undefined) {
    try {
      writeCheck(options.out, file, options.force === true);
    } catch (e) {
      if (e instanceof WorkbookWriteError) {
        io.err(writeErrorLine(locale, e, shownPath(options.out, io.cwd)));
        return EXIT.unwritable;
      }
      throw e;
    }
  }
  let wb;
  try {
    wb = await readWorkbook(file, { locale, maxCells: options.maxCells, recomputeAll: options.recomputeAll });
  } catch (e) {
    if (e instanceof WorkbookReadError) {
      io.err(readErrorLine(locale, e, shown));
      return EXIT.unreadable;
    }
    throw e;
  }
  try {
    const cells = recalculated(wb);
    const changed = cells.filter((c) => c.recomputed && !c.unsupported && !sameTo15Digits(c.previous, c.value));
    const notVerified = cells.filter((c) => c.notVerified);
    const notComputed = cells.filter((c) => c.notComputed);
    const recomputed = cells.filter((c) => c.recomputed).length;
    if (options.json) {
      io.out(recalcJson(cells));
    } else {
      const errors = cells.filter((c) => c.recomputed && c.isError).length;
      io.out(`${t("recalcSummary", { file: shown, formulas: recomputed, changed: changed.length, errors })}\n`);
      const kept = cells.length - recomputed - notComputed.length;
      if (kept > 0) io.out(`${t("recalcCached", { count: kept })}\n`);
      if (changed.length === 0) io.out(`${t("noChanges")}\n`);
      else {
        io.out(`${t("changedCells")}\n`);
        const rows = changed.slice(0, MAX_TABLE_ROWS).map((c) => [c.sheet, c.address, typedFormula(c.formula), showValue(locale, c.previous), showValue(locale, c.value)]);
        io.out(renderTable([t("sheet"), t("cell"), t("formula"), t("previous"), t("newValue")], rows, { right: [3, 4], indent: 2, maxWidth: 24, width: io.width, wrap: [0, 2] }));
        if (changed.length > MAX_TABLE_ROWS) io.out(`  ${t("moreRows", { count: changed.length - MAX_TABLE_ROWS })}\n`);
      }
    }
    if (notVerified.length > 0) {
      const what = [...new Set(notVerified.map((c) => c.unsupported ?? ""))].slice(0, 5).join("; ");
      io.err(`${t("unsupportedKept", { count: notVerified.length, what })}\n`);
    }
    if (notComputed.length > 0) io.err(`${t("notComputedKept", { count: notComputed.length })}\n`);
    if (options.out !== undefined) {
      try {
        await writeWorkbook(wb, options.out, { force: options.force === true, results: cells });
      } catch (e) {
        if (e instanceof WorkbookWriteError) {
          io.err(writeErrorLine(locale, e, shownPath(options.out, io.cwd)));
          return EXIT.unwritable;
        }
        throw e;
      }
      const line = `${t("written", { file: shownPath(options.out, io.cwd) })}\n`;
      if (options.json) io.err(line);
      else io.out(line);
    }
    return EXIT.ok;
  } finally {
    wb.engine.destroy();
  }
}
