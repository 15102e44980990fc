/**
 * The six-plant tables laid out as the paper prints them (Tables 1-5), and differently, as grids of
 * cell inputs; and a reader that turns such a grid into the RangeData a host gives the pane.
 */
import type { CellInfo, UserInput, RangeData } from "../../src/taskpane/host/types";
import type { SixPlantsData } from "../../src/example/data";
import { plantsAcross as samplePlantsAcross } from "../../src/preview/samples";
import { sixPlants, type Cell } from "../helpers";

export type Rows = UserInput[][];

/** The grid as a host reads it: text kept, "'" stripped, formulas as formulas (value unknown here). */
export function rangeData(sheet: string, rows: Rows, row = 0, col = 0): RangeData {
  const width = Math.max(...rows.map((r) => r.length));
  const cells: CellInfo[][] = rows.map((r) =>
    Array.from({ length: width }, (_, c) => {
      const v = r[c] ?? null;
      if (typeof v === "string" && v.startsWith("=")) return { value: null, formula: v };
      if (typeof v === "string" && v.startsWith("'")) return { value: v.slice(1) };
      return { value: v === "" ? null : v };
    }),
  );
  return { sheet, row, col, rows: rows.length, cols: width, cells };
}

const mark = (c: Cell): UserInput => (c === null ? "/" : c);
const PHASE_ZH = ["一期工程", "二期工程", "三期工程"];
const PLANTS = sixPlants.table3_phased.plants;

/** Table 3 as printed: plants across; pollutant, phase and 环评/绩效/初始权 down; merged cells left blank. */
export function table3(): Rows {
  const rows: Rows = [["表 3 分期对比核定结果"], ["指标", "项目", "", ...PLANTS.map((p) => `排污单位 ${p}`)]];
  for (const pol of ["so2", "nox"] as const) {
    const t = sixPlants.table3_phased[pol];
    [t.phase1, t.phase2, t.phase3].forEach((ph, i) => {
      rows.push([i === 0 ? (pol === "so2" ? "SO2" : "NOX") : "", PHASE_ZH[i], "环评", ...ph.eia.map(mark)]);
      rows.push(["", "", "绩效", ...ph.performance.map(mark)]);
      rows.push(["", "", "初始权", ...ph.right.map(mark)]);
    });
    rows.push(["", "合 计", "总排污权", ...t.total_right]);
  }
  return rows;
}

/** Table 2 as printed: two blocks of three plants, phases across under merged plant headers, no role label. */
export function table2(): Rows {
  const rows: Rows = [["表 2 电厂环评批复排放量"]];
  for (const block of [[1, 2, 3], [4, 5, 6]]) {
    const head: UserInput[] = ["指标"];
    const phases: UserInput[] = [""];
    for (const p of block) {
      const n = sixPlants.table2_eia_approved.so2[String(p)].length;
      head.push(`排污单位 ${p}`, ...Array(n - 1).fill(""));
      phases.push(...PHASE_ZH.slice(0, n));
    }
    rows.push(head, phases);
    for (const pol of ["so2", "nox"] as const) {
      const line: UserInput[] = [pol === "so2" ? "SO2" : "NOx"];
      for (const p of block) line.push(...sixPlants.table2_eia_approved[pol][String(p)].map(mark));
      rows.push(line);
    }
  }
  return rows;
}

/** Table 1 as printed: plants down (merged), phases down, volume and limits across. */
export function table1(): Rows {
  const rows: Rows = [
    ["表 1 电厂污染物绩效排放量"],
    ["企 业", "机 组", "年排放烟气量/m3", "SO2 浓度限值 mg/m3", "NOX 浓度限值 mg/m3", "SO2 排放量（t/a）", "NOX 排放量（t/a）"],
  ];
  let last = 0;
  for (const r of sixPlants.table1_performance) {
    rows.push([r.plant !== last ? `排污单位 ${r.plant}` : "", `${PHASE_ZH[r.phase - 1]}（${r.units === 1 ? "一" : "两"}机组）`, r.volume_m3, r.so2_limit, r.nox_limit, r.so2_t, r.nox_t]);
    last = r.plant;
  }
  return rows;
}

/** The preview's second sample: English headers, plants in columns with phases across, volumes in 10^9 m3. */
export function plantsAcross(): Rows {
  return samplePlantsAcross(sixPlants as unknown as SixPlantsData).cells;
}
