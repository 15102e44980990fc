/**
 * Every ER function as the Excel runtime runs it: the rules without their help (dist/functions.js
 * bundles this module, not the help). The registry (./registry.ts) joins them with their help.
 */
import { singleCell } from "../core/cells";
import type { RuleSpec } from "./spec";
import { EXPLAIN_FUNCTIONS } from "./specs/explain";
import { LIMIT_FUNCTIONS } from "./specs/limits";
import { PERMIT_FUNCTIONS } from "./specs/permits";
import { REGION_FUNCTIONS } from "./specs/region";
import { RIGHTS_FUNCTIONS } from "./specs/rights";

/**
 * A rule that receives every `scalar` parameter by the one single-cell rule (src/core/cells.ts): a 1x1
 * range is its cell, a larger range is refused naming the parameter. The Excel bundle and the headless
 * engine both call the rule wrapped so, which makes the rule the same in both and in every function.
 */
function withSingleCellRule(spec: RuleSpec): RuleSpec {
  const scalar = spec.params.map((p) => p.dimensionality === "scalar");
  const names = spec.params.map((p) => p.name);
  const impl = spec.impl;
  return {
    ...spec,
    impl: (...args: unknown[]) => {
      const n = Math.min(args.length, scalar.length);
      for (let i = 0; i < n; i++) if (scalar[i] && Array.isArray(args[i])) args[i] = singleCell(args[i], names[i]);
      return impl(...args);
    },
  };
}

export const RULES: readonly RuleSpec[] = [...RIGHTS_FUNCTIONS, ...EXPLAIN_FUNCTIONS, ...LIMIT_FUNCTIONS, ...PERMIT_FUNCTIONS, ...REGION_FUNCTIONS].map(withSingleCellRule);
