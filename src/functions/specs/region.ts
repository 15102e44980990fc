/**
 * The functions of total emission control over a region's permits (permit paper 1.3 (3), 3.2;
 * src/core/region.ts). Their help (descriptions, examples) is in ../help/region.ts.
 *
 * REGIONAL_TOTAL and ALLOCATE_CUT read the holders as one range (a row or a column, one cell per
 * holder); ALLOCATE_CUT's single-cell arguments (target, method, decimals) are declared as ranges and
 * read by the one single-cell rule, so that a larger range is refused naming the parameter rather than
 * lifted (a function that spills cannot be lifted). ANNUAL_CHANGE and PERMIT_MARGIN take one cell per
 * argument: given a row or column of holders, Excel 365 and the headless engine run them once per holder
 * and spill one result per holder, and a holder without a figure gets its own #N/A.
 */
import { allocateCutOf, annualChange, parseHolderAmounts, permitMargin, regionalTotal } from "../../core/region";
import type { RuleSpec } from "../spec";


export const REGION_FUNCTIONS: readonly RuleSpec[] = [
  {
    id: "REGIONAL_TOTAL",
    params: [{ name: "permitted", type: "any", dimensionality: "matrix" }],
    result: { type: "number", dimensionality: "scalar" },
    impl: (permitted) => regionalTotal(parseHolderAmounts(permitted, "permitted")),
  },
  {
    id: "ALLOCATE_CUT",
    params: [
      { name: "permitted", type: "any", dimensionality: "matrix" },
      { name: "target", type: "any", dimensionality: "matrix" },
      { name: "method", type: "any", dimensionality: "matrix", optional: true, kind: "keyword" },
      { name: "weights", type: "any", dimensionality: "matrix", optional: true },
      { name: "decimals", type: "any", dimensionality: "matrix", optional: true },
    ],
    result: { type: "any", dimensionality: "matrix" },
    impl: (permitted, target, method, weights, decimals) => allocateCutOf(permitted, target, method, weights, decimals),
  },
  {
    id: "ANNUAL_CHANGE",
    params: [
      { name: "this_year", type: "any", dimensionality: "scalar" },
      { name: "last_year", type: "any", dimensionality: "scalar" },
    ],
    result: { type: "number", dimensionality: "scalar" },
    impl: (thisYear, lastYear) => annualChange(thisYear, lastYear),
  },
  {
    id: "PERMIT_MARGIN",
    params: [
      { name: "actual", type: "any", dimensionality: "scalar" },
      { name: "permitted", type: "any", dimensionality: "scalar" },
    ],
    result: { type: "number", dimensionality: "scalar" },
    impl: (actual, permitted) => permitMargin(actual, permitted),
  },
];
