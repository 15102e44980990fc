/**
 * Single-cell arguments. Excel and the headless engine run a function once per cell when a range is
 * given to a single-cell parameter (Excel 365's lifting) and pass the cell itself; a range reaches the
 * rule only where that cannot happen (through a name, in a pre-dynamic-array Excel). A one-cell range is
 * then read as its cell, and a larger one is refused rather than silently cut to its first cell.
 */
import { RuleError } from "./errors";

/** The one cell of a scalar argument. */
export function singleCell(value: unknown, arg: string): unknown {
  if (!Array.isArray(value)) return value;
  const rows = value.length;
  if (rows === 0) throw new RuleError("#VALUE!", "emptyRange", { arg });
  const first: unknown = value[0];
  if (!Array.isArray(first)) {
    if (rows === 1) return first;
    throw new RuleError("#VALUE!", "notSingleCell", { arg, rows: 1, cols: rows });
  }
  if (rows === 1 && first.length === 1) return first[0];
  if (first.length === 0) throw new RuleError("#VALUE!", "emptyRange", { arg });
  throw new RuleError("#VALUE!", "notSingleCell", { arg, rows, cols: first.length });
}
