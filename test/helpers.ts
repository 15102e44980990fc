/** Shared helpers for the tests: the project's copy of the six-plant data and small readers. */
import { readFileSync } from "fs";
import { join } from "path";
import { RuleError } from "../src/core/errors";
import type { Printed as Cell, SixPlantsData as SixPlants } from "../src/example/data";

export const ROOT = join(__dirname, "..");

export type { Printed as Cell, SixPlantsData as SixPlants, Table3Phase, Table3Pollutant } from "../src/example/data";

export const sixPlants: SixPlants = JSON.parse(readFileSync(join(ROOT, "examples", "six-plants.json"), "utf8"));

export const POLLUTANTS = ["so2", "nox"] as const;

/** Table 3's cells of one plant, one per phase: as the paper prints them (null for '/'). */
export function plantPhases(pollutant: "so2" | "nox", plantIndex: number): { eia: Cell[]; performance: Cell[]; right: Cell[] } {
  const t = sixPlants.table3_phased[pollutant];
  const phases = [t.phase1, t.phase2, t.phase3];
  return {
    eia: phases.map((p) => p.eia[plantIndex]),
    performance: phases.map((p) => p.performance[plantIndex]),
    right: phases.map((p) => p.right[plantIndex]),
  };
}

/** As a regulator types them: '/' for an absent phase, '-' for an approval without a figure. */
export function asTyped(cells: readonly Cell[]): (number | string)[] {
  return cells.map((c) => (c === null ? "/" : c));
}

/** The RuleError a call throws; fails the test when it throws nothing or something else. */
export function errorOf(fn: () => unknown): RuleError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
  throw new Error("expected a RuleError");
}
