/**
 * What the example workbook's limit and permit sheets need (issue 4, item 6): the six plants' units
 * with illustrative dates, and the two sheets as grids of cells (values and `=ER.` formulas) that a
 * workbook builder can place as they are. Pure data; no I/O.
 *
 * The dates are ILLUSTRATIVE: the paper gives no commissioning or EIA dates. They are chosen to agree
 * with the paper's Table 1 (every unit existing, i.e. before 2012-01-01, so SO2 200 mg/m3; NOx 200
 * mg/m3 for units of 2003-12-31 or before, 100 after), and plant 4 sits on the boundary (phase 2 on
 * 2003-12-31, phase 3 on 2004-01-01). Every unit is a coal-fired boiler outside the key regions (Fujian).
 */
import { isoToSerial } from "../core/dates";
import { formatCell } from "../sheet/address";
import { erCall } from "../sheet/er";

export const EXAMPLE_STANDARD = "GB13223-2011";

export interface ExampleUnit {
  readonly plant: number;
  readonly phase: number;
  /** Illustrative date of commissioning or EIA approval, ISO. */
  readonly date: string;
}

export const SIX_PLANT_UNITS: readonly ExampleUnit[] = [
  { plant: 1, phase: 1, date: "2005-06-30" },
  { plant: 1, phase: 2, date: "2009-11-20" },
  { plant: 2, phase: 1, date: "1993-08-01" },
  { plant: 2, phase: 2, date: "1998-12-15" },
  { plant: 2, phase: 3, date: "2007-04-10" },
  { plant: 3, phase: 1, date: "2001-03-20" },
  { plant: 3, phase: 2, date: "2006-09-01" },
  { plant: 4, phase: 1, date: "1999-05-10" },
  { plant: 4, phase: 2, date: "2003-12-31" },
  { plant: 4, phase: 3, date: "2004-01-01" },
  { plant: 5, phase: 1, date: "2004-07-01" },
  { plant: 5, phase: 2, date: "2008-02-28" },
  { plant: 6, phase: 1, date: "2005-10-15" },
  { plant: 6, phase: 2, date: "2010-06-30" },
];

/** A cell of a grid: a value, a formula ("=..."), or empty. */
export type GridCell = number | string | null;

/** How a function call is written: `ER.NAME(args)` by default; a builder may write `_xldudf_ER_NAME(args)`. */
export type CallWriter = (id: string, args: string) => string;

/** Columns of the limit sheet. */
export const LIMIT_SHEET = { plant: 0, phase: 1, date: 2, so2: 3, nox: 4, so2Clause: 5, noxClause: 6, so2Paper: 7, noxPaper: 8, firstRow: 1 } as const;

/**
 * The limit sheet: one row per unit, its date (an Excel serial number, to be shown as a date), the
 * limits and clauses from ER.EMISSION_LIMIT / ER.EMISSION_LIMIT_CLAUSE, and the paper's printed limits
 * beside them for comparison. `paper` gives the printed Table 1 limits by "plant-phase".
 */
export function limitSheet(paper: ReadonlyMap<string, { so2: number; nox: number }>, call: CallWriter = erCall): GridCell[][] {
  const L = LIMIT_SHEET;
  const rows: GridCell[][] = [
    ["排污单位 Plant", "工程 Phase", "投产或环评批复日期 Date (illustrative)", "SO2 限值 mg/m3", "NOx 限值 mg/m3", "SO2 条款 clause", "NOx 条款 clause", "文中表1 SO2 (paper)", "文中表1 NOx (paper)"],
  ];
  SIX_PLANT_UNITS.forEach((u, i) => {
    const r = L.firstRow + i;
    const date = formatCell(r, L.date);
    const printed = paper.get(`${u.plant}-${u.phase}`);
    const row: GridCell[] = [];
    row[L.plant] = u.plant;
    row[L.phase] = u.phase;
    row[L.date] = isoToSerial(u.date);
    row[L.so2] = `=${call("EMISSION_LIMIT", `"${EXAMPLE_STANDARD}","SO2",${date}`)}`;
    row[L.nox] = `=${call("EMISSION_LIMIT", `"${EXAMPLE_STANDARD}","NOx",${date}`)}`;
    row[L.so2Clause] = `=${call("EMISSION_LIMIT_CLAUSE", `"${EXAMPLE_STANDARD}","SO2",${date}`)}`;
    row[L.noxClause] = `=${call("EMISSION_LIMIT_CLAUSE", `"${EXAMPLE_STANDARD}","NOx",${date}`)}`;
    row[L.so2Paper] = printed?.so2 ?? null;
    row[L.noxPaper] = printed?.nox ?? null;
    rows.push(row);
  });
  return rows;
}

/** One phase of one plant for the permit sheet: the figures of the paper's Table 3 ('-' when none). */
export interface PermitInput {
  readonly plant: number;
  readonly phase: number;
  readonly pollutant: "SO2" | "NOx";
  /** The performance emission (the standard method's amount), t/a. */
  readonly performance: number;
  /** The EIA-approved emission, t/a, or "-" when the approval has no figure. */
  readonly eia: number | "-";
  /** The right Table 3 prints for the phase, t/a. */
  readonly printedRight: number;
}

/** Columns of the permit sheet's first block. */
export const PERMIT_SHEET = { plant: 0, phase: 1, pollutant: 2, standard: 3, eia: 4, totalControl: 5, permitted: 6, printed: 7, firstRow: 1 } as const;

/**
 * Illustrative accounting figures (t/a) for the actual-emission block: NOT from the papers, which give
 * none; they show the priority rule and the larger-value rule side by side.
 */
export const ACTUAL_EXAMPLES: readonly { readonly label: string; readonly figures: readonly (number | string)[] }[] = [
  { label: "在线监测齐全 online available (illustrative)", figures: [1480.6, 1502.3, 1550, 1610.8] },
  { label: "无在线监测 no online data (illustrative)", figures: ["-", 1502.3, 1550, 1610.8] },
  { label: "仅排放系数 factors only (illustrative)", figures: ["-", "-", "/", 1610.8] },
];

/**
 * The permit sheet: for every existing phase and pollutant, the permitted emission by ER.PERMITTED_EMISSION
 * from the standard method (the performance emission) and the EIA method (the approval), with no
 * total-control allocation ('-'), beside the right the paper prints (they agree: for one phase, rule 8
 * and rule 3 take the same minimum). Below it, an actual-emission block with illustrative figures and
 * ER.ACTUAL_EMISSION under both rules.
 */
export function permitSheet(phases: readonly PermitInput[], call: CallWriter = erCall): GridCell[][] {
  const P = PERMIT_SHEET;
  const rows: GridCell[][] = [
    ["排污单位 Plant", "工程 Phase", "污染物 Pollutant", "标准法 standard method (t/a)", "环评法 EIA method (t/a)", "总量控制法 total control (t/a)", "许可排放量 permitted (t/a)", "文中表3 初始权 (paper)"],
  ];
  phases.forEach((p, i) => {
    const r = P.firstRow + i;
    const row: GridCell[] = [];
    row[P.plant] = p.plant;
    row[P.phase] = p.phase;
    row[P.pollutant] = p.pollutant;
    row[P.standard] = p.performance;
    row[P.eia] = p.eia;
    row[P.totalControl] = "-";
    row[P.permitted] = `=${call("PERMITTED_EMISSION", `${formatCell(r, P.standard)},${formatCell(r, P.eia)},${formatCell(r, P.totalControl)}`)}`;
    row[P.printed] = p.printedRight;
    rows.push(row);
  });
  rows.push([]);
  const head = rows.length;
  rows.push(["实际排放量 Actual emission", "自动监测 online", "手工监测 manual", "物料衡算 material balance", "排放系数 emission factor", "优先顺序 priority", "取大 max"]);
  ACTUAL_EXAMPLES.forEach((ex, i) => {
    const r = head + 1 + i;
    const range = `${formatCell(r, 1)},${formatCell(r, 2)},${formatCell(r, 3)},${formatCell(r, 4)}`;
    rows.push([ex.label, ...ex.figures, `=${call("ACTUAL_EMISSION", range)}`, `=${call("ACTUAL_EMISSION", `${range},"max"`)}`]);
  });
  return rows;
}

/** Columns of the chain sheet: three phases each for volumes, limits, performance and EIA figures. */
export const CHAIN_SHEET = { pollutant: 0, plant: 1, volume: 2, limit: 5, performance: 8, eia: 11, phased: 14, total: 15, difference: 16, firstRow: 1 } as const;

/** Where the chain sheet reads its inputs: references (A1 text, other sheets quoted) to cells of the workbook. */
export interface ChainSources {
  readonly plants: readonly number[];
  /** The cell of a phase's yearly flue-gas volume, or undefined when the plant has no such phase. */
  volume(plant: number, phase: number): string | undefined;
  /** The cell of a phase's concentration limit, or undefined when the plant has no such phase. */
  limit(pollutant: "SO2" | "NOx", plant: number, phase: number): string | undefined;
  /** The cell of a phase's EIA-approved emission (it holds '/' or '-' where there is none). */
  eia(pollutant: "SO2" | "NOx", plant: number, phase: number): string;
}

/**
 * The chain sheet (issue 12): every plant as a row of three phases, as an analyst fills it: the volume
 * and the limit of each phase ('/' where the plant has no such phase), ER.PERFORMANCE_EMISSION across the
 * row (it gives '/' for the absent phase), and the rights over the row (ER.INITIAL_RIGHT_PHASED,
 * ER.INITIAL_RIGHT_TOTAL, ER.METHOD_DIFFERENCE), which skip the absent phase. SO2 rows, then NOx rows.
 */
export function chainSheet(src: ChainSources, call: CallWriter = erCall): GridCell[][] {
  const C = CHAIN_SHEET;
  const phases = [1, 2, 3];
  const head: GridCell[] = ["污染物 Pollutant", "排污单位 Plant"];
  const groups: [number, string][] = [
    [C.volume, "烟气量 volume m3/a"],
    [C.limit, "限值 limit mg/m3"],
    [C.performance, "绩效排放量 performance t/a"],
    [C.eia, "环评批复量 EIA t/a"],
  ];
  for (const [c0, label] of groups) phases.forEach((k) => (head[c0 + k - 1] = `${label} ${["一期", "二期", "三期"][k - 1]}`));
  head[C.phased] = "分期对比 phased t/a";
  head[C.total] = "合计对比 total t/a";
  head[C.difference] = "差值 difference t/a";
  const rows: GridCell[][] = [head];
  for (const pollutant of ["SO2", "NOx"] as const) {
    for (const plant of src.plants) {
      const r = rows.length;
      const row: GridCell[] = [];
      row[C.pollutant] = pollutant;
      row[C.plant] = plant;
      for (const k of phases) {
        const v = src.volume(plant, k);
        const l = src.limit(pollutant, plant, k);
        row[C.volume + k - 1] = v === undefined ? "/" : `=${v}`;
        row[C.limit + k - 1] = l === undefined ? "/" : `=${l}`;
        row[C.performance + k - 1] = `=${call("PERFORMANCE_EMISSION", `${formatCell(r, C.volume + k - 1)},${formatCell(r, C.limit + k - 1)}`)}`;
        row[C.eia + k - 1] = `=${src.eia(pollutant, plant, k)}`;
      }
      const ranges = `${formatCell(r, C.eia)}:${formatCell(r, C.eia + 2)},${formatCell(r, C.performance)}:${formatCell(r, C.performance + 2)}`;
      row[C.phased] = `=${call("INITIAL_RIGHT_PHASED", ranges)}`;
      row[C.total] = `=${call("INITIAL_RIGHT_TOTAL", ranges)}`;
      row[C.difference] = `=${call("METHOD_DIFFERENCE", ranges)}`;
      rows.push(row);
    }
  }
  return rows;
}
