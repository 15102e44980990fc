import { fill, resolveLocale } from "../../src/i18n/locale";
import { formatMessage, messageKeys, type MessageKey } from "../../src/i18n/messages";

test.each([
  ["zh-CN", "zh-CN"],
  ["zh_CN.UTF-8", "zh-CN"],
  ["zh-Hans", "zh-CN"],
  ["ZH-TW", "zh-CN"],
  ["en-US", "en-US"],
  ["en-GB", "en-US"],
  ["de-DE", "en-US"],
  ["", "en-US"],
  [undefined, "en-US"],
  ["C.UTF-8", "en-US"],
])("resolveLocale(%p) = %p", (tag, locale) => expect(resolveLocale(tag)).toBe(locale));

test("both languages have the same message keys", () => {
  expect(messageKeys("zh-CN")).toEqual(messageKeys("en-US"));
});

test("every message fills all its placeholders, in both languages", () => {
  const params = { arg: "eia", arg1: "eia", arg2: "performance", pos: 2, count: 3, text: "x", value: 1, max: "1e9", rows: 2, cols: 2, n1: 3, n2: 2, phase: 1, eia: 5, error: "#N/A", accepted: "a, b", name: "n", iso: "1905-06-26", year: 2004, from: "2014-07-01", clause: "c", asOf: "2013-01-01", predecessor: "p", percent: 9, cut: 60, left: 50, total: 300, target: 270, places: 3, decimals: 2, method: "weighted" };
  for (const key of messageKeys("en-US") as MessageKey[]) {
    for (const locale of ["en-US", "zh-CN"] as const) {
      const text = formatMessage(locale, key, params);
      expect(text).not.toMatch(/\{\w+\}/);
      if (locale === "zh-CN") expect(text).toMatch(/[\u4e00-\u9fff]/);
    }
  }
});

test("Chinese messages gloss the parameter names", () => {
  expect(formatMessage("zh-CN", "emptyRange", { arg: "performance" })).toBe("performance（绩效排放量） 没有单元格。");
  expect(formatMessage("en-US", "emptyRange", { arg: "performance" })).toBe("performance has no cells.");
});

test("fill leaves unknown placeholders alone", () => {
  expect(fill("{a} and {b}", { a: 1 })).toBe("1 and {b}");
});
