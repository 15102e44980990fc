/** Reading headers as regulators write them, in Chinese and English. */
import { classify, normalizeHeader, titleHints } from "../../src/taskpane/model/labels";

describe("classify: what a header says", () => {
  test.each([
    // the paper's Chinese headers (with the spaces a PDF copy leaves)
    ["年排放烟气量/m3", { role: "volume" }],
    ["SO2 浓度限值 mg/m3", { pollutant: "so2", role: "limit" }],
    ["NOX 浓度限值 mg/m3", { pollutant: "nox", role: "limit" }],
    ["SO2 排放量（t/a）", { pollutant: "so2", emission: true }],
    ["环评", { role: "eia" }],
    ["绩效", { role: "performance" }],
    ["初始权", { role: "right" }],
    ["初始排污权", { role: "right" }],
    ["合 计 总排污权", { phase: "total", role: "right" }],
    ["总环评", { phase: "total", role: "eia" }],
    ["总绩效", { phase: "total", role: "performance" }],
    ["分期对比", { role: "phased" }],
    ["合计对比", { role: "totalMethod" }],
    ["相 差", { role: "difference" }],
    ["一期工程（两机组）", { phase: 1 }],
    ["三期工程", { phase: 3 }],
    ["第2期", { phase: 2 }],
    ["二氧化硫", { pollutant: "so2" }],
    ["氮氧化物", { pollutant: "nox" }],
    ["排污单位 1", { plant: "排污单位 1" }],
    ["华能福州电厂", { plant: "华能福州电厂" }],
    // bilingual headers of examples/six-plants.xlsx
    ["绩效烟气量 10^9 m3/a", { role: "volume", scale: 1e9 }],
    ["环评批复量 EIA-approved", { role: "eia" }],
    ["初始排污权 Initial right", { role: "right" }],
    ["环评批复量合计 EIA total", { phase: "total", role: "eia" }],
    ["一期 Phase 1", { phase: 1 }],
    ["排污单位 Plant", { header: "plant" }],
    ["机组台数 Units", { other: true }],
    // English
    ["EIA", { role: "eia" }],
    ["EIA-approved emission (t/a)", { role: "eia" }],
    ["Performance", { role: "performance" }],
    ["Right", { role: "right" }],
    ["Flue gas volume (10^9 m3/a)", { role: "volume", scale: 1e9 }],
    ["Waste water volume (万 m3/a)", { role: "volume", scale: 1e4, water: true }],
    ["COD limit (mg/L)", { pollutant: "cod", role: "limit", water: true }],
    ["Limit (mg/m3)", { role: "limit" }],
    ["Phase 2", { phase: 2 }],
    ["Phase III", { phase: 3 }],
    ["Total", { phase: "total" }],
    ["Plant A", { plant: "Plant A" }],
    ["Plant", { header: "plant" }],
    ["Pollutant", { header: "pollutant" }],
    ["Item", { header: "item" }],
    ["NOx", { pollutant: "nox" }],
    ["Difference", { role: "difference" }],
  ])("%s", (text, expected) => {
    expect(classify(text)).toEqual(expected);
  });

  test.each(["表 3 分期对比核定结果", "Table 5 The two methods compared", "", "   ", "注：年排放烟气量数据来源于排污单位提交的环境影响评价报告书以及相关批复文件和其他材料"])("says nothing: %j", (text) => {
    expect(classify(text)).toBeUndefined();
  });
});

test("normalizeHeader joins the Chinese characters a PDF copy spaced out", () => {
  expect(normalizeHeader("合 计  总排污权")).toBe("合计总排污权");
  expect(normalizeHeader(" SO2  浓度限值 ")).toBe("SO2 浓度限值");
});

describe("titleHints: what the title says about the numbers", () => {
  test.each([
    [["表 2 电厂环评批复排放量"], { emission: "eia" }],
    [["表 1 电厂污染物绩效排放量"], { emission: "performance" }],
    [["表 3 分期对比核定结果"], { totalsMethod: "phased" }],
    [["表 4 合计对比核定结果"], { totalsMethod: "total" }],
    [["Sheet1"], {}],
  ])("%j", (texts, expected) => {
    expect(titleHints(texts)).toEqual(expected);
  });
});
