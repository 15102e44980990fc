/**
 * The concentration limit of an emission standard for a unit (rule 2; src/core/limits.ts), and the
 * conversion of a measured concentration to the standard's reference oxygen content (src/core/oxygen.ts).
 * Their help (descriptions, examples) is in ../help/limits.ts.
 */
import { parseOptionalDate, parseUnitDates } from "../../core/dates";
import { emissionLimit, type LimitResult } from "../../core/limits";
import { referenceConcentrationOf } from "../../core/oxygen";
import { parseRequiredText, parseText } from "../../core/values";
import type { RuleParam, RuleSpec } from "../spec";

/** Reads the six arguments as Excel passes them and looks the limit up. */
export function limitOf(standard: unknown, pollutant: unknown, date: unknown, boiler: unknown, region: unknown, asOf: unknown): LimitResult {
  const s = parseRequiredText(standard, "standard");
  const p = parseRequiredText(pollutant, "pollutant");
  const d = parseUnitDates(date, "date");
  const b = parseText(boiler, "boiler");
  const r = parseText(region, "region");
  const when = parseOptionalDate(asOf, "as_of");
  return emissionLimit(s, p, d, b, r, when);
}

const PARAMS: readonly RuleParam[] = [
  { name: "standard", type: "any", dimensionality: "scalar", kind: "keyword" },
  { name: "pollutant", type: "any", dimensionality: "scalar", kind: "keyword" },
  // One date, or the unit's two dates (EIA approval, commissioning): a range, so never lifted.
  { name: "date", type: "any", dimensionality: "matrix", kind: "date" },
  { name: "boiler", type: "any", dimensionality: "scalar", optional: true, kind: "keyword" },
  { name: "region", type: "any", dimensionality: "scalar", optional: true, kind: "keyword" },
  { name: "as_of", type: "any", dimensionality: "scalar", optional: true, kind: "date" },
];

export const LIMIT_FUNCTIONS: readonly RuleSpec[] = [
  {
    id: "EMISSION_LIMIT",
    params: PARAMS,
    result: { type: "number", dimensionality: "scalar" },
    impl: (standard, pollutant, date, boiler, region, asOf) => limitOf(standard, pollutant, date, boiler, region, asOf).limit,
  },
  {
    id: "EMISSION_LIMIT_CLAUSE",
    params: PARAMS,
    result: { type: "string", dimensionality: "scalar" },
    impl: (standard, pollutant, date, boiler, region, asOf) => limitOf(standard, pollutant, date, boiler, region, asOf).clause,
  },
  {
    id: "REFERENCE_CONCENTRATION",
    params: [
      { name: "measured", type: "any", dimensionality: "scalar" },
      { name: "o2_measured", type: "any", dimensionality: "scalar" },
      { name: "reference", type: "any", dimensionality: "scalar", kind: "keyword" },
    ],
    result: { type: "number", dimensionality: "scalar" },
    impl: (measured, o2, reference) => referenceConcentrationOf(measured, o2, reference),
  },
];
