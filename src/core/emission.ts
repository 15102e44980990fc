/**
 * Rule 1 of the Fujian method (the Fujian paper on phased construction projects; docs/rules.md): the performance emission.
 */
import { productExact } from "./decimal";
import { KeywordList } from "./keywords";
import { ABSENT } from "./values";

export type Medium = "gas" | "water";

/** The medium parameter's words. */
export const MEDIA = new KeywordList<Medium>(
  "unknownMedium",
  [
    { value: "gas", spellings: ["gas", "air", "flue gas", "waste gas", "废气", "气", "烟气"] },
    { value: "water", spellings: ["water", "waste water", "wastewater", "废水", "水", "污水"] },
  ],
  "gas / 废气 (default · 默认), water / 废水",
);

/** Reads a medium keyword (gas/water, 废气/废水); absent means gas. */
export function parseMedium(text: string | undefined, arg = "medium"): Medium {
  if (text === undefined) return "gas";
  return MEDIA.read(text, arg);
}

/**
 * Performance emission in t/a: the concentration limit times the performance volume.
 * Gas: mg/m3 × m3/a × 1e-9. Water: mg/L × m3/a × 1e-6 (a cubic metre is 1000 L).
 * Decimal-exact: 20.568e9 m3/a at 200 mg/m3 is 4113.6 t/a.
 *
 * @example performanceEmission(11.34e9, 200) === 2268      // plant 1, phase 1, SO2 (Table 1)
 * @example performanceEmission(2e6, 50, "water") === 100   // 2 million m3 of waste water at 50 mg/L COD
 */
export function performanceEmission(volume: number, limit: number, medium: Medium = "gas"): number {
  return productExact(volume, limit, medium === "gas" ? 9 : 6);
}

/**
 * The performance emission of one phase of a row of phases: a phase that does not exist (its volume or
 * its limit is "/" or empty) has no performance emission either, and gives ABSENT ("/"), which the
 * rights read exactly as a "/" typed in the performance cell: the phase is skipped.
 *
 * @example phasePerformance("/", 200) === "/"
 * @example phasePerformance(11.34e9, 200) === 2268
 */
export function phasePerformance(volume: number | typeof ABSENT, limit: number | typeof ABSENT, medium: Medium = "gas"): number | typeof ABSENT {
  if (volume === ABSENT || limit === ABSENT) return ABSENT;
  return performanceEmission(volume, limit, medium);
}
