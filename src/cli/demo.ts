/**
 * `emission-rights demo [file]`: recalculates the six-plant example headless and prints the method
 * comparison of Table 5 as the ER functions compute it, then the audit of the printed tables (every
 * number the paper prints beside the live formula, the differences marked) and the check of the file's
 * stored values against the recalculation; then the region example (examples/region.xlsx, issue 13): per
 * pollutant the regional total, the actual emissions of the two years and their change, the holders over
 * their permit, and the SO2 cut of its cut sheet by each method, all as its live ER formulas compute them.
 */
import * as path from "path";
import { auditWorkbook } from "../engine/audit";
import { isCellError, type CellValue } from "../sheet/errors";
import { WorkbookReadError } from "../engine/errors";
import { readWorkbook } from "../engine/workbook";
import { cliText, type CliKey } from "../i18n/cli";
import type { Locale } from "../i18n/locale";
import { CUT_METHODS_SHOWN, CUT_SHEET, CUT_SHEET_NAME, REGION_SHEET, regionSheetName } from "../example/region";
import { pollutantById } from "../core/pollutants";
import { readErrorLine } from "./errors";
import { POLLUTANTS } from "../example/data";
import { LAYOUT, MARK, SHEETS } from "../example/layout";
import { shownPath } from "./format";
import { EXIT, type Context } from "./io";
import { renderTable, wrapText } from "./table";

/** The example shipped with the package. */
export const DEFAULT_EXAMPLE = path.join(__dirname, "..", "..", "examples", "six-plants.xlsx");
/** The region example shipped with the package. */
export const DEFAULT_REGION = path.join(__dirname, "..", "..", "examples", "region.xlsx");

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
  } finally {
    wb.engine.destroy();
  }
  return regionDemo(ctx);
}

/** "电厂1 Plant 1" in one language: the Chinese words before the first space, or the rest. */
function holderName(text: string, locale: Locale): string {
  const m = /^(\S*[^\x00-\x7f]\S*) (.+)$/.exec(text);
  if (!m) return text;
  return locale === "zh-CN" ? m[1] : m[2];
}

/** The region example's totals and its cut, as its ER formulas compute them. */
async function regionDemo(ctx: Context): Promise<number> {
  const { io, locale } = ctx;
  const t = (k: CliKey, p?: Record<string, string | number>) => cliText(locale, k, p);
  let wb;
  try {
    wb = await readWorkbook(DEFAULT_REGION, { locale });
  } catch (e) {
    if (e instanceof WorkbookReadError) {
      io.err(`${t("demoRegionMissing", { file: shownPath(DEFAULT_REGION, io.cwd) })}\n`);
      return EXIT.unreadable;
    }
    throw e;
  }
  const e = wb.engine;
  try {
    const L = REGION_SHEET;
    const title = show(e.getValue(regionSheetName("so2"), 0, 0));
    const region = locale === "zh-CN" ? (/，(.+?)（t\/a）/.exec(title)?.[1] ?? "") : (/emissions, (.+) \(t\/a\)$/.exec(title)?.[1] ?? "");
    const paragraph = (text: string) => `${wrapText(text, io.width).join("\n")}\n`;
    io.out(`\n${paragraph(t("demoRegionTitle", { region }))}${paragraph(t("demoRegionIllustrative"))}\n`);
    const years = [L.lastYear, L.thisYear].map((c) => /(\d{4})/.exec(show(e.getValue(regionSheetName("so2"), L.header, c)))?.[1] ?? "");
    const rows: string[][] = [];
    for (const pol of ["so2", "nox"]) {
      const sheet = regionSheetName(pol);
      if (!wb.sheetNames.includes(sheet)) continue;
      let holders = 0;
      const over: string[] = [];
      let row = L.firstRow;
      for (; ; row++) {
        const name = show(e.getValue(sheet, row, L.holder));
        if (name === "" || /^合计/.test(name)) break;
        if (typeof e.getValue(sheet, row, L.permitted) === "number") holders++;
        const margin = e.getValue(sheet, row, L.margin);
        if (typeof margin === "number" && margin < 0) over.push(`${holderName(name, locale)} (${show(margin)})`);
      }
      const total = (c: number) => show(e.getValue(sheet, row, c));
      rows.push([sheet.split(" ")[locale === "zh-CN" ? 1 : 0], String(holders), total(L.permitted), total(L.lastYear), total(L.thisYear), total(L.change), over.join(", ") || t("demoRegionNone")]);
    }
    const head = [t("demoRegionPollutant"), t("demoRegionHolders"), t("demoRegionPermitted"), t("demoRegionActual", { year: years[0] }), t("demoRegionActual", { year: years[1] }), t("demoRegionChange"), t("demoRegionOver")];
    io.out(renderTable(head, rows, { right: [1, 2, 3, 4, 5], indent: 2, maxWidth: 60, width: io.width, wrap: [6] }));

    // The cut, by each method.
    const C = CUT_SHEET;
    const target = show(e.getValue(CUT_SHEET_NAME, C.targetRow, C.target));
    const decimals = show(e.getValue(CUT_SHEET_NAME, C.targetRow, C.decimals));
    const cut: string[][] = [];
    let r = C.firstRow;
    for (; ; r++) {
      const name = show(e.getValue(CUT_SHEET_NAME, r, C.holder));
      if (name === "" || /^合计/.test(name)) break;
      cut.push([holderName(name, locale), show(e.getValue(CUT_SHEET_NAME, r, C.permitted)), ...C.methods.map((c) => show(e.getValue(CUT_SHEET_NAME, r, c)))]);
    }
    const totals = [t("demoRegionTotal"), show(e.getValue(CUT_SHEET_NAME, r, C.permitted)), ...C.methods.map((c) => show(e.getValue(CUT_SHEET_NAME, r, c)))];
    const newTotal = totals[2];
    const so2 = pollutantById("so2")!.names[0];
    io.out(`\n${paragraph(t("demoRegionCut", { percent: target.replace(/^-/, ""), pollutant: locale === "zh-CN" ? so2.zh : so2.en, target: newTotal, decimals }))}`);
    const methodWord: Record<(typeof CUT_METHODS_SHOWN)[number]["method"], CliKey> = { proportional: "demoRegionProportional", weighted: "demoRegionWeighted", history: "demoRegionHistory" };
    io.out(renderTable([t("demoRegionHolder"), t("demoRegionNow"), ...CUT_METHODS_SHOWN.map((m) => t(methodWord[m.method]))], [...cut, totals], { right: [1, 2, 3, 4], indent: 2, width: io.width }));
    return EXIT.ok;
  } finally {
    e.destroy();
  }
}
