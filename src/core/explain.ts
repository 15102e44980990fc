/**
 * Why a plant's right came out as it did: per phase, which figure binds (rule 3) and the phase's right,
 * laid out like the phases the user selected so that it can spill beside them.
 *
 * Shape (documented in docs/functions.md, EXPLAIN_RIGHT):
 * - phases down a column give one row per phase with two columns: [binding, right];
 * - phases across a row give one column per phase with two rows: binding above, right below;
 * - the orientation is the eia range's; when eia is a single cell, the performance range's; a single
 *   phase on both sides gives one row [binding, right].
 * The binding is one of the stable values of `Binding` ("eia", "performance", "equal", "no-eia",
 * "absent"), the same in every language, so that formulas can test it. The right of an absent phase is
 * "/", the mark the paper prints.
 */
import { explainPhases, type Binding, type PhaseRight } from "./rights";

export type Orientation = "column" | "row";

/** The mark shown for the right of a phase that does not exist. */
export const ABSENT_RIGHT = "/";

/**
 * How a range argument lists its cells: "row" for one row of several cells, "column" for one column of
 * several cells, undefined for a single cell or value (which fits both).
 */
export function orientationOf(value: unknown): Orientation | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const first: unknown = value[0];
  if (!Array.isArray(first)) return value.length > 1 ? "row" : undefined; // a flat list reads as a row
  if (value.length > 1) return "column";
  return first.length > 1 ? "row" : undefined;
}

/** The orientation of the explanation: the eia range's, else the performance range's, else a column. */
export function explainOrientation(eia: unknown, performance: unknown): Orientation {
  return orientationOf(eia) ?? orientationOf(performance) ?? "column";
}

/** One phase's cells: its binding and its right (or "/"). */
export function explainCells(p: PhaseRight): [Binding, number | string] {
  return [p.binds, p.right === null ? ABSENT_RIGHT : p.right];
}

/**
 * The explanation as a matrix in `orientation`.
 *
 * @example explainMatrix(explainPhases([907.2, 8000], [1134, 2320]), "column")
 *   // [["eia", 907.2], ["performance", 2320]]   (plant 1, NOx)
 */
export function explainMatrix(phases: readonly PhaseRight[], orientation: Orientation): (number | string)[][] {
  const cells = phases.map(explainCells);
  if (orientation === "column") return cells.map((c) => [c[0], c[1]]);
  return [cells.map((c) => c[0]), cells.map((c) => c[1])];
}

export { explainPhases };
