/**
 * An in-memory workbook on the headless engine (HyperFormula with the ER functions): the browser preview
 * and the tests use it in place of Excel. It keeps what the engine does not: the selection (one area or
 * several), the active sheet, number formats, listeners, whether the pane is shown and whether a cell is
 * being edited. Besides the WorkbookHost methods it has synchronous ones for the preview's grid.
 *
 * It behaves as Excel does where the pane depends on it:
 * - a batch's reads and writes happen at sync, in order; a failing operation stops the batch there, and what
 *   ran before it stays done (Excel has no transactions);
 * - while a cell is being edited, a batch waits until the edit ends (Excel.run with delayForCellEdit);
 * - inserting or deleting rows and columns moves cells, and the formulas and names that refer to them
 *   (HyperFormula adjusts references as Excel does; a deleted cell becomes #REF!);
 * - a value a dynamic array spilled into is a value without a formula, and spillParent finds its formula.
 *
 * Two kinds of input: the sheets it is built from hold the engine's inputs, as read from a file (a string
 * is text, "=..." a formula); what the pane and the grid write is typed as a user types in Excel
 * ("4113.6" is a number, "'4113.6" the text 4113.6, "'=A1" the text =A1, "TRUE" a boolean).
 */
import { Engine, type CellContent, type DefinedName, type SheetInput, type TextInput } from "../../engine/engine";
import { nameReference } from "../../sheet/rect";
import {
  isCellError,
  later,
  textInput,
  typed,
  type Capabilities,
  type CellInfo,
  type UserInput,
  type CellRef,
  type CellValue,
  type Later,
  type NameInfo,
  type RangeData,
  type RangeRef,
  type Selection,
  type SheetWrite,
  type Tx,
  type Unsubscribe,
  type UsedRange,
  type WorkbookHost,
} from "./types";

export interface SheetContent {
  /** The engine's inputs: numbers, booleans, null, text, "=formulas" (text that would read otherwise as {text}). */
  readonly cells: SheetInput[][];
  /** Number formats by cell; null or missing for General. */
  readonly formats?: (string | null)[][];
}

/**
 * A typed input as the engine takes it: formulas as "=...", text always as text (the engine would read a
 * string "=A1" as a formula and "#N/A" as the error), numbers, booleans and errors as themselves.
 */
export function typedToEngine(input: UserInput): CellContent | TextInput {
  const t = typed(input);
  if ("formula" in t) return t.formula;
  const v = t.value;
  if (typeof v === "string") return { text: v };
  if (isCellError(v)) return v.error;
  return v;
}

/** An operation the test asked to fail, as Excel fails one (the batch stops there). */
export type FailWhen = (op: { kind: string; sheet?: string; name?: string }) => boolean;

export interface MemoryStats {
  /** Batches (Excel.run) and round trips (context.sync) since the host was made or reset. */
  runs: number;
  syncs: number;
}

export class MemoryHost implements WorkbookHost {
  readonly kind = "memory" as const;
  readonly capabilities: Capabilities = { multiArea: true, changeEvents: true, spill: true };
  readonly stats: MemoryStats = { runs: 0, syncs: 0 };
  private readonly engine: Engine;
  private readonly formats = new Map<string, Map<string, string>>();
  /** Column widths in pixels by sheet (null: the default width). */
  private readonly widths = new Map<string, (number | null)[]>();
  private active: string;
  private selection: Selection;
  private readonly selectionListeners = new Set<() => void>();
  private readonly changeListeners = new Set<() => void>();
  private readonly visibilityListeners = new Set<(visible: boolean) => void>();
  private readonly redrawListeners = new Set<() => void>();
  private visible = true;
  private editing = false;
  private editEnded: (() => void)[] = [];
  private failWhen: FailWhen | undefined;
  /** Values by sheet, read once per change (the grid asks for every cell on each render). */
  private readonly valuesCache = new Map<string, CellValue[][]>();

  constructor(sheets: Record<string, SheetContent>, options: { active?: string; names?: readonly DefinedName[]; widths?: Record<string, (number | null)[]> } = {}) {
    for (const [name, w] of Object.entries(options.widths ?? {})) this.widths.set(name, [...w]);
    const inputs: Record<string, SheetInput[][]> = {};
    for (const [name, s] of Object.entries(sheets)) {
      inputs[name] = s.cells;
      const f = new Map<string, string>();
      s.formats?.forEach((row, r) => row.forEach((x, c) => x && x !== "General" && f.set(`${r},${c}`, x)));
      this.formats.set(name, f);
    }
    this.engine = Engine.create(inputs, { names: options.names });
    const names = this.engine.sheetNames();
    this.active = options.active && names.includes(options.active) ? options.active : names[0];
    this.selection = { sheet: this.active, areas: [{ sheet: this.active, row: 0, col: 0, rows: 1, cols: 1 }] };
  }

  // ---- synchronous access for the preview grid and the tests

  private values(sheet: string): CellValue[][] {
    let v = this.valuesCache.get(sheet);
    if (!v) {
      v = this.engine.getSheetValues(sheet);
      this.valuesCache.set(sheet, v);
    }
    return v;
  }

  sheetList(): string[] {
    return this.engine.sheetNames();
  }

  activeName(): string {
    return this.active;
  }

  /** The selected areas (the last one is where the active cell is). */
  selected(): Selection {
    return this.selection;
  }

  /** The cell as Excel reports it: a value a dynamic array spilled into is a value without a formula. */
  cell(sheet: string, row: number, col: number): CellInfo {
    const format = this.formats.get(sheet)?.get(`${row},${col}`);
    const fmt = format ? { format } : {};
    const formula = this.engine.isFormula(sheet, row, col) ? this.engine.getFormula(sheet, row, col) : undefined;
    const raw = this.values(sheet)[row]?.[col];
    if (!formula && (raw === null || raw === undefined)) return { value: null, ...fmt };
    const value: CellValue = this.engine.getValue(sheet, row, col);
    return formula ? { value, formula, ...fmt } : { value, ...fmt };
  }

  /** What the user would type to get the cell as it is (the formula for a formula cell, "'1562" for text 1562). */
  input(sheet: string, row: number, col: number): UserInput {
    const c = this.cell(sheet, row, col);
    if (c.formula) return c.formula;
    const v = c.value;
    if (v === null || typeof v === "number" || typeof v === "boolean") return v;
    if (typeof v === "string") return textInput(v);
    return v.error;
  }

  /** Column widths in pixels (null: the default width), as the file gave them or autofit made them. */
  columnWidths(sheet: string): readonly (number | null)[] {
    return this.widths.get(sheet) ?? [];
  }

  /** Rows and columns of the sheet's content (0 x 0 for an empty sheet). */
  size(sheet: string): { rows: number; cols: number } {
    const used = this.used(sheet);
    return used ? { rows: used.row + used.rows, cols: used.col + used.cols } : { rows: 0, cols: 0 };
  }

  private used(sheet: string): RangeRef | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    this.values(sheet).forEach((line, r) =>
      line.forEach((v, c) => {
        if (v === null || v === undefined) return;
        top = Math.min(top, r);
        left = Math.min(left, c);
        bottom = Math.max(bottom, r);
        right = Math.max(right, c);
      }),
    );
    if (bottom < 0) return null;
    return { sheet, row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  /** Selects as a user does in the grid (one rectangle, or several with Ctrl): fires the selection listeners. */
  setSelection(r: RangeRef | readonly RangeRef[]): void {
    const areas = Array.isArray(r) ? (r as readonly RangeRef[]) : [r as RangeRef];
    if (areas.length === 0 || !this.engine.sheetNames().includes(areas[0].sheet)) return;
    const next: Selection = { sheet: areas[0].sheet, areas: areas.map((a) => ({ ...a, sheet: areas[0].sheet })) };
    const key = (s: Selection) => `${s.sheet}|${s.areas.map((a) => `${a.row},${a.col},${a.rows},${a.cols}`).join(";")}`;
    const changed = key(next) !== key(this.selection);
    this.active = next.sheet;
    this.selection = next;
    if (changed) this.emit(this.selectionListeners);
  }

  /** Adds a sheet and activates it, as the "+" beside Excel's sheet tabs does. */
  newSheet(name: string): void {
    this.doAddSheet(name);
    this.activate(name);
  }

  /** Activates a sheet (its selection goes to A1), as clicking a sheet tab does. */
  activate(sheet: string): void {
    this.setSelection({ sheet, row: 0, col: 0, rows: 1, cols: 1 });
  }

  /** Writes inputs as a user types them; fires the change listeners. */
  setInputs(sheet: string, row: number, col: number, inputs: UserInput[][]): void {
    this.engine.setCells(sheet, row, col, inputs.map((line) => line.map(typedToEngine)));
    this.changed();
  }

  /** Inserts rows before `at`, as Excel's Insert > Sheet Rows: cells, formulas, names and formats move down. */
  insertRows(sheet: string, at: number, count = 1): void {
    this.engine.insertRows(sheet, at, count);
    this.shiftFormats(sheet, "row", at, count);
    this.changed();
  }

  deleteRows(sheet: string, at: number, count = 1): void {
    this.engine.deleteRows(sheet, at, count);
    this.shiftFormats(sheet, "row", at, -count);
    this.changed();
  }

  insertColumns(sheet: string, at: number, count = 1): void {
    this.engine.insertColumns(sheet, at, count);
    this.shiftFormats(sheet, "col", at, count);
    this.changed();
  }

  deleteColumns(sheet: string, at: number, count = 1): void {
    this.engine.deleteColumns(sheet, at, count);
    this.shiftFormats(sheet, "col", at, -count);
    this.changed();
  }

  private shiftFormats(sheet: string, axis: "row" | "col", at: number, delta: number): void {
    const old = this.formats.get(sheet);
    if (!old) return;
    const next = new Map<string, string>();
    for (const [key, f] of old) {
      const [r, c] = key.split(",").map(Number);
      const p = axis === "row" ? r : c;
      if (delta < 0 && p >= at && p < at - delta) continue;
      const q = p >= at ? p + delta : p;
      next.set(axis === "row" ? `${q},${c}` : `${r},${q}`, f);
    }
    this.formats.set(sheet, next);
  }

  /** The workbook-wide names and what they refer to now (the tests look at the pane's hidden names). */
  nameList(): NameInfo[] {
    return this.engine.listNames();
  }

  /** Shows or hides the pane, as closing and reopening Excel's task pane does; the listeners hear of it. */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    for (const l of [...this.visibilityListeners]) l(visible);
  }

  /** A cell is being edited (the grid's formula bar is open): batches wait until it ends, as in Excel. */
  setEditing(editing: boolean): void {
    this.editing = editing;
    if (!editing) for (const resume of this.editEnded.splice(0)) resume();
  }

  /** For tests: makes the first operation `when` matches fail, as a refused Excel operation does. */
  failOn(when: FailWhen | undefined): void {
    this.failWhen = when;
  }

  // ---- WorkbookHost

  async run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    while (this.editing) await new Promise<void>((resume) => this.editEnded.push(resume));
    this.stats.runs++;
    return fn(new MemoryTx(this));
  }

  async onSelectionChanged(listener: () => void): Promise<Unsubscribe> {
    this.selectionListeners.add(listener);
    return async () => {
      this.selectionListeners.delete(listener);
    };
  }

  async onChanged(listener: () => void): Promise<Unsubscribe> {
    this.changeListeners.add(listener);
    return async () => {
      this.changeListeners.delete(listener);
    };
  }

  async onVisibilityChanged(listener: (visible: boolean) => void): Promise<Unsubscribe> {
    this.visibilityListeners.add(listener);
    return async () => {
      this.visibilityListeners.delete(listener);
    };
  }

  isVisible(): boolean {
    return this.visible;
  }

  /** Listeners the pane added to selection or change events (a hidden pane must have none). */
  listenerCount(): number {
    return this.selectionListeners.size + this.changeListeners.size;
  }

  /** For the preview's grid (Excel's own window, not the pane): called after every change of cells or selection. */
  onRedraw(listener: () => void): () => void {
    this.redrawListeners.add(listener);
    return () => this.redrawListeners.delete(listener);
  }

  private changed(): void {
    this.valuesCache.clear();
    this.emit(this.changeListeners);
  }

  private emit(listeners: Set<() => void>): void {
    for (const l of [...listeners]) l();
    for (const l of [...this.redrawListeners]) l();
  }

  // ---- what a batch does, one operation at a time (MemoryTx)

  /** @internal */
  fail(op: { kind: string; sheet?: string; name?: string }): void {
    if (this.failWhen?.(op)) {
      this.failWhen = undefined;
      throw Object.assign(new Error(`${op.kind} ${op.sheet ?? op.name ?? ""} failed`), { code: "GeneralException" });
    }
  }

  /** @internal */
  doRead<T>(op: { kind: string; sheet?: string }, f: () => T): T {
    this.fail(op);
    if (op.sheet !== undefined && !this.engine.sheetNames().includes(op.sheet)) throw Object.assign(new Error(`no sheet named ${op.sheet}`), { code: "ItemNotFound" });
    return f();
  }

  /** @internal */
  readSelection(): Selection {
    return this.selection;
  }

  /** @internal */
  readUsed(sheet: string | undefined): UsedRange {
    const name = sheet ?? this.active;
    return { sheet: name, range: this.used(name) };
  }

  /** @internal */
  readCells(r: RangeRef): RangeData {
    const cells: CellInfo[][] = [];
    for (let i = 0; i < r.rows; i++) {
      const line: CellInfo[] = [];
      for (let j = 0; j < r.cols; j++) line.push(this.cell(r.sheet, r.row + i, r.col + j));
      cells.push(line);
    }
    return { ...r, cells };
  }

  /** @internal */
  readNameFormula(name: string): string | null {
    return this.engine.nameFormula(name) ?? null;
  }

  /** @internal */
  readNames(sheet: string | undefined): NameInfo[] {
    return this.engine.listNames(sheet);
  }

  /** @internal */
  readSpillParent(c: CellRef): CellRef | null {
    const p = this.engine.spillParent(c.sheet, c.row, c.col);
    return p ? { sheet: c.sheet, ...p } : null;
  }

  /** @internal */
  doAddSheet(name: string): void {
    this.fail({ kind: "addSheet", sheet: name });
    if (this.engine.sheetNames().some((s) => s.toLowerCase() === name.toLowerCase())) throw Object.assign(new Error(`a sheet named ${name} exists`), { code: "ItemAlreadyExists" });
    this.engine.addSheet(name);
    this.formats.set(name, new Map());
    this.changed();
  }

  /** @internal */
  doDeleteSheet(name: string): void {
    this.fail({ kind: "deleteSheet", sheet: name });
    this.engine.removeSheet(name);
    this.formats.delete(name);
    this.widths.delete(name);
    this.changed();
    if (this.active === name) this.activate(this.engine.sheetNames()[0]);
  }

  /** @internal */
  doWrite(w: SheetWrite): void {
    this.fail({ kind: "write", sheet: w.sheet });
    // Runs of given inputs, row by row: an undefined input leaves its cell as it is.
    w.inputs.forEach((line, i) => {
      let j = 0;
      while (j < line.length) {
        if (line[j] === undefined) {
          j++;
          continue;
        }
        const start = j;
        while (j < line.length && line[j] !== undefined) j++;
        this.engine.setCells(w.sheet, w.row + i, w.col + start, [line.slice(start, j).map((v) => typedToEngine(v as UserInput))]);
      }
    });
    const f = this.formats.get(w.sheet) ?? new Map<string, string>();
    w.formats?.forEach((line, i) =>
      line.forEach((x, j) => {
        if (x === null || x === undefined) return;
        const key = `${w.row + i},${w.col + j}`;
        if (x === "General" || x === "") f.delete(key);
        else f.set(key, x);
      }),
    );
    this.formats.set(w.sheet, f);
    this.changed();
  }

  /** @internal */
  doAutofit(r: RangeRef): void {
    this.fail({ kind: "autofit", sheet: r.sheet });
    const widths = [...(this.widths.get(r.sheet) ?? [])];
    for (let j = 0; j < r.cols; j++) {
      let px = 0;
      for (let i = 0; i < r.rows; i++) {
        const c = this.cell(r.sheet, r.row + i, r.col + j);
        const v = c.value;
        const text = v === null ? "" : typeof v === "object" ? v.error : typeof v === "number" && c.format === "0.00" ? v.toFixed(2) : String(v);
        // About 7 px a Latin character and 13 a Chinese one at the grid's 13 px font, and the cell's padding.
        const w = [...text].reduce((sum, ch) => sum + (/[\u2e80-\uffff]/.test(ch) ? 13 : 7), 0) + 12;
        px = Math.max(px, w);
      }
      widths[r.col + j] = Math.max(40, Math.min(px, 480));
    }
    this.widths.set(r.sheet, widths);
    this.changed();
  }

  /** @internal */
  doAddName(name: string, r: RangeRef): void {
    this.fail({ kind: "addName", name });
    this.engine.addName(name, nameReference(r));
  }

  /** @internal */
  doDeleteName(name: string): void {
    this.fail({ kind: "deleteName", name });
    this.engine.removeName(name);
  }

  /** @internal */
  doSelect(r: RangeRef | readonly RangeRef[]): void {
    const areas = Array.isArray(r) ? (r as readonly RangeRef[]) : [r as RangeRef];
    this.fail({ kind: "select", sheet: areas[0]?.sheet });
    this.setSelection(areas);
  }
}

/** A batch on the in-memory workbook: operations queue, and run in order at sync. */
class MemoryTx implements Tx {
  private queue: (() => void)[] = [];
  private done = 0;

  constructor(private readonly host: MemoryHost) {}

  private read<T>(op: { kind: string; sheet?: string }, f: () => T): Later<T> {
    let v: T;
    const at = this.done;
    this.queue.push(() => {
      v = this.host.doRead(op, f);
    });
    return later(() => v, () => this.done > at);
  }

  sheetNames(): Later<string[]> {
    return this.read({ kind: "sheetNames" }, () => this.host.sheetList());
  }

  activeSheet(): Later<string> {
    return this.read({ kind: "activeSheet" }, () => this.host.activeName());
  }

  selection(): Later<Selection> {
    return this.read({ kind: "selection" }, () => this.host.readSelection());
  }

  usedRange(sheet?: string): Later<UsedRange> {
    return this.read({ kind: "usedRange", sheet }, () => this.host.readUsed(sheet));
  }

  cells(range: RangeRef): Later<RangeData> {
    return this.read({ kind: "cells", sheet: range.sheet }, () => this.host.readCells(range));
  }

  nameFormula(name: string): Later<string | null> {
    return this.read({ kind: "nameFormula" }, () => this.host.readNameFormula(name));
  }

  names(sheet?: string): Later<NameInfo[]> {
    return this.read({ kind: "names", sheet }, () => this.host.readNames(sheet));
  }

  spillParent(cell: CellRef): Later<CellRef | null> {
    return this.read({ kind: "spillParent", sheet: cell.sheet }, () => this.host.readSpillParent(cell));
  }

  addSheet(name: string): void {
    this.queue.push(() => this.host.doAddSheet(name));
  }

  deleteSheet(name: string): void {
    this.queue.push(() => this.host.doDeleteSheet(name));
  }

  write(w: SheetWrite): void {
    this.queue.push(() => this.host.doWrite(w));
  }

  addName(name: string, range: RangeRef): void {
    this.queue.push(() => this.host.doAddName(name, range));
  }

  deleteName(name: string): void {
    this.queue.push(() => this.host.doDeleteName(name));
  }

  autofitColumns(range: RangeRef): void {
    this.queue.push(() => this.host.doAutofit(range));
  }

  select(range: RangeRef | readonly RangeRef[]): void {
    this.queue.push(() => this.host.doSelect(range));
  }

  async sync(): Promise<void> {
    this.host.stats.syncs++;
    const ops = this.queue;
    this.queue = [];
    for (const op of ops) op();
    this.done++;
  }
}
