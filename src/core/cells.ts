/**
 * The one rule for single-cell parameters, the same in every function, in the Excel bundle and in the
 * headless engine (the registry applies it to every parameter declared `scalar`, before the rule runs):
 * - a value is itself; a 1x1 range is its cell;
 * - a larger range is refused with #VALUE! and a message that names the parameter and the range's size,
 *   never cut to its first cell.
 *
 * What Excel does before that. The Office docs (custom-functions-json) describe `scalar` as "a
 * non-array value" and `matrix` as "a 2-dimensional array", and document nothing more for a range given
 * to a scalar parameter. Excel with dynamic arrays "lifts" a function over such a range: it runs the
 * function once per cell and spills one result per cell, as for a built-in scalar function
 * (=ABS(A1:A3)); reports of an "Unliftable Array" error from custom functions (office-js-docs-pr issue
 * 2238) show custom functions going through the same lifting. The headless engine lifts in the same way
 * (src/engine/plugin.ts). So a range reaches this rule only where nothing lifted it: a caller outside
 * Excel, an Excel without dynamic arrays, or a range the engine cannot size from the formula. This
 * was read from the documentation and reports, not tried on a real Excel here.
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
