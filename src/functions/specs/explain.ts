/** Why a plant's right came out as it did (rule 3 per phase; src/core/explain.ts). Help: ../help/explain.ts. */
import { MAX_TONNES } from "../../core/bounds";
import { explainMatrix, explainOrientation, explainPhases } from "../../core/explain";
import { parseAmounts } from "../../core/values";
import type { RuleSpec } from "../spec";
import { EIA, PERFORMANCE } from "./rights";

export const EXPLAIN_FUNCTIONS: readonly RuleSpec[] = [
  {
    id: "EXPLAIN_RIGHT",
    params: [EIA, PERFORMANCE],
    result: { type: "any", dimensionality: "matrix" },
    impl: (eia, performance) => {
      const phases = explainPhases(parseAmounts(eia, "eia", MAX_TONNES), parseAmounts(performance, "performance", MAX_TONNES));
      return explainMatrix(phases, explainOrientation(eia, performance));
    },
  },
];
