/**
 * The example workbook the preview shows: the content of examples/six-plants.xlsx, turned into JSON at
 * build time (scripts/preview-workbook.js reads the .xlsx with the engine's reader), so the browser never
 * parses an .xlsx file. Webpack resolves "preview-workbook.json" to that generated file.
 */
import type { DefinedName, SheetInput } from "../engine/engine";

export interface PreviewSheet {
  readonly name: string;
  /** The engine's inputs, row by row ("=..." a formula; text that would read as a formula or an error is {text}). */
  readonly cells: SheetInput[][];
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
