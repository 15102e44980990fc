/**
 * The paper's Tables 1-5 as sheets of the example workbook, laid out as a regulator keeps them, with live ER
 * formulas (in the form Excel saves them) wherever the paper prints a computed number.
 */
import { savedErCall } from "../sheet/er";
import { typed, POLLUTANTS, type Pollutant, type SixPlantsData } from "./data";
import { LAYOUT, NOX_RULE_APPLIED, PHASE_LABEL, PHASE_ZH, POLLUTANT_LABEL, SHEETS } from "./layout";
import { header, local, ref, SheetModel, title } from "./model";

/** An ER call as Excel saves it: `_xldudf_ER_NAME(a,b)`. */
const er = (name: string, ...args: string[]) => savedErCall(name, args);

export function table1(data: SixPlantsData): { sheet: SheetModel; rowOf: Map<string, number>; ruleCell: { row: number; col: number } } {
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

export function table2(data: SixPlantsData): SheetModel {
  const L = LAYOUT.t2;
  const caption = "表2 各排污单位环评批复排放量（t/a） · Table 2 EIA-approved emissions (t/a)";
  const polHeader = (pol: Pollutant) => `${POLLUTANT_LABEL[pol]} 环评批复量 EIA-approved`;
  const widths = [14, 13, 13, 13, 13, 13, 13];
  return byPollutant({ name: SHEETS.t2, widths, caption, polHeader, subHeaders: PHASE_LABEL, plants: data.table3_phased.plants, firstRow: L.firstRow, colOf: L }, (s, row, c0, pol, i) => {
    const plant = data.table3_phased.plants[i];
    const printed = data.table2_eia_approved[pol][String(plant)] ?? [];
    for (let k = 0; k < 3; k++) {
      const v = k < printed.length ? printed[k] : null;
      const note =
        pol === "nox" && v === null && k < printed.length
          ? "环评批复早于 NOx 控制要求，无 NOx 数值。The approval predates any NOx requirement: no NOx figure."
          : undefined;
      s.set(row, c0 + k, { value: typed(v), style: typeof v === "number" ? "tonnes" : "center", ...(note ? { note } : {}) });
    }
  });
}

export function table3(data: SixPlantsData): SheetModel {
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
export function phaseRanges(pol: Pollutant, i: number): [string, string] {
  const L = LAYOUT.t3;
  const row = L.firstRow[pol] + i;
  return [ref(SHEETS.t3, row, L.eia, row, L.eia + 2), ref(SHEETS.t3, row, L.performance, row, L.performance + 2)];
}

export function table4(data: SixPlantsData): SheetModel {
  const L = LAYOUT.t4;
  const caption = "表4 合计对比法核定的初始排污权（t/a） · Table 4 Initial emission rights by the total comparison (t/a)";
  const subHeaders = ["环评批复量合计 EIA total", "绩效排放量合计 Performance total", "初始排污权 Initial right"];
  return byPollutant({ name: SHEETS.t4, widths: WIDE, caption, polHeader: (pol) => POLLUTANT_LABEL[pol], subHeaders, plants: data.table4_total.plants, firstRow: L.firstRow, colOf: L }, (s, row, c0, pol, i) => {
    const [eia, perf] = phaseRanges(pol, i);
    const noEia = data.table4_total[pol].total_eia[i] === "-";
    s.set(row, c0, {
      formula: `_xlfn.IFNA(${er("EIA_TOTAL", eia, perf)},"-")`,
      style: "tonnes",
      ...(noEia ? { note: "有一期批复无数值，环评合计不存在（#N/A，显示为 -）。An existing phase has no EIA figure: the EIA total does not exist (#N/A, shown as -)." } : {}),
    });
    s.set(row, c0 + 1, { formula: er("PERFORMANCE_TOTAL", eia, perf), style: "tonnes" });
    s.set(row, c0 + 2, { formula: er("INITIAL_RIGHT_TOTAL", eia, perf), style: "tonnes" });
  });
}

export function table5(data: SixPlantsData): SheetModel {
  const L = LAYOUT.t5;
  const caption = "表5 两种方法核定结果比较（t/a） · Table 5 The two methods compared (t/a)";
  const subHeaders = ["分期对比 Phased", "合计对比 Total", "差值 Difference"];
  return byPollutant({ name: SHEETS.t5, widths: WIDE, caption, polHeader: (pol) => POLLUTANT_LABEL[pol], subHeaders, plants: data.table5_comparison.plants, firstRow: L.firstRow, colOf: L }, (s, row, c0, pol, i) => {
    const [eia, perf] = phaseRanges(pol, i);
    s.set(row, c0, { formula: ref(SHEETS.t3, LAYOUT.t3.firstRow[pol] + i, LAYOUT.t3.total), style: "tonnes" });
    s.set(row, c0 + 1, { formula: ref(SHEETS.t4, LAYOUT.t4.firstRow + i, LAYOUT.t4[pol] + 2), style: "tonnes" });
    s.set(row, c0 + 2, { formula: er("METHOD_DIFFERENCE", eia, perf), style: "tonnes" });
  });
}

const WIDE = [14, 14, 14, 14, 14, 14, 14];

interface ByPollutant {
  readonly name: string;
  readonly widths: readonly number[];
  readonly caption: string;
  readonly polHeader: (pol: Pollutant) => string;
  readonly subHeaders: readonly string[];
  readonly plants: readonly number[];
  readonly firstRow: number;
  readonly colOf: Readonly<Record<Pollutant, number>>;
}

/**
 * Tables 2, 4 and 5: a row per plant under a two-row header, three columns per pollutant under its name;
 * `fill` writes a plant's three cells of one pollutant from column `c0`.
 */
function byPollutant(t: ByPollutant, fill: (s: SheetModel, row: number, c0: number, pol: Pollutant, i: number) => void): SheetModel {
  const s = new SheetModel(t.name, t.widths);
  title(s, t.caption, 6);
  header(s, 1, 0, "排污单位 Plant");
  s.merge(1, 0, 2, 0);
  for (const pol of POLLUTANTS) {
    const c0 = t.colOf[pol];
    header(s, 1, c0, t.polHeader(pol));
    s.merge(1, c0, 1, c0 + 2);
    t.subHeaders.forEach((h, k) => header(s, 2, c0 + k, h));
  }
  t.plants.forEach((plant, i) => {
    const row = t.firstRow + i;
    s.set(row, 0, { value: plant, style: "center" });
    for (const pol of POLLUTANTS) fill(s, row, t.colOf[pol], pol, i);
  });
  return s;
}
