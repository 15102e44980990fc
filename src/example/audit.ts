/**
 * The audit sheet of the six-plant example: every number the paper prints beside the live formula that
 * computes it, the difference, a mark where they differ, and beside each marked item which of the print's
 * known inconsistencies (examples/six-plants.json) it shows. Every marked item must have one, and every
 * known inconsistency must be marked somewhere: the build fails otherwise.
 */
import type { CellContent, Engine } from "../engine/engine";
import { permitInputs, typed, POLLUTANTS, type Pollutant, type SixPlantsData } from "./data";
import { LAYOUT, MARK, NOX_RULE_PRINTED, PHASE_ZH, POLLUTANT_LABEL, SHEETS } from "./layout";
import { header, local, ref, SheetModel, title } from "./model";
import { LIMIT_SHEET, PERMIT_SHEET } from "./rule-grids";

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

export interface AuditItem {
  readonly table: string;
  readonly item: string;
  readonly printed: CellContent;
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

export function auditItems(data: SixPlantsData, t1rows: Map<string, number>, ruleCell: { row: number; col: number }, permitRows: number): AuditItem[] {
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
  // Tables 4 and 5: three figures per plant and pollutant, each beside its live cell.
  const t4 = data.table4_total;
  pollutantColumns(items, "表4 Table 4", SHEETS.t4, LAYOUT.t4, t4.plants, [
    { zh: "环评批复量合计", en: "EIA total", printed: (pol, i) => typed(t4[pol].total_eia[i]) },
    { zh: "绩效排放量合计", en: "performance total", printed: (pol, i) => t4[pol].total_performance[i], known: (plant, pol) => (plant === 6 && pol === "nox" ? KNOWN.table4Plant6 : undefined) },
    { zh: "合计对比初始排污权", en: "right, total comparison", printed: (pol, i) => t4[pol].right[i] },
  ]);
  const t5 = data.table5_comparison;
  pollutantColumns(items, "表5 Table 5", SHEETS.t5, LAYOUT.t5, t5.plants, [
    { zh: "分期对比", en: "phased", printed: (pol, i) => t5[pol].phased[i] },
    { zh: "合计对比", en: "total", printed: (pol, i) => t5[pol].total[i] },
    { zh: "差值", en: "difference", printed: (pol, i) => t5[pol].difference[i] },
  ]);
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

/** One of three columns per pollutant of Tables 4 and 5: what it holds, its printed figure, the inconsistency it shows. */
interface PollutantColumn {
  readonly zh: string;
  readonly en: string;
  readonly printed: (pol: Pollutant, i: number) => CellContent;
  readonly known?: (plant: number, pol: Pollutant) => number | undefined;
}

/** The items of a table with a row per plant and three columns per pollutant, pollutant by pollutant, plant by plant. */
function pollutantColumns(items: AuditItem[], table: string, sheet: string, L: { readonly firstRow: number } & Readonly<Record<Pollutant, number>>, plants: readonly number[], columns: readonly PollutantColumn[]): void {
  for (const pol of POLLUTANTS) {
    plants.forEach((plant, i) => {
      const label = `排污单位 ${plant} ${POLLUTANT_LABEL[pol]}`;
      const en = `plant ${plant} ${POLLUTANT_LABEL[pol]}`;
      columns.forEach((col, k) => {
        const known = col.known?.(plant, pol);
        items.push({ table, item: `${label} ${col.zh} · ${en} ${col.en}`, printed: col.printed(pol, i), live: ref(sheet, L.firstRow + i, L[pol] + k), ...(known !== undefined ? { known } : {}) });
      });
    });
  }
}

export function auditSheet(items: readonly AuditItem[]): SheetModel {
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
export function noteDifferences(data: SixPlantsData, sheet: SheetModel, items: readonly AuditItem[], engine: Engine): void {
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

