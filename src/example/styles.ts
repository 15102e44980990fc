/** The example workbooks' cell styles, as ExcelJS writes them: fonts, fills, borders, number formats. */
import type ExcelJS from "exceljs";
import type { StyleName } from "./model";

const THIN = { style: "thin" as const, color: { argb: "FFB0B0B0" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export function applyStyle(cell: ExcelJS.Cell, style: StyleName): void {
  const font = { name: "Microsoft YaHei", size: 10 };
  switch (style) {
    case "title":
      cell.font = { ...font, size: 12, bold: true };
      cell.alignment = { vertical: "middle" };
      return;
    case "header":
      cell.font = { ...font, bold: true };
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = BORDER;
      return;
    case "note":
      cell.font = { ...font, italic: true, color: { argb: "FF555555" } };
      cell.alignment = { vertical: "top", wrapText: true };
      return;
    case "text":
      cell.font = font;
      cell.alignment = { vertical: "middle", wrapText: true };
      cell.border = BORDER;
      return;
    case "center":
      cell.font = font;
      cell.alignment = { horizontal: "center", vertical: "middle" };
      cell.border = BORDER;
      return;
    case "integer":
      cell.font = font;
      cell.numFmt = "0";
      cell.alignment = { horizontal: "center", vertical: "middle" };
      cell.border = BORDER;
      return;
    case "tonnes":
      cell.font = font;
      cell.numFmt = "0.00";
      cell.alignment = { horizontal: "right", vertical: "middle" };
      cell.border = BORDER;
      return;
    case "volume":
      cell.font = font;
      cell.numFmt = "0.00,,,";
      cell.alignment = { horizontal: "right", vertical: "middle" };
      cell.border = BORDER;
      return;
    case "limit":
      cell.font = font;
      cell.numFmt = "0";
      cell.alignment = { horizontal: "right", vertical: "middle" };
      cell.border = BORDER;
      return;
    case "date":
      cell.font = font;
      cell.numFmt = "yyyy-mm-dd";
      cell.alignment = { horizontal: "center", vertical: "middle" };
      cell.border = BORDER;
      return;
  }
}

