/**
 * The six-plant example's data (examples/six-plants.json: the Fujian paper's Tables 1-5 as printed) and
 * what the example's sheets derive from it. The file's shape is declared here once, for the workbook
 * builder, the browser preview and the tests. Pure: no I/O.
 */
import type { CellContent } from "../engine/engine";
import type { PermitInput } from "./rule-grids";
import type { SixPlantRights } from "./region";

/** The data file's shape (examples/six-plants.json). null = printed '/', "-" = printed '-'. */
export interface SixPlantsData {
  readonly table1_performance: readonly {
    readonly plant: number;
    readonly phase: number;
    readonly units: number;
    readonly volume_m3: number;
    readonly so2_limit: number;
    readonly nox_limit: number;
    readonly so2_t: number;
    readonly nox_t: number;
  }[];
  readonly table2_eia_approved: { readonly so2: Record<string, readonly (number | string | null)[]>; readonly nox: Record<string, readonly (number | string | null)[]> };
  readonly table3_phased: {
    readonly plants: readonly number[];
    readonly so2: Table3Pollutant;
    readonly nox: Table3Pollutant;
  };
  readonly table4_total: {
    readonly plants: readonly number[];
    readonly so2: Table4Pollutant;
    readonly nox: Table4Pollutant;
  };
  readonly table5_comparison: {
    readonly plants: readonly number[];
    readonly so2: Table5Pollutant;
    readonly nox: Table5Pollutant;
  };
  readonly known_inconsistencies_in_print: readonly string[];
}
/** A printed cell: a number, '-' (an approval without a figure), or null for a printed '/'. */
export type Printed = number | string | null;
export interface Table3Phase {
  readonly eia: readonly Printed[];
  readonly performance: readonly Printed[];
  readonly right: readonly Printed[];
}
export interface Table3Pollutant {
  readonly phase1: Table3Phase;
  readonly phase2: Table3Phase;
  readonly phase3: Table3Phase;
  readonly total_right: readonly number[];
}
export interface Table4Pollutant {
  readonly total_eia: readonly Printed[];
  readonly total_performance: readonly number[];
  readonly right: readonly number[];
}
export interface Table5Pollutant {
  readonly phased: readonly number[];
  readonly total: readonly number[];
  readonly difference: readonly number[];
}


export const POLLUTANTS = ["so2", "nox"] as const;
export type Pollutant = (typeof POLLUTANTS)[number];

/** A printed cell as typed: '/' for a phase that does not exist, '-' for an approval without a figure. */
export function typed(v: Printed): CellContent {
  return v === null ? "/" : v;
}


/** The phases of Table 3 for the permit sheet: every existing phase and pollutant. */
export function permitInputs(data: SixPlantsData): PermitInput[] {
  const out: PermitInput[] = [];
  for (const pol of POLLUTANTS) {
    const t = data.table3_phased[pol];
    const phases = [t.phase1, t.phase2, t.phase3];
    data.table3_phased.plants.forEach((plant, i) => {
      phases.forEach((ph, k) => {
        const perf = ph.performance[i];
        const eia = ph.eia[i];
        const right = ph.right[i];
        if (typeof perf !== "number" || typeof right !== "number") return;
        out.push({ plant, phase: k + 1, pollutant: pol === "so2" ? "SO2" : "NOx", performance: perf, eia: typeof eia === "number" ? eia : "-", printedRight: right });
      });
    });
  }
  return out;
}


/** The six plants' phased initial rights of Table 3, which the region workbook takes as their permits. */
export function sixPlantRights(data: SixPlantsData): SixPlantRights {
  const t3 = data.table3_phased;
  return { plants: t3.plants, so2: t3.so2.total_right, nox: t3.nox.total_right };
}

