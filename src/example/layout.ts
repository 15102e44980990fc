/**
 * Where things stand in the six-plant example workbook: its sheets' names, the rows and columns of its
 * tables (0-based), the labels its headers use, and the mark of a printed number that differs. The demo and
 * the tests read the workbook by this layout.
 */
import type { Pollutant } from "./data";

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

export const POLLUTANT_LABEL: Record<Pollutant, string> = { so2: "SO2", nox: "NOx" };
export const PHASE_LABEL = ["一期 Phase 1", "二期 Phase 2", "三期 Phase 3"];
export const PHASE_ZH = ["一期", "二期", "三期"];

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

/** The NOx limit rule as the paper's body text and numbers apply it, and as its Table 1 footnote prints it. */
export const NOX_RULE_APPLIED = "NOx ≤2003-12-31: 200 mg/m3; >2003-12-31: 100 mg/m3";
export const NOX_RULE_PRINTED = "NOx ≤2003-12-31: 100 mg/m3; >2003-12-31: 200 mg/m3";

