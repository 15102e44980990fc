/**
 * The province-scale workbook of the benchmark, generated from a seed: N plants, each with 3 phases (some
 * with only 2, the third marked '/'), and for each phase the flue-gas volume, and per pollutant (SO2,
 * NOx) the concentration limit, the EIA-approved emission (sometimes '-': the approval has no figure) and
 * the performance emission by formula. A second sheet holds both rights per plant and pollutant by
 * formula.
 *
 * The same workbook is written twice, cell for cell: once with the ER functions, once with the built-in
 * formulas an analyst would write instead (products, MIN, SUM, IF/ISNUMBER/COUNT for the marks).
 *
 * Sheet "Phases" (one row per phase):
 *   A plant | B phase | C volume m3/a | D SO2 limit | E SO2 EIA | F SO2 performance | G NOx limit | H NOx EIA | I NOx performance
 * Sheet "Rights" (one row per plant):
 *   A plant | B SO2 phased | C SO2 total | D NOx phased | E NOx total
 */
import { erFormula } from "../src/sheet/er";

export type Cell = number | string | null;
export type Sheets = Record<string, Cell[][]>;
export type Variant = "er" | "builtin";

export const PHASES = 3;
export const PHASES_SHEET = "Phases";
export const RIGHTS_SHEET = "Rights";
export const PHASE_HEADER = ["Plant", "Phase", "Volume (m3/a)", "SO2 limit (mg/m3)", "SO2 EIA (t/a)", "SO2 performance (t/a)", "NOx limit (mg/m3)", "NOx EIA (t/a)", "NOx performance (t/a)"];
export const RIGHTS_HEADER = ["Plant", "SO2 phased (t/a)", "SO2 total (t/a)", "NOx phased (t/a)", "NOx total (t/a)"];
/** Columns (0-based) of the Phases sheet holding the EIA figure and the performance emission of each pollutant. */
export const POLLUTANTS = [
  { name: "SO2", limit: 3, eia: 4, performance: 5 },
  { name: "NOx", limit: 6, eia: 7, performance: 8 },
] as const;

export interface Phase {
  /** null: the phase does not exist (its cells hold '/'). */
  readonly volume: number | null;
  readonly limits: readonly [number, number];
  /** null: the approval has no figure for the pollutant ('-'). */
  readonly eia: readonly [number | null, number | null];
}

export interface Plant {
  readonly id: string;
  readonly phases: readonly Phase[];
}

/** A small seeded generator (mulberry32), so that every run of the bench measures the same workbook. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Limits by the era of the phase (GB 13223: older units were approved under looser standards).
const SO2_LIMITS = [[400, 200], [200, 100], [100, 50, 35]];
const NOX_LIMITS = [[450, 200], [200, 100], [100, 50]];

/**
 * Plants with realistic figures: volumes of 2 to 25 billion m3 a year in steps of a million, integer
 * limits, EIA approvals of 50 % to 150 % of the performance emission (whole tonnes or one decimal), about
 * one plant in four with only two phases, about one EIA cell in eight with no figure (more often NOx in
 * the first phase, as approvals of old units did not cover it).
 */
export function generatePlants(count: number, seed = 20240601): Plant[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const plants: Plant[] = [];
  for (let p = 0; p < count; p++) {
    const phases: Phase[] = [];
    const existing = rnd() < 0.25 ? 2 : 3;
    for (let k = 0; k < PHASES; k++) {
      if (k >= existing) {
        phases.push({ volume: null, limits: [0, 0], eia: [null, null] });
        continue;
      }
      const volume = Math.round(2000 + rnd() * 23000) * 1e6;
      const limits: [number, number] = [pick(SO2_LIMITS[k]), pick(NOX_LIMITS[k])];
      const eia: [number | null, number | null] = [null, null];
      for (let j = 0; j < 2; j++) {
        const noFigure = rnd() < (j === 1 && k === 0 ? 0.35 : 0.06);
        if (noFigure) continue;
        const performance = (volume * limits[j]) / 1e9;
        const approved = performance * (0.5 + rnd());
        eia[j] = rnd() < 0.5 ? Math.round(approved) : Math.round(approved * 10) / 10;
      }
      phases.push({ volume, limits, eia });
    }
    plants.push({ id: `P${String(p + 1).padStart(6, "0")}`, phases });
  }
  return plants;
}

/** The first sheet row (0-based) of plant `p`'s phases; row 0 is the header. */
export function firstPhaseRow(p: number): number {
  return 1 + p * PHASES;
}

function performanceFormula(variant: Variant, row1: number, limitCol: string): string {
  return variant === "er" ? erFormula("PERFORMANCE_EMISSION", `C${row1}`, `${limitCol}${row1}`) : `=C${row1}*${limitCol}${row1}/1E9`;
}

/** The built-in formula of the phased comparison: per phase min(EIA, performance), the performance when the EIA has no figure, nothing for an absent phase. */
function builtinPhased(eia: string, perf: string, first1: number): string {
  const terms: string[] = [];
  for (let k = 0; k < PHASES; k++) {
    const e = `${PHASES_SHEET}!${eia}${first1 + k}`;
    const f = `${PHASES_SHEET}!${perf}${first1 + k}`;
    terms.push(`IF(ISNUMBER(${f}),IF(ISNUMBER(${e}),MIN(${e},${f}),${f}),0)`);
  }
  return `=SUM(${terms.join(",")})`;
}

/** The built-in formula of the total comparison: min(sum of EIA, sum of performance), the performance sum when an existing phase has no EIA figure. */
function builtinTotal(eia: string, perf: string, first1: number): string {
  const last1 = first1 + PHASES - 1;
  const e = `${PHASES_SHEET}!${eia}${first1}:${eia}${last1}`;
  const f = `${PHASES_SHEET}!${perf}${first1}:${perf}${last1}`;
  return `=IF(COUNT(${e})<COUNT(${f}),SUM(${f}),MIN(SUM(${e}),SUM(${f})))`;
}

function rightFormulas(variant: Variant, eia: string, perf: string, first1: number): [string, string] {
  if (variant === "builtin") return [builtinPhased(eia, perf, first1), builtinTotal(eia, perf, first1)];
  const last1 = first1 + PHASES - 1;
  const args = `${PHASES_SHEET}!${eia}${first1}:${eia}${last1},${PHASES_SHEET}!${perf}${first1}:${perf}${last1}`;
  return [erFormula("INITIAL_RIGHT_PHASED", args), erFormula("INITIAL_RIGHT_TOTAL", args)];
}

const COLS = "ABCDEFGHI";

/** The two sheets of the workbook, as rows of cells (numbers, text, "=formulas"). */
export function buildSheets(plants: readonly Plant[], variant: Variant): Sheets {
  const phases: Cell[][] = [PHASE_HEADER.slice()];
  const rights: Cell[][] = [RIGHTS_HEADER.slice()];
  for (let p = 0; p < plants.length; p++) {
    const plant = plants[p];
    const first1 = firstPhaseRow(p) + 1;
    for (let k = 0; k < PHASES; k++) {
      const ph = plant.phases[k];
      const row1 = first1 + k;
      if (ph.volume === null) {
        phases.push([plant.id, k + 1, "/", "/", "/", "/", "/", "/", "/"]);
        continue;
      }
      const row: Cell[] = [plant.id, k + 1, ph.volume];
      for (let j = 0; j < POLLUTANTS.length; j++) {
        const pol = POLLUTANTS[j];
        row.push(ph.limits[j], ph.eia[j] ?? "-", performanceFormula(variant, row1, COLS[pol.limit]));
      }
      phases.push(row);
    }
    const [so2Phased, so2Total] = rightFormulas(variant, "E", "F", first1);
    const [noxPhased, noxTotal] = rightFormulas(variant, "H", "I", first1);
    rights.push([plant.id, so2Phased, so2Total, noxPhased, noxTotal]);
  }
  return { [PHASES_SHEET]: phases, [RIGHTS_SHEET]: rights };
}

/** How many cells and formulas a workbook of `plants` holds. */
export function workbookStats(sheets: Sheets): { cells: number; formulas: number } {
  let cells = 0;
  let formulas = 0;
  for (const rows of Object.values(sheets)) {
    for (const row of rows) {
      for (const v of row) {
        if (v === null) continue;
        cells++;
        if (typeof v === "string" && v.startsWith("=")) formulas++;
      }
    }
  }
  return { cells, formulas };
}
