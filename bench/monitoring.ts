/**
 * The monitoring-sized workbook of the benchmark (issue 11): a year of hourly online-monitoring data for a
 * dozen units, the data actual-emission accounting starts from, with the formulas an analyst would write.
 *
 * Sheet "Hourly" (one row per hour, 8,760 by default):
 *   A hour (a date serial) | per unit u = 1..12, six columns: flue-gas flow (m3/h), SO2, NOx and dust
 *   concentrations (mg/m3), the hour's SO2 emission `=ER.PERFORMANCE_EMISSION(flow, SO2)` and its NOx
 *   emission by plain arithmetic `=flow*NOx*1E-9` (tonnes).
 * Sheet "Year" (one row per unit): unit | SO2 (t/a) `=SUM(Hourly!<SO2 column>)` | NOx (t/a) likewise.
 *
 * Saved with every formula's cached value, as Excel saves it.
 */
import { performanceEmission } from "../src/core/emission";
import { random, type Sheets } from "./workbook";

export const HOURS = 8760;
export const UNITS = 12;
/** Columns per unit: flow, SO2, NOx, dust, SO2 emission, NOx emission. */
export const UNIT_COLUMNS = 6;
export const HOURLY_SHEET = "Hourly";
export const YEAR_SHEET = "Year";

/** Excel's column letters of a 0-based column. */
export function columnName(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface Monitoring {
  readonly sheets: Sheets;
  /** Each formula cell's value, the same shape as `sheets` (the cached values of the saved file). */
  readonly cached: Record<string, unknown[][]>;
  readonly cells: number;
  readonly formulas: number;
}

/** The workbook of `hours` hourly rows x UNITS units x UNIT_COLUMNS columns, from a seed. */
export function buildMonitoring(hours = HOURS, seed = 20240601): Monitoring {
  const next = random(seed);
  const header: (string | null)[] = ["Hour"];
  for (let u = 1; u <= UNITS; u++) {
    const id = `U${String(u).padStart(2, "0")}`;
    header.push(`${id} flow (m3/h)`, `${id} SO2 (mg/m3)`, `${id} NOx (mg/m3)`, `${id} dust (mg/m3)`, `${id} SO2 (t)`, `${id} NOx (t)`);
  }
  const hourly: (string | number | null)[][] = [header];
  const hourlyCached: unknown[][] = [[]];
  const so2Totals = new Array<number>(UNITS).fill(0);
  const noxTotals = new Array<number>(UNITS).fill(0);
  let cells = header.length;
  let formulas = 0;
  for (let h = 0; h < hours; h++) {
    const r = h + 2;
    const row: (string | number | null)[] = [45292 + h / 24];
    const cached: unknown[] = [null];
    for (let u = 0; u < UNITS; u++) {
      const base = 1 + u * UNIT_COLUMNS;
      const flow = Math.round(300000 + next() * 1200000);
      const so2 = Math.round((10 + next() * 70) * 10) / 10;
      const nox = Math.round((20 + next() * 100) * 10) / 10;
      const dust = Math.round((2 + next() * 13) * 100) / 100;
      const [f, s, n] = [columnName(base), columnName(base + 1), columnName(base + 2)];
      const so2t = performanceEmission(flow, so2);
      const noxt = flow * nox * 1e-9;
      row.push(flow, so2, nox, dust, `=ER.PERFORMANCE_EMISSION(${f}${r},${s}${r})`, `=${f}${r}*${n}${r}*1E-9`);
      cached.push(null, null, null, null, so2t, noxt);
      so2Totals[u] += so2t;
      noxTotals[u] += noxt;
    }
    cells += row.length;
    formulas += UNITS * 2;
    hourly.push(row);
    hourlyCached.push(cached);
  }
  const year: (string | null)[][] = [["Unit", "SO2 (t/a)", "NOx (t/a)"]];
  const yearCached: unknown[][] = [[]];
  const last = hours + 1;
  for (let u = 0; u < UNITS; u++) {
    const so2 = columnName(1 + u * UNIT_COLUMNS + 4);
    const nox = columnName(1 + u * UNIT_COLUMNS + 5);
    year.push([`U${String(u + 1).padStart(2, "0")}`, `=SUM(${HOURLY_SHEET}!${so2}2:${so2}${last})`, `=SUM(${HOURLY_SHEET}!${nox}2:${nox}${last})`]);
    yearCached.push([null, so2Totals[u], noxTotals[u]]);
    cells += 3;
    formulas += 2;
  }
  cells += 3;
  return { sheets: { [HOURLY_SHEET]: hourly, [YEAR_SHEET]: year }, cached: { [HOURLY_SHEET]: hourlyCached, [YEAR_SHEET]: yearCached }, cells, formulas };
}
