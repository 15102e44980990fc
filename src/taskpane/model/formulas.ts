/**
 * ER formulas the pane writes, with their references kept apart (tracked) so that the pane can tell the
 * formula Excel shows in a cell now, after rows were inserted or a sheet renamed; and formulas in a form
 * to compare. The ER call itself is written by src/sheet/er.ts.
 */
import { FUNCTIONS } from "../../functions/registry";
import { refText, type RangeRef } from "../../sheet/rect";

/** Registry ids, which a workbook may write without "ER." (none is also a built-in function's name: test/sheet). */
export const BARE_IDS: ReadonlySet<string> = new Set(FUNCTIONS.map((f) => f.id));

/**
 * A formula whose references are kept apart from its text: `template` holds a placeholder where each
 * reference goes. Rendered with the ranges as they were, it is the formula written; rendered with the ranges
 * as Excel has moved them since (rows inserted above, a sheet renamed), it is the formula Excel now shows in
 * that cell, if nobody changed it.
 */
export interface TrackedFormula {
  readonly template: string;
  readonly refs: readonly RangeRef[];
}

const SLOT = /\uE000(\d+)\uE001/g;

/** Builds a tracked formula: `build` receives a function that puts a reference in and returns its placeholder. */
export function tracked(build: (refer: (r: RangeRef) => string) => string): TrackedFormula {
  const refs: RangeRef[] = [];
  const refer = (r: RangeRef) => {
    let i = refs.findIndex((x) => x.sheet === r.sheet && x.row === r.row && x.col === r.col && x.rows === r.rows && x.cols === r.cols);
    if (i < 0) i = refs.push(r) - 1;
    return `\uE000${i}\uE001`;
  };
  return { template: build(refer), refs };
}

/**
 * The formula text for a cell on `fromSheet`, with `ranges` in place of the references (the formula's own, or
 * where they are now). A range that no longer exists (its cells were deleted) is written #REF!, as Excel
 * writes it in place of the reference.
 */
export function renderFormula(f: Pick<TrackedFormula, "template">, ranges: readonly (RangeRef | null | undefined)[], fromSheet: string): string {
  return f.template.replace(SLOT, (_, i: string) => {
    const r = ranges[Number(i)];
    return r ? refText(r, fromSheet) : "#REF!";
  });
}

export function isTracked(v: unknown): v is TrackedFormula {
  return typeof v === "object" && v !== null && typeof (v as TrackedFormula).template === "string" && Array.isArray((v as TrackedFormula).refs);
}

/**
 * A formula in a comparable form: no spaces, upper case, every way of naming an ER function as ER.NAME,
 * numbers written out (1E9 and 1000000000 alike), sheet names without quotes, as Excel and the engine may
 * rewrite what was written.
 */
export function canonicalFormula(f: string): string {
  return f
    .replace(/\s+/g, "")
    .toUpperCase()
    .replace(/_XLDUDF_ER_/g, "ER.")
    // A sheet name in quotes or not ('T3'!D5 and T3!D5: Excel quotes a name that reads as a cell, others may not).
    .replace(/'((?:[^']|'')+)'!/g, (_, name: string) => `${name.replace(/''/g, "'")}!`)
    .replace(/(?<![A-Z0-9_.$])\d+(?:\.\d+)?(?:E[+-]?\d+)?(?![A-Z0-9_(])/g, (n) => String(Number(n)))
    .replace(/^=/, "");
}
