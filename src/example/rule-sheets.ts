/**
 * The example workbook's sheets of the rules beyond the paper's tables: the limits of every unit from the
 * standard (ER.EMISSION_LIMIT), the chain from volume and limit to the rights, and the permits
 * (ER.PERMITTED_EMISSION, ER.ACTUAL_EMISSION); their grids are ./rule-grids.ts, written here in the form
 * Excel saves ER calls.
 */
import { savedErCall } from "../sheet/er";
import { permitInputs, type SixPlantsData } from "./data";
import { LAYOUT, SHEETS } from "./layout";
import { gridSheet, ref, type SheetModel } from "./model";
import { CHAIN_SHEET, chainSheet, LIMIT_SHEET, limitSheet, PERMIT_SHEET, permitSheet, SIX_PLANT_UNITS } from "./rule-grids";

/** The limit sheet (issue 4): every unit's limits from ER.EMISSION_LIMIT and its clause, beside Table 1's. */
export function limitsSheet(data: SixPlantsData): SheetModel {
  const paper = new Map(data.table1_performance.map((r) => [`${r.plant}-${r.phase}`, { so2: r.so2_limit, nox: r.nox_limit }]));
  const L = LIMIT_SHEET;
  const s = gridSheet(SHEETS.limits, limitSheet(paper, savedErCall), [12, 10, 18, 12, 12, 22, 22, 14, 14], (_r, c) =>
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
export function chainSheetModel(data: SixPlantsData, t1rows: Map<string, number>): SheetModel {
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
    savedErCall,
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

/** The permit sheet (issue 4): ER.PERMITTED_EMISSION per phase beside Table 3's right, and ER.ACTUAL_EMISSION. */
export function permitsSheet(data: SixPlantsData): { sheet: SheetModel; rows: number } {
  const P = PERMIT_SHEET;
  const inputs = permitInputs(data);
  const grid = permitSheet(inputs, savedErCall);
  const actualHead = P.firstRow + inputs.length + 1;
  const s = gridSheet(SHEETS.permits, grid, [30, 12, 14, 18, 18, 18, 16, 16], (r, c, v) => {
    if (r === actualHead) return "header";
    if (r > actualHead) return c === 0 ? "text" : typeof v === "number" || (typeof v === "string" && v.startsWith("=")) ? "tonnes" : "center";
    return c === P.plant || c === P.phase || c === P.pollutant || typeof v === "string" && !v.startsWith("=") ? "center" : "tonnes";
  });
  s.heights.set(0, 32);
  return { sheet: s, rows: inputs.length };
}

