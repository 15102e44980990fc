/**
 * Building ER formulas and finding the ranges existing ER formulas read.
 */
import { FUNCTIONS } from "../../functions/registry";
import type { RangeRef } from "../host/types";
import { parseReference, quoteSheet, rangeAddress } from "./a1";

/** A reference from a formula on `fromSheet` to `r`: plain on the same sheet, sheet-qualified otherwise. */
export function ref(r: RangeRef, fromSheet: string): string {
  return r.sheet === fromSheet ? rangeAddress(r) : `${quoteSheet(r.sheet)}!${rangeAddress(r)}`;
}

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
    return r ? ref(r, fromSheet) : "#REF!";
  });
}

export function isTracked(v: unknown): v is TrackedFormula {
  return typeof v === "object" && v !== null && typeof (v as TrackedFormula).template === "string" && Array.isArray((v as TrackedFormula).refs);
}

/** "=ER.NAME(a, b)" */
export function erFormula(name: string, ...args: string[]): string {
  return `=ER.${name}(${args.join(",")})`;
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

const IDS = FUNCTIONS.map((f) => f.id).sort((a, b) => b.length - a.length);
const CALL = new RegExp(`(?:\\bER\\.|\\b_xldudf_ER_|(?<![A-Za-z0-9_.]))(${IDS.join("|")})\\s*\\(`, "gi");

export interface ErCall {
  readonly name: string;
  /** The ranges its arguments name (references only; constants and expressions are left out). */
  readonly ranges: RangeRef[];
}

/** The ER calls of a formula and the ranges they read. */
export function erCalls(formula: string, sheet: string): ErCall[] {
  const out: ErCall[] = [];
  CALL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CALL.exec(formula))) {
    const args = splitArgs(formula, m.index + m[0].length);
    const ranges: RangeRef[] = [];
    for (const a of args) {
      const r = parseReference(a.trim(), sheet);
      if (r) ranges.push(r);
    }
    out.push({ name: m[1].toUpperCase(), ranges });
  }
  return out;
}

/** The top-level arguments of a call whose "(" ends just before `start`. */
function splitArgs(text: string, start: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let from = start;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "(" || ch === "{") depth++;
    else if (ch === ")" || ch === "}") {
      if (depth === 0) {
        args.push(text.slice(from, i));
        return args;
      }
      depth--;
    } else if ((ch === "," || ch === ";") && depth === 0) {
      args.push(text.slice(from, i));
      from = i + 1;
    }
  }
  args.push(text.slice(from));
  return args;
}
