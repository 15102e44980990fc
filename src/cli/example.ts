/**
 * The example workbook examples/six-plants.xlsx, built from the project's copy of the paper's tables
 * (examples/six-plants.json) by scripts/build-example.js (`npm run example`).
 *
 * The paper's five tables are laid out as a regulator keeps them, with live ER formulas wherever the paper
 * prints a computed number, and a sixth sheet that sets every printed number beside the live one and
 * marks the differences (the known inconsistencies of the print show up there).
 *
 * Formulas are stored the way Excel saves them when the add-in is loaded: a JavaScript custom function
 * as `_xldudf_ER_NAME(...)`, a newer built-in function with its `_xlfn.` prefix (IFNA). Excel shows them as
 * `=ER.NAME(...)` and `=IFNA(...)` when the add-in is loaded. Every formula cell carries its value,
 * computed by the headless engine, so that Excel and other readers show the numbers on opening.
 */
import ExcelJS from "exceljs";
import { CHAIN_SHEET, chainSheet, LIMIT_SHEET, limitSheet, PERMIT_SHEET, permitSheet, SIX_PLANT_UNITS, type GridCell, type PermitInput } from "../core/example-sheets";
import { CUT_SHEET, CUT_SHEET_NAME, cutSheet, NOTES_SHEET_NAME, notesSheet, REGION_SHEET, regionSheet, regionSheetName, type RegionData, type SixPlantRights } from "../core/example-region";
import { formatCell, formatReference } from "../engine/address";
import { Engine, isCellError, type CellInput } from "../engine/engine";

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
type Printed = number | string | null;
interface Table3Phase {
  readonly eia: readonly Printed[];
  readonly performance: readonly Printed[];
  readonly right: readonly Printed[];
}
interface Table3Pollutant {
  readonly phase1: Table3Phase;
  readonly phase2: Table3Phase;
  readonly phase3: Table3Phase;
  readonly total_right: readonly number[];
}
interface Table4Pollutant {
  readonly total_eia: readonly Printed[];
  readonly total_performance: readonly number[];
  readonly right: readonly number[];
}
interface Table5Pollutant {
  readonly phased: readonly number[];
  readonly total: readonly number[];
  readonly difference: readonly number[];
}

export const SHEETS = {
  t1: "表1 绩效排放量 Table 1",
  t2: "表2 环评批复量 Table 2",
  t3: "表3 分期对比 Table 3",
  t4: "表4 合计对比 Table 4",
  t5: "表5 方法比较 Table 5",
  limits: "限值 Limits",
  chain: "绩效链 Chain",
  permits: "许可 Permits",
  audit: "核对 Audit",
} as const;

export const POLLUTANTS = ["so2", "nox"] as const;
type Pollutant = (typeof POLLUTANTS)[number];
const POLLUTANT_LABEL: Record<Pollutant, string> = { so2: "SO2", nox: "NOx" };
const PHASE_LABEL = ["一期 Phase 1", "二期 Phase 2", "三期 Phase 3"];
const PHASE_ZH = ["一期", "二期", "三期"];

/** Where things are, for the demo and the tests (0-based rows and columns). */
export const LAYOUT = {
  /** Table 1: first phase row; columns of volume, limits and performance emissions. */
  t1: { firstRow: 2, plant: 0, phase: 1, volume: 3, so2Limit: 4, noxLimit: 5, so2: 6, nox: 7 },
  /** Table 2: first plant row; SO2 phases from column 1, NOx phases from column 4. */
  t2: { firstRow: 3, so2: 1, nox: 4 },
  /** Table 3: SO2 plants from row 3, NOx plants from row 9; EIA, performance, right (3 phases each), total. */
  t3: { firstRow: { so2: 3, nox: 9 }, eia: 2, performance: 5, right: 8, total: 11 },
  /** Table 4: plants from row 3; per pollutant: EIA total, performance total, right. */
  t4: { firstRow: 3, so2: 1, nox: 4 },
  /** Table 5: plants from row 3; per pollutant: phased, total, difference. */
  t5: { firstRow: 3, so2: 1, nox: 4 },
  /** The audit sheet: items from row 3; columns. */
  audit: { firstRow: 3, index: 0, table: 1, item: 2, printed: 3, live: 4, difference: 5, mark: 6, note: 7 },
} as const;

/** The mark the audit sheet's formulas put beside a printed number that differs from the live one. */
export const MARK = "≠ 不一致";

/** Chinese wording of the data file's known inconsistencies, in the same order. */
const INCONSISTENCIES_ZH = [
  "表2 排污单位 4 二期 SO2 环评批复量印为 1246.65；表3 用 1245.65，其合计 4271.3 只有按 1245.65 才能相加得到。",
  "表2 排污单位 5 二期 SO2 环评批复量印为 3300；表3 用 3330，合计 6630 只有按 3330 才能相加得到。",
  "表1 排污单位 2 二期：41.52×10^9 m3 × 200 mg/m3 = 8304 t/a，印为 8303（SO2 与 NOx）：印刷的烟气量经过取整。",
  "表1 排污单位 2 一期 NOx 印为 4152；表3 用 4151.5。",
  "表1 排污单位 6 印为 4114 / 4488（SO2）与 2244（NOx 二期）；表3 用 4113.6 / 4488.7 与 2244.3（未取整的烟气量）。",
  "表4 排污单位 6 NOx 绩效排放量合计印为 4301.1；表3 各期 2057 + 2244.3 相加为 4301.3。",
  "表1 脚注把 NOx 限值的日期规则写反了（见 standard）。",
];

/** The NOx limit rule as the paper's body text and numbers apply it, and as its Table 1 footnote prints it. */
const NOX_RULE_APPLIED = "NOx ≤2003-12-31: 200 mg/m3; >2003-12-31: 100 mg/m3";
const NOX_RULE_PRINTED = "NOx ≤2003-12-31: 100 mg/m3; >2003-12-31: 200 mg/m3";

type StyleName = "title" | "header" | "text" | "center" | "tonnes" | "volume" | "limit" | "note" | "integer" | "date";

interface CellSpec {
  /** A value typed in the cell. */
  readonly value?: CellInput;
  /** A formula as stored in the file, without "=". */
  readonly formula?: string;
  readonly style: StyleName;
  readonly note?: string;
}

class SheetModel {
  readonly cells = new Map<string, { row: number; col: number; spec: CellSpec }>();
  readonly merges: string[] = [];
  readonly heights = new Map<number, number>();
  constructor(
    readonly name: string,
    readonly widths: readonly number[],
  ) {}
  set(row: number, col: number, spec: CellSpec): void {
    this.cells.set(`${row},${col}`, { row, col, spec });
  }
  merge(r1: number, c1: number, r2: number, c2: number): void {
    this.merges.push(`${formatCell(r1, c1)}:${formatCell(r2, c2)}`);
  }
  inputs(): CellInput[][] {
    const rows: CellInput[][] = [];
    for (const { row, col, spec } of this.cells.values()) {
      (rows[row] ??= [])[col] = spec.formula !== undefined ? `=${spec.formula}` : (spec.value ?? null);
    }
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    return rows;
  }
}

/** A printed cell as typed: '/' for a phase that does not exist, '-' for an approval without a figure. */
function typed(v: Printed): CellInput {
  return v === null ? "/" : v;
}

const er = (name: string, ...args: string[]) => `_xldudf_ER_${name}(${args.join(",")})`;
const ref = (sheet: string, r1: number, c1: number, r2 = r1, c2 = c1) =>
  formatReference(sheet, { start: { row: r1, col: c1 }, end: { row: r2, col: c2 } });
const local = (r1: number, c1: number, r2 = r1, c2 = c1) => (r1 === r2 && c1 === c2 ? formatCell(r1, c1) : `${formatCell(r1, c1)}:${formatCell(r2, c2)}`);

function header(sheet: SheetModel, row: number, col: number, text: string): void {
  sheet.set(row, col, { value: text, style: "header" });
}

function title(sheet: SheetModel, text: string, lastCol: number): void {
  sheet.set(0, 0, { value: text, style: "title" });
  sheet.merge(0, 0, 0, lastCol);
}

function table1(data: SixPlantsData): { sheet: SheetModel; rowOf: Map<string, number>; ruleCell: { row: number; col: number } } {
  const L = LAYOUT.t1;
  const s = new SheetModel(SHEETS.t1, [12, 14, 10, 16, 12, 12, 16, 16]);
  title(s, "表1 各排污单位绩效排放量 · Table 1 Performance emissions (GB13223-2011)", 7);
  ["排污单位 Plant", "工程 Phase", "机组台数 Units", "绩效烟气量 10^9 m3/a", "SO2 限值 mg/m3", "NOx 限值 mg/m3", "SO2 绩效排放量 t/a", "NOx 绩效排放量 t/a"].forEach((h, i) => header(s, 1, i, h));
  const rowOf = new Map<string, number>();
  let row = L.firstRow;
  let plantStart = row;
  data.table1_performance.forEach((p, i) => {
    rowOf.set(`${p.plant},${p.phase}`, row);
    s.set(row, L.plant, { value: p.plant, style: "center" });
    s.set(row, L.phase, { value: PHASE_ZH[p.phase - 1], style: "center" });
    s.set(row, 2, { value: p.units, style: "integer" });
    s.set(row, L.volume, { value: p.volume_m3, style: "volume" });
    s.set(row, L.so2Limit, { value: p.so2_limit, style: "limit" });
    s.set(row, L.noxLimit, { value: p.nox_limit, style: "limit" });
    s.set(row, L.so2, { formula: er("PERFORMANCE_EMISSION", local(row, L.volume), local(row, L.so2Limit)), style: "tonnes" });
    s.set(row, L.nox, { formula: er("PERFORMANCE_EMISSION", local(row, L.volume), local(row, L.noxLimit)), style: "tonnes" });
    const next = data.table1_performance[i + 1];
    if (!next || next.plant !== p.plant) {
      if (row > plantStart) s.merge(plantStart, L.plant, row, L.plant);
      plantStart = row + 1;
    }
    row++;
  });
  const ruleCell = { row: row + 1, col: 3 };
  s.set(ruleCell.row, 0, { value: "注：NOx 限值按 GB13223-2011，以投产或环评批复日期区分（正文与表中数值所用）。Note: the NOx limit by commissioning or EIA-approval date, as the text and numbers apply it.", style: "note" });
  s.merge(ruleCell.row, 0, ruleCell.row, 2);
  s.set(ruleCell.row, ruleCell.col, { value: NOX_RULE_APPLIED, style: "note" });
  s.merge(ruleCell.row, ruleCell.col, ruleCell.row, 7);
  s.heights.set(ruleCell.row, 42);
  return { sheet: s, rowOf, ruleCell };
}

function table2(data: SixPlantsData): SheetModel {
  const L = LAYOUT.t2;
  const s = new SheetModel(SHEETS.t2, [14, 13, 13, 13, 13, 13, 13]);
  title(s, "表2 各排污单位环评批复排放量（t/a） · Table 2 EIA-approved emissions (t/a)", 6);
  header(s, 1, 0, "排污单位 Plant");
  s.merge(1, 0, 2, 0);
  for (const pol of POLLUTANTS) {
    const c0 = L[pol];
    header(s, 1, c0, `${POLLUTANT_LABEL[pol]} 环评批复量 EIA-approved`);
    s.merge(1, c0, 1, c0 + 2);
    PHASE_LABEL.forEach((h, k) => header(s, 2, c0 + k, h));
  }
  data.table3_phased.plants.forEach((plant, i) => {
    const row = L.firstRow + i;
    s.set(row, 0, { value: plant, style: "center" });
    for (const pol of POLLUTANTS) {
      const printed = data.table2_eia_approved[pol][String(plant)] ?? [];
      for (let k = 0; k < 3; k++) {
        const v = k < printed.length ? printed[k] : null;
        const note =
          pol === "nox" && v === null && k < printed.length
            ? "环评批复早于 NOx 控制要求，无 NOx 数值。The approval predates any NOx requirement: no NOx figure."
            : undefined;
        s.set(row, L[pol] + k, { value: typed(v), style: typeof v === "number" ? "tonnes" : "center", ...(note ? { note } : {}) });
      }
    }
  });
  return s;
}

function table3(data: SixPlantsData): SheetModel {
  const L = LAYOUT.t3;
  const s = new SheetModel(SHEETS.t3, [10, 10, 12, 12, 12, 12, 12, 12, 12, 12, 12, 14]);
  title(s, "表3 分期对比法核定的初始排污权（t/a） · Table 3 Initial emission rights by the phased comparison (t/a)", 11);
  header(s, 1, 0, "污染物 Pollutant");
  header(s, 1, 1, "排污单位 Plant");
  s.merge(1, 0, 2, 0);
  s.merge(1, 1, 2, 1);
  const groups: [number, string][] = [
    [L.eia, "环评批复量 EIA-approved"],
    [L.performance, "绩效排放量 Performance"],
    [L.right, "初始排污权 Initial right"],
  ];
  for (const [c0, text] of groups) {
    header(s, 1, c0, text);
    s.merge(1, c0, 1, c0 + 2);
    PHASE_LABEL.forEach((h, k) => header(s, 2, c0 + k, h));
  }
  header(s, 1, L.total, "全厂合计 Plant total");
  s.merge(1, L.total, 2, L.total);
  for (const pol of POLLUTANTS) {
    const t = data.table3_phased[pol];
    const phases = [t.phase1, t.phase2, t.phase3];
    const r0 = L.firstRow[pol];
    s.set(r0, 0, { value: POLLUTANT_LABEL[pol], style: "center" });
    s.merge(r0, 0, r0 + data.table3_phased.plants.length - 1, 0);
    data.table3_phased.plants.forEach((plant, i) => {
      const row = r0 + i;
      s.set(row, 1, { value: plant, style: "center" });
      for (let k = 0; k < 3; k++) {
        const eia = phases[k].eia[i];
        const perf = phases[k].performance[i];
        const note = eia === "-" ? "批复无 NOx 数值，该期排污权取绩效排放量。No NOx figure in the approval: the right is the performance emission." : undefined;
        s.set(row, L.eia + k, { value: typed(eia), style: typeof eia === "number" ? "tonnes" : "center", ...(note ? { note } : {}) });
        s.set(row, L.performance + k, { value: typed(perf), style: typeof perf === "number" ? "tonnes" : "center" });
        if (eia === null && perf === null) s.set(row, L.right + k, { value: "/", style: "center" });
        else s.set(row, L.right + k, { formula: er("INITIAL_RIGHT", local(row, L.eia + k), local(row, L.performance + k)), style: "tonnes" });
      }
      s.set(row, L.total, { formula: er("INITIAL_RIGHT_PHASED", local(row, L.eia, row, L.eia + 2), local(row, L.performance, row, L.performance + 2)), style: "tonnes" });
    });
  }
  return s;
}

/** The two phase ranges of a plant in Table 3, as references from another sheet. */
function phaseRanges(pol: Pollutant, i: number): [string, string] {
  const L = LAYOUT.t3;
  const row = L.firstRow[pol] + i;
  return [ref(SHEETS.t3, row, L.eia, row, L.eia + 2), ref(SHEETS.t3, row, L.performance, row, L.performance + 2)];
}

function table4(data: SixPlantsData): SheetModel {
  const L = LAYOUT.t4;
  const s = new SheetModel(SHEETS.t4, [14, 14, 14, 14, 14, 14, 14]);
  title(s, "表4 合计对比法核定的初始排污权（t/a） · Table 4 Initial emission rights by the total comparison (t/a)", 6);
  header(s, 1, 0, "排污单位 Plant");
  s.merge(1, 0, 2, 0);
  for (const pol of POLLUTANTS) {
    const c0 = L[pol];
    header(s, 1, c0, POLLUTANT_LABEL[pol]);
    s.merge(1, c0, 1, c0 + 2);
    ["环评批复量合计 EIA total", "绩效排放量合计 Performance total", "初始排污权 Initial right"].forEach((h, k) => header(s, 2, c0 + k, h));
  }
  data.table4_total.plants.forEach((plant, i) => {
    const row = L.firstRow + i;
    s.set(row, 0, { value: plant, style: "center" });
    for (const pol of POLLUTANTS) {
      const [eia, perf] = phaseRanges(pol, i);
      const c0 = L[pol];
      const noEia = data.table4_total[pol].total_eia[i] === "-";
      s.set(row, c0, {
        formula: `_xlfn.IFNA(${er("EIA_TOTAL", eia, perf)},"-")`,
        style: "tonnes",
        ...(noEia ? { note: "有一期批复无数值，环评合计不存在（#N/A，显示为 -）。An existing phase has no EIA figure: the EIA total does not exist (#N/A, shown as -)." } : {}),
      });
      s.set(row, c0 + 1, { formula: er("PERFORMANCE_TOTAL", eia, perf), style: "tonnes" });
      s.set(row, c0 + 2, { formula: er("INITIAL_RIGHT_TOTAL", eia, perf), style: "tonnes" });
    }
  });
  return s;
}

function table5(data: SixPlantsData): SheetModel {
  const L = LAYOUT.t5;
  const s = new SheetModel(SHEETS.t5, [14, 14, 14, 14, 14, 14, 14]);
  title(s, "表5 两种方法核定结果比较（t/a） · Table 5 The two methods compared (t/a)", 6);
  header(s, 1, 0, "排污单位 Plant");
  s.merge(1, 0, 2, 0);
  for (const pol of POLLUTANTS) {
    const c0 = L[pol];
    header(s, 1, c0, POLLUTANT_LABEL[pol]);
    s.merge(1, c0, 1, c0 + 2);
    ["分期对比 Phased", "合计对比 Total", "差值 Difference"].forEach((h, k) => header(s, 2, c0 + k, h));
  }
  data.table5_comparison.plants.forEach((plant, i) => {
    const row = L.firstRow + i;
    s.set(row, 0, { value: plant, style: "center" });
    for (const pol of POLLUTANTS) {
      const [eia, perf] = phaseRanges(pol, i);
      const c0 = L[pol];
      s.set(row, c0, { formula: ref(SHEETS.t3, LAYOUT.t3.firstRow[pol] + i, LAYOUT.t3.total), style: "tonnes" });
      s.set(row, c0 + 1, { formula: ref(SHEETS.t4, LAYOUT.t4.firstRow + i, LAYOUT.t4[pol] + 2), style: "tonnes" });
      s.set(row, c0 + 2, { formula: er("METHOD_DIFFERENCE", eia, perf), style: "tonnes" });
    }
  });
  return s;
}

/** Excel's saved form of an ER call, for the grids of src/core/example-sheets.ts. */
const saved = (id: string, args: string) => `_xldudf_ER_${id}(${args})`;

/** A sheet from a grid of values and "=" formulas; row 0 is its header. */
function gridSheet(name: string, grid: readonly GridCell[][], widths: readonly number[], styleOf: (row: number, col: number, v: GridCell) => StyleName): SheetModel {
  const s = new SheetModel(name, widths);
  grid.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      const style = r === 0 ? "header" : styleOf(r, c, v);
      s.set(r, c, typeof v === "string" && v.startsWith("=") ? { formula: v.slice(1), style } : { value: v, style });
    }),
  );
  return s;
}

/** The limit sheet (issue 4): every unit's limits from ER.EMISSION_LIMIT and its clause, beside Table 1's. */
function limitsSheet(data: SixPlantsData): SheetModel {
  const paper = new Map(data.table1_performance.map((r) => [`${r.plant}-${r.phase}`, { so2: r.so2_limit, nox: r.nox_limit }]));
  const L = LIMIT_SHEET;
  const s = gridSheet(SHEETS.limits, limitSheet(paper, saved), [12, 10, 18, 12, 12, 22, 22, 14, 14], (_r, c) =>
    c === L.date ? "date" : c === L.so2Clause || c === L.noxClause ? "text" : c === L.plant || c === L.phase ? "center" : "limit",
  );
  s.cells.set(`0,${L.date}`, {
    row: 0,
    col: L.date,
    spec: { value: s.cells.get(`0,${L.date}`)?.spec.value ?? null, style: "header", note: "示意日期：文中未给出投产或环评批复日期。Illustrative dates: the paper gives none." },
  });
  s.heights.set(0, 32);
  return s;
}

/**
 * The chain sheet (issue 12): each plant as a row of three phases, volumes from Table 1 and limits from
 * the limit sheet ('/' where the plant has no such phase), ER.PERFORMANCE_EMISSION across the row and the
 * rights over it, with the EIA figures Table 3 uses. Its performance emissions come from Table 1's
 * printed (rounded) volumes, so plants 2 and 6 differ from Table 3, which used unrounded ones (the audit
 * sheet lists why).
 */
function chainSheetModel(data: SixPlantsData, t1rows: Map<string, number>): SheetModel {
  const C = CHAIN_SHEET;
  const unitRow = new Map(SIX_PLANT_UNITS.map((u, i) => [`${u.plant},${u.phase}`, LIMIT_SHEET.firstRow + i]));
  const plants = data.table3_phased.plants;
  const grid = chainSheet(
    {
      plants,
      volume: (plant, phase) => {
        const row = t1rows.get(`${plant},${phase}`);
        return row === undefined ? undefined : ref(SHEETS.t1, row, LAYOUT.t1.volume);
      },
      limit: (pollutant, plant, phase) => {
        const row = unitRow.get(`${plant},${phase}`);
        return row === undefined ? undefined : ref(SHEETS.limits, row, pollutant === "SO2" ? LIMIT_SHEET.so2 : LIMIT_SHEET.nox);
      },
      eia: (pollutant, plant, phase) => {
        const pol = pollutant === "SO2" ? "so2" : "nox";
        return ref(SHEETS.t3, LAYOUT.t3.firstRow[pol] + plants.indexOf(plant), LAYOUT.t3.eia + phase - 1);
      },
    },
    saved,
  );
  const s = gridSheet(SHEETS.chain, grid, [10, 10, 14, 14, 14, 10, 10, 10, 14, 14, 14, 14, 14, 14, 14, 14, 14], (_r, c, v) =>
    c >= C.volume && c < C.limit && v !== "/" ? "volume" : c >= C.limit && c < C.performance && v !== "/" ? "limit" : c <= C.plant || v === "/" ? "center" : "tonnes",
  );
  s.cells.set(`0,${C.performance}`, {
    row: 0,
    col: C.performance,
    spec: {
      value: s.cells.get(`0,${C.performance}`)?.spec.value ?? null,
      style: "header",
      note: "ER.PERFORMANCE_EMISSION 对不存在的期（烟气量、限值为“/”）返回“/”，右侧排污权函数跳过该期。烟气量取表1印刷值（已取整），排污单位 2、6 因此与表3不同（见核对表）。PERFORMANCE_EMISSION gives '/' for a phase that does not exist ('/' volume and limit); the rights to the right skip it. Volumes are Table 1's printed (rounded) ones, so plants 2 and 6 differ from Table 3 (see the audit sheet).",
    },
  });
  s.heights.set(0, 44);
  return s;
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

/** The permit sheet (issue 4): ER.PERMITTED_EMISSION per phase beside Table 3's right, and ER.ACTUAL_EMISSION. */
function permitsSheet(data: SixPlantsData): { sheet: SheetModel; rows: number } {
  const P = PERMIT_SHEET;
  const inputs = permitInputs(data);
  const grid = permitSheet(inputs, saved);
  const actualHead = P.firstRow + inputs.length + 1;
  const s = gridSheet(SHEETS.permits, grid, [30, 12, 14, 18, 18, 18, 16, 16], (r, c, v) => {
    if (r === actualHead) return "header";
    if (r > actualHead) return c === 0 ? "text" : typeof v === "number" || (typeof v === "string" && v.startsWith("=")) ? "tonnes" : "center";
    return c === P.plant || c === P.phase || c === P.pollutant || typeof v === "string" && !v.startsWith("=") ? "center" : "tonnes";
  });
  s.heights.set(0, 32);
  return { sheet: s, rows: inputs.length };
}

interface AuditItem {
  readonly table: string;
  readonly item: string;
  readonly printed: CellInput;
  /** The live cell or formula, without "=". */
  readonly live: string;
  /** Index of the known inconsistency this item shows, if it is one. */
  readonly known?: number;
}

/** Which known inconsistency of the print an item shows (indexes into known_inconsistencies_in_print). */
const KNOWN = {
  table2Plant4: 0,
  table2Plant5: 1,
  table1Plant2Phase2: 2,
  table1Plant2NOx: 3,
  table1Plant6: 4,
  table4Plant6: 5,
  footnote: 6,
} as const;

function auditItems(data: SixPlantsData, t1rows: Map<string, number>, ruleCell: { row: number; col: number }, permitRows: number): AuditItem[] {
  const items: AuditItem[] = [];
  const plants = data.table3_phased.plants;
  // Table 1: the printed performance emissions against the live ER.PERFORMANCE_EMISSION of the printed volumes.
  for (const p of data.table1_performance) {
    for (const pol of POLLUTANTS) {
      items.push({
        table: "表1 Table 1",
        item: `排污单位 ${p.plant} ${PHASE_ZH[p.phase - 1]} ${POLLUTANT_LABEL[pol]} 绩效排放量 · plant ${p.plant} phase ${p.phase} ${POLLUTANT_LABEL[pol]} performance emission`,
        printed: pol === "so2" ? p.so2_t : p.nox_t,
        live: ref(SHEETS.t1, t1rows.get(`${p.plant},${p.phase}`) ?? 0, LAYOUT.t1[pol]),
        ...(p.plant === 2 && p.phase === 2 ? { known: KNOWN.table1Plant2Phase2 } : {}),
      });
    }
  }
  // Table 2's EIA figures as printed against the ones Table 3 (and so every formula) uses.
  for (const pol of POLLUTANTS) {
    const t = data.table3_phased[pol];
    const phases = [t.phase1, t.phase2, t.phase3];
    plants.forEach((plant, i) => {
      for (let k = 0; k < 3; k++) {
        const used = phases[k].eia[i];
        if (typeof used !== "number") continue;
        const printed = (data.table2_eia_approved[pol][String(plant)] ?? [])[k] ?? null;
        items.push({
          table: "表2 Table 2",
          item: `排污单位 ${plant} ${PHASE_ZH[k]} ${POLLUTANT_LABEL[pol]} 环评批复量：表2 印刷值 vs 表3 所用值 · plant ${plant} phase ${k + 1} ${POLLUTANT_LABEL[pol]} EIA, Table 2 vs Table 3`,
          printed: typed(printed),
          live: ref(SHEETS.t3, LAYOUT.t3.firstRow[pol] + i, LAYOUT.t3.eia + k),
          ...(pol === "so2" && k === 1 && plant === 4 ? { known: KNOWN.table2Plant4 } : {}),
          ...(pol === "so2" && k === 1 && plant === 5 ? { known: KNOWN.table2Plant5 } : {}),
        });
      }
    });
  }
  // Table 3's performance emissions as printed against Table 1's live ones.
  for (const pol of POLLUTANTS) {
    const t = data.table3_phased[pol];
    const phases = [t.phase1, t.phase2, t.phase3];
    plants.forEach((plant, i) => {
      for (let k = 0; k < 3; k++) {
        const printed = phases[k].performance[i];
        const t1row = t1rows.get(`${plant},${k + 1}`);
        if (typeof printed !== "number" || t1row === undefined) continue;
        const known = plant === 2 && k === 1 ? KNOWN.table1Plant2Phase2 : plant === 2 && pol === "nox" && k === 0 ? KNOWN.table1Plant2NOx : plant === 6 ? KNOWN.table1Plant6 : undefined;
        items.push({
          table: "表3 Table 3",
          item: `排污单位 ${plant} ${PHASE_ZH[k]} ${POLLUTANT_LABEL[pol]} 绩效排放量：表3 印刷值 vs 表1 实时值 · plant ${plant} phase ${k + 1} ${POLLUTANT_LABEL[pol]} performance, Table 3 vs Table 1`,
          printed,
          live: ref(SHEETS.t1, t1row, LAYOUT.t1[pol]),
          ...(known !== undefined ? { known } : {}),
        });
      }
    });
  }
  // Table 3's rights, phase by phase and per plant.
  for (const pol of POLLUTANTS) {
    const t = data.table3_phased[pol];
    const phases = [t.phase1, t.phase2, t.phase3];
    plants.forEach((plant, i) => {
      const row = LAYOUT.t3.firstRow[pol] + i;
      for (let k = 0; k < 3; k++) {
        const printed = phases[k].right[i];
        if (printed === null) continue;
        items.push({
          table: "表3 Table 3",
          item: `排污单位 ${plant} ${PHASE_ZH[k]} ${POLLUTANT_LABEL[pol]} 初始排污权 · plant ${plant} phase ${k + 1} ${POLLUTANT_LABEL[pol]} initial right`,
          printed,
          live: ref(SHEETS.t3, row, LAYOUT.t3.right + k),
        });
      }
      items.push({
        table: "表3 Table 3",
        item: `排污单位 ${plant} ${POLLUTANT_LABEL[pol]} 分期对比合计 · plant ${plant} ${POLLUTANT_LABEL[pol]} phased total`,
        printed: t.total_right[i],
        live: ref(SHEETS.t3, row, LAYOUT.t3.total),
      });
    });
  }
  // Table 4.
  for (const pol of POLLUTANTS) {
    const t = data.table4_total[pol];
    data.table4_total.plants.forEach((plant, i) => {
      const row = LAYOUT.t4.firstRow + i;
      const c0 = LAYOUT.t4[pol];
      const label = `排污单位 ${plant} ${POLLUTANT_LABEL[pol]}`;
      const en = `plant ${plant} ${POLLUTANT_LABEL[pol]}`;
      items.push({ table: "表4 Table 4", item: `${label} 环评批复量合计 · ${en} EIA total`, printed: typed(t.total_eia[i]), live: ref(SHEETS.t4, row, c0) });
      items.push({
        table: "表4 Table 4",
        item: `${label} 绩效排放量合计 · ${en} performance total`,
        printed: t.total_performance[i],
        live: ref(SHEETS.t4, row, c0 + 1),
        ...(plant === 6 && pol === "nox" ? { known: KNOWN.table4Plant6 } : {}),
      });
      items.push({ table: "表4 Table 4", item: `${label} 合计对比初始排污权 · ${en} right, total comparison`, printed: t.right[i], live: ref(SHEETS.t4, row, c0 + 2) });
    });
  }
  // Table 5.
  for (const pol of POLLUTANTS) {
    const t = data.table5_comparison[pol];
    data.table5_comparison.plants.forEach((plant, i) => {
      const row = LAYOUT.t5.firstRow + i;
      const c0 = LAYOUT.t5[pol];
      const label = `排污单位 ${plant} ${POLLUTANT_LABEL[pol]}`;
      const en = `plant ${plant} ${POLLUTANT_LABEL[pol]}`;
      items.push({ table: "表5 Table 5", item: `${label} 分期对比 · ${en} phased`, printed: t.phased[i], live: ref(SHEETS.t5, row, c0) });
      items.push({ table: "表5 Table 5", item: `${label} 合计对比 · ${en} total`, printed: t.total[i], live: ref(SHEETS.t5, row, c0 + 1) });
      items.push({ table: "表5 Table 5", item: `${label} 差值 · ${en} difference`, printed: t.difference[i], live: ref(SHEETS.t5, row, c0 + 2) });
    });
  }
  // Table 1's limits against ER.EMISSION_LIMIT of the units' (illustrative) dates.
  data.table1_performance.forEach((p, i) => {
    for (const pol of POLLUTANTS) {
      items.push({
        table: "表1 Table 1",
        item: `排污单位 ${p.plant} ${PHASE_ZH[p.phase - 1]} ${POLLUTANT_LABEL[pol]} 限值：表1 vs ER.EMISSION_LIMIT · plant ${p.plant} phase ${p.phase} ${POLLUTANT_LABEL[pol]} limit, Table 1 vs the standard`,
        printed: pol === "so2" ? p.so2_limit : p.nox_limit,
        live: ref(SHEETS.limits, LIMIT_SHEET.firstRow + i, pol === "so2" ? LIMIT_SHEET.so2 : LIMIT_SHEET.nox),
      });
    }
  });
  // Table 3's right of each phase against the permitted emission (rule 8 takes the same minimum for one phase).
  permitInputs(data)
    .slice(0, permitRows)
    .forEach((p, i) => {
      items.push({
        table: "表3 Table 3",
        item: `排污单位 ${p.plant} ${PHASE_ZH[p.phase - 1]} ${p.pollutant} 初始排污权 vs 许可排放量 · plant ${p.plant} phase ${p.phase} ${p.pollutant} right vs ER.PERMITTED_EMISSION`,
        printed: p.printedRight,
        live: ref(SHEETS.permits, PERMIT_SHEET.firstRow + i, PERMIT_SHEET.permitted),
      });
    });
  // Table 1's footnote against the rule the tables apply.
  items.push({
    table: "表1 Table 1",
    item: "表1 脚注：NOx 限值的日期规则 · Table 1 footnote: the NOx date rule",
    printed: NOX_RULE_PRINTED,
    live: ref(SHEETS.t1, ruleCell.row, ruleCell.col),
    known: KNOWN.footnote,
  });
  return items;
}

function auditSheet(items: readonly AuditItem[]): SheetModel {
  const L = LAYOUT.audit;
  const s = new SheetModel(SHEETS.audit, [6, 14, 62, 14, 14, 12, 12, 70]);
  title(s, "核对：印刷值与实时公式 · Audit: the numbers as printed beside the live formulas (≠ marks a difference)", 7);
  ["序号 #", "表 Table", "项目 Item", "印刷值 Printed", "实时值 Live", "差值 Difference", "标记 Mark", "说明 Note"].forEach((h, i) => header(s, 2, i, h));
  s.set(1, 0, {
    value: "实时值引用各表的 ER 公式；“≠ 不一致”表示印刷值与实时值不同。Live values refer to the ER formulas of the tables; “≠ 不一致” marks a printed number that differs.",
    style: "note",
  });
  s.merge(1, 0, 1, 7);
  items.forEach((it, i) => {
    const row = L.firstRow + i;
    const p = local(row, L.printed);
    const v = local(row, L.live);
    s.set(row, L.index, { value: i + 1, style: "integer" });
    s.set(row, L.table, { value: it.table, style: "text" });
    s.set(row, L.item, { value: it.item, style: "text" });
    s.set(row, L.printed, { value: it.printed, style: typeof it.printed === "number" ? "tonnes" : "text" });
    s.set(row, L.live, { formula: it.live, style: typeof it.printed === "number" ? "tonnes" : "text" });
    s.set(row, L.difference, { formula: `IF(AND(ISNUMBER(${p}),ISNUMBER(${v})),ROUND(${v}-${p},6),"")`, style: "tonnes" });
    s.set(row, L.mark, { formula: `IF(${p}=${v},"","${MARK}")`, style: "center" });
    s.set(row, L.note, { value: null, style: "note" });
  });
  return s;
}

/**
 * Writes, beside every item the live formulas mark as different, which known inconsistency of the print
 * it shows; checks that every marked item has one and every known inconsistency is marked somewhere.
 */
function noteDifferences(data: SixPlantsData, sheet: SheetModel, items: readonly AuditItem[], engine: Engine): void {
  const L = LAYOUT.audit;
  const shown = new Set<number>();
  items.forEach((it, i) => {
    const row = L.firstRow + i;
    const marked = engine.getValue(sheet.name, row, L.mark) === MARK;
    if (!marked) return;
    if (it.known === undefined) throw new Error(`audit item ${i + 1} differs but no known inconsistency explains it: ${it.item}`);
    shown.add(it.known);
    const en = data.known_inconsistencies_in_print[it.known] ?? "";
    sheet.set(row, L.note, { value: `${INCONSISTENCIES_ZH[it.known] ?? ""} ${en}`.trim(), style: "note" });
  });
  data.known_inconsistencies_in_print.forEach((text, k) => {
    if (!shown.has(k)) throw new Error(`known inconsistency ${k + 1} is not marked in the audit sheet: ${text}`);
  });
}

const THIN = { style: "thin" as const, color: { argb: "FFB0B0B0" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function applyStyle(cell: ExcelJS.Cell, style: StyleName): void {
  const font = { name: "Microsoft YaHei", size: 10 };
  switch (style) {
    case "title":
      cell.font = { ...font, size: 12, bold: true };
      cell.alignment = { vertical: "middle" };
      return;
    case "header":
      cell.font = { ...font, bold: true };
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = BORDER;
      return;
    case "note":
      cell.font = { ...font, italic: true, color: { argb: "FF555555" } };
      cell.alignment = { vertical: "top", wrapText: true };
      return;
    case "text":
      cell.font = font;
      cell.alignment = { vertical: "middle", wrapText: true };
      cell.border = BORDER;
      return;
    case "center":
      cell.font = font;
      cell.alignment = { horizontal: "center", vertical: "middle" };
      cell.border = BORDER;
      return;
    case "integer":
      cell.font = font;
      cell.numFmt = "0";
      cell.alignment = { horizontal: "center", vertical: "middle" };
      cell.border = BORDER;
      return;
    case "tonnes":
      cell.font = font;
      cell.numFmt = "0.00";
      cell.alignment = { horizontal: "right", vertical: "middle" };
      cell.border = BORDER;
      return;
    case "volume":
      cell.font = font;
      cell.numFmt = "0.00,,,";
      cell.alignment = { horizontal: "right", vertical: "middle" };
      cell.border = BORDER;
      return;
    case "limit":
      cell.font = font;
      cell.numFmt = "0";
      cell.alignment = { horizontal: "right", vertical: "middle" };
      cell.border = BORDER;
      return;
    case "date":
      cell.font = font;
      cell.numFmt = "yyyy-mm-dd";
      cell.alignment = { horizontal: "center", vertical: "middle" };
      cell.border = BORDER;
      return;
  }
}

/** Puts a cell of a sheet model into the worksheet: a value as typed, or a formula with the value the engine computed. */
function placeCell(ws: ExcelJS.Worksheet, engine: Engine, sheet: string, row: number, col: number, spec: CellSpec): void {
  const cell = ws.getCell(row + 1, col + 1);
  if (spec.formula !== undefined) {
    const v = engine.getValue(sheet, row, col);
    if (isCellError(v)) throw new Error(`${sheet}!${formatCell(row, col)} =${spec.formula} gives ${v.error}: ${v.message ?? ""}`);
    cell.value = (v === null ? { formula: spec.formula } : { formula: spec.formula, result: v }) as ExcelJS.CellValue;
  } else if (spec.value !== null && spec.value !== undefined) {
    cell.value = spec.value;
  }
  applyStyle(cell, spec.style);
  if (spec.note) cell.note = spec.note;
}

/** A workbook built here as .xlsx bytes (ExcelJS builds the example workbooks; copies are never rebuilt). */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A fixed date for the workbook's properties and zip entries, so that a rebuild gives the same bytes. */
export const EXAMPLE_DATE = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

/** Builds the example workbook (styles, merges, notes, formulas with their computed values). */
export function buildExampleWorkbook(data: SixPlantsData): ExcelJS.Workbook {
  const t1 = table1(data);
  const permits = permitsSheet(data);
  const items = auditItems(data, t1.rowOf, t1.ruleCell, permits.rows);
  const audit = auditSheet(items);
  const models = [t1.sheet, table2(data), table3(data), table4(data), table5(data), limitsSheet(data), chainSheetModel(data, t1.rowOf), permits.sheet, audit];

  const engine = Engine.create(Object.fromEntries(models.map((m) => [m.name, m.inputs()])));
  noteDifferences(data, audit, items, engine);

  const wb = new ExcelJS.Workbook();
  wb.creator = "emission-rights (npm run example)";
  wb.lastModifiedBy = "emission-rights";
  wb.created = EXAMPLE_DATE;
  wb.modified = EXAMPLE_DATE;
  wb.title = "六家燃煤电厂初始排污权 · Initial emission rights of six coal-fired power plants";
  wb.subject = "Fujian method: phased and total comparison";
  for (const m of models) {
    const frozen = m.name === SHEETS.t1 ? 2 : m.name === SHEETS.limits || m.name === SHEETS.permits || m.name === SHEETS.chain ? 1 : 3;
    const ws = wb.addWorksheet(m.name, { views: [{ state: "frozen", ySplit: frozen, xSplit: 0 }] });
    m.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    for (const { row, col, spec } of m.cells.values()) placeCell(ws, engine, m.name, row, col, spec);
    for (const range of m.merges) ws.mergeCells(range);
    ws.getRow(1).height = 24;
    for (const [row, h] of m.heights) ws.getRow(row + 1).height = h;
    if (m.name === SHEETS.audit) {
      const L = LAYOUT.audit;
      const last = L.firstRow + m.cells.size; // generous: rows beyond the items are empty
      const first = formatCell(L.firstRow, L.table);
      ws.addConditionalFormatting({
        ref: `${first}:${formatCell(last, L.note)}`,
        rules: [
          {
            type: "expression",
            priority: 1,
            formulae: [`$${"ABCDEFGH"[L.mark]}${L.firstRow + 1}<>""`],
            style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } }, font: { color: { argb: "FF9C0006" } } },
          },
        ],
      });
    } else if (m.name !== SHEETS.limits && m.name !== SHEETS.permits && m.name !== SHEETS.chain) {
      ws.getRow(2).height = m.name === SHEETS.t1 ? 32 : 20;
    }
  }
  engine.destroy();
  return wb;
}

// ---------------------------------------------------------------------------------------------------
// The region workbook (issue 13): examples/region.xlsx, from examples/region.json and the six plants'
// phased rights.

/** The six plants' phased initial rights of Table 3, which the region workbook takes as their permits. */
export function sixPlantRights(data: SixPlantsData): SixPlantRights {
  const t3 = data.table3_phased;
  return { plants: t3.plants, so2: t3.so2.total_right, nox: t3.nox.total_right };
}

/** The region workbook's sheets, in order. */
export function regionSheetNames(region: RegionData): string[] {
  return [...region.pollutants.map(regionSheetName), CUT_SHEET_NAME, NOTES_SHEET_NAME];
}

/**
 * Builds the region workbook: a sheet per pollutant (a row per holder, ER.ANNUAL_CHANGE and
 * ER.PERMIT_MARGIN per holder, ER.REGIONAL_TOTAL below), the cut sheet (ER.ALLOCATE_CUT by each method,
 * stored as array formulas over the cells they spill to, as Excel keeps a spilled range) and a notes
 * sheet. Every formula cell carries the value the headless engine computes, and none is an error.
 */
export function buildRegionWorkbook(region: RegionData, six: SixPlantsData): ExcelJS.Workbook {
  const rights = sixPlantRights(six);
  const R = REGION_SHEET;
  const styleOfRegion = (r: number, c: number, v: GridCell): StyleName =>
    r === 1 ? "note" : r === 0 ? "title" : c === R.holder || c === R.industry ? "text" : c === R.no ? "integer" : typeof v === "string" && !v.startsWith("=") ? "center" : "tonnes";
  const models: SheetModel[] = [];
  for (const pol of region.pollutants) {
    const grid = regionSheet(region, rights, pol, saved, (expr, alt) => `_xlfn.IFNA(${expr},${alt})`);
    const m = gridSheet(regionSheetName(pol), grid, [6, 24, 14, 14, 16, 16, 12, 14, 14], styleOfRegion);
    restyleRow(m, R.header, grid[R.header].length);
    restyleRow(m, 0, 1, "title");
    m.merge(0, 0, 0, 8);
    m.merge(1, 0, 1, 8);
    m.heights.set(R.header, 32);
    models.push(m);
  }
  const C = CUT_SHEET;
  const cut = cutSheet(region, rights, saved);
  const cutModel = gridSheet(CUT_SHEET_NAME, cut.grid, [24, 14, 14, 16, 16, 16, 16], (r, c, v) =>
    r <= 1 ? (r === 0 ? "title" : "note") : r === C.targetRow ? (c === 2 ? "note" : "center") : c === C.holder ? "text" : typeof v === "string" && !v.startsWith("=") ? "center" : "tonnes",
  );
  restyleRow(cutModel, C.header, cut.grid[C.header].length);
  restyleRow(cutModel, 0, 1, "title");
  cutModel.merge(0, 0, 0, 6);
  cutModel.merge(1, 0, 1, 6);
  cutModel.merge(C.targetRow, 2, C.targetRow, 4);
  cutModel.heights.set(1, 30);
  cutModel.heights.set(C.targetRow, 30);
  cutModel.heights.set(C.header, 32);
  models.push(cutModel);
  const notes = gridSheet(NOTES_SHEET_NAME, notesSheet(region), [120], (r) => (r === 0 ? "title" : "note"));
  restyleRow(notes, 0, 1, "title");
  models.push(notes);

  const engine = Engine.create(Object.fromEntries(models.map((m) => [m.name, m.inputs()])));
  const wb = new ExcelJS.Workbook();
  wb.creator = "emission-rights (npm run example)";
  wb.lastModifiedBy = "emission-rights";
  wb.created = EXAMPLE_DATE;
  wb.modified = EXAMPLE_DATE;
  wb.title = `${region.region.zh}排污许可与总量控制 · Permits and total emission control, ${region.region.en} (illustrative)`;
  wb.subject = "Regional total, yearly change, permit margin and the allocation of a cut (ER functions)";
  for (const m of models) {
    const ws = wb.addWorksheet(m.name, { views: [{ state: "frozen", ySplit: m === notes ? 0 : m === cutModel ? C.header + 1 : R.header + 1, xSplit: 0 }] });
    m.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    for (const { row, col, spec } of m.cells.values()) placeCell(ws, engine, m.name, row, col, spec);
    for (const range of m.merges) ws.mergeCells(range);
    ws.getRow(1).height = 24;
    for (const [row, h] of m.heights) ws.getRow(row + 1).height = h;
  }
  // The spills of ER.ALLOCATE_CUT: array formulas over the cells they fill, each with its value.
  const ws = wb.getWorksheet(CUT_SHEET_NAME)!;
  for (const b of cut.spills) {
    const master = ws.getCell(b.row + 1, b.col + 1);
    const formula = (master.value as { formula: string }).formula;
    const ref = `${formatCell(b.row, b.col)}:${formatCell(b.row + b.rows - 1, b.col + b.cols - 1)}`;
    for (let r = 0; r < b.rows; r++) {
      for (let c = 0; c < b.cols; c++) {
        const v = engine.getValue(CUT_SHEET_NAME, b.row + r, b.col + c);
        if (isCellError(v) || v === null) throw new Error(`${CUT_SHEET_NAME}!${formatCell(b.row + r, b.col + c)}: the spill of ${formula} gives ${isCellError(v) ? v.error : "nothing"}`);
        const cell = ws.getCell(b.row + r + 1, b.col + c + 1);
        cell.value = (r === 0 && c === 0 ? { formula, result: v, shareType: "array", ref } : v) as ExcelJS.CellValue;
        applyStyle(cell, typeof v === "number" ? "tonnes" : "center");
      }
    }
  }
  engine.destroy();
  return wb;
}

/** Gives the cells of row `row` of a sheet model one style (a header row, a title). */
function restyleRow(m: SheetModel, row: number, cols: number, style: StyleName = "header"): void {
  for (let c = 0; c < cols; c++) {
    const cell = m.cells.get(`${row},${c}`);
    if (cell) cell.spec = { ...cell.spec, style };
  }
}
