/**
 * A1-style addresses, pure and small: column letters and indexes, cells, ranges, and sheet-qualified
 * references as Excel writes them ("B2", "$B$2", "B2:C4", "'Sheet name'!A1", "表1!A1:B3").
 * Rows and columns are 0-based everywhere in this module, as in the engine.
 *
 * Used by the engine, the workbook I/O, the CLI and the task pane.
 */

/** Excel's sheet size: 1,048,576 rows and 16,384 columns (A..XFD). */
export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

/** A cell; the absolute flags say where a "$" was written. */
export interface CellAddress {
  readonly row: number;
  readonly col: number;
  readonly rowAbsolute?: boolean;
  readonly colAbsolute?: boolean;
}

/** A rectangle of cells, corners inclusive, start at the top left. */
export interface RangeAddress {
  readonly start: CellAddress;
  readonly end: CellAddress;
}

/** A range with the sheet it names, if it names one. */
export interface Reference {
  readonly sheet?: string;
  readonly range: RangeAddress;
}

/**
 * The 0-based index of a column's letters, or -1 when the text is not column letters within Excel's
 * 16,384 columns.
 *
 * @example columnToIndex("A") === 0; columnToIndex("z") === 25; columnToIndex("AA") === 26; columnToIndex("XFD") === 16383
 */
export function columnToIndex(letters: string): number {
  if (letters.length === 0 || letters.length > 3) return -1;
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) return -1;
    n = n * 26 + (c - 96);
  }
  return n <= MAX_COLUMNS ? n - 1 : -1;
}

/**
 * The letters of a 0-based column index.
 *
 * @example indexToColumn(0) === "A"; indexToColumn(27) === "AB"; indexToColumn(16383) === "XFD"
 */
export function indexToColumn(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_COLUMNS) throw new RangeError(`column index out of range: ${index}`);
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = (n - 1 - r) / 26;
  }
  return s;
}

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/;

/**
 * Reads "B2" or "$B$2" (0-based result), or undefined when the text is not a cell inside Excel's grid.
 *
 * @example parseCell("B3") -> {row: 2, col: 1}
 */
export function parseCell(text: string): CellAddress | undefined {
  const m = CELL.exec(text.trim());
  if (!m) return undefined;
  const col = columnToIndex(m[2]);
  const row = Number(m[4]) - 1;
  if (col < 0 || row < 0 || row >= MAX_ROWS) return undefined;
  const out: { row: number; col: number; rowAbsolute?: boolean; colAbsolute?: boolean } = { row, col };
  if (m[1]) out.colAbsolute = true;
  if (m[3]) out.rowAbsolute = true;
  return out;
}

/**
 * Writes a 0-based cell as "B3" (or "$B$3" when asked, or when the address carries absolute flags).
 *
 * @example formatCell(2, 1) === "B3"; formatCell(2, 1, true) === "$B$3"
 */
export function formatCell(row: number, col: number, absolute = false): string {
  if (!Number.isInteger(row) || row < 0 || row >= MAX_ROWS) throw new RangeError(`row index out of range: ${row}`);
  const d = absolute ? "$" : "";
  return `${d}${indexToColumn(col)}${d}${row + 1}`;
}

function formatCellAddress(a: CellAddress): string {
  return `${a.colAbsolute ? "$" : ""}${indexToColumn(a.col)}${a.rowAbsolute ? "$" : ""}${a.row + 1}`;
}

/**
 * Reads "B2:C4", "$B$2:$C$4" or a single cell "B2" (a one-cell range). Corners given in any order are
 * put top-left first.
 */
export function parseRange(text: string): RangeAddress | undefined {
  const t = text.trim();
  const colon = t.indexOf(":");
  if (colon < 0) {
    const c = parseCell(t);
    return c ? { start: c, end: c } : undefined;
  }
  const a = parseCell(t.slice(0, colon));
  const b = parseCell(t.slice(colon + 1));
  if (!a || !b) return undefined;
  if (a.row <= b.row && a.col <= b.col) return { start: a, end: b };
  return {
    start: { row: Math.min(a.row, b.row), col: Math.min(a.col, b.col) },
    end: { row: Math.max(a.row, b.row), col: Math.max(a.col, b.col) },
  };
}

/** Writes a range as "B2:C4", or "B2" when it is one cell. */
export function formatRange(range: RangeAddress): string {
  const a = formatCellAddress(range.start);
  const single = range.start.row === range.end.row && range.start.col === range.end.col;
  return single && !!range.start.rowAbsolute === !!range.end.rowAbsolute && !!range.start.colAbsolute === !!range.end.colAbsolute
    ? a
    : `${a}:${formatCellAddress(range.end)}`;
}

/** Number of rows and columns of a range. */
export function rangeSize(range: RangeAddress): { rows: number; cols: number } {
  return { rows: range.end.row - range.start.row + 1, cols: range.end.col - range.start.col + 1 };
}

const PLAIN_SHEET = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * True when a sheet name must be written in quotes in a formula: anything but letters, digits and "_",
 * a leading digit, or a name that reads as a cell ("A1", "XFD1048576") or an R1C1 reference ("R1C1", "R").
 * Quoting a name that does not need it is always valid, so this errs on the side of quoting.
 */
export function sheetNeedsQuotes(name: string): boolean {
  if (!PLAIN_SHEET.test(name)) return true;
  if (/^[A-Za-z]{1,3}\d+$/.test(name)) return true;
  if (/^[Rr]\d*([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name)) return true;
  return /^(true|false)$/i.test(name);
}

/** A sheet name as a formula writes it: quoted (with ' doubled) when needed. @example quoteSheetName("表1 Table 1") === "'表1 Table 1'" */
export function quoteSheetName(name: string): string {
  return sheetNeedsQuotes(name) ? `'${name.replace(/'/g, "''")}'` : name;
}

/**
 * Reads a reference as Excel writes one: "A1", "B2:C4", "Sheet1!A1", "'Sheet name'!$A$1:$B$3",
 * "'It''s'!A1", "表1!B2". Undefined when it is not one.
 */
export function parseReference(text: string): Reference | undefined {
  const t = text.trim();
  const bang = t.lastIndexOf("!");
  if (bang < 0) {
    const range = parseRange(t);
    return range ? { range } : undefined;
  }
  let sheet = t.slice(0, bang);
  if (sheet.length >= 2 && sheet.startsWith("'") && sheet.endsWith("'")) {
    const inner = sheet.slice(1, -1);
    if (/'(?!')/.test(inner.replace(/''/g, ""))) return undefined;
    sheet = inner.replace(/''/g, "'");
  } else if (sheet.length === 0 || /['!\s]/.test(sheet)) {
    return undefined;
  }
  const range = parseRange(t.slice(bang + 1));
  return range ? { sheet, range } : undefined;
}

/** Writes a reference: "'Sheet name'!B2:C4", or "B2:C4" without a sheet. */
export function formatReference(sheet: string | undefined, range: RangeAddress): string {
  const r = formatRange(range);
  return sheet === undefined ? r : `${quoteSheetName(sheet)}!${r}`;
}
