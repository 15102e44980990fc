/** Rules 8 and 11 of the permit paper: permitted emission and actual emission (src/core/permits.ts). */
import { actualEmission, parseActualRule, permittedEmission, type AccountingMethod, type ActualRule } from "../../src/core/permits";
import type { Amount } from "../../src/core/values";
import { formatMessage } from "../../src/i18n/messages";
import { errorOf } from "../helpers";

describe("permitted emission: the strictest method holds (rule 8)", () => {
  test.each([
    // standard method, EIA method, total control -> permitted, binding methods
    [4640, 3500, undefined, 3500, ["eia"]],
    [2268, 1562, null, 1562, ["eia"]],
    [2320, 8000, null, 2320, ["standard"]],
    [4640, 3500, 3200, 3200, ["total-control"]],
    [4151.5, null, null, 4151.5, ["standard"]],
    [null, 1938, null, 1938, ["eia"]],
    [null, null, 900, 900, ["total-control"]],
    [2057, 2057, null, 2057, ["standard", "eia"]],
    [2057, 2057, 2057, 2057, ["standard", "eia", "total-control"]],
    [0, 500, null, 0, ["standard"]],
    [1245.65, 1246.65, 1245.66, 1245.65, ["standard"]],
  ] as [Amount, Amount, Amount | undefined, number, string[]][])("standard %p, EIA %p, total control %p -> %p", (standard, eia, totalControl, amount, binds) => {
    expect(permittedEmission({ standard, eia, totalControl })).toEqual({ amount, binds });
  });

  test("no figure at all is #N/A, with the message in both languages", () => {
    const e = errorOf(() => permittedEmission({ standard: null, eia: null, totalControl: null }));
    expect(e.code).toBe("#N/A");
    expect(formatMessage("en-US", e.key, e.params)).toBe("no method gives a permitted emission: standard_method, eia_method and total_control are all empty or marked missing.");
    expect(formatMessage("zh-CN", e.key, e.params)).toBe(
      "没有任何方法给出许可排放量：standard_method（按标准法核定）、eia_method（按环评法核定）与 total_control（按总量控制法核定）均为空或为缺失标记。",
    );
  });
});

describe("actual emission: accounting methods (rule 11)", () => {
  const f = (online: Amount, manual: Amount, mb: Amount, ef: Amount): Record<AccountingMethod, Amount> => ({ online, manual, "material-balance": mb, "emission-factor": ef });

  test.each([
    // figures, rule -> amount, method
    [f(790.5, 812.4, 900, 1010), "priority", 790.5, "online"],
    [f(null, 812.4, 900, 1010), "priority", 812.4, "manual"],
    [f(null, null, 900, 1010), "priority", 900, "material-balance"],
    [f(null, null, null, 1010), "priority", 1010, "emission-factor"],
    [f(0, 812.4, 900, 1010), "priority", 0, "online"],
    [f(790.5, 812.4, 900, 1010), "max", 1010, "emission-factor"],
    // monitoring is one method (permit paper 3.3 (1)): online where available, manual otherwise
    [f(790.5, 812.4, null, null), "max", 790.5, "online"],
    [f(null, 812.4, 800, null), "max", 812.4, "manual"],
    [f(790.5, 812.4, 800, null), "max", 800, "material-balance"],
    [f(900, null, 900, null), "max", 900, "online"],
    [f(null, null, null, 7.25), "max", 7.25, "emission-factor"],
  ] as [Record<AccountingMethod, Amount>, ActualRule, number, AccountingMethod][])("%o under %s -> %p from %s", (figures, rule, amount, method) => {
    expect(actualEmission(figures, rule)).toEqual({ amount, method });
  });

  test("priority is the default rule", () => {
    expect(actualEmission(f(null, 812.4, 900, 1010)).amount).toBe(812.4);
  });

  test("under max the result is never below the priority one", () => {
    const cases = [f(1, 2, 3, 4), f(4, 3, 2, 1), f(null, 5, null, 2), f(3, null, 3, null)];
    for (const c of cases) expect(actualEmission(c, "max").amount).toBeGreaterThanOrEqual(actualEmission(c, "priority").amount);
  });

  test.each(["priority", "max"] as const)("no figure at all is #N/A under %s", (rule) => {
    const e = errorOf(() => actualEmission(f(null, null, null, null), rule));
    expect(e.code).toBe("#N/A");
    expect(formatMessage("en-US", e.key, e.params)).toBe("no accounting method gives a figure: online, manual, material_balance and emission_factor are all empty or marked missing.");
    expect(formatMessage("zh-CN", e.key, e.params)).toBe(
      "没有任何核算方法给出数值：online（自动监测）、manual（手工监测）、material_balance（物料衡算）与 emission_factor（排放系数）均为空或为缺失标记。",
    );
  });
});

describe("the rule argument", () => {
  test.each([
    [undefined, "priority"],
    ["", "priority"],
    ["priority", "priority"],
    ["Priority", "priority"],
    ["优先", "priority"],
    ["优先顺序", "priority"],
    ["max", "max"],
    ["MAX", "max"],
    ["maximum", "max"],
    ["largest", "max"],
    ["最大", "max"],
    ["取大", "max"],
    ["取较大值", "max"],
  ])("%p is %p", (text, rule) => expect(parseActualRule(text)).toBe(rule));

  test("an unknown rule lists the rules in both languages", () => {
    const e = errorOf(() => parseActualRule("average"));
    expect(e.code).toBe("#VALUE!");
    expect(formatMessage("en-US", e.key, e.params)).toBe('rule: "average" is not a rule; use one of: priority / 优先 (default · 默认), max / 取大.');
    expect(formatMessage("zh-CN", e.key, e.params)).toBe("rule（规则）：“average”不是可用的规则；可用：priority / 优先 (default · 默认), max / 取大。");
  });
});
