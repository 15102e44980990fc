/**
 * ER.EMISSION_LIMIT and ER.EMISSION_LIMIT_CLAUSE through the built bundle, as Excel calls them: dates
 * as serial numbers and as text, one-cell ranges, omitted optional arguments (null), and bad input with
 * its Excel error and message in English and Chinese.
 */
import { findFunction } from "../../src/functions/registry";
import { loadBundle, type StubError } from "./bundle";

const en = loadBundle("en-US");
const zh = loadBundle("zh-CN");
const STD = "GB13223-2011";

describe("limits through the bundle", () => {
  test.each([
    // pollutant, date, boiler, region -> limit, clause
    ["SO2", 38533, null, null, 200, "GB13223-2011 表1"], // 2005-06-30, an existing coal boiler
    ["NOx", 37986, null, null, 200, "GB13223-2011 表1 注(2)"], // 2003-12-31
    ["NOx", "2003-12-31", null, null, 200, "GB13223-2011 表1 注(2)"],
    ["NOx", 37987, null, null, 100, "GB13223-2011 表1"], // 2004-01-01
    ["NOx", "2004-01-01", null, null, 100, "GB13223-2011 表1"],
    ["SO2", 40908, null, null, 200, "GB13223-2011 表1"], // 2011-12-31: existing
    ["SO2", "2011-12-31", "", "", 200, "GB13223-2011 表1"],
    ["SO2", 40909, null, null, 100, "GB13223-2011 表1"], // 2012-01-01: new
    ["SO2", "2012-01-01", "coal", "general", 100, "GB13223-2011 表1"],
    ["二氧化硫", "2008年5月1日", "燃煤锅炉", "四川", 400, "GB13223-2011 表1 注(1)"],
    ["氮氧化物", "2015-03-01", "天然气燃气轮机组", null, 50, "GB13223-2011 表1"],
    ["颗粒物", "2009-01-01", null, "特别排放限值", 20, "GB13223-2011 表2"],
    ["汞及其化合物", 42005, "循环流化床锅炉", null, 0.03, "GB13223-2011 表1"],
    ["NOx", "2012-06-01", [["W-flame"]], [["special"]], 100, "GB13223-2011 表2"],
  ] as [string, unknown, unknown, unknown, number, string][])("%s, %p, %p, %p: %p (%s)", (pollutant, date, boiler, region, limit, clause) => {
    for (const b of [en, zh]) {
      expect(b.call("EMISSION_LIMIT", STD, pollutant, date, boiler, region)).toBe(limit);
      expect(b.call("EMISSION_LIMIT_CLAUSE", STD, pollutant, date, boiler, region)).toBe(clause);
    }
  });

  test("optional arguments may be left out entirely", () => {
    expect(en.call("EMISSION_LIMIT", STD, "NOx", 37986)).toBe(200);
    expect(en.call("EMISSION_LIMIT", [[STD]], [["NOx"]], [[37987]])).toBe(100);
  });

  test("the registry's impl is what the bundle runs", () => {
    const spec = findFunction("EMISSION_LIMIT")!;
    expect(spec.impl(STD, "NOx", "2003-12-31", null, null)).toBe(en.call("EMISSION_LIMIT", STD, "NOx", "2003-12-31", null, null));
  });
});

type Bad = [string, unknown[], string, string, string];

const BAD: Bad[] = [
  ["unknown standard", ["GB 9999", "SO2", 38533], "#VALUE!", 'standard: "GB 9999" is not a standard this add-in has a limit table for; use one of: GB13223-2011 / 火电厂大气污染物排放标准.', "standard（排放标准）：没有排放标准“GB 9999”的限值表；可用：GB13223-2011 / 火电厂大气污染物排放标准。"],
  ["standard missing", [null, "SO2", 38533], "#VALUE!", "standard: a value is required here; a missing-value mark is not enough.", "standard（排放标准）：此处必须填写数值，缺失标记不可用。"],
  ["standard a number", [13223, "SO2", 38533], "#VALUE!", "standard: expected text, got 13223.", "standard（排放标准）：此处应为文本，实际为 13223。"],
  ["unknown pollutant", [STD, "CO2", 38533], "#VALUE!", 'pollutant: "CO2" is not a pollutant of GB13223-2011; use one of: particulates / 烟尘, SO2 / 二氧化硫, NOx / 氮氧化物, mercury / 汞及其化合物.', "pollutant（污染物）：“CO2”不是 GB13223-2011 规定的污染物；可用：particulates / 烟尘, SO2 / 二氧化硫, NOx / 氮氧化物, mercury / 汞及其化合物。"],
  ["pollutant missing", [STD, "", 38533], "#VALUE!", "pollutant: a value is required here; a missing-value mark is not enough.", "pollutant（污染物）：此处必须填写数值，缺失标记不可用。"],
  ["unknown region", [STD, "SO2", 38533, null, "Fujian"], "#VALUE!", 'region: "Fujian" is not a region of GB13223-2011; use one of: general / 一般地区, Guangxi / 广西, Chongqing / 重庆, Sichuan / 四川, Guizhou / 贵州, special / 特别排放限值.', "region（地区）：“Fujian”不是 GB13223-2011 中的地区类型；可用：general / 一般地区, Guangxi / 广西, Chongqing / 重庆, Sichuan / 四川, Guizhou / 贵州, special / 特别排放限值。"],
  ["mercury from a gas turbine", [STD, "Hg", 42005, "natural gas turbine"], "#N/A", "GB13223-2011 sets no mercury / 汞及其化合物 limit for natural gas turbine / 天然气燃气轮机组; it sets one only for: coal boiler / 燃煤锅炉, W-flame boiler / W型火焰炉膛锅炉, CFB boiler / 循环流化床锅炉.", "GB13223-2011 未规定 natural gas turbine / 天然气燃气轮机组 的 mercury / 汞及其化合物 排放限值；该限值仅适用于：coal boiler / 燃煤锅炉, W-flame boiler / W型火焰炉膛锅炉, CFB boiler / 循环流化床锅炉。"],
  ["date missing", [STD, "SO2", null], "#VALUE!", "date: a value is required here; a missing-value mark is not enough.", "date（投产或环评批复日期）：此处必须填写数值，缺失标记不可用。"],
  ["date 0 (an empty cell on Windows)", [STD, "SO2", 0], "#VALUE!", "date: 0 is not a date Excel can show (serial numbers 1 to 2958465, 1900-01-01 to 9999-12-31).", "date（投产或环评批复日期）：0 不是 Excel 可表示的日期（序列号 1 至 2958465，即 1900-01-01 至 9999-12-31）。"],
  ["date text D/M/Y", [STD, "SO2", "31/12/2003"], "#VALUE!", 'date: "31/12/2003" is not a date; give an Excel date or ISO text such as 2003-12-31.', "date（投产或环评批复日期）：“31/12/2003”不是日期；请填写 Excel 日期或 ISO 格式的文本，例如 2003-12-31。"],
  ["date error cell", [STD, "SO2", { code: "#REF!" }], "#VALUE!", "date: the cell holds the error #REF!.", "date（投产或环评批复日期）：单元格中是错误值 #REF!。"],
  ["date range of three cells", [STD, "SO2", [[37986], [37987], [40909]]], "#VALUE!", "date is 3 rows × 1 columns; give the unit's date, or its 2 dates (EIA approval, commissioning) in a row or a column: the earliest decides. For several units, write one formula per unit.", "date（投产或环评批复日期） 为 3 行 × 1 列；请给出机组的日期，或其 2 个日期（环评批复、建成投产），单行或单列，取最早者。多台机组请每台写一个公式。"],
  ["a year for a date", [STD, "NOx", 2004], "#VALUE!", "date: 2004 looks like a year, but Excel reads a number here as a day (2004 is 1905-06-26); type the date, e.g. DATE(2004,1,1) or 2004-01-01.", "date（投产或环评批复日期）：2004 像是年份，但 Excel 在此把数字读作日期序列号（2004 即 1905-06-26）；请输入日期，例如 DATE(2004,1,1) 或 2004-01-01。"],
  ["a year for as_of", [STD, "NOx", 37987, null, null, 2013], "#VALUE!", "as_of: 2013 looks like a year, but Excel reads a number here as a day (2013 is 1905-07-05); type the date, e.g. DATE(2013,1,1) or 2013-01-01.", "as_of（核定日期）：2013 像是年份，但 Excel 在此把数字读作日期序列号（2013 即 1905-07-05）；请输入日期，例如 DATE(2013,1,1) 或 2013-01-01。"],
  ["assessed before the standard applied", [STD, "SO2", 38533, null, null, "2013-06-30"], "#N/A", "GB13223-2011 applies to this unit only from 2014-07-01 (GB13223-2011 4.1); on 2013-06-30 the unit came under GB13223-2003, for which this add-in has no limit table.", "GB13223-2011 自 2014-07-01 起才适用于该机组（GB13223-2011 4.1）；2013-06-30 时该机组执行 GB13223-2003，本加载项没有该标准的限值表。"],
  ["a range of two cells for as_of", [STD, "SO2", 38533, null, null, [[41821], [41822]]], "#VALUE!", "as_of is 2 rows × 1 columns; give a single cell here.", "as_of（核定日期） 为 2 行 × 1 列；此处只能给一个单元格。"],
];

describe.each(BAD)("bad input: %s", (_name, args, code, enMessage, zhMessage) => {
  test.each(["EMISSION_LIMIT", "EMISSION_LIMIT_CLAUSE"])(`%s gives ${code} with the message in English and Chinese`, (id) => {
    const a = en.call(id, ...args) as StubError;
    const b = zh.call(id, ...args) as StubError;
    expect([a.code, a.message]).toEqual([code, enMessage]);
    expect([b.code, b.message]).toEqual([code, zhMessage]);
  });
});

test("the boiler message lists every kind of unit", () => {
  const a = en.call("EMISSION_LIMIT", STD, "NOx", 38533, "gas turbine") as StubError;
  expect(a.code).toBe("#VALUE!");
  expect(a.message).toContain('boiler: "gas turbine" is not a kind of boiler or gas turbine of GB13223-2011; use one of: coal boiler / 燃煤锅炉,');
  expect(a.message).toContain("other gas turbine / 其他气体燃料燃气轮机组.");
});
