/**
 * Cell identity inside the engine: one key for a cell of HyperFormula's workbook (sheet id, 0-based row and
 * column), built and read only here. The engine and its plugin keep what they learn by cell under it (result
 * sizes, predicted sizes, formulas to re-enter, array formulas, unrounded results, blocked and unreadable
 * formulas); a key is only ever made by `cellKey`, so two maps can never spell one cell two ways.
 */

declare const cellKeyBrand: unique symbol;

/** A cell of the engine's workbook as a map key ("sheet,row,col" inside; read it with `cellOfKey`). */
export type CellKey = string & { readonly [cellKeyBrand]: true };

/** A cell of the engine's workbook: HyperFormula's sheet id, row and column (0-based). */
export interface EngineCell {
  readonly sheet: number;
  readonly row: number;
  readonly col: number;
}

/** The key of a cell. */
export function cellKey(sheet: number, row: number, col: number): CellKey {
  return `${sheet},${row},${col}` as CellKey;
}

/** The key of a cell given as HyperFormula's address ({sheet, row, col}). */
export function keyOfCell(a: EngineCell): CellKey {
  return cellKey(a.sheet, a.row, a.col);
}

/** The cell a key stands for. */
export function cellOfKey(key: CellKey): EngineCell {
  const [sheet, row, col] = key.split(",").map(Number);
  return { sheet, row, col };
}

/** True when the key is of a cell of `sheet`. */
export function isKeyOfSheet(key: CellKey, sheet: number): boolean {
  return key.startsWith(`${sheet},`);
}

declare const sheetCellKeyBrand: unique symbol;

/**
 * A cell of the file by its sheet's name, as the reader keeps the stored values of array formulas' member
 * cells (ReadWorkbook.arrayValues): "sheet!row,col" inside, built only by `sheetCellKey`, read only by
 * `sheetCellOfKey`.
 */
export type SheetCellKey = string & { readonly [sheetCellKeyBrand]: true };

/** The key of a cell of sheet `sheet` (0-based row and column). */
export function sheetCellKey(sheet: string, row: number, col: number): SheetCellKey {
  return `${sheet}!${row},${col}` as SheetCellKey;
}

/** The cell a sheet-cell key stands for (a sheet name may itself hold "!"). */
export function sheetCellOfKey(key: SheetCellKey): { sheet: string; row: number; col: number } {
  const bang = key.lastIndexOf("!");
  const [row, col] = key.slice(bang + 1).split(",").map(Number);
  return { sheet: key.slice(0, bang), row, col };
}
