/**
 * The region functions as Excel and the headless engine run them: a column of holders spills one yearly
 * change and one margin per holder, a holder without a figure gets its own #N/A; ALLOCATE_CUT spills in the
 * shape of the permits (a row stays a row) and keeps the marks; the refusals carry their message in both
 * languages, through the built bundle and the engine alike.
 */
import { Engine } from "../../src/engine/engine";
import { isCellError } from "../../src/sheet/errors";
import { formatMessage } from "../../src/i18n/messages";
import { loadBundle, type StubError } from "./bundle";

const en = loadBundle("en-US");
const zh = loadBundle("zh-CN");

test("ANNUAL_CHANGE and PERMIT_MARGIN over columns of holders: one result per holder, #N/A where a figure is missing", () => {
  const e = Engine.create({
    S: [
      ["holder", "permitted", "2023", "2024", "=ER.ANNUAL_CHANGE(D2:D4,C2:C4)", "=ER.PERMIT_MARGIN(D2:D4,B2:B4)"],
      ["A", 2900, 2710, 2955.8],
      ["B", 265, "-", 248.3],
      ["C", "/", "/", "/"],
    ],
  });
  try {
    const col = (c: number) => [0, 1, 2].map((k) => e.getValue("S", k, c));
    const changes = col(4);
    const margins = col(5);
    expect(changes[0]).toBe(245.8);
    expect(isCellError(changes[1]) && [changes[1].error, changes[1].message]).toEqual(["#N/A", 'last_year: "-" marks a holder without a figure: there is no result.']);
    expect(isCellError(changes[2]) && changes[2].error).toBe("#N/A");
    expect(margins.slice(0, 2)).toEqual([-55.8, 16.7]);
    expect(isCellError(margins[2]) && [margins[2].error, margins[2].message]).toEqual(["#N/A", 'permitted: "/" marks a holder without a figure: there is no result.']);
  } finally {
    e.destroy();
  }
});

test("ALLOCATE_CUT spills in the shape of the permits and keeps the marks; REGIONAL_TOTAL of the results is the target", () => {
  const e = Engine.create({
    S: [
      [100, "/", 300, "-"],
      ['=ER.ALLOCATE_CUT(A1:D1,"-10%")'],
      ["=ER.REGIONAL_TOTAL(A2:D2)"],
      [10, null, '=ER.ALLOCATE_CUT(A4:A6,20,"等比例",,2)'],
      [10],
      [10],
    ],
  });
  try {
    expect([0, 1, 2, 3].map((c) => e.getValue("S", 1, c))).toEqual([90, "/", 270, "-"]);
    expect(e.getValue("S", 2, 0)).toBe(360);
    expect([3, 4, 5].map((r) => e.getValue("S", r, 2))).toEqual([6.67, 6.67, 6.66]);
  } finally {
    e.destroy();
  }
});

describe("refusals, in both languages, the same from the bundle and the engine", () => {
  test.each([
    ["a target above the total", [[[100], [200]], 310], "#VALUE!", "targetAboveTotal", { arg: "target", value: 310, total: 300 }],
    ["weights missing for history", [[[100], [200]], 270, "history"], "#VALUE!", "weightsRequired", { arg: "weights", method: "history" }],
    ["a cut the holders with a weight cannot give", [[[10], [100]], 50, "weighted", [[1], [0]]], "#N/A", "cutCannotBeShared", { arg: "weights", cut: 60, left: 50 }],
    ["an unknown method", [[[100], [200]], 270, "by size"], "#VALUE!", "unknownCutMethod", { arg: "method", text: "by size", accepted: "proportional / 等比例 (default · 默认), weighted / 按贡献, history / 按历史排放" }],
  ] as const)("%s", (_why, args, code, key, params) => {
    const a = en.call("ALLOCATE_CUT", ...args) as StubError;
    const b = zh.call("ALLOCATE_CUT", ...args) as StubError;
    expect([a.code, a.message]).toEqual([code, formatMessage("en-US", key, params)]);
    expect([b.code, b.message]).toEqual([code, formatMessage("zh-CN", key, params)]);
    expect(b.message).toMatch(/[\u4e00-\u9fff]/);
  });

  test("the engine gives the bundle's error and message, in the engine's language", () => {
    for (const [locale, bundle] of [
      ["en-US", en],
      ["zh-CN", zh],
    ] as const) {
      const e = Engine.create({ S: [[100, "=ER.ALLOCATE_CUT(A1:A2,310)"], [200]] }, { locale });
      const v = e.getValue("S", 0, 1);
      const b = bundle.call("ALLOCATE_CUT", [[100], [200]], 310) as StubError;
      expect(isCellError(v) && [v.error, v.message]).toEqual([b.code, b.message]);
      e.destroy();
    }
  });
});
