/**
 * Rule 1 of the Fujian method (seed 001): the performance emission.
 */
import { productExact } from "./decimal";
import { RuleError } from "./errors";

export type Medium = "gas" | "water";

const MEDIA: Readonly<Record<string, Medium>> = {
  gas: "gas",
  air: "gas",
  "废气": "gas",
  "气": "gas",
  water: "water",
  "废水": "water",
  "水": "water",
};

/** Reads a medium keyword (gas/water, 废气/废水); absent means gas. */
export function parseMedium(text: string | undefined, arg = "medium"): Medium {
  if (text === undefined) return "gas";
  const m = MEDIA[text.toLowerCase()];
  if (!m) throw new RuleError("#VALUE!", "unknownMedium", { arg, text });
  return m;
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
