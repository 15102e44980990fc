/** The date argument of EMISSION_LIMIT: Excel serial numbers and date text (src/core/dates.ts). */
import { isoToSerial, parseDate, serialToIso } from "../../src/core/dates";
import { formatMessage } from "../../src/i18n/messages";
import { errorOf } from "../helpers";

describe("Excel serial numbers (1900 date system)", () => {
  test.each([
    [1, "1900-01-01"],
    [59, "1900-02-28"],
    [60, "1900-02-29"],
    [61, "1900-03-01"],
    [36526, "2000-01-01"],
    [37986, "2003-12-31"],
    [37987, "2004-01-01"],
    [40908, "2011-12-31"],
    [40909, "2012-01-01"],
    [41821, "2014-07-01"],
    [42005, "2015-01-01"],
    [2958465, "9999-12-31"],
  ])("serial %p is %s, and back", (serial, iso) => {
    expect(serialToIso(serial)).toBe(iso);
    expect(parseDate(serial, "date")).toBe(iso);
    if (serial !== 60) expect(isoToSerial(iso)).toBe(serial);
  });

  test("a time of day is ignored", () => {
    expect(parseDate(37986.99, "date")).toBe("2003-12-31");
    expect(parseDate(37987.0001, "date")).toBe("2004-01-01");
  });
});

describe("date text", () => {
  test.each([
    ["2003-12-31", "2003-12-31"],
    [" 2003-12-31 ", "2003-12-31"],
    ["2004-1-1", "2004-01-01"],
    ["2003/12/31", "2003-12-31"],
    ["2003.12.31", "2003-12-31"],
    ["2012-01-01T00:00:00", "2012-01-01"],
    ["2012-01-01 08:30", "2012-01-01"],
    ["2012-01-01T00:00:00Z", "2012-01-01"],
    ["2003年12月31日", "2003-12-31"],
    ["2004年1月1日", "2004-01-01"],
    ["37986", "2003-12-31"],
    ["2000-02-29", "2000-02-29"],
  ])("%p is %s", (text, iso) => expect(parseDate(text, "date")).toBe(iso));
});

describe("bad dates, in both languages", () => {
  test.each([
    ["31/12/2003", "#VALUE!", 'date: "31/12/2003" is not a date; give an Excel date or ISO text such as 2003-12-31.', "date（投产或环评批复日期）：“31/12/2003”不是日期；请填写 Excel 日期或 ISO 格式的文本，例如 2003-12-31。"],
    ["12/31/2003", "#VALUE!", 'date: "12/31/2003" is not a date; give an Excel date or ISO text such as 2003-12-31.', "date（投产或环评批复日期）：“12/31/2003”不是日期；请填写 Excel 日期或 ISO 格式的文本，例如 2003-12-31。"],
    ["2003-02-30", "#VALUE!", 'date: "2003-02-30" is not a date; give an Excel date or ISO text such as 2003-12-31.', "date（投产或环评批复日期）：“2003-02-30”不是日期；请填写 Excel 日期或 ISO 格式的文本，例如 2003-12-31。"],
    ["2001-02-29", "#VALUE!", 'date: "2001-02-29" is not a date; give an Excel date or ISO text such as 2003-12-31.', "date（投产或环评批复日期）：“2001-02-29”不是日期；请填写 Excel 日期或 ISO 格式的文本，例如 2003-12-31。"],
    ["2003-13-01", "#VALUE!", 'date: "2003-13-01" is not a date; give an Excel date or ISO text such as 2003-12-31.', "date（投产或环评批复日期）：“2003-13-01”不是日期；请填写 Excel 日期或 ISO 格式的文本，例如 2003-12-31。"],
    ["1899-12-31", "#VALUE!", 'date: "1899-12-31" is not a date; give an Excel date or ISO text such as 2003-12-31.', "date（投产或环评批复日期）：“1899-12-31”不是日期；请填写 Excel 日期或 ISO 格式的文本，例如 2003-12-31。"],
    ["last year", "#VALUE!", 'date: "last year" is not a date; give an Excel date or ISO text such as 2003-12-31.', "date（投产或环评批复日期）：“last year”不是日期；请填写 Excel 日期或 ISO 格式的文本，例如 2003-12-31。"],
    [true, "#VALUE!", 'date: "TRUE" is not a date; give an Excel date or ISO text such as 2003-12-31.', "date（投产或环评批复日期）：“TRUE”不是日期；请填写 Excel 日期或 ISO 格式的文本，例如 2003-12-31。"],
    [0, "#NUM!", "date: 0 is not a date Excel can show (serial numbers 1 to 2958465, 1900-01-01 to 9999-12-31).", "date（投产或环评批复日期）：0 不是 Excel 可表示的日期（序列号 1 至 2958465，即 1900-01-01 至 9999-12-31）。"],
    [-5, "#NUM!", "date: -5 is not a date Excel can show (serial numbers 1 to 2958465, 1900-01-01 to 9999-12-31).", "date（投产或环评批复日期）：-5 不是 Excel 可表示的日期（序列号 1 至 2958465，即 1900-01-01 至 9999-12-31）。"],
    [2958466, "#NUM!", "date: 2958466 is not a date Excel can show (serial numbers 1 to 2958465, 1900-01-01 to 9999-12-31).", "date（投产或环评批复日期）：2958466 不是 Excel 可表示的日期（序列号 1 至 2958465，即 1900-01-01 至 9999-12-31）。"],
    [Number.NaN, "#NUM!", "date: NaN is not a date Excel can show (serial numbers 1 to 2958465, 1900-01-01 to 9999-12-31).", "date（投产或环评批复日期）：NaN 不是 Excel 可表示的日期（序列号 1 至 2958465，即 1900-01-01 至 9999-12-31）。"],
    [null, "#VALUE!", "date: a value is required here; a missing-value mark is not enough.", "date（投产或环评批复日期）：此处必须填写数值，缺失标记不可用。"],
    ["/", "#VALUE!", "date: a value is required here; a missing-value mark is not enough.", "date（投产或环评批复日期）：此处必须填写数值，缺失标记不可用。"],
    [{ code: "#N/A" }, "#N/A", "date: the cell holds the error #N/A.", "date（投产或环评批复日期）：单元格中是错误值 #N/A。"],
    ["#REF!", "#REF!", "date: the cell holds the error #REF!.", "date（投产或环评批复日期）：单元格中是错误值 #REF!。"],
  ] as [unknown, string, string, string][])("%p gives %s", (value, code, en, zh) => {
    const e = errorOf(() => parseDate(value, "date"));
    expect(e.code).toBe(code);
    expect(formatMessage("en-US", e.key, e.params)).toBe(en);
    expect(formatMessage("zh-CN", e.key, e.params)).toBe(zh);
  });
});
