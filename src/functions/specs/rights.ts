/**
 * The functions of the Fujian method (the Fujian paper on phased construction projects): performance emission and initial emission rights. Their
 * help (descriptions, examples) is in ../help/rights.ts.
 */
import { MAX_CONCENTRATION, MAX_TONNES, MAX_VOLUME } from "../../core/bounds";
import { RuleError } from "../../core/errors";
import { parseMedium, phasePerformance } from "../../core/emission";
import { eiaTotal, methodDifference, performanceTotal, phasedRight, phaseRight, totalRight } from "../../core/rights";
import { parseAmount, parseAmounts, parsePhaseFigure, parseText } from "../../core/values";
import type { RuleParam, RuleSpec } from "../spec";

/** The two phase ranges of a plant: a row or a column each, one cell per phase. */
export const EIA: RuleParam = { name: "eia", type: "any", dimensionality: "matrix" };
export const PERFORMANCE: RuleParam = { name: "performance", type: "any", dimensionality: "matrix" };

/** Reads the two phase ranges of a plant. */
function phases(eia: unknown, performance: unknown) {
  return [parseAmounts(eia, "eia", MAX_TONNES), parseAmounts(performance, "performance", MAX_TONNES)] as const;
}

export const RIGHTS_FUNCTIONS: readonly RuleSpec[] = [
  {
    id: "PERFORMANCE_EMISSION",
    params: [
      { name: "volume", type: "any", dimensionality: "scalar" },
      { name: "limit", type: "any", dimensionality: "scalar" },
      { name: "medium", type: "any", dimensionality: "scalar", optional: true, kind: "keyword" },
    ],
    result: { type: "any", dimensionality: "scalar" },
    impl: (volume, limit, medium) => {
      const m = parseMedium(parseText(medium, "medium"));
      const v = parsePhaseFigure(volume, { arg: "volume" }, MAX_VOLUME);
      const l = parsePhaseFigure(limit, { arg: "limit" }, MAX_CONCENTRATION);
      return phasePerformance(v, l, m);
    },
  },
  {
    id: "INITIAL_RIGHT",
    params: [
      { ...EIA, dimensionality: "scalar" },
      { ...PERFORMANCE, dimensionality: "scalar" },
    ],
    result: { type: "number", dimensionality: "scalar" },
    impl: (eia, performance) => {
      const e = parseAmount(eia, { arg: "eia" }, MAX_TONNES);
      const p = parseAmount(performance, { arg: "performance" }, MAX_TONNES);
      const r = phaseRight(e, p).right;
      if (r === null) throw new RuleError("#N/A", "phaseAbsent");
      return r;
    },
  },
  {
    id: "INITIAL_RIGHT_PHASED",
    params: [EIA, PERFORMANCE],
    result: { type: "number", dimensionality: "scalar" },
    impl: (eia, performance) => phasedRight(...phases(eia, performance)),
  },
  {
    id: "INITIAL_RIGHT_TOTAL",
    params: [EIA, PERFORMANCE],
    result: { type: "number", dimensionality: "scalar" },
    impl: (eia, performance) => totalRight(...phases(eia, performance)),
  },
  {
    id: "METHOD_DIFFERENCE",
    params: [EIA, PERFORMANCE],
    result: { type: "number", dimensionality: "scalar" },
    impl: (eia, performance) => methodDifference(...phases(eia, performance)),
  },
  {
    id: "EIA_TOTAL",
    params: [EIA, PERFORMANCE],
    result: { type: "number", dimensionality: "scalar" },
    impl: (eia, performance) => eiaTotal(...phases(eia, performance)),
  },
  {
    id: "PERFORMANCE_TOTAL",
    params: [EIA, PERFORMANCE],
    result: { type: "number", dimensionality: "scalar" },
    impl: (eia, performance) => performanceTotal(...phases(eia, performance)),
  },
];
