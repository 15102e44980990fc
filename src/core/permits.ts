/**
 * Rules 8 and 11 of the permit system (seed 000, DOMAIN.md): the permitted emission, the strictest of
 * the methods that apply, and the actual emission, from the best accounting method available or, where
 * local rules ask for it, the largest.
 *
 * Amounts are parsed by src/core/values.ts: a missing-value mark (empty, '-', '/', '无', ...) means the
 * method gives no figure and is skipped; 0 is a figure (a permit of 0 t/a).
 */
import { RuleError } from "./errors";
import { keywordOf } from "./limits";
import type { Amount } from "./values";

/** The three ways to set a permitted emission (seed 000, 2.1). Stable ids, the same in every language. */
export type PermitMethod = "standard" | "eia" | "total-control";

export const PERMIT_METHODS: readonly PermitMethod[] = ["standard", "eia", "total-control"];

export interface PermittedEmission {
  /** The permitted emission, t/a: the smallest figure given. */
  readonly amount: number;
  /** The methods whose figure equals it, in the order of PERMIT_METHODS. */
  readonly binds: readonly PermitMethod[];
}

/**
 * Rule 8: the permitted emission is the smallest of the figures the methods give; a method without a
 * figure is skipped; with no figure at all there is no permitted emission (#N/A).
 *
 * @example permittedEmission({ standard: 4640, eia: 3500, totalControl: null }).amount === 3500
 */
export function permittedEmission(figures: { readonly standard: Amount; readonly eia: Amount; readonly totalControl?: Amount }): PermittedEmission {
  const values: Record<PermitMethod, Amount> = { standard: figures.standard, eia: figures.eia, "total-control": figures.totalControl ?? null };
  let amount: number | null = null;
  for (const m of PERMIT_METHODS) {
    const v = values[m];
    if (v !== null && (amount === null || v < amount)) amount = v;
  }
  if (amount === null) throw new RuleError("#N/A", "noPermitFigure");
  const min = amount;
  return { amount: min, binds: PERMIT_METHODS.filter((m) => values[m] === min) };
}

/** The accounting methods of seed 000, in its order of priority. Stable ids. */
export type AccountingMethod = "online" | "manual" | "material-balance" | "emission-factor";

export const ACCOUNTING_METHODS: readonly AccountingMethod[] = ["online", "manual", "material-balance", "emission-factor"];

/** "priority": the first method available in the order above; "max": the largest figure available. */
export type ActualRule = "priority" | "max";

const RULES: Readonly<Record<string, ActualRule>> = {
  priority: "priority",
  order: "priority",
  first: "priority",
  优先: "priority",
  优先顺序: "priority",
  按优先顺序: "priority",
  顺序: "priority",
  max: "max",
  maximum: "max",
  largest: "max",
  larger: "max",
  最大: "max",
  最大值: "max",
  取大: "max",
  取较大值: "max",
  较大值: "max",
};

/** The accepted rule names, for messages. */
export const ACTUAL_RULES_ACCEPTED = 'priority / 优先 (default · 默认), max / 取大';

/** Reads the rule argument; absent means "priority". */
export function parseActualRule(text: string | undefined, arg = "rule"): ActualRule {
  if (text === undefined) return "priority";
  const key = keywordOf(text);
  if (key === "") return "priority";
  const rule = RULES[key];
  if (!rule) throw new RuleError("#VALUE!", "unknownRule", { arg, text, accepted: ACTUAL_RULES_ACCEPTED });
  return rule;
}

export interface ActualEmission {
  /** The actual emission, t/a. */
  readonly amount: number;
  /** The method it comes from (under "max", the first in priority order among equal largest figures). */
  readonly method: AccountingMethod;
}

/**
 * Rule 11: the actual emission from the accounting methods' figures. Under "priority" the first method
 * with a figure, in the order online monitoring, manual monitoring, material balance, emission factor;
 * under "max" the largest figure given. No figure at all: #N/A.
 *
 * @example actualEmission({ online: null, manual: 812.4, "material-balance": 900, "emission-factor": 1010 }).amount === 812.4
 * @example actualEmission({ online: null, manual: 812.4, "material-balance": 900, "emission-factor": 1010 }, "max").amount === 1010
 */
export function actualEmission(figures: Readonly<Record<AccountingMethod, Amount>>, rule: ActualRule = "priority"): ActualEmission {
  let best: ActualEmission | null = null;
  for (const method of ACCOUNTING_METHODS) {
    const v = figures[method];
    if (v === null) continue;
    if (rule === "priority") return { amount: v, method };
    if (best === null || v > best.amount) best = { amount: v, method };
  }
  if (best === null) throw new RuleError("#N/A", "noActualFigure");
  return best;
}
