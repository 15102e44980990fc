/**
 * The region example (issue 13): the six plants of the Fujian paper as permit holders of one region,
 * with other holders, as a city bureau keeps them: one sheet per pollutant with a row per holder, and a
 * sheet that allocates a cut of SO2 by each method with live ER formulas. The data is examples/region.json:
 * the six plants' permitted emissions are their phased initial rights (six-plants.json, Table 3); the
 * other holders, all actual emissions and the contribution weights are ILLUSTRATIVE, and every sheet
 * says so. Pure: grids of values and "=" formulas that a workbook builder (./workbook.ts) or the
 * browser preview places as they are.
 */
import { pollutantById } from "../core/pollutants";
import { formatCell } from "../sheet/address";
import { erCall } from "../sheet/er";
import type { CallWriter, GridCell } from "./rule-grids";

export type RegionFigure = number | string;

interface PollutantFigures {
  /** Last year's and this year's actual emission, in the order of `years` ('-' or '/' where none). */
  readonly actual: readonly RegionFigure[];
  readonly contribution: RegionFigure;
}

/** examples/region.json. */
export interface RegionData {
  readonly region: { readonly zh: string; readonly en: string };
  readonly illustrative: string;
  /** Last year and this year. */
  readonly years: readonly [number, number];
  readonly pollutants: readonly ("so2" | "nox")[];
  readonly six_plants: readonly ({ readonly plant: number; readonly zh: string; readonly en: string; readonly industry: { readonly zh: string; readonly en: string } } & Record<"so2" | "nox", PollutantFigures>)[];
  readonly other_holders: readonly ({ readonly zh: string; readonly en: string; readonly industry: { readonly zh: string; readonly en: string } } & Record<"so2" | "nox", PollutantFigures & { readonly permitted: RegionFigure }>)[];
  readonly cut: { readonly pollutant: "so2" | "nox"; readonly target: string; readonly decimals: number };
  readonly notes: readonly string[];
}

/** The phased initial rights of the six plants, per pollutant (six-plants.json, Table 3, total_right). */
export interface SixPlantRights {
  readonly plants: readonly number[];
  readonly so2: readonly number[];
  readonly nox: readonly number[];
}

/** One holder of the region for one pollutant. */
export interface RegionHolder {
  readonly name: string;
  readonly industry: string;
  readonly permitted: RegionFigure;
  readonly lastYear: RegionFigure;
  readonly thisYear: RegionFigure;
  readonly contribution: RegionFigure;
}

/** The region's holders for a pollutant: the six plants first, then the others. */
export function regionHolders(data: RegionData, rights: SixPlantRights, pollutant: "so2" | "nox"): RegionHolder[] {
  const plants = data.six_plants.map((p) => {
    const i = rights.plants.indexOf(p.plant);
    if (i < 0) throw new Error(`region.json: plant ${p.plant} is not in six-plants.json`);
    const f = p[pollutant];
    return { name: `${p.zh} ${p.en}`, industry: `${p.industry.zh} ${p.industry.en}`, permitted: rights[pollutant][i], lastYear: f.actual[0], thisYear: f.actual[1], contribution: f.contribution };
  });
  const others = data.other_holders.map((h) => {
    const f = h[pollutant];
    return { name: `${h.zh} ${h.en}`, industry: `${h.industry.zh} ${h.industry.en}`, permitted: f.permitted, lastYear: f.actual[0], thisYear: f.actual[1], contribution: f.contribution };
  });
  return [...plants, ...others];
}

/** A pollutant as the sheets name it: "SO2 二氧化硫". */
function named(pollutant: string): { en: string; zh: string } {
  const p = pollutantById(pollutant);
  if (!p) throw new Error(`unknown pollutant ${pollutant}`);
  return p.names[0];
}

/** The sheet of a pollutant's holders. */
export function regionSheetName(pollutant: string): string {
  const n = named(pollutant);
  return `${n.en} ${n.zh}`;
}

export const CUT_SHEET_NAME = "SO2 削减 Cut";
export const NOTES_SHEET_NAME = "说明 Notes";

/** Where things are on a pollutant's sheet (0-based). */
export const REGION_SHEET = { no: 0, holder: 1, industry: 2, permitted: 3, lastYear: 4, thisYear: 5, contribution: 6, change: 7, margin: 8, header: 2, firstRow: 3 } as const;

/** Where things are on the cut sheet (0-based). */
export const CUT_SHEET = {
  targetRow: 2,
  target: 1,
  decimals: 6,
  header: 4,
  firstRow: 5,
  holder: 0,
  permitted: 1,
  contribution: 2,
  history: 3,
  /** The three methods' columns, in this order. */
  methods: [4, 5, 6],
} as const;

export const CUT_METHODS_SHOWN = [
  { method: "proportional", header: "等比例 Proportional t/a" },
  { method: "weighted", header: "按贡献 Weighted t/a" },
  { method: "history", header: "按历史排放 History t/a" },
] as const;

/** How IFNA is written: `IFNA(...)` as typed; Excel saves it as `_xlfn.IFNA(...)`. */
export type IfnaWriter = (expr: string, alt: string) => string;

const ifnaTyped: IfnaWriter = (expr, alt) => `IFNA(${expr},${alt})`;

function quoted(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

export const ILLUSTRATIVE_NOTE = "实际排放量、污染贡献与电厂以外的排污单位均为示意数据，并非论文数据 · Actual emissions, contributions and the holders other than the six plants are ILLUSTRATIVE, not from the papers";

/**
 * A pollutant's sheet: a row per holder (permitted, last year's and this year's actual emission, the
 * contribution weight), the yearly change (ER.ANNUAL_CHANGE) and the margin under the permit
 * (ER.PERMIT_MARGIN) per holder, and the region's totals (ER.REGIONAL_TOTAL). A holder without a figure
 * gets #N/A from both functions, shown as '/' through IFNA, as the sheet's own marks are.
 */
export function regionSheet(data: RegionData, rights: SixPlantRights, pollutant: "so2" | "nox", call: CallWriter = erCall, ifna: IfnaWriter = ifnaTyped): GridCell[][] {
  const L = REGION_SHEET;
  const n = named(pollutant);
  const [last, now] = data.years;
  const holders = regionHolders(data, rights, pollutant);
  const rows: GridCell[][] = [
    [`${n.zh}（${n.en}）许可排放量与实际排放量，${data.region.zh}（t/a） · ${n.en} permitted and actual emissions, ${data.region.en} (t/a)`],
    [ILLUSTRATIVE_NOTE],
    [],
  ];
  const head = rows[L.header];
  head[L.no] = "序号 No.";
  head[L.holder] = "排污单位 Holder";
  head[L.industry] = "行业 Industry";
  head[L.permitted] = "许可排放量 Permitted t/a";
  head[L.lastYear] = `${last}年实际排放量 Actual ${last} t/a`;
  head[L.thisYear] = `${now}年实际排放量 Actual ${now} t/a`;
  head[L.contribution] = "污染贡献 Contribution %";
  head[L.change] = `年度变化 Change ${now}−${last}`;
  head[L.margin] = "许可余量 Margin t/a";
  holders.forEach((h, i) => {
    const r = L.firstRow + i;
    const row: GridCell[] = [];
    row[L.no] = i + 1;
    row[L.holder] = h.name;
    row[L.industry] = h.industry;
    row[L.permitted] = h.permitted;
    row[L.lastYear] = h.lastYear;
    row[L.thisYear] = h.thisYear;
    row[L.contribution] = h.contribution;
    row[L.change] = `=${ifna(call("ANNUAL_CHANGE", `${formatCell(r, L.thisYear)},${formatCell(r, L.lastYear)}`), '"/"')}`;
    row[L.margin] = `=${ifna(call("PERMIT_MARGIN", `${formatCell(r, L.thisYear)},${formatCell(r, L.permitted)}`), '"/"')}`;
    rows.push(row);
  });
  const t = L.firstRow + holders.length;
  const range = (col: number) => `${formatCell(L.firstRow, col)}:${formatCell(t - 1, col)}`;
  const total: GridCell[] = [];
  total[L.holder] = "合计 Total";
  for (const col of [L.permitted, L.lastYear, L.thisYear]) total[col] = `=${call("REGIONAL_TOTAL", range(col))}`;
  total[L.change] = `=${call("ANNUAL_CHANGE", `${formatCell(t, L.thisYear)},${formatCell(t, L.lastYear)}`)}`;
  total[L.margin] = `=${call("PERMIT_MARGIN", `${formatCell(t, L.thisYear)},${formatCell(t, L.permitted)}`)}`;
  rows.push(total);
  return rows;
}

/** A block of cells that one formula fills (an ER.ALLOCATE_CUT spill): its top-left cell holds the formula. */
export interface SpillBlock {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

/**
 * The cut sheet: the cut of `data.cut` (a 10% SO2 cut) allocated by each method, ER.ALLOCATE_CUT over
 * the holders' cells of the pollutant's sheet (referenced here, one column each), one spilling column per
 * method, and ER.REGIONAL_TOTAL under each: the results of every method add up to the same target.
 */
export function cutSheet(data: RegionData, rights: SixPlantRights, call: CallWriter = erCall): { grid: GridCell[][]; spills: SpillBlock[] } {
  const C = CUT_SHEET;
  const L = REGION_SHEET;
  const pollutant = data.cut.pollutant;
  const n = named(pollutant);
  const [, now] = data.years;
  const source = quoted(regionSheetName(pollutant));
  const holders = regionHolders(data, rights, pollutant);
  const last = C.firstRow + holders.length - 1;
  const rows: GridCell[][] = [
    [`${n.zh} 削减 ${data.cut.target.replace(/^-/, "")} 的分配 · Allocating a ${data.cut.target.replace(/^-/, "")} cut of ${n.en} (t/a), from sheet ${regionSheetName(pollutant)}`],
    [`ER.ALLOCATE_CUT 按三种方法溢出各排污单位新的许可排放量，每种方法的结果之和都恰好等于目标（见合计行）。${ILLUSTRATIVE_NOTE}`],
    [],
    [],
    [],
  ];
  const tr = rows[C.targetRow];
  tr[0] = "目标 Target";
  tr[C.target] = data.cut.target;
  tr[2] = "按百分比：现有总量 × (1 − 10%)，向下取到小数位 · a percentage: current total × (1 − 10%), rounded down to the decimals";
  tr[5] = "小数位 Decimals";
  tr[C.decimals] = data.cut.decimals;
  const head = rows[C.header];
  head[C.holder] = "排污单位 Holder";
  head[C.permitted] = "许可排放量 Permitted t/a";
  head[C.contribution] = "污染贡献 Contribution %";
  head[C.history] = `${now}年实际排放量（历史）Actual ${now} t/a`;
  CUT_METHODS_SHOWN.forEach((m, k) => (head[C.methods[k]] = m.header));
  holders.forEach((_, i) => {
    const src = L.firstRow + i;
    const row: GridCell[] = [];
    row[C.holder] = `=${source}!${formatCell(src, L.holder)}`;
    row[C.permitted] = `=${source}!${formatCell(src, L.permitted)}`;
    row[C.contribution] = `=${source}!${formatCell(src, L.contribution)}`;
    row[C.history] = `=${source}!${formatCell(src, L.thisYear)}`;
    rows.push(row);
  });
  const col = (c: number) => `${formatCell(C.firstRow, c)}:${formatCell(last, c)}`;
  const target = formatCell(C.targetRow, C.target, true);
  const decimals = formatCell(C.targetRow, C.decimals, true);
  const spills: SpillBlock[] = [];
  CUT_METHODS_SHOWN.forEach((m, k) => {
    const weights = m.method === "weighted" ? col(C.contribution) : m.method === "history" ? col(C.history) : "";
    rows[C.firstRow][C.methods[k]] = `=${call("ALLOCATE_CUT", `${col(C.permitted)},${target},"${m.method}",${weights},${decimals}`)}`;
    spills.push({ row: C.firstRow, col: C.methods[k], rows: holders.length, cols: 1 });
  });
  const total: GridCell[] = [];
  total[C.holder] = "合计 Total";
  for (const c of [C.permitted, ...C.methods]) total[c] = `=${call("REGIONAL_TOTAL", col(c))}`;
  rows.push(total);
  return { grid: rows, spills };
}

/** The notes sheet: where the figures come from, and what the marks mean. */
export function notesSheet(data: RegionData): GridCell[][] {
  return [
    [`${data.region.zh} · ${data.region.en}: 排污许可与总量控制示例 · permits and total emission control, an example`],
    [data.illustrative],
    ["许可排放量：电厂1–6 取文中表3 分期对比法核定的初始排污权（examples/six-plants.json）· Permitted: plants 1-6 take their phased initial rights, Table 3 of the Fujian paper."],
    ...data.notes.map((n) => [n]),
    ["ER.REGIONAL_TOTAL：区域许可排放量之和即固定源总量控制指标（许可文 1.3 (3)）· the sum of the holders' permitted emissions is the region's fixed-source total."],
    ["ER.ANNUAL_CHANGE：本年实际排放量 − 上年实际排放量 · this year's actual emission minus last year's."],
    ["ER.PERMIT_MARGIN：许可排放量 − 实际排放量，负数即超过许可排放量（天花板）· permitted minus actual; below 0 the holder is over its permit."],
    ["ER.ALLOCATE_CUT：把削减分配到各排污单位，结果之和恰好等于目标 · allocates a cut to the holders; the results add up to the target exactly."],
  ];
}
