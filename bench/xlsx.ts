/**
 * Saves the benchmark workbook as an .xlsx the way Excel saves one: the ER functions as
 * `_xldudf_ER_NAME(...)`, every formula cell with its cached value, a bold header, number formats on the
 * tonnes and column widths.
 */
import ExcelJS from "exceljs";
import type { Cell, Sheets } from "./workbook";

/** Excel's stored form of a formula: no "=", JavaScript custom functions as `_xldudf_ER_NAME(`. */
export function storedFormula(formula: string): string {
  return formula.slice(1).replace(/\bER\.([A-Z_]+)\(/g, "_xldudf_ER_$1(");
}

const TONNES = "#,##0.0##";
const VOLUME = "0.000E+00";

/**
 * Writes `sheets` to `file`. `cached` gives each formula cell's value (the same shape as `sheets`); a
 * formula cell without one is saved without a cached value.
 */
export async function writeXlsx(file: string, sheets: Sheets, cached: Readonly<Record<string, readonly (readonly unknown[])[]>>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "emission-rights bench";
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    const values = cached[name] ?? [];
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    ws.columns = Array.from({ length: width }, (_, c) => ({ width: c === 0 ? 10 : 16 }));
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const out: ExcelJS.CellValue[] = new Array(row.length);
      for (let c = 0; c < row.length; c++) out[c] = cellValue(row[c], values[r]?.[c]);
      const added = ws.addRow(out);
      if (r === 0) added.font = { bold: true };
    }
    for (let c = 1; c <= width; c++) {
      const header = String(rows[0]?.[c - 1] ?? "");
      const numFmt = header.startsWith("Volume") ? VOLUME : header.includes("(t/a)") ? TONNES : undefined;
      if (numFmt) ws.getColumn(c).numFmt = numFmt;
    }
    ws.views = [{ state: "frozen", ySplit: 1 }];
  }
  await wb.xlsx.writeFile(file);
}

function cellValue(v: Cell, cached: unknown): ExcelJS.CellValue {
  if (typeof v === "string" && v.startsWith("=")) {
    const formula = storedFormula(v);
    if (typeof cached === "number" || typeof cached === "string" || typeof cached === "boolean") return { formula, result: cached } as ExcelJS.CellValue;
    if (cached && typeof cached === "object" && typeof (cached as { error?: unknown }).error === "string") {
      return { formula, result: { error: (cached as { error: string }).error } } as ExcelJS.CellValue;
    }
    return { formula } as ExcelJS.CellValue;
  }
  return v;
}
