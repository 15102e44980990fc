/**
 * The one way the task pane talks to a workbook. Two implementations:
 * - OfficeHost (./office.ts): Excel, through Excel.run;
 * - MemoryHost (./memory.ts): an in-memory workbook on the headless engine, for the browser preview and tests.
 *
 * Coordinates are 0-based (row 0 is Excel's row 1, column 0 is column A). Inputs are what a user would type:
 * a string beginning with "=" is a formula, a string beginning with "'" is text kept as text, null clears
 * the cell.
 */

/** What a user types into a cell. */
export type CellInput = number | string | boolean | null;

/** An Excel error value in a cell ("#VALUE!", "#N/A", ...). */
export interface CellError {
  readonly error: string;
  readonly message?: string;
}

/** What a cell shows: null only for a truly empty cell (not 0, not ""). */
export type CellValue = number | string | boolean | null | CellError;

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && typeof (v as { error?: unknown }).error === "string";
}

/** A rectangle of one sheet. */
export interface RangeRef {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export interface CellInfo {
  /** The computed value; null when the cell is truly empty (no value, no formula). */
  readonly value: CellValue;
  /** The formula ("=...") when the cell holds one. */
  readonly formula?: string;
  /** The number format, when the host knows it and it is not General. */
  readonly format?: string;
}

/** A rectangle and its cells, row by row. */
export interface RangeData extends RangeRef {
  readonly cells: readonly (readonly CellInfo[])[];
}

/** A block of cells to write, from (row, col) on. A null number format leaves the cell's format as it is. */
export interface SheetWrite {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly inputs: readonly (readonly CellInput[])[];
  readonly formats?: readonly (readonly (string | null)[])[];
}

export type Unsubscribe = () => Promise<void>;

export interface WorkbookHost {
  /** "excel" inside Office, "memory" in the preview and tests. */
  readonly kind: "excel" | "memory";
  sheetNames(): Promise<string[]>;
  activeSheet(): Promise<string>;
  /** The selected rectangle (the first area when several are selected). */
  getSelection(): Promise<RangeRef>;
  /** Values, formulas and formats of a rectangle. */
  read(range: RangeRef): Promise<RangeData>;
  /** The used part of a sheet, read from its first used cell; null for an empty sheet. */
  usedRange(sheet: string): Promise<RangeRef | null>;
  /** Activates the sheet and selects the rectangle. */
  select(range: RangeRef): Promise<void>;
  /** Writes blocks of inputs (and number formats), in one batch. */
  write(writes: readonly SheetWrite[]): Promise<void>;
  addSheet(name: string): Promise<void>;
  deleteSheet(name: string): Promise<void>;
  /** Calls `listener` when the selection or the active sheet changes. */
  onSelectionChanged(listener: () => void): Promise<Unsubscribe>;
  /** Calls `listener` when cells or sheets change (by the user or by the pane). */
  onChanged(listener: () => void): Promise<Unsubscribe>;
}

/**
 * A text written as a cell input that stays text even where Excel would read the typing as something else: a
 * formula ("=…", "+…", "-x"), a number or date ("1562", ".5", "1/2"), TRUE/FALSE, an error ("#N/A"), or only
 * spaces. Marks such as "-", "/" and "—" need no quote.
 */
export function textInput(text: string): string {
  const t = text.trim();
  const quote = t === "" || /^[=+@]/.test(t) || /^-./.test(t) || /^[\d.]/.test(t) || /^(true|false)$/i.test(t) || /^#[A-Z/0]+[!?A]?$/i.test(t) || text.startsWith("'");
  return quote ? `'${text}` : text;
}

/**
 * The input that puts a cell back as it was: its formula, its number, boolean or text (kept as text), or
 * nothing. Errors that are not formulas come back as the error text, which Excel and the engine read as
 * the error again.
 */
export function inputOf(cell: CellInfo): CellInput {
  if (cell.formula) return cell.formula;
  const v = cell.value;
  if (v === null || typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") return v === "" ? null : textInput(v);
  return v.error;
}
