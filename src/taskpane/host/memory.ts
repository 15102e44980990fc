/**
 * An in-memory workbook on the headless engine (HyperFormula with the ER functions): the browser preview
 * and the tests use it in place of Excel. It keeps what the engine does not: the selection, the active
 * sheet, number formats and listeners. Besides the WorkbookHost methods it has synchronous ones for the
 * preview's grid.
 *
 * Two kinds of input: the sheets it is built from hold the engine's inputs, as read from a file (a string
 * is text, "=..." a formula); what the pane and the grid write is typed as a user types in Excel
 * ("4113.6" is a number, "'4113.6" the text 4113.6, "TRUE" a boolean).
 */
import { Engine, type DefinedName } from "../../engine/engine";
import { textInput, type CellInfo, type CellInput, type CellValue, type RangeData, type RangeRef, type SheetWrite, type Unsubscribe, type WorkbookHost } from "./types";

export interface SheetContent {
  /** The engine's inputs: numbers, booleans, null, text, "=formulas". */
  readonly cells: CellInput[][];
  /** Number formats by cell; null or missing for General. */
  readonly formats?: (string | null)[][];
}

const ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);
const TYPED_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** What a typed input is, as Excel reads what a user types: a formula, text after "'", a number, TRUE, an error. */
export function typedToEngine(input: CellInput): CellInput {
  if (typeof input !== "string") return input;
  if (input.startsWith("'")) return input.slice(1);
  if (input.startsWith("=") && input.length > 1) return input;
  const t = input.trim();
  if (t === "") return null;
  if (TYPED_NUMBER.test(t)) return Number(t);
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  if (ERRORS.has(t.toUpperCase())) return t.toUpperCase();
  return input;
}

export class MemoryHost implements WorkbookHost {
  readonly kind = "memory" as const;
  private readonly engine: Engine;
  private readonly formats = new Map<string, Map<string, string>>();
  private active: string;
  private selection: RangeRef;
  private readonly selectionListeners = new Set<() => void>();
  private readonly changeListeners = new Set<() => void>();
  /** The engine's inputs by sheet, read once per change. */
  private readonly inputsCache = new Map<string, CellInput[][]>();

  constructor(sheets: Record<string, SheetContent>, options: { active?: string; names?: readonly DefinedName[] } = {}) {
    const inputs: Record<string, CellInput[][]> = {};
    for (const [name, s] of Object.entries(sheets)) {
      inputs[name] = s.cells;
      const f = new Map<string, string>();
      s.formats?.forEach((row, r) => row.forEach((x, c) => x && x !== "General" && f.set(`${r},${c}`, x)));
      this.formats.set(name, f);
    }
    this.engine = Engine.create(inputs, { names: options.names });
    const names = this.engine.sheetNames();
    this.active = options.active && names.includes(options.active) ? options.active : names[0];
    this.selection = { sheet: this.active, row: 0, col: 0, rows: 1, cols: 1 };
  }

  // ---- synchronous access for the preview grid

  private inputs(sheet: string): CellInput[][] {
    let v = this.inputsCache.get(sheet);
    if (!v) {
      v = this.engine.getSheetInputs(sheet);
      this.inputsCache.set(sheet, v);
    }
    return v;
  }

  sheetList(): string[] {
    return this.engine.sheetNames();
  }

  activeName(): string {
    return this.active;
  }

  selected(): RangeRef {
    return this.selection;
  }

  /** The cell as the pane reads it. */
  cell(sheet: string, row: number, col: number): CellInfo {
    const input = this.inputs(sheet)[row]?.[col] ?? null;
    const format = this.formats.get(sheet)?.get(`${row},${col}`);
    const fmt = format ? { format } : {};
    if (input === null || input === "") {
      // No input, but a value an array formula spilled here (ER.ALLOCATE_CUT's results): Excel shows and
      // reads it as the cell's value.
      const spilled = input === null ? this.engine.getValue(sheet, row, col) : null;
      return { value: spilled, ...fmt };
    }
    const value: CellValue = this.engine.getValue(sheet, row, col);
    const formula = this.engine.getFormula(sheet, row, col);
    return formula ? { value, formula, ...fmt } : { value, ...fmt };
  }

  /** What the user would type to get the cell as it is (the formula for a formula cell, "'1562" for text 1562). */
  input(sheet: string, row: number, col: number): CellInput {
    const v = this.inputs(sheet)[row]?.[col] ?? null;
    if (typeof v !== "string" || v.startsWith("=")) return v;
    return ERRORS.has(v) ? v : textInput(v);
  }

  /** Rows and columns of the sheet's content (0 x 0 for an empty sheet). */
  size(sheet: string): { rows: number; cols: number } {
    const inputs = this.inputs(sheet);
    let rows = 0;
    let cols = 0;
    inputs.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v !== null && v !== "") {
          rows = Math.max(rows, r + 1);
          cols = Math.max(cols, c + 1);
        }
      }),
    );
    return { rows, cols };
  }

  /** Selects as a user does in the grid: fires the selection listeners. */
  setSelection(r: RangeRef): void {
    if (!this.engine.sheetNames().includes(r.sheet)) return;
    const changed = r.sheet !== this.selection.sheet || r.row !== this.selection.row || r.col !== this.selection.col || r.rows !== this.selection.rows || r.cols !== this.selection.cols;
    this.active = r.sheet;
    this.selection = r;
    if (changed) this.emit(this.selectionListeners);
  }

  /** Activates a sheet (its selection goes to A1), as clicking a sheet tab does. */
  activate(sheet: string): void {
    this.setSelection({ sheet, row: 0, col: 0, rows: 1, cols: 1 });
  }

  /** Writes inputs as a user types them; fires the change listeners. */
  setInputs(sheet: string, row: number, col: number, inputs: CellInput[][]): void {
    this.engine.setCells(sheet, row, col, inputs.map((line) => line.map(typedToEngine)));
    this.emit(this.changeListeners);
  }

  // ---- WorkbookHost

  async sheetNames(): Promise<string[]> {
    return this.sheetList();
  }

  async activeSheet(): Promise<string> {
    return this.active;
  }

  async getSelection(): Promise<RangeRef> {
    return this.selection;
  }

  async read(r: RangeRef): Promise<RangeData> {
    const cells: CellInfo[][] = [];
    for (let i = 0; i < r.rows; i++) {
      const line: CellInfo[] = [];
      for (let j = 0; j < r.cols; j++) line.push(this.cell(r.sheet, r.row + i, r.col + j));
      cells.push(line);
    }
    return { ...r, cells };
  }

  async usedRange(sheet: string): Promise<RangeRef | null> {
    const inputs = this.inputs(sheet);
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    inputs.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v === null || v === "") return;
        top = Math.min(top, r);
        left = Math.min(left, c);
        bottom = Math.max(bottom, r);
        right = Math.max(right, c);
      }),
    );
    if (bottom < 0) return null;
    return { sheet, row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  async select(r: RangeRef): Promise<void> {
    this.setSelection(r);
  }

  async write(writes: readonly SheetWrite[]): Promise<void> {
    for (const w of writes) {
      const cols = Math.max(0, ...w.inputs.map((line) => line.length));
      const grid = w.inputs.map((line) => Array.from({ length: cols }, (_, j) => typedToEngine(line[j] ?? null)));
      if (grid.length > 0 && cols > 0) this.engine.setCells(w.sheet, w.row, w.col, grid);
      const f = this.formats.get(w.sheet) ?? new Map<string, string>();
      w.formats?.forEach((line, i) =>
        line.forEach((x, j) => {
          if (x === null || x === undefined) return;
          const key = `${w.row + i},${w.col + j}`;
          if (x === "General") f.delete(key);
          else f.set(key, x);
        }),
      );
      this.formats.set(w.sheet, f);
    }
    this.emit(this.changeListeners);
  }

  async addSheet(name: string): Promise<void> {
    this.engine.addSheet(name);
    this.formats.set(name, new Map());
    this.emit(this.changeListeners);
  }

  async deleteSheet(name: string): Promise<void> {
    this.engine.removeSheet(name);
    this.formats.delete(name);
    if (this.active === name) this.activate(this.engine.sheetNames()[0]);
    this.emit(this.changeListeners);
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

  private emit(listeners: Set<() => void>): void {
    if (listeners === this.changeListeners) this.inputsCache.clear();
    for (const l of [...listeners]) l();
  }
}
