/**
 * What reading a workbook may build (Node only): the cells and rows that hold a value or a formula, and
 * the text the sheets will hold (a shared string counts once per cell that uses it), counted while the
 * parts are parsed, so that a small file cannot make a large workbook. Empty formatted cells
 * (`<c r="A1" s="3"/>`) cost nothing and count nothing.
 */
import { READ_LIMITS, WorkbookReadError } from "../errors";

export class ReadBudget {
  readonly file: string;
  readonly maxCells: number;
  readonly maxText: number;
  cells = 0;
  rows = 0;
  text = 0;
  /** Counting went past a limit: nothing more is stored, the counts go on to the end of the part. */
  over = false;

  constructor(file: string, maxCells: number = READ_LIMITS.cells, maxText: number = READ_LIMITS.textChars) {
    this.file = file;
    this.maxCells = maxCells;
    this.maxText = maxText;
  }

  /** Counts a cell (and its row, when it is the row's first counted cell); false once past the limit. */
  cell(newRow: boolean): boolean {
    this.cells++;
    if (newRow) this.rows++;
    if (this.cells > this.maxCells || this.rows > this.maxCells) this.over = true;
    return !this.over;
  }

  /** Counts the characters of a text value a cell will hold; refuses at once past the limit. */
  addText(part: string, cell: string, chars: number): void {
    this.text += chars;
    if (this.text > this.maxText) throw new WorkbookReadError(this.file, "tooMuchText", `${part}, ${cell}`, { chars: this.text, limit: this.maxText });
  }

  /** At the end of a part: refuses the workbook if counting went past the cell limit. */
  endPart(part: string): void {
    if (this.over) throw new WorkbookReadError(this.file, "tooManyCells", part, { cells: this.cells, rows: this.rows, limit: this.maxCells });
  }
}
