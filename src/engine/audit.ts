/**
 * The audit of one workbook: which formula cells hold a stored value that differs from what the rules
 * give now (beyond the cell's displayed precision), which ER formulas end in an error, which ER formulas
 * read empty cells (Excel on Windows and Mac has been seen to pass an empty cell as 0, which an EIA
 * figure must never be), and which results the audit does not stand behind.
 *
 * Only the formulas the engine recomputes are judged: the ER formulas and those that depend on them (see
 * closure.ts); the others keep the value Excel stored. A recomputed formula that passes through a function
 * or feature not checked against Excel is "not verified", never "differs"; a formula outside the recompute
 * set with no stored value is "not computed". Neither makes the file unclean.
 */
import { emptyCells, erReads, type CellReader, type WorkbookNames } from "../sheet/reads";
import { refText } from "../sheet/rect";
import { bareFunctionNames } from "./names";
import { sameDisplayed } from "./numfmt";
import type { JsonValue } from "./package/read";
import { recalculated, type RecalculatedCell } from "./recalc";
import type { LoadedWorkbook } from "./workbook";

export type FindingKind =
  /** The stored value differs from the recalculated one beyond the displayed precision. */
  | "changed"
  /** The file holds no value for the formula, the engine computes one. */
  | "missing"
  /** An ER formula whose result is an error. */
  | "erError"
  /** An ER formula reads empty cells (a warning: it does not make the file unclean). */
  | "emptyInput"
  /**
   * Recomputed, but its result passes through a function or feature whose Excel behaviour the engine is not
   * known to reproduce, or it reads such a cell or one not computed: not judged.
   */
  | "notVerified"
  /**
   * Outside the recompute set and the file holds no value for it: not computed, not judged. Only counted
   * (the recomputed formulas that read one are notVerified, naming it).
   */
  | "notComputed";

export interface Finding {
  readonly sheet: string;
  readonly address: string;
  readonly formula: string;
  readonly kind: FindingKind;
  readonly stored: JsonValue;
  readonly value: JsonValue;
  /** The engine's message for an error, or why a formula is not verified or not computed. */
  readonly message?: string;
  /** For emptyInput: the empty cells read ("'Table 3'!D5"). */
  readonly cells?: readonly string[];
}

export interface AuditReport {
  readonly formulas: number;
  readonly erFormulas: number;
  /** Formulas the engine recomputed; the others keep the value the file stores. */
  readonly recomputed: number;
  readonly findings: readonly Finding[];
  readonly counts: Readonly<Record<FindingKind, number>>;
  /** No changed or missing values and no ER errors. */
  readonly clean: boolean;
}

const MAX_LISTED = 10;

function isEr(cell: RecalculatedCell): boolean {
  return cell.cell.er;
}

/** The workbook as the empty-cell check of src/sheet/reads.ts reads it: its sheets and names, and the engine's cells. */
function checkedWorkbook(wb: LoadedWorkbook): WorkbookNames & CellReader {
  const bySheet = new Map(wb.sheetNames.map((s) => [s.toLowerCase(), s]));
  return {
    sheetNamed: (name) => bySheet.get(name.toLowerCase()),
    nameFormula: (name, sheet) => {
      const lower = name.toLowerCase();
      const named = (scope: string | undefined) => wb.names.find((n) => n.name.toLowerCase() === lower && n.scope === scope);
      return (named(sheet) ?? named(undefined))?.expression;
    },
    // A value spilled from an array counts as a value.
    cell: (sheet, row, col) => ({ value: wb.engine.getValue(sheet, row, col), formula: wb.engine.isFormula(sheet, row, col) }),
  };
}

/** The empty cells an ER formula reads through its ER calls' arguments, each once, as the formula's sheet refers to them. */
function emptyInputs(book: WorkbookNames & CellReader, cell: RecalculatedCell): string[] {
  const ranges = erReads(cell.formula, cell.sheet, bareFunctionNames(), book).flatMap((call) => call.ranges);
  return emptyCells(ranges, book).cells.map((c) => refText({ ...c, rows: 1, cols: 1 }, cell.sheet));
}

/** Audits a loaded (and computed) workbook. */
export function auditWorkbook(wb: LoadedWorkbook, results: readonly RecalculatedCell[] = recalculated(wb)): AuditReport {
  const findings: Finding[] = [];
  const counts: Record<FindingKind, number> = { changed: 0, missing: 0, erError: 0, emptyInput: 0, notVerified: 0, notComputed: 0 };
  let erFormulas = 0;
  let recomputed = 0;
  const add = (r: RecalculatedCell, kind: FindingKind, extra: { message?: string; cells?: string[] } = {}) => {
    counts[kind]++;
    findings.push({ sheet: r.sheet, address: r.address, formula: r.formula, kind, stored: r.previous, value: r.value, ...extra });
  };
  const book = checkedWorkbook(wb);
  for (const r of results) {
    const er = isEr(r);
    if (er) erFormulas++;
    if (r.recomputed) recomputed++;
    if (r.notComputed) {
      // Counted, not listed: a recomputed formula that reads it names it in its own reason.
      counts.notComputed++;
      continue;
    }
    if (!r.recomputed) continue;
    if (r.unsupported) {
      add(r, "notVerified", { message: r.unsupported });
      continue;
    }
    if (er && r.isError) {
      add(r, "erError", r.message ? { message: r.message } : {});
    } else if (r.previous === null && r.value !== null && r.value !== "") {
      add(r, "missing");
    } else if (!sameDisplayed(r.previous, r.value, r.cell.numFmt)) {
      add(r, "changed", r.message ? { message: r.message } : {});
    }
    if (er) {
      const empty = emptyInputs(book, r);
      if (empty.length > 0) add(r, "emptyInput", { cells: empty.slice(0, MAX_LISTED) });
    }
  }
  return { formulas: results.length, erFormulas, recomputed, findings, counts, clean: counts.changed + counts.missing + counts.erError === 0 };
}
