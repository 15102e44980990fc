/**
 * `emission-rights demo [file]`: recalculates the six-plant example headless and prints the method
 * comparison of Table 5 as the ER functions compute it, then the audit of the printed tables (every
 * number the paper prints beside the live formula, the differences marked) and the check of the file's
 * stored values against the recalculation.
 */
import * as path from "path";
import { auditWorkbook } from "../engine/audit";
import { isCellError, type CellValue } from "../engine/engine";
import { WorkbookReadError } from "../engine/errors";
import { readWorkbook } from "../engine/xlsx";
import { cliText, type CliKey } from "../i18n/cli";
import type { Locale } from "../i18n/locale";
import { readErrorLine } from "./errors";
import { LAYOUT, MARK, POLLUTANTS, SHEETS } from "./example";
import { shownPath } from "./format";
import { EXIT, type Context } from "./io";
import { renderTable, wrapText } from "./table";

/** The example shipped with the package. */
export const DEFAULT_EXAMPLE = path.join(__dirname, "..", "..", "examples", "six-plants.xlsx");

function show(v: CellValue): string {
  if (v === null) return "";
  if (isCellError(v)) return v.error;
  if (typeof v === "number") return String(Number(v.toPrecision(15)));
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}

/** One language of a bilingual label "中文 · English" (or "表1 Table 1"). */
export function pick(text: string, locale: Locale): string {
  const dot = text.indexOf(" · ");
  if (dot >= 0) return locale === "zh-CN" ? text.slice(0, dot) : text.slice(dot + 3);
  const m = /^(表\d+) (Table \d+)$/.exec(text);
  if (m) return locale === "zh-CN" ? m[1] : m[2];
  return text;
}

export async function demoCommand(file: string | undefined, ctx: Context): Promise<number> {
  const { io, locale } = ctx;
  const t = (k: CliKey, p?: Record<string, string | number>) => cliText(locale, k, p);
  const target = file ?? DEFAULT_EXAMPLE;
  const shown = shownPath(target, io.cwd);
  let wb;
  try {
    wb = await readWorkbook(target, { locale });
  } catch (e) {
    if (e instanceof WorkbookReadError) {
      io.err(readErrorLine(locale, e, shown));
      return EXIT.unreadable;
    }
    throw e;
  }
  try {
    const e = wb.engine;
    for (const sheet of [SHEETS.t5, SHEETS.audit]) {
      if (!wb.sheetNames.includes(sheet)) {
        io.err(`${t("demoNotExample", { file: shown, sheet })}\n`);
        return EXIT.unreadable;
      }
    }
    // Table 5, live.
    const paragraph = (text: string) => `${wrapText(text, io.width).join("\n")}\n`;
    io.out(`${paragraph(t("demoTitle"))}\n`);
    const L5 = LAYOUT.t5;
    const rows: string[][] = [];
    for (let row = L5.firstRow; ; row++) {
      const plant = e.getValue(SHEETS.t5, row, 0);
      if (plant === null) break;
      const cells = [show(plant)];
      for (const pol of POLLUTANTS) for (let k = 0; k < 3; k++) cells.push(show(e.getValue(SHEETS.t5, row, L5[pol] + k)));
      rows.push(cells);
    }
    const head = [t("plant")];
    for (const pol of POLLUTANTS) for (const k of ["phased", "total", "difference"] as const) head.push(`${pol === "so2" ? "SO2" : "NOx"} ${t(k)}`);
    io.out(renderTable(head, rows, { right: [0, 1, 2, 3, 4, 5, 6], indent: 2, width: io.width }));

    // The printed numbers against the live ones.
    const LA = LAYOUT.audit;
    let items = 0;
    const marked: string[][] = [];
    const markedText: string[] = [];
    for (let row = LA.firstRow; ; row++) {
      const item = e.getValue(SHEETS.audit, row, LA.item);
      if (item === null) break;
      items++;
      if (e.getValue(SHEETS.audit, row, LA.mark) !== MARK) continue;
      const table = pick(show(e.getValue(SHEETS.audit, row, LA.table)), locale);
      const printed = e.getValue(SHEETS.audit, row, LA.printed);
      const live = e.getValue(SHEETS.audit, row, LA.live);
      if (typeof printed === "number" && typeof live === "number") {
        marked.push([table, pick(show(item), locale), show(printed), show(live), show(e.getValue(SHEETS.audit, row, LA.difference))]);
      } else {
        markedText.push(`  ${table}  ${pick(show(item), locale)}
    ${t("demoPrintedValue")}: ${show(printed)}
    ${t("demoLive")}: ${show(live)}
`);
      }
    }
    io.out(`\n${paragraph(t("demoPrinted", { items, differ: marked.length + markedText.length }))}`);
    if (marked.length > 0) {
      io.out(renderTable([t("demoTable"), t("demoItem"), t("demoPrintedValue"), t("demoLive"), t("difference")], marked, { right: [2, 3, 4], indent: 2, maxWidth: 64, width: io.width, wrap: [1] }));
    }
    for (const text of markedText) io.out(text);

    // The file's stored values against the recalculation.
    const report = auditWorkbook(wb);
    const bad = report.counts.changed + report.counts.missing + report.counts.erError;
    const result = bad === 0 ? t("demoStoredClean", { count: report.formulas }) : t("demoStoredDiffer", { count: bad, total: report.formulas });
    io.out(`\n${paragraph(t("demoStored", { result }))}`);
    return EXIT.ok;
  } finally {
    wb.engine.destroy();
  }
}
