/**
 * What the pane plans to write: the comparison sheet (Table 5 of ER formulas over the source cells) and the
 * formulas that make a static table live, with the numbers they will give by the core rules.
 */
import { analyzeTable } from "../../src/taskpane/model/table";
import { auditBlock, blockWrite, lineRange, planComparison, planLive, uniqueSheetName } from "../../src/taskpane/model/plan";
import { canonicalFormula } from "../../src/taskpane/model/formulas";
import { rangeData, table1, table3, plantsAcross } from "./layouts";

describe("the comparison sheet", () => {
  test("plants across as in Table 5; a source whose cells interleave (Table 3) is read through gathered rows", () => {
    const a = analyzeTable(rangeData("表3", table3()));
    const plan = planComparison(a, "zh-CN", "对比结果");
    const rows = plan.write.inputs;
    expect(rows[0][0]).toBe("分期对比与合计对比结果（t/a），数据来自工作表“表3”");
    expect(rows[1].slice(0, 3)).toEqual(["指标", "项目", "排污单位 1"]);
    expect(rows[2].slice(0, 3)).toEqual(["SO2（二氧化硫）", "分期对比（推荐）", "=ER.INITIAL_RIGHT_PHASED(D14:F14,D15:F15)"]);
    expect(rows[3][2]).toBe("=ER.INITIAL_RIGHT_TOTAL(D14:F14,D15:F15)");
    expect(rows[4][2]).toBe("=ER.METHOD_DIFFERENCE(D14:F14,D15:F15)");
    expect(plan.formulas).toBe(36);
    // the gathered rows refer to the source cells and never hand an empty cell on as 0
    expect(rows[13].slice(0, 4)).toEqual(["排污单位 1", "SO2（二氧化硫）", "环评", "=IF(ISBLANK('表3'!D3),\"\",'表3'!D3)"]);
    expect(rows[14][3]).toBe("=IF(ISBLANK('表3'!D4),\"\",'表3'!D4)");
    // two decimals on the formulas only
    expect(plan.write.formats![2][2]).toBe("0.00");
    expect(plan.write.formats![2][1]).toBeNull();
  });

  test("a source whose phases form lines is referred to directly", () => {
    const a = analyzeTable(rangeData("Plants across", plantsAcross()));
    const plan = planComparison(a, "en-US", "Comparison");
    expect(plan.write.inputs[2].slice(0, 3)).toEqual(["SO2", "Phased comparison (recommended)", "=ER.INITIAL_RIGHT_PHASED('Plants across'!C6:D6,'Plants across'!C7:D7)"]);
    expect(plan.write.inputs.length).toBe(10); // title, header, 2 x 3 rows, blank, note: nothing gathered
  });

  test("lineRange: cells in one row or column, in order", () => {
    const e = (row: number, col: number) => ({ sheet: "S", row, col }) as never;
    expect(lineRange([e(1, 2), e(1, 3), e(1, 4)])).toEqual({ sheet: "S", row: 1, col: 2, rows: 1, cols: 3 });
    expect(lineRange([e(1, 2), e(2, 2)])).toEqual({ sheet: "S", row: 1, col: 2, rows: 2, cols: 1 });
    expect(lineRange([e(1, 2), e(3, 2)])).toBeUndefined();
    expect(lineRange([e(1, 3), e(1, 2)])).toBeUndefined();
    expect(lineRange([e(1, 2), undefined])).toBeUndefined();
  });
});

describe("making a static table live", () => {
  test("Table 3 as printed: each phase's right and each plant total become ER formulas; absent phases stay '/'", () => {
    const a = analyzeTable(rangeData("T3", table3()));
    const plan = planLive(a, "en-US", "ER inputs");
    const rights = plan.cells.filter((c) => c.kind === "right");
    const totals = plan.cells.filter((c) => c.kind === "phased");
    expect(rights).toHaveLength(28); // 6 plants x 2 pollutants x their phases (2 plants have 3)
    expect(totals).toHaveLength(12);
    expect(rights[0]).toMatchObject({ row: 4, col: 3, formula: "=ER.INITIAL_RIGHT(D3,D4)", expected: 1562, differs: false });
    // the totals read the interleaved cells through gathered rows on the helper sheet
    expect(totals[0].formula).toBe("=ER.INITIAL_RIGHT_PHASED('ER inputs'!D3:F3,'ER inputs'!D4:F4)");
    expect(blockWrite({ sheet: "ER inputs", row: 0, col: 0, rows: plan.gatherRows }).inputs[2].slice(0, 4)).toEqual(["排污单位 1", "SO2", "EIA", "=IF(ISBLANK('T3'!D3),\"\",'T3'!D3)"]);
    // every printed number of Table 3 is what the rules give
    expect(plan.cells.filter((c) => c.differs)).toEqual([]);
  });

  test("the plants-across layout: performance from volume (10^9 m3) and limit; the printed inconsistencies are marked", () => {
    const a = analyzeTable(rangeData("Plants across", plantsAcross()));
    const plan = planLive(a, "en-US", "ER inputs");
    const perf = plan.cells.filter((c) => c.kind === "performance");
    expect(perf[0]).toMatchObject({ formula: "=ER.PERFORMANCE_EMISSION(ROUND(C4*1000000000,0),C5)", expected: 2268, differs: false });
    const differing = plan.cells.filter((c) => c.differs).map((c) => [c.item, c.old.value, c.expected]);
    expect(differing).toEqual(
      expect.arrayContaining([
        ["Plant 2 · SO2 · Phase 2 · performance emission", 8303, 8304],
        ["Plant 6 · SO2 · Phase 1 · performance emission", 4113.6, 4114],
        ["Plant 6 · NOx · performance total", 4301.1, 4301],
      ]),
    );
    // '-' in the printed EIA total of plant 2 NOx means what EIA_TOTAL's #N/A means
    const eiaTotal = plan.cells.find((c) => c.kind === "eia" && c.item.startsWith("Plant 2 · NOx"));
    expect(eiaTotal).toMatchObject({ formula: '=IFNA(ER.EIA_TOTAL(F10:H10,F11:H11),"-")', expected: null, differs: false });
    expect(plan.gatherRows).toEqual([]);
  });

  test("Table 1: performance emissions from volume and limit; cells with formulas are left alone", () => {
    const rows = table1();
    rows[2][5] = "=ER.PERFORMANCE_EMISSION(C3,D3)";
    const plan = planLive(analyzeTable(rangeData("T1", rows)), "en-US", "ER inputs");
    expect(plan.already).toBe(1);
    expect(plan.cells).toHaveLength(27);
    expect(plan.cells.find((c) => c.row === 5 && c.col === 5)).toMatchObject({ formula: "=ER.PERFORMANCE_EMISSION(C6,D6)", expected: 8304, differs: true });
  });

  test("the audit sheet keeps every old number, the live result, the difference and the mark, and refers to the live cell", () => {
    const a = analyzeTable(rangeData("Plants across", plantsAcross()));
    const plan = planLive(a, "en-US", "ER inputs");
    const w = blockWrite(auditBlock(plan, "en-US", "Audit"));
    expect(w.inputs[2]).toEqual(["Cell", "What", "Old number", "Live result", "Live − old", "≠", "Formula written", "Live now"]);
    const row = w.inputs.find((r) => r[1] === "Plant 2 · SO2 · Phase 2 · performance emission")!;
    expect(row).toEqual(["Plants across!G7", "Plant 2 · SO2 · Phase 2 · performance emission", 8303, 8304, 1, "≠", "'=ER.PERFORMANCE_EMISSION(ROUND(G4*1000000000,0),G5)", "='Plants across'!G7"]);
    expect(w.inputs).toHaveLength(3 + plan.cells.length);
  });
});

test("uniqueSheetName", () => {
  expect(uniqueSheetName("Audit", ["Sheet1"])).toBe("Audit");
  expect(uniqueSheetName("Audit", ["audit", "Audit (2)"])).toBe("Audit (3)");
  expect(uniqueSheetName("A/B:C", [])).toBe("A B C");
});

test("canonicalFormula reads every way of writing the same formula alike", () => {
  expect(canonicalFormula("=_xldudf_ER_INITIAL_RIGHT(c4, f4)")).toBe(canonicalFormula("=ER.INITIAL_RIGHT(C4,F4)"));
  expect(canonicalFormula("=ER.PERFORMANCE_EMISSION(ROUND(C4*1E9,0),C5)")).toBe(canonicalFormula("=ER.PERFORMANCE_EMISSION(ROUND(C4*1000000000,0),C5)"));
  expect(canonicalFormula("=LOG10(A1)")).not.toBe(canonicalFormula("=LOG1(A1)"));
});

test("the pane's words follow a count and the sheet's own phase names", () => {
  const { ui, phaseName, sheetList, chineseNumber } = jest.requireActual("../../src/i18n/ui") as typeof import("../../src/i18n/ui");
  expect(ui("en-US", "whereRows", { count: 1, list: "4" })).toBe("row 4");
  expect(ui("en-US", "whereColumns", { count: 3, list: "C–E" })).toBe("columns C–E");
  expect(ui("en-US", "emptySelection", { count: 1, cells: "C10" })).toMatch(/^Empty cell C10:/);
  expect(ui("en-US", "applied", { count: 92, audit: "Audit", differ: 1 })).toMatch(/1 of them differs/);
  expect(ui("en-US", "undone", { count: 1 })).toBe("Put back 1 old number.");
  expect([1, 2, 3, 10, 12, 21].map((n) => phaseName("zh-CN", n))).toEqual(["一期", "二期", "三期", "十期", "十二期", "二十一期"]);
  expect(phaseName("en-US", 2)).toBe("Phase 2");
  expect(chineseNumber(120)).toBe("120");
  expect(sheetList("zh-CN", ["审计", "ER 输入"])).toBe("“审计”、“ER 输入”");
  expect(sheetList("en-US", ["Audit", "ER inputs"])).toBe("Audit, ER inputs");
});

test("where a header's figures are: the columns a merged header spans, the rows of a row header", () => {
  const { where } = jest.requireActual("../../src/taskpane/model/where") as typeof import("../../src/taskpane/model/where");
  const a = analyzeTable(
    rangeData("T", [
      ["Pollutant", "Plant", "EIA-approved", null, null, "Performance", null, null],
      [null, null, "Phase 1", "Phase 2", "Phase 3", "Phase 1", "Phase 2", "Phase 3"],
      ["SO2", 1, 1562, 3500, "/", 2268, 4640, "/"],
      [null, 2, 4014, 12042, 2220, 4152, 8303, 1890],
    ]),
  );
  const line = (text: string) => a.lines.find((l) => l.text === text)!;
  expect(where(line("EIA-approved"), a, "en-US")).toBe("columns C–E");
  expect(where(line("Performance"), a, "zh-CN")).toBe("F–H 列");
  const t3 = analyzeTable(rangeData("T3", table3()));
  expect(where(t3.lines.find((l) => l.text === "总排污权")!, t3, "en-US")).toBe("rows 12, 22");
  expect(where(t3.lines.find((l) => l.text === "环评")!, t3, "zh-CN")).toBe("第 3、6、9、13、16、19 行");
});
