/**
 * The one way the task pane talks to a workbook. Two implementations:
 * - OfficeHost (./office.ts): Excel, through Excel.run;
 * - MemoryHost (./memory.ts): an in-memory workbook on the headless engine, for the browser preview and tests.
 *
 * The pane works in batches, as Excel does: `host.run(fn)` is one Excel.run; inside it, reads and writes are
 * queued on a Tx and happen at `tx.sync()` (one round trip to Excel), in the order they were queued. A read's
 * value can be taken only after the sync that carried it. Each action of the pane is one run with as few syncs
 * as its data allow (the tests count them).
 *
 * Coordinates are 0-based (row 0 is Excel's row 1, column 0 is column A). Inputs are what a user would type:
 * a string beginning with "=" is a formula, a string beginning with "'" is text kept as text, null clears
 * the cell.
 */

import { errorCodeOfText, type CellValue } from "../../sheet/errors";
import { isTypedNumber } from "../../sheet/numbers";
import type { CellRef, RangeRef } from "../../sheet/rect";

// The cells and rectangles the interface speaks of are spreadsheet text's own (src/sheet).
export { isCellError, type CellError, type CellValue } from "../../sheet/errors";
export type { CellRef, RangeRef } from "../../sheet/rect";

/** What a user types into a cell (read as Excel reads typing: see `typed`). */
export type UserInput = number | string | boolean | null;

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

/**
 * A block of cells to write, from (row, col) on. An undefined input leaves the cell as it is (so scattered
 * cells are written as one block); a null number format leaves the cell's format as it is.
 */
export interface SheetWrite {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly inputs: readonly (readonly (UserInput | undefined)[])[];
  readonly formats?: readonly (readonly (string | null)[])[];
}

/** The selected cells: one rectangle, or several (Ctrl+click), always of one sheet. */
export interface Selection {
  readonly sheet: string;
  readonly areas: readonly RangeRef[];
}

/** A sheet's used part (cells with values), or null for an empty sheet. */
export interface UsedRange {
  readonly sheet: string;
  readonly range: RangeRef | null;
}

/** A defined name and what it refers to ("=Sheet1!$D$6", "=#REF!"). */
export interface NameInfo {
  readonly name: string;
  readonly formula: string;
}

/** A read queued in a batch: its value exists once the batch has synced. */
export interface Later<T> {
  readonly value: T;
}

/** One batch against the workbook (one Excel.run). */
export interface Tx {
  sheetNames(): Later<string[]>;
  activeSheet(): Later<string>;
  selection(): Later<Selection>;
  /** The used range of a sheet, or of the active sheet when none is named. */
  usedRange(sheet?: string): Later<UsedRange>;
  /** Values, formulas and formats of a rectangle. */
  cells(range: RangeRef): Later<RangeData>;
  /** What a workbook-wide name refers to, or null when there is no such name. */
  nameFormula(name: string): Later<string | null>;
  /** The names of the workbook, or those local to a sheet. */
  names(sheet?: string): Later<NameInfo[]>;
  /** The cell whose dynamic array spilled into this cell, or null (only where capabilities.spill). */
  spillParent(cell: CellRef): Later<CellRef | null>;

  addSheet(name: string): void;
  deleteSheet(name: string): void;
  write(w: SheetWrite): void;
  /** A hidden workbook-wide name for a rectangle: it follows the cells when rows and columns move. */
  addName(name: string, range: RangeRef): void;
  deleteName(name: string): void;
  /** Widens or narrows the rectangle's columns to fit its cells' text (the rows given only: not a long title above). */
  autofitColumns(range: RangeRef): void;
  /** Activates the sheet and selects the rectangle, or the rectangles (of one sheet) as one selection of several areas. */
  select(range: RangeRef | readonly RangeRef[]): void;

  /** Sends what was queued, in order; a failure stops there (what ran before it stays done, as in Excel). */
  sync(): Promise<void>;
}

/** What the workbook's host can do beyond the baseline the manifest requires (ExcelApi 1.7). */
export interface Capabilities {
  /** Several selected areas (ExcelApi 1.9 getSelectedRanges); else only one area is known. */
  readonly multiArea: boolean;
  /** Events for edits and added or deleted sheets (ExcelApi 1.9). */
  readonly changeEvents: boolean;
  /** Which cells a dynamic array spilled into (ExcelApi 1.12). */
  readonly spill: boolean;
}

export type Unsubscribe = () => Promise<void>;

export interface WorkbookHost {
  /** "excel" inside Office, "memory" in the preview and tests. */
  readonly kind: "excel" | "memory";
  readonly capabilities: Capabilities;
  /** One batch: `fn` queues reads and writes on the Tx and syncs it. */
  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Calls `listener` when the selection or the active sheet changes. */
  onSelectionChanged(listener: () => void): Promise<Unsubscribe>;
  /** Calls `listener` when cells or sheets change (by the user or by the pane). */
  onChanged(listener: () => void): Promise<Unsubscribe>;
  /** Calls `listener` when the pane is shown or hidden (the shared runtime keeps running when it is hidden). */
  onVisibilityChanged(listener: (visible: boolean) => void): Promise<Unsubscribe>;
  /** Whether the pane is on screen now, as far as the host knows. */
  isVisible(): boolean;
}

/** True for Excel's refusal of a batch while the user is editing a cell. */
export function isCellEditError(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "InvalidOperationInCellEditMode";
}

/**
 * A text written as a cell input that stays text even where Excel would read the typing as something else: a
 * formula ("=…", "+…", "-x"), a number or date ("1562", ".5", "1/2"), TRUE/FALSE, an error ("#N/A"), or only
 * spaces. Marks such as "-", "/" and "—" need no quote.
 */
export function textInput(text: string): string {
  const t = text.trim();
  const quote = t === "" || /^[=+@]/.test(t) || /^-./.test(t) || /^[\d.]/.test(t) || /^(true|false)$/i.test(t) || errorCodeOfText(t) !== undefined || text.startsWith("'");
  return quote ? `'${text}` : text;
}

/** What an input puts in a cell: a formula, or a value. */
export type Typed = { readonly formula: string } | { readonly value: CellValue };

/**
 * What an input puts in a cell, read as Excel reads typing: "=..." a formula, "'..." the text after the
 * apostrophe, "4113.6" a number, "TRUE" a boolean, "#N/A" the error, "" nothing, anything else text.
 */
export function typed(input: UserInput): Typed {
  if (typeof input !== "string") return { value: input };
  if (input.startsWith("'")) return { value: input.slice(1) };
  if (input.startsWith("=") && input.length > 1) return { formula: input };
  const t = input.trim();
  if (t === "") return { value: null };
  if (isTypedNumber(t)) return { value: Number(t) };
  if (/^(true|false)$/i.test(t)) return { value: /^true$/i.test(t) };
  const error = errorCodeOfText(t);
  if (error) return { value: { error } };
  return { value: input };
}

/**
 * The input that puts a cell back as it was: its formula, its number, boolean or text (kept as text), or
 * nothing. Errors that are not formulas come back as the error text, which Excel and the engine read as
 * the error again.
 */
export function inputOf(cell: CellInfo): UserInput {
  if (cell.formula) return cell.formula;
  const v = cell.value;
  if (v === null || typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") return v === "" ? null : textInput(v);
  return v.error;
}

/** A later value computed on demand; reading it before its batch has synced is a bug in the caller. */
export function later<T>(get: () => T, synced: () => boolean): Later<T> {
  let done = false;
  let v: T;
  return {
    get value(): T {
      if (!synced()) throw new Error("read before sync");
      if (!done) {
        v = get();
        done = true;
      }
      return v;
    },
  };
}
