/**
 * The one keyword matcher (src/core/keywords.ts): every list the rules read words with accepts its own
 * spellings only. No key of Object.prototype, in any case or spacing, is ever a keyword.
 */
import fc from "fast-check";
import { MEDIA } from "../../src/core/emission";
import { RuleError } from "../../src/core/errors";
import { KeywordList, keywordOf } from "../../src/core/keywords";
import { choiceKeywords, standardKeywords } from "../../src/core/limits";
import { UNIT_TYPES } from "../../src/core/oxygen";
import { ACTUAL_RULES } from "../../src/core/permits";
import { STANDARDS } from "../../src/core/standards";
import { formatMessage } from "../../src/i18n/messages";
import { errorOf } from "../helpers";
import { prototypeSpellings } from "./prototype";

const LISTS: [string, KeywordList<unknown>][] = [
  ["medium", MEDIA],
  ["rule", ACTUAL_RULES],
  ["reference unit type", UNIT_TYPES],
  ["standard", standardKeywords()],
  ...STANDARDS.flatMap((s): [string, KeywordList<unknown>][] => [
    [`${s.id} pollutant`, choiceKeywords(s.pollutants, "unknownPollutant")],
    [`${s.id} boiler`, choiceKeywords(s.equipment, "unknownBoiler")],
    [`${s.id} region`, choiceKeywords(s.regions, "unknownRegion")],
  ]),
];

describe.each(LISTS)("the %s list", (_name, list) => {
  test.each(prototypeSpellings())("refuses %p", (text) => {
    expect(list.find(text)).toBeUndefined();
    const e = errorOf(() => list.read(text, "arg"));
    expect(e.code).toBe("#VALUE!");
    expect(e.key).toBe(list.unknown);
    expect(e.params.accepted).toBe(list.accepted);
  });

  test("accepts only its own spellings: random text is refused unless it normalizes to one of them", () => {
    const own = new Set(list.keys());
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        const found = list.find(text) !== undefined;
        return found === own.has(keywordOf(text));
      }),
      { numRuns: 2000 },
    );
  });
});

test("a list that would accept a key of Object.prototype, or one spelling for two values, cannot be built", () => {
  expect(() => new KeywordList("unknownMedium", [{ value: 1, spellings: ["Constructor"] }], "")).toThrow(/Object.prototype/);
  expect(() => new KeywordList("unknownMedium", [{ value: 1, spellings: ["__proto__"] }], "")).toThrow(/Object.prototype/);
  expect(() => new KeywordList("unknownMedium", [{ value: 1, spellings: ["a"] }, { value: 2, spellings: ["A"] }], "")).toThrow(/two values/);
});

test("the refusal lists the accepted words, in both languages", () => {
  const e = errorOf(() => MEDIA.read("constructor", "medium"));
  expect(e).toBeInstanceOf(RuleError);
  expect(formatMessage("en-US", e.key, e.params)).toBe('medium: "constructor" is not a medium; use one of: gas / 废气 (default · 默认), water / 废水.');
  expect(formatMessage("zh-CN", e.key, e.params)).toBe("medium（介质）：“constructor”不是介质；可用：gas / 废气 (default · 默认), water / 废水。");
});
