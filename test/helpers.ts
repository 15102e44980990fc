/** Shared helpers for the tests: the project's copy of the six-plant data and small readers. */
import { readFileSync } from "fs";
import { join } from "path";
import { RuleError } from "../src/core/errors";

export const ROOT = join(__dirname, "..");

export type Cell = number | string | null;

export interface SixPlants {
  table1_performance: {
    plant: number;
    phase: number;
    units: number;
    volume_m3: number;
    so2_limit: number;
    nox_limit: number;
    so2_t: number;
    nox_t: number;
  }[];
  table2_eia_approved: { so2: Record<string, Cell[]>; nox: Record<string, Cell[]> };
  table3_phased: {
    plants: number[];
    so2: Table3Pollutant;
    nox: Table3Pollutant;
  };
  table4_total: {
    plants: number[];
    so2: { total_eia: Cell[]; total_performance: number[]; right: number[] };
    nox: { total_eia: Cell[]; total_performance: number[]; right: number[] };
  };
  table5_comparison: {
    plants: number[];
    so2: { phased: number[]; total: number[]; difference: number[] };
    nox: { phased: number[]; total: number[]; difference: number[] };
  };
  known_inconsistencies_in_print: string[];
}

export interface Table3Phase {
  eia: Cell[];
  performance: Cell[];
  right: Cell[];
}

export interface Table3Pollutant {
  phase1: Table3Phase;
  phase2: Table3Phase;
  phase3: Table3Phase;
  total_right: number[];
}

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
export function asTyped(cells: Cell[]): (number | string)[] {
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
