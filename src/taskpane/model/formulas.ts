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

/** "=ER.NAME(a, b)" */
export function erFormula(name: string, ...args: string[]): string {
  return `=ER.${name}(${args.join(",")})`;
}

/**
 * A formula in a comparable form: no spaces, upper case, every way of naming an ER function as ER.NAME,
 * numbers written out (1E9 and 1000000000 alike), as Excel and the engine may rewrite what was written.
 */
export function canonicalFormula(f: string): string {
  return f
    .replace(/\s+/g, "")
    .toUpperCase()
    .replace(/_XLDUDF_ER_/g, "ER.")
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
