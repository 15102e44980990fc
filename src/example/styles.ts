/** The example workbooks' cell styles, as ExcelJS writes them: fonts, fills, borders, number formats. */
import type ExcelJS from "exceljs";
import type { StyleName } from "./model";

const THIN = { style: "thin" as const, color: { argb: "FFB0B0B0" } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT: Partial<ExcelJS.Font> = { name: "Microsoft YaHei", size: 10 };
const CENTER: Partial<ExcelJS.Alignment> = { horizontal: "center", vertical: "middle" };
const RIGHT: Partial<ExcelJS.Alignment> = { horizontal: "right", vertical: "middle" };

interface Style {
  readonly font: Partial<ExcelJS.Font>;
  readonly alignment: Partial<ExcelJS.Alignment>;
  readonly numFmt?: string;
  readonly fill?: ExcelJS.Fill;
  readonly border?: Partial<ExcelJS.Borders>;
}

/** A boxed cell in the body font: text, a centred mark, or a number in a format. */
const boxed = (alignment: Partial<ExcelJS.Alignment>, numFmt?: string): Style => ({ font: FONT, alignment, border: BORDER, ...(numFmt ? { numFmt } : {}) });

const STYLES: Record<StyleName, Style> = {
  title: { font: { ...FONT, size: 12, bold: true }, alignment: { vertical: "middle" } },
  header: {
    font: { ...FONT, bold: true },
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } },
    alignment: { horizontal: "center", vertical: "middle", wrapText: true },
    border: BORDER,
  },
  note: { font: { ...FONT, italic: true, color: { argb: "FF555555" } }, alignment: { vertical: "top", wrapText: true } },
  text: boxed({ vertical: "middle", wrapText: true }),
  center: boxed(CENTER),
  integer: boxed(CENTER, "0"),
  tonnes: boxed(RIGHT, "0.00"),
  volume: boxed(RIGHT, "0.00,,,"),
  limit: boxed(RIGHT, "0"),
  date: boxed(CENTER, "yyyy-mm-dd"),
};

export function applyStyle(cell: ExcelJS.Cell, style: StyleName): void {
  const s = STYLES[style];
  cell.font = { ...s.font };
  if (s.numFmt) cell.numFmt = s.numFmt;
  if (s.fill) cell.fill = s.fill;
  cell.alignment = { ...s.alignment };
  if (s.border) cell.border = s.border;
}
