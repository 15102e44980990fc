/** The date arguments of EMISSION_LIMIT: Excel serial numbers and date text (src/core/dates.ts). */
import { FIRST_DATE_SERIAL, isoToSerial, parseDate, parseUnitDates, serialToIso } from "../../src/core/dates";
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
    // Whole numbers below 3000 are years typed alone, refused by parseDate (below).
    if (serial >= FIRST_DATE_SERIAL) expect(parseDate(serial, "date")).toBe(iso);
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
    [0, "#VALUE!", "date: 0 is not a date Excel can show (serial numbers 1 to 2958465, 1900-01-01 to 9999-12-31).", "date（投产或环评批复日期）：0 不是 Excel 可表示的日期（序列号 1 至 2958465，即 1900-01-01 至 9999-12-31）。"],
    [-5, "#VALUE!", "date: -5 is not a date Excel can show (serial numbers 1 to 2958465, 1900-01-01 to 9999-12-31).", "date（投产或环评批复日期）：-5 不是 Excel 可表示的日期（序列号 1 至 2958465，即 1900-01-01 至 9999-12-31）。"],
    [2958466, "#VALUE!", "date: 2958466 is not a date Excel can show (serial numbers 1 to 2958465, 1900-01-01 to 9999-12-31).", "date（投产或环评批复日期）：2958466 不是 Excel 可表示的日期（序列号 1 至 2958465，即 1900-01-01 至 9999-12-31）。"],
    [Number.NaN, "#VALUE!", "date: NaN is not a date Excel can show (serial numbers 1 to 2958465, 1900-01-01 to 9999-12-31).", "date（投产或环评批复日期）：NaN 不是 Excel 可表示的日期（序列号 1 至 2958465，即 1900-01-01 至 9999-12-31）。"],
    [2004, "#VALUE!", "date: 2004 looks like a year, but Excel reads a number here as a day (2004 is 1905-06-26); type the date, e.g. DATE(2004,1,1) or 2004-01-01.", "date（投产或环评批复日期）：2004 像是年份，但 Excel 在此把数字读作日期序列号（2004 即 1905-06-26）；请输入日期，例如 DATE(2004,1,1) 或 2004-01-01。"],
    ["2011", "#VALUE!", "date: 2011 looks like a year, but Excel reads a number here as a day (2011 is 1905-07-03); type the date, e.g. DATE(2011,1,1) or 2011-01-01.", "date（投产或环评批复日期）：2011 像是年份，但 Excel 在此把数字读作日期序列号（2011 即 1905-07-03）；请输入日期，例如 DATE(2011,1,1) 或 2011-01-01。"],
    [2999, "#VALUE!", "date: 2999 looks like a year, but Excel reads a number here as a day (2999 is 1908-03-17); type the date, e.g. DATE(2999,1,1) or 2999-01-01.", "date（投产或环评批复日期）：2999 像是年份，但 Excel 在此把数字读作日期序列号（2999 即 1908-03-17）；请输入日期，例如 DATE(2999,1,1) 或 2999-01-01。"],
    [12, "#VALUE!", "date: 12 is not a unit's date (Excel would read it as 1900-01-12); type the date, e.g. DATE(2004,1,1) or 2004-01-01.", "date（投产或环评批复日期）：12 不是机组的日期（Excel 会读作 1900-01-12）；请输入日期，例如 DATE(2004,1,1) 或 2004-01-01。"],
    [null, "#VALUE!", "date: a value is required here; a missing-value mark is not enough.", "date（投产或环评批复日期）：此处必须填写数值，缺失标记不可用。"],
    ["/", "#VALUE!", "date: a value is required here; a missing-value mark is not enough.", "date（投产或环评批复日期）：此处必须填写数值，缺失标记不可用。"],
    [{ code: "#N/A" }, "#N/A", "date: the cell holds the error #N/A.", "date（投产或环评批复日期）：单元格中是错误值 #N/A。"],
    ["#REF!", "#VALUE!", "date: the cell holds the error #REF!.", "date（投产或环评批复日期）：单元格中是错误值 #REF!。"],
  ] as [unknown, string, string, string][])("%p gives %s", (value, code, en, zh) => {
    const e = errorOf(() => parseDate(value, "date"));
    expect(e.code).toBe(code);
    expect(formatMessage("en-US", e.key, e.params)).toBe(en);
    expect(formatMessage("zh-CN", e.key, e.params)).toBe(zh);
  });
});

describe("the first serial number read as a date is 3000 (1908-03-18)", () => {
  test("every whole number below it is refused, every one from it is a date", () => {
    for (const n of [1, 59, 60, 61, 1000, 1899, 1900, 2004, 2999]) expect(() => parseDate(n, "date")).toThrow();
    for (const n of [3000, 36526, 37986]) expect(parseDate(n, "date")).toBe(serialToIso(n));
    expect(parseDate(2004.5, "date")).toBe("1905-06-26"); // not a whole number: a date and a time, not a year
  });
});

describe("a unit's dates: one, or two (EIA approval, commissioning)", () => {
  test.each([
    [37986, ["2003-12-31"]],
    [[[37986]], ["2003-12-31"]],
    [[["2013-05-01", 40252]], ["2013-05-01", "2010-03-15"]],
    [[["2013-05-01"], ["2010-03-15"]], ["2013-05-01", "2010-03-15"]],
    [[["2013-05-01", "-"]], ["2013-05-01"]],
    [[[null, "2013-05-01"]], ["2013-05-01"]],
  ] as [unknown, string[]][])("%j -> %j", (value, dates) => expect(parseUnitDates(value, "date")).toEqual(dates));

  test("more than two cells is a column of units, not one unit: refused, in both languages", () => {
    const e = errorOf(() => parseUnitDates([[37986], [37987], [40909]], "date"));
    expect(e.code).toBe("#VALUE!");
    expect(formatMessage("en-US", e.key, e.params)).toBe(
      "date is 3 rows × 1 columns; give the unit's date, or its 2 dates (EIA approval, commissioning) in a row or a column: the earliest decides. For several units, write one formula per unit.",
    );
    expect(formatMessage("zh-CN", e.key, e.params)).toBe(
      "date（投产或环评批复日期） 为 3 行 × 1 列；请给出机组的日期，或其 2 个日期（环评批复、建成投产），单行或单列，取最早者。多台机组请每台写一个公式。",
    );
    expect(errorOf(() => parseUnitDates(Array.from({ length: 1048576 }, () => [null]), "date")).key).toBe("tooManyDates");
  });

  test("no date at all is required; a bad cell is named by its position", () => {
    expect(errorOf(() => parseUnitDates([["-", null]], "date")).key).toBe("required");
    const e = errorOf(() => parseUnitDates([["2013-05-01", 2010]], "date"));
    expect(formatMessage("en-US", e.key, e.params)).toBe(
      "date (cell 2 of 2): 2010 looks like a year, but Excel reads a number here as a day (2010 is 1905-07-02); type the date, e.g. DATE(2010,1,1) or 2010-01-01.",
    );
  });
});
