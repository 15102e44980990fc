/**
 * The permit functions (the permit paper on total emission control): the permitted emission, the strictest of the methods (rule 8), and
 * the actual emission from the accounting methods (rule 11).
 *
 * Every parameter is one cell. Given ranges of the same shape (one row per plant), Excel 365 and the
 * headless engine run the function once per row and spill one result per plant; a range is never
 * reduced to one number, because "the smallest of a column" would mix plants.
 */
import { MAX_TONNES } from "../../core/bounds";
import { actualEmission, parseActualRule, permittedEmission } from "../../core/permits";
import { parseAmount, parseText, type Amount } from "../../core/values";
import type { RuleParam, RuleSpec } from "../spec";

function amount(value: unknown, arg: string): Amount {
  return parseAmount(value, { arg }, MAX_TONNES);
}

function tonnes(name: string, optional = false): RuleParam {
  return { name, type: "any", dimensionality: "scalar", ...(optional ? { optional: true } : {}) };
}

export const PERMIT_FUNCTIONS: readonly RuleSpec[] = [
  {
    id: "PERMITTED_EMISSION",
    params: [
      tonnes("standard_method"),
      tonnes("eia_method"),
      tonnes("total_control", true),
    ],
    result: { type: "number", dimensionality: "scalar" },
    impl: (standardMethod, eiaMethod, totalControl) =>
      permittedEmission({ standard: amount(standardMethod, "standard_method"), eia: amount(eiaMethod, "eia_method"), totalControl: amount(totalControl, "total_control") }).amount,
  },
  {
    id: "ACTUAL_EMISSION",
    params: [
      tonnes("online"),
      tonnes("manual"),
      tonnes("material_balance"),
      tonnes("emission_factor"),
      { name: "rule", type: "any", dimensionality: "scalar", optional: true, kind: "keyword" },
    ],
    result: { type: "number", dimensionality: "scalar" },
    impl: (online, manual, materialBalance, emissionFactor, rule) => {
      const r = parseActualRule(parseText(rule, "rule"));
      return actualEmission(
        {
          online: amount(online, "online"),
          manual: amount(manual, "manual"),
          "material-balance": amount(materialBalance, "material_balance"),
          "emission-factor": amount(emissionFactor, "emission_factor"),
        },
        r,
      ).amount;
    },
  },
];
