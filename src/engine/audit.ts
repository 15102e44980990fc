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
import { formatCell, parseReference, type RangeAddress } from "./address";
import { erArguments } from "./formula";
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

/** At most this many cells of one range are checked for emptiness, and listed. */
const MAX_RANGE_CELLS = 100000;
const MAX_LISTED = 10;

function isEr(cell: RecalculatedCell): boolean {
  return cell.cell.er;
}

/** The range an ER argument names: a reference, or a defined name that stands for one. */
function resolveArgument(wb: LoadedWorkbook, sheet: string, text: string): { sheet: string; range: RangeAddress } | undefined {
  const ref = parseReference(text);
  if (ref) return { sheet: ref.sheet ?? sheet, range: ref.range };
  if (!/^[^\s()!'"]+$/.test(text)) return undefined;
  const lower = text.toLowerCase();
  const local = wb.names.find((n) => n.name.toLowerCase() === lower && n.scope === sheet);
  const global = wb.names.find((n) => n.name.toLowerCase() === lower && n.scope === undefined);
  const name = local ?? global;
  if (!name) return undefined;
  const target = parseReference(name.expression.replace(/^=/, ""));
  return target ? { sheet: target.sheet ?? sheet, range: target.range } : undefined;
}

function sheetRef(sheet: string, row: number, col: number, home: string): string {
  const a = formatCell(row, col);
  if (sheet === home) return a;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? `${sheet}!${a}` : `'${sheet.replace(/'/g, "''")}'!${a}`;
}

/** The empty cells an ER formula reads through references in its ER calls' arguments. */
function emptyInputs(wb: LoadedWorkbook, cell: RecalculatedCell): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const args = erArguments(cell.formula, { bareFunctions: bareFunctionNames() });
  for (const arg of args) {
    const target = resolveArgument(wb, cell.sheet, arg.text);
    if (!target) continue;
    if (!wb.sheetNames.includes(target.sheet)) continue;
    const { start, end } = target.range;
    if ((end.row - start.row + 1) * (end.col - start.col + 1) > MAX_RANGE_CELLS) continue;
    for (let r = start.row; r <= end.row; r++) {
      for (let c = start.col; c <= end.col; c++) {
        // Empty: no value (a value spilled from an array counts as one) and no formula.
        if (wb.engine.getValue(target.sheet, r, c) !== null || wb.engine.isFormula(target.sheet, r, c)) continue;
        const key = `${target.sheet}!${r},${c}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push(sheetRef(target.sheet, r, c, cell.sheet));
      }
    }
  }
  return found;
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
      const empty = emptyInputs(wb, r);
      if (empty.length > 0) add(r, "emptyInput", { cells: empty.slice(0, MAX_LISTED) });
    }
  }
  return { formulas: results.length, erFormulas, recomputed, findings, counts, clean: counts.changed + counts.missing + counts.erError === 0 };
}
