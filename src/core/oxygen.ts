/**
 * Converting a measured concentration to the reference oxygen content of the standard (GB13223-2011,
 * with GB/T 16157): monitoring reports give concentrations at the oxygen content measured in the flue
 * gas; the limits hold at a reference oxygen content. rho = rho' × (21 − O2ref) / (21 − O2), where 21 is
 * the oxygen content of air in percent.
 *
 * The reference is a number of percent, or a unit type: coal (coal-fired boilers, 6%), oil and gas
 * (oil- and gas-fired boilers, 3%), turbine (gas turbines, 15%), in English or Chinese, or any kind of
 * unit that ER.EMISSION_LIMIT's boiler parameter accepts (its reference content is the standard's).
 *
 * Percentages: Excel stores 9% as 0.09. An oxygen content between 0 and 1 is almost surely a percentage
 * typed with its % sign, so it is refused with a message; text with a % sign ("9%", "0.5%") is read as
 * that many percent.
 */
import { MAX_CONCENTRATION } from "./bounds";
import { ratioExact, subtractExact } from "./decimal";
import { RuleError } from "./errors";
import { KeywordList } from "./keywords";
import { spellingsOf } from "./limits";
import { GB13223_2011 } from "./standards";
import { errorCodeOf } from "../sheet/errors";
import { parseNumericText } from "../sheet/numbers";
import { isMissingMark, parseNumber, parseRequired, type Where } from "./values";

/** The oxygen content of air, percent. */
export const AIR_O2 = 21;

/** The unit types of the reference parameter, as reference oxygen contents (percent). */
export const UNIT_TYPES = new KeywordList<number>(
  "unknownUnitType",
  [
    { value: 6, spellings: ["coal", "coal-fired", "coal fired boiler", "燃煤", "煤", "燃煤机组"] },
    { value: 3, spellings: ["oil", "oil-fired", "oil fired boiler", "燃油", "油", "燃油机组", "gas", "gas-fired", "gas boiler", "gas-fired boiler", "燃气", "气", "燃气锅炉", "燃气机组"] },
    { value: 15, spellings: ["turbine", "gas turbine", "combustion turbine", "燃气轮机", "燃气轮机组", "燃机"] },
    ...GB13223_2011.equipment.map((e) => ({ value: e.referenceO2, spellings: spellingsOf(e) })),
  ],
  "coal / 燃煤 (6%), oil / 燃油 (3%), gas / 燃气 (3%), turbine / 燃气轮机 (15%), a kind of unit of EMISSION_LIMIT's boiler (coal boiler / 燃煤锅炉, ...), or a number of percent",
);

const PERCENT_TEXT = /^\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*[%％]\s*$/;

/**
 * Reads an oxygen content in percent: a number from 0 to below 21, or text with a % sign. A number
 * between 0 and 1 is refused as a percentage typed with its % sign (Excel stores 9% as 0.09).
 */
export function parseOxygen(value: unknown, where: Where): number {
  let n: number;
  const m = typeof value === "string" ? PERCENT_TEXT.exec(value) : null;
  if (m) n = parseNumber(m[1], where);
  else {
    n = parseNumber(value, where);
    if (n > 0 && n < 1) throw new RuleError("#VALUE!", "o2AsFraction", { arg: where.arg, value: n, percent: Number((n * 100).toPrecision(15)) });
  }
  if (n < 0) throw new RuleError("#VALUE!", "negative", { arg: where.arg, value: n });
  if (n >= AIR_O2) throw new RuleError("#VALUE!", "o2NotBelowAir", { arg: where.arg, value: n });
  return n;
}

/** Reads the reference: a unit type word, or an oxygen content in percent. */
export function parseReferenceO2(value: unknown, arg: string): number {
  if (typeof value === "string") {
    const t = value.trim();
    const word = t !== "" && !isMissingMark(t) && !errorCodeOf(t) && !PERCENT_TEXT.test(t) && parseNumericText(t) === undefined;
    if (word) return UNIT_TYPES.read(t, arg);
  }
  return parseOxygen(value, { arg });
}

/**
 * The concentration at the reference oxygen content, mg/m3: measured × (21 − reference) / (21 − O2),
 * decimal-careful (one rounding of the exact quotient).
 *
 * @example referenceConcentration(120, 9, 6) === 150      // a coal-fired boiler measured at 9% O2
 * @example referenceConcentration(40, 15, 15) === 40      // a gas turbine at its reference content
 */
export function referenceConcentration(measured: number, o2: number, reference: number): number {
  return ratioExact(measured, subtractExact(AIR_O2, reference), subtractExact(AIR_O2, o2));
}

/** REFERENCE_CONCENTRATION's three arguments as cells: the measured concentration, its O2, the reference. */
export function referenceConcentrationOf(measured: unknown, o2: unknown, reference: unknown): number {
  const m = parseRequired(measured, { arg: "measured" }, MAX_CONCENTRATION);
  const o = parseOxygen(o2, { arg: "o2_measured" });
  const r = parseReferenceO2(reference, "reference");
  return referenceConcentration(m, o, r);
}
