/**
 * Rules 8 and 11 of the permit system (the permit paper on total emission control; docs/rules.md): the permitted emission, the strictest of
 * the methods that apply, and the actual emission, from the best accounting method available or, where
 * local rules ask for it, the largest.
 *
 * Amounts are parsed by src/core/values.ts: a missing-value mark (empty, '-', '/', '无', ...) means the
 * method gives no figure and is skipped; 0 is a figure (a permit of 0 t/a).
 */
import { RuleError } from "./errors";
import { KeywordList, keywordOf } from "./keywords";
import type { Amount } from "./values";

/** The three ways to set a permitted emission (permit paper, 2.1). Stable ids, the same in every language. */
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

/** The accounting methods of the permit paper, in its order of priority. Stable ids. */
export type AccountingMethod = "online" | "manual" | "material-balance" | "emission-factor";

export const ACCOUNTING_METHODS: readonly AccountingMethod[] = ["online", "manual", "material-balance", "emission-factor"];

/**
 * "priority": the first method available in the order above; "max": the largest of the methods the
 * permit paper compares (3.3 (1): 自动监测 + 手工监测法、物料衡算法、产排污系数法), where monitoring is one
 * method: online where available, manual otherwise.
 */
export type ActualRule = "priority" | "max";

/** The rule parameter's words. */
export const ACTUAL_RULES = new KeywordList<ActualRule>(
  "unknownRule",
  [
    { value: "priority", spellings: ["priority", "order", "first", "优先", "优先顺序", "按优先顺序", "顺序"] },
    { value: "max", spellings: ["max", "maximum", "largest", "larger", "最大", "最大值", "取大", "取较大值", "较大值"] },
  ],
  "priority / 优先 (default · 默认), max / 取大",
);

/** The accepted rule names, for messages. */
export const ACTUAL_RULES_ACCEPTED = ACTUAL_RULES.accepted;

/** Reads the rule argument; absent means "priority". */
export function parseActualRule(text: string | undefined, arg = "rule"): ActualRule {
  if (text === undefined || keywordOf(text) === "") return "priority";
  return ACTUAL_RULES.read(text, arg);
}

export interface ActualEmission {
  /** The actual emission, t/a. */
  readonly amount: number;
  /** The method it comes from (under "max", the first in priority order among equal largest figures). */
  readonly method: AccountingMethod;
}

/**
 * Rule 11: the actual emission from the accounting methods' figures. No figure at all: #N/A.
 * - "priority": the first method with a figure, in the order online monitoring, manual monitoring,
 *   material balance, emission factor.
 * - "max": the largest of three methods, as the permit paper lists them (3.3 (1)): monitoring (the
 *   online figure where there is one, the manual figure otherwise; online and manual monitoring are one
 *   method and do not compete), material balance, emission factor.
 *
 * @example actualEmission({ online: null, manual: 812.4, "material-balance": 900, "emission-factor": 1010 }).amount === 812.4
 * @example actualEmission({ online: null, manual: 812.4, "material-balance": 900, "emission-factor": 1010 }, "max").amount === 1010
 * @example actualEmission({ online: 790.5, manual: 812.4, "material-balance": null, "emission-factor": null }, "max").amount === 790.5
 */
export function actualEmission(figures: Readonly<Record<AccountingMethod, Amount>>, rule: ActualRule = "priority"): ActualEmission {
  const candidates: { amount: Amount; method: AccountingMethod }[] =
    rule === "priority"
      ? ACCOUNTING_METHODS.map((method) => ({ amount: figures[method], method }))
      : [
          figures.online !== null ? { amount: figures.online, method: "online" } : { amount: figures.manual, method: "manual" },
          { amount: figures["material-balance"], method: "material-balance" },
          { amount: figures["emission-factor"], method: "emission-factor" },
        ];
  let best: ActualEmission | null = null;
  for (const c of candidates) {
    if (c.amount === null) continue;
    if (rule === "priority") return { amount: c.amount, method: c.method };
    if (best === null || c.amount > best.amount) best = { amount: c.amount, method: c.method };
  }
  if (best === null) throw new RuleError("#N/A", "noActualFigure");
  return best;
}
