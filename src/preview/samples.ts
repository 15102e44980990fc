/**
 * A second sample workbook for the preview, laid out unlike the paper: English headers, plants in columns
 * with their phases across and a Total column each, items down; volumes in 10^9 m3; '-' where an approval
 * has no NOx figure; typed numbers only (a static table, to make live). The numbers are the six-plant data
 * of examples/six-plants.json, including the printed totals with their known inconsistencies.
 */
import { CUT_SHEET_NAME, cutSheet, NOTES_SHEET_NAME, notesSheet, regionHolders, regionSheet, regionSheetName, type RegionData } from "../example/region";
import type { CellContent } from "../engine/engine";
import { widest } from "../sheet/rect";
import { sixPlantRights, typed, type SixPlantsData } from "../example/data";

export const OTHER_LAYOUT_SHEET = "Plants across";

export function plantsAcross(data: SixPlantsData): { cells: CellContent[][]; formats: (string | null)[][] } {
  const t3 = data.table3_phased;
  const plants = t3.plants;
  const phasesOf = (plant: number) => data.table1_performance.filter((r) => r.plant === plant).sort((a, b) => a.phase - b.phase);
  const rows: CellContent[][] = [["Initial emission rights, plants across (t/a)"], [null, null], ["Pollutant", "Item"]];
  for (const p of plants) {
    const n = phasesOf(p).length;
    rows[1].push(`Plant ${p}`, ...Array<CellContent>(n).fill(null));
    for (let k = 1; k <= n; k++) rows[2].push(`Phase ${k}`);
    rows[2].push("Total");
  }
  const line = (first: CellContent, item: string, cell: (plant: number, index: number, phase: number | "total") => CellContent) => {
    const out: CellContent[] = [first, item];
    plants.forEach((p, i) => {
      const phases = phasesOf(p);
      phases.forEach((ph) => out.push(cell(p, i, ph.phase)));
      out.push(cell(p, i, "total"));
    });
    rows.push(out);
  };
  const volume = (p: number, phase: number) => data.table1_performance.find((r) => r.plant === p && r.phase === phase);
  line(null, "Flue gas volume (10^9 m3/a)", (p, _i, ph) => (ph === "total" ? null : Number(((volume(p, ph)?.volume_m3 ?? 0) / 1e9).toFixed(4))));
  for (const pol of ["so2", "nox"] as const) {
    const t = t3[pol];
    const phase = (k: number) => [t.phase1, t.phase2, t.phase3][k - 1];
    line(pol === "so2" ? "SO2" : "NOx", "Limit (mg/m3)", (p, _i, ph) => (ph === "total" ? null : (volume(p, ph)?.[pol === "so2" ? "so2_limit" : "nox_limit"] ?? null)));
    line(null, "EIA", (_p, i, ph) => (ph === "total" ? typed(data.table4_total[pol].total_eia[i]) : typed(phase(ph).eia[i])));
    line(null, "Performance", (_p, i, ph) => (ph === "total" ? data.table4_total[pol].total_performance[i] : typed(phase(ph).performance[i])));
    line(null, "Right", (_p, i, ph) => (ph === "total" ? t.total_right[i] : typed(phase(ph).right[i])));
  }
  rows.push([], ["'-' = the EIA approval has no figure for the pollutant. Totals: EIA and performance summed over the phases; the right by the phased comparison."]);
  const width = widest(rows);
  const cells = rows.map((r) => [...r, ...Array<CellContent>(width - r.length).fill(null)]);
  const formats = cells.map(() => cells[0].map(() => null));
  return { cells, formats };
}

/** The region sample's sheets (issue 13), as examples/region.xlsx holds them, built from the same grids. */
export function regionWorkbook(region: RegionData, six: SixPlantsData): Record<string, { cells: CellContent[][] }> {
  const rights = sixPlantRights(six);
  const out: Record<string, { cells: CellContent[][] }> = {};
  for (const pol of region.pollutants) out[regionSheetName(pol)] = { cells: regionSheet(region, rights, pol) };
  out[CUT_SHEET_NAME] = { cells: cutSheet(region, rights).grid };
  out[NOTES_SHEET_NAME] = { cells: notesSheet(region) };
  return out;
}

export const HOLDERS_ACROSS_SHEET = "Holders across";

/**
 * The region's holders laid out unlike the example: English headers, holders in columns (names across
 * under "Holder"), pollutants and items down, "last year" and "this year" in words rather than years;
 * typed numbers only. The figures are the region example's (illustrative, as it says).
 */
export function holdersAcross(region: RegionData, six: SixPlantsData): { cells: CellContent[][] } {
  const rights = sixPlantRights(six);
  const so2 = regionHolders(region, rights, "so2");
  const english = (name: string) => name.replace(/^\S*[^\x00-\x7f]\S* /, "");
  const rows: CellContent[][] = [
    [`Permit holders of ${region.region.en}, holders across (t/a); actual emissions and contributions are illustrative`],
    ["Pollutant", "Holder", ...so2.map((h) => english(h.name))],
  ];
  for (const pol of region.pollutants) {
    const hs = regionHolders(region, rights, pol);
    const label = pol === "so2" ? "SO2" : "NOx";
    rows.push([label, "Permitted (t/a)", ...hs.map((h) => h.permitted)]);
    rows.push([null, "Actual, last year (t/a)", ...hs.map((h) => h.lastYear)]);
    rows.push([null, "Actual, this year (t/a)", ...hs.map((h) => h.thisYear)]);
    rows.push([null, "Contribution", ...hs.map((h) => h.contribution)]);
  }
  const width = widest(rows);
  return { cells: rows.map((r) => [...r, ...Array<CellContent>(width - r.length).fill(null)]) };
}
