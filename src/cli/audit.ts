/**
 * `emission-rights audit <file|folder> [--json]`: for one workbook or every workbook under a folder, the
 * formula cells whose stored value differs from the recalculated one (beyond the displayed precision)
 * and the ER formulas that end in an error; warnings for ER formulas that read empty cells; a summary.
 * Exit code 0 when every workbook is clean, 1 when differences were found, 2 when a file could not be read.
 */
import * as fs from "fs";
import * as path from "path";
import { auditWorkbook, type AuditReport, type Finding } from "../engine/audit";
import { WorkbookReadError, type UnreadableReason } from "../engine/errors";
import { readWorkbook } from "../engine/workbook";
import { cliText, isCliKey, type CliKey } from "../i18n/cli";
import type { Locale } from "../i18n/locale";
import { readErrorLine, readReason } from "./errors";
import { showValue, shownPath } from "./format";
import { typedFormula } from "../sheet/er";
import { EXIT, type Context } from "./io";
import { MAX_TABLE_ROWS, progressLine, renderTable } from "./table";

export interface AuditOptions {
  readonly json?: boolean;
  readonly maxCells?: number;
  /** Recompute every formula, not only the ER formulas and what depends on them. */
  readonly recomputeAll?: boolean;
}

const WORKBOOK = /\.(xlsx|xlsm)$/i;

/**
 * The workbooks to audit: the file itself, or every .xlsx/.xlsm under a folder (sorted; hidden entries,
 * Excel's "~$" lock files and symbolic links to folders are skipped). An entry with a workbook's name that
 * is not a regular file (a FIFO, a socket, a device, a dangling link) is listed, so that it is reported
 * as unreadable rather than silently left out.
 */
export function collectWorkbooks(target: string): string[] {
  let st: fs.Stats;
  try {
    st = fs.statSync(target);
  } catch {
    return [target]; // reported as unreadable (no such file)
  }
  if (!st.isDirectory()) return [target];
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".") || e.name.startsWith("~$")) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (WORKBOOK.test(e.name) && !(e.isSymbolicLink() && isDirectory(p))) out.push(p);
    }
  };
  walk(target);
  return out;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

interface FileResult {
  readonly file: string;
  readonly report?: AuditReport;
  readonly unreadable?: { readonly reason: UnreadableReason; readonly message: string };
}

/** A finding's kind in the user's language: the message "kind" + its name ("erError" -> kindErError), else the name itself. */
function kindLabel(locale: Locale, kind: string): string {
  const key = `kind${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
  return isCliKey(key) ? cliText(locale, key) : kind;
}

function differences(r: AuditReport): number {
  return r.counts.changed + r.counts.missing;
}

function statusOf(r: FileResult): "clean" | "differences" | "unreadable" {
  if (!r.report) return "unreadable";
  return r.report.clean ? "clean" : "differences";
}

function findingJson(f: Finding): Record<string, unknown> {
  const o: Record<string, unknown> = { sheet: f.sheet, address: f.address, formula: f.formula, kind: f.kind, stored: f.stored, value: f.value };
  if (f.message !== undefined) o.message = f.message;
  if (f.cells !== undefined) o.cells = f.cells;
  return o;
}

export function auditJson(results: readonly FileResult[]): string {
  const files = results.map((r) => {
    if (!r.report) return { file: r.file, status: "unreadable", reason: r.unreadable?.reason, message: r.unreadable?.message };
    return {
      file: r.file,
      status: statusOf(r),
      formulas: r.report.formulas,
      erFormulas: r.report.erFormulas,
      recomputed: r.report.recomputed,
      counts: r.report.counts,
      findings: r.report.findings.map(findingJson),
    };
  });
  const summary = {
    files: results.length,
    clean: results.filter((r) => statusOf(r) === "clean").length,
    differences: results.filter((r) => statusOf(r) === "differences").length,
    unreadable: results.filter((r) => statusOf(r) === "unreadable").length,
  };
  return `${JSON.stringify({ files, summary }, null, 2)}\n`;
}

function fileSection(locale: Locale, r: FileResult, width: number): string {
  const t = (k: CliKey, p?: Record<string, string | number>) => cliText(locale, k, p);
  const report = r.report;
  if (!report || report.findings.length === 0) return "";
  const rows = report.findings.slice(0, MAX_TABLE_ROWS).map((f) => [
    f.sheet,
    f.address,
    typedFormula(f.formula),
    kindLabel(locale, f.kind),
    showValue(locale, f.stored),
    showValue(locale, f.value),
    f.kind === "emptyInput" ? t("emptyInputNote", { cells: (f.cells ?? []).join(", ") }) : (f.message ?? ""),
  ]);
  const header = [t("sheet"), t("cell"), t("formula"), t("kind"), t("previous"), t("newValue"), t("note")];
  const notes = rows.some((row) => row[6] !== "");
  const shown = notes ? rows : rows.map((row) => row.slice(0, 6));
  const more = report.findings.length - rows.length;
  const moreLine = more > 0 ? `  ${t("moreRows", { count: more })}\n` : "";
  return `${r.file}\n${renderTable(notes ? header : header.slice(0, 6), shown, { right: [4, 5], indent: 2, maxWidth: 24, width, wrap: [0, 2], below: notes ? 6 : undefined })}${moreLine}\n`;
}

function summaryTable(locale: Locale, results: readonly FileResult[], width: number): string {
  const t = (k: CliKey, p?: Record<string, string | number>) => cliText(locale, k, p);
  const rows = results.map((r) => {
    const s = statusOf(r);
    const status = s === "clean" ? t("statusClean") : s === "differences" ? t("statusDifferences") : t("statusUnreadable");
    if (!r.report) return [r.file, "-", "-", "-", "-", "-", "-", "-", status];
    const c = r.report.counts;
    return [r.file, String(r.report.formulas), String(r.report.erFormulas), String(differences(r.report)), String(c.erError), String(c.emptyInput), String(c.notVerified), String(c.notComputed), status];
  });
  const header = [t("file"), t("formulas"), t("erFormulas"), t("differences"), t("erErrors"), t("emptyInputs"), t("notVerified"), t("unsupported"), t("status")];
  return renderTable(header, rows, { right: [1, 2, 3, 4, 5, 6, 7], width, wrap: [0] });
}

export async function auditCommand(target: string, options: AuditOptions, ctx: Context): Promise<number> {
  const { io, locale } = ctx;
  const files = collectWorkbooks(target);
  const shownTarget = shownPath(target, io.cwd);
  if (files.length === 0) {
    io.err(`${cliText(locale, "noWorkbooks", { path: shownTarget })}\n`);
    if (options.json) io.out(auditJson([]));
    return EXIT.ok;
  }
  const progress = io.errIsTTY && files.length > 1;
  const clearProgress = () => {
    if (progress) io.status("");
  };
  if (!options.json && files.length > 1) io.out(`${cliText(locale, "auditing", { count: files.length })}\n`);
  const results: FileResult[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const shown = shownPath(file, io.cwd);
    if (progress) io.status(progressLine(i, files.length, shown, io.columns));
    try {
      const wb = await readWorkbook(file, { locale, maxCells: options.maxCells, recomputeAll: options.recomputeAll });
      try {
        results.push({ file: shown, report: auditWorkbook(wb) });
      } finally {
        wb.engine.destroy();
      }
    } catch (e) {
      const err = e instanceof WorkbookReadError ? e : new WorkbookReadError(file, "corrupt", e instanceof Error ? e.message : String(e));
      clearProgress();
      io.err(readErrorLine(locale, err, shown));
      results.push({ file: shown, unreadable: { reason: err.reason, message: readReason(locale, err) } });
    }
    if (!options.json) {
      const section = fileSection(locale, results[results.length - 1], io.width);
      if (section) {
        clearProgress();
        io.out(section);
      }
    }
  }
  if (progress) {
    io.status(progressLine(files.length, files.length, "", io.columns));
    clearProgress();
  }
  if (options.json) io.out(auditJson(results));
  else {
    io.out(`${cliText(locale, "summaryTitle")}\n`);
    io.out(summaryTable(locale, results, io.width));
    const count = (s: string) => results.filter((r) => statusOf(r) === s).length;
    io.out(`${cliText(locale, "summary", { clean: count("clean"), differences: count("differences"), unreadable: count("unreadable") })}\n`);
  }
  if (results.some((r) => !r.report)) return EXIT.unreadable;
  if (results.some((r) => r.report && !r.report.clean)) return EXIT.differences;
  return EXIT.ok;
}
