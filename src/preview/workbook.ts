/**
 * The example workbook the preview shows: the content of examples/six-plants.xlsx, turned into JSON at
 * build time (scripts/preview-workbook.js reads the .xlsx with the engine's reader), so the browser never
 * parses an .xlsx file. Webpack resolves "preview-workbook.json" to that generated file.
 */
import type { DefinedName } from "../engine/engine";
import type { CellContent } from "../engine/engine";

export interface PreviewSheet {
  readonly name: string;
  /** The engine's inputs, row by row (text is text, "=..." a formula). */
  readonly cells: CellContent[][];
  /** Number formats, null for General. */
  readonly formats: (string | null)[][];
  /** Column widths in pixels (null: the default width). */
  readonly widths: (number | null)[];
}

export interface PreviewWorkbook {
  /** Where the content comes from, e.g. "examples/six-plants.xlsx". */
  readonly source: string;
  readonly sheets: PreviewSheet[];
  readonly names: DefinedName[];
  /** The sheet to show first. */
  readonly active?: string;
}
