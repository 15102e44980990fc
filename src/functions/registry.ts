/**
 * Every ER function, in one list: the single source of the Excel metadata, the Excel runtime, the
 * headless engine and the reference docs. A function is its rule (./specs/, listed in ./rules.ts) and
 * its help (./help/), joined here by id and parameter name; add a function by adding both.
 */
import { EXPLAIN_HELP } from "./help/explain";
import { LIMITS_HELP } from "./help/limits";
import { PERMITS_HELP } from "./help/permits";
import { REGION_HELP } from "./help/region";
import { RIGHTS_HELP } from "./help/rights";
import { RULES } from "./rules";
import type { FunctionSpec, HelpTable, RuleSpec } from "./spec";

export type { FunctionSpec } from "./spec";

/** The help of every function, by id. */
export const HELP: HelpTable = { ...RIGHTS_HELP, ...EXPLAIN_HELP, ...LIMITS_HELP, ...PERMITS_HELP, ...REGION_HELP };

const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** A rule with its help; a rule or a parameter without help is a programming error. */
function withHelp(rule: RuleSpec): FunctionSpec {
  const help = has(HELP, rule.id) ? HELP[rule.id] : undefined;
  if (!help) throw new Error(`${rule.id} has no help in src/functions/help/`);
  return {
    ...rule,
    description: help.description,
    examples: help.examples,
    params: rule.params.map((p) => {
      if (!has(help.params, p.name)) throw new Error(`${rule.id}: parameter ${p.name} has no help`);
      return { ...p, description: help.params[p.name] };
    }),
  };
}

export const FUNCTIONS: readonly FunctionSpec[] = RULES.map(withHelp);

/** The namespace Excel shows before every function name; it is set in manifest.xml. */
export const NAMESPACE = "ER";

export function findFunction(id: string): FunctionSpec | undefined {
  const upper = id.toUpperCase();
  return FUNCTIONS.find((f) => f.id === upper);
}
