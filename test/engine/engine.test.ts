import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { isRuleError, type RuleError } from "../../src/core/errors";
import { Engine, normalizeFormula } from "../../src/engine/engine";
import { isCellError, type CellValue } from "../../src/sheet/errors";
import { erFunctionNames } from "../../src/engine/plugin";
import { FUNCTIONS, findFunction } from "../../src/functions/registry";
import { formatMessage } from "../../src/i18n/messages";

/** The value of one formula, alone on a sheet. */
function evaluate(formula: string, locale: "en-US" | "zh-CN" = "en-US"): CellValue {
  const e = Engine.create({ S: [[formula]] }, { locale });
  const v = e.getValue("S", 0, 0);
  e.destroy();
  return v;
}

/** The RuleError a registry function throws for these Excel-shaped arguments. */
function ruleError(id: string, ...args: unknown[]): RuleError {
  try {
    findFunction(id)!.impl(...args);
  } catch (e) {
    if (isRuleError(e)) return e;
    throw e;
  }
  throw new Error(`${id} did not throw`);
}

/** A documented result as the cells show it: a number, text, an error, or an array literal {a,b;c,d}. */
function expectedCells(result: string): CellValue[][] {
  const scalar = (t: string): CellValue => {
    const s = t.trim();
    if (s.startsWith('"') && s.endsWith('"')) return s.slice(1, -1).replace(/""/g, '"');
    if (/^#[A-Z0-9/]+[!?]?$/.test(s)) return { error: s };
    if (s !== "" && !Number.isNaN(Number(s))) return Number(s);
    if (/^(TRUE|FALSE)$/i.test(s)) return s.toUpperCase() === "TRUE";
    return s;
  };
  const r = result.trim();
  if (!r.startsWith("{")) return [[scalar(r)]];
  const rows: CellValue[][] = [[]];
  let cur = "";
  let quoted = false;
  for (const ch of r.slice(1, -1)) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === "," || ch === ";")) {
      rows[rows.length - 1].push(scalar(cur));
      cur = "";
      if (ch === ";") rows.push([]);
    } else cur += ch;
  }
  rows[rows.length - 1].push(scalar(cur));
  return rows;
}

describe("every registry function, in every name form, gives its documented example", () => {
  const cases = FUNCTIONS.flatMap((f) => f.examples.map((ex) => [f.id, ex.formula, ex.result] as const));
  test.each(cases)("%s: %s = %s", (id, formula, result) => {
    const expected = expectedCells(result);
    const body = formula.replace(/^=/, "");
    const forms = [formula, `=${body.replace(`ER.${id}(`, `_xldudf_ER_${id}(`)}`, `=${body.replace(`ER.${id}(`, `${id}(`)}`];
    for (const f of forms) {
      const e = Engine.create({ S: [[f]] });
      const got = expected.map((row, r) =>
        row.map((_, c) => {
          const v = e.getValue("S", r, c);
          return isCellError(v) ? { error: v.error } : v;
        }),
      );
      e.destroy();
      expect([f, got]).toEqual([f, expected]);
    }
  });

  test("the plugin registers exactly the registry's functions", () => {
    expect(erFunctionNames().sort()).toEqual(FUNCTIONS.map((f) => `ER.${f.id}`).sort());
  });
});

describe("arguments reach the rules as Excel passes them", () => {
  test("ranges across and down, with the paper's '-' and '/' marks", () => {
    const e = Engine.create({
      S: [
        ["-", "-", 1938],
        [4151.5, 8303, 945],
        ["=ER.INITIAL_RIGHT_PHASED(A1:C1,A2:C2)", "=ER.INITIAL_RIGHT_TOTAL(A1:C1,A2:C2)", "=ER.METHOD_DIFFERENCE(A1:C1,A2:C2)"],
        [1562, 2268, "=ER.INITIAL_RIGHT_PHASED(A4:A5,B4:B5)"],
        [3500, 4640, "=ER.INITIAL_RIGHT_PHASED(A4:A5,{2268,4640})"],
      ],
    });
    // Plant 2, NOx (Table 3/4): phases 1-2 have no NOx approval.
    expect(e.getValue("S", 2, 0)).toBe(4151.5 + 8303 + 945);
    expect(e.getValue("S", 2, 1)).toBe(13399.5);
    expect(e.getValue("S", 2, 2)).toBe(0);
    expect(e.getValue("S", 3, 2)).toBe(1562 + 3500);
    expect(e.getValue("S", 4, 2)).toBe(1562 + 3500);
  });

  test("an empty cell is a missing figure (null), never 0", () => {
    const e = Engine.create({ S: [[null, 2268, "=ER.INITIAL_RIGHT(A1,B1)", "=ER.INITIAL_RIGHT_PHASED(A1:A2,B1:B2)"], [1562, 4640]] });
    expect(e.getValue("S", 0, 2)).toBe(2268); // no EIA figure: the performance emission stands
    expect(e.getValue("S", 0, 3)).toBe(2268 + 1562);
  });

  test("text that looks like a number is text, and the rules read it as the number it shows", () => {
    const e = Engine.create({ S: [["1562", "2268", "=ER.INITIAL_RIGHT(A1,B1)", "=ISTEXT(A1)"]] });
    expect(e.getValue("S", 0, 0)).toBe("1562");
    expect(e.getValue("S", 0, 3)).toBe(true);
    expect(e.getValue("S", 0, 2)).toBe(1562);
  });

  test("an error in a range reaches the rule, which names the cell", () => {
    const e = Engine.create({ S: [[1562, "=1/0"], [2268, 4640], ["=ER.INITIAL_RIGHT_PHASED(A1:B1,A2:B2)"]] });
    const v = e.getValue("S", 2, 0);
    const expected = ruleError("INITIAL_RIGHT_PHASED", [[1562, { code: "#DIV/0!" }]], [[2268, 4640]]);
    // Excel shows a message only with #VALUE! and #N/A: the rule names the #DIV/0! cell under #VALUE!.
    expect(v).toEqual({ error: "#VALUE!", message: formatMessage("en-US", expected.key, expected.params) });
  });

  test("an error typed in a cell is an error value", () => {
    const e = Engine.create({ S: [["#N/A", "=ISNA(A1)", "=ER.INITIAL_RIGHT(A1,5)"]] });
    expect(e.getValue("S", 0, 0)).toEqual({ error: "#N/A" });
    expect(e.getValue("S", 0, 1)).toBe(true);
    expect((e.getValue("S", 0, 2) as { error: string }).error).toBe("#N/A");
  });

  test("dates and percentages arrive as plain numbers", () => {
    const e = Engine.create({ S: [["=DATE(2020,1,1)", "=ER.PERFORMANCE_EMISSION(A1*1000000,50%*400)"]] });
    expect(e.getValue("S", 0, 0)).toBe(43831); // Excel's serial for 2020-01-01
    expect(e.getValue("S", 0, 1)).toBe((43831 * 1e6 * 200) / 1e9);
  });

  test("an omitted optional argument and an empty one are the same", () => {
    expect(evaluate("=ER.PERFORMANCE_EMISSION(2E6,50)")).toBe(evaluate("=ER.PERFORMANCE_EMISSION(2E6,50,)"));
    expect(evaluate('=ER.PERFORMANCE_EMISSION(2E6,50,"water")')).toBe(100);
    expect(evaluate('=ER.PERFORMANCE_EMISSION(2E6,50,"废水")')).toBe(100);
  });

  test("a range given to a scalar parameter spills one result per cell, as Excel 365 lifts it", () => {
    const e = Engine.create({ S: [[11.34e9, 200, "=ER.PERFORMANCE_EMISSION(A1:A3,B1)"], [23.2e9], [20.76e9]] });
    expect([0, 1, 2].map((r) => e.getValue("S", r, 2))).toEqual([2268, 4640, 4152]);
    expect(e.getFormula("S", 1, 2)).toBeUndefined(); // spilled, not a formula of its own
    expect(e.getSheetInputs("S")[1][2] ?? null).toBeNull();
  });

  test("a spill onto a non-empty cell is #SPILL!, as in Excel", () => {
    const e = Engine.create({ S: [[1e9, 200, "=ER.PERFORMANCE_EMISSION(A1:A2,B1)"], [2e9, null, "x"]] });
    expect((e.getValue("S", 0, 2) as { error: string }).error).toBe("#SPILL!");
  });

  test("a one-cell range over a blocked spill's first cell reads its #SPILL!, in an ER call as in SUM (it stopped the workbook)", () => {
    const e = Engine.create({ S: [["=ER.INITIAL_RIGHT(E1:E3,5)", "=ER.INITIAL_RIGHT(4,A1:A1)", "=SUM(A1:A1)", "=ER.INITIAL_RIGHT(4,A1)", 1], [null, null, null, null, 2], [7, null, null, null, 3]] });
    expect(e.getValue("S", 0, 0)).toMatchObject({ error: "#SPILL!" });
    expect(e.getValue("S", 0, 1)).toEqual({ error: "#VALUE!", message: "performance: the cell holds the error #SPILL!." });
    expect(e.getValue("S", 0, 2)).toMatchObject({ error: "#SPILL!" });
    expect(e.getValue("S", 0, 3)).toEqual(e.getValue("S", 0, 1));
  });

  test("a range over a blocked spill's range waits for the formulas under it (it stopped the workbook: not computed)", () => {
    // A1 would spill into A1:A3, but A2 holds a formula that waits for C10, a later one; A6 reads A1:A3.
    const rows: (string | number | null)[][] = Array.from({ length: 10 }, () => [null, null, null, null, null]);
    [rows[0][0], rows[1][0], rows[5][0], rows[9][2]] = ["=E1:E3*2", "=C10+1", "=SUM(A1:A3)", "=D1+1"];
    [rows[0][4], rows[1][4], rows[2][4]] = [1, 2, 3];
    const er = rows.map((r) => [...r]);
    [er[0][0], er[5][0]] = ["=ER.INITIAL_RIGHT(E1:E3,5)", "=ER.REGIONAL_TOTAL(A1:A3)"];
    for (const sheet of [rows, er]) {
      const e = Engine.create({ S: sheet });
      expect(e.getValue("S", 0, 0)).toMatchObject({ error: "#SPILL!" });
      expect(e.getValue("S", 1, 0)).toBe(2);
      expect(e.getValue("S", 5, 0)).toMatchObject({ error: sheet === rows ? "#SPILL!" : "#VALUE!" });
    }
    // An array that fits is still read as its values.
    const fits = Engine.create({ S: [["=E1:E3*2", null, null, null, 1], [null, null, null, null, 2], [null, null, null, null, 3], ["=SUM(A1:A3)"]] });
    expect(fits.getValue("S", 3, 0)).toBe(12);
  });
});

describe("functions whose result is a matrix spill, and follow the size of their result", () => {
  const matrixFunctions = FUNCTIONS.filter((f) => f.result.dimensionality === "matrix");
  const id = matrixFunctions.find((f) => f.params.length === 2 && f.params.every((p) => p.dimensionality === "matrix"))?.id;
  (id ? test : test.skip)("grows, shrinks, and is blocked by a value in the way as in Excel", () => {
    const e = Engine.create({ S: [[907.2, 1134, `=ER.${id}(A1:A2,B1:B2)`], [8000, 2320], ["-", 945]] });
    const expected = (rows: unknown[][]) => findFunction(id!)!.impl(...rows) as unknown[][];
    const block = (r0: number, r1: number) => [...Array(r1 - r0).keys()].map((k) => [e.getValue("S", r0 + k, 2), e.getValue("S", r0 + k, 3)]);
    expect(block(0, 2)).toEqual(expected([[[907.2], [8000]], [[1134], [2320]]]));
    e.setCell("S", 0, 2, `=ER.${id}(A1:A3,B1:B3)`);
    expect(block(0, 3)).toEqual(expected([[[907.2], [8000], ["-"]], [[1134], [2320], [945]]]));
    e.setCell("S", 0, 2, `=ER.${id}(A1:A1,B1:B1)`);
    expect(block(0, 1)).toEqual(expected([[[907.2]], [[1134]]]));
    expect(block(1, 3)).toEqual([
      [null, null],
      [null, null],
    ]);
    e.setCell("S", 2, 3, "in the way");
    e.setCell("S", 0, 2, `=ER.${id}(A1:A3,B1:B3)`);
    expect((e.getValue("S", 0, 2) as { error: string }).error).toBe("#SPILL!");
    e.setCell("S", 2, 3, null);
    expect(block(0, 3)).toEqual(expected([[[907.2], [8000], ["-"]], [[1134], [2320], [945]]]));
  });
});

describe("bad input gives the rule's error, with its message in the engine's language", () => {
  test.each([
    ["=ER.PERFORMANCE_EMISSION(-1,200)", "PERFORMANCE_EMISSION", [-1, 200]],
    ['=ER.PERFORMANCE_EMISSION(1E9,200,"air-ish")', "PERFORMANCE_EMISSION", [1e9, 200, "air-ish"]],
    ['=ER.INITIAL_RIGHT("x",5)', "INITIAL_RIGHT", ["x", 5]],
    ["=ER.INITIAL_RIGHT_PHASED({1,2},{1,2,3})", "INITIAL_RIGHT_PHASED", [[[1, 2]], [[1, 2, 3]]]],
    ['=ER.EIA_TOTAL({"-",1},{1,2})', "EIA_TOTAL", [[["-", 1]], [[1, 2]]]],
  ] as const)("%s", (formula, id, args) => {
    const expected = ruleError(id, ...args);
    for (const locale of ["en-US", "zh-CN"] as const) {
      expect(evaluate(formula, locale)).toEqual({ error: expected.code, message: formatMessage(locale, expected.key, expected.params) });
    }
  });

  test("the wrong number of arguments is #VALUE!, not a crash", () => {
    const v = evaluate("=ER.INITIAL_RIGHT(1)");
    expect(isCellError(v) && v.error).toBe("#VALUE!");
    expect(isCellError(v) && v.message).toMatch(/INITIAL_RIGHT/);
  });
});

describe("unknown functions give #NAME?, never a crash", () => {
  test.each(["=NOPE(1)", "=ER.NOPE(1)", "=_xldudf_ER_NOPE(1)", "=_xldudf_CONTOSO_ADD(1,2)", "=_xlfn.NOT_A_FUNCTION(1)", "=SUM(1,NOPE(2))"])("%s", (f) => {
    const v = evaluate(f);
    expect(isCellError(v) && v.error).toBe("#NAME?");
  });
  test("the message names the function, in the engine's language", () => {
    const en = evaluate("=NOPE(1)") as { message: string };
    const zh = evaluate("=NOPE(1)", "zh-CN") as { message: string };
    expect(en.message).toContain("NOPE");
    expect(zh.message).toContain("NOPE");
    expect(zh.message).not.toBe(en.message);
  });
  test("an unknown name is #NAME? too", () => expect((evaluate("=nothing_here*2") as { error: string }).error).toBe("#NAME?"));
});

describe("cross-sheet references and defined names", () => {
  test("sheets with spaces, quotes and Chinese names, referenced both ways", () => {
    const e = Engine.create({
      "表3 分期对比 Table 3": [
        [1562, 3500, "/"],
        [2268, 4640, "/"],
      ],
      "It's": [[2]],
      表1: [[10]],
      Summary: [
        ["=_xldudf_ER_INITIAL_RIGHT_PHASED('表3 分期对比 Table 3'!A1:C1,'表3 分期对比 Table 3'!A2:C2)", "='It''s'!A1*表1!A1", "=SUM('表3 分期对比 Table 3'!A1:B1)"],
      ],
    });
    expect(e.getValue("Summary", 0, 0)).toBe(5062);
    expect(e.getValue("Summary", 0, 1)).toBe(20);
    expect(e.getValue("Summary", 0, 2)).toBe(5062);
  });

  test("a reference to a sheet that does not exist is #REF!", () => {
    expect((evaluate("=Missing!A1") as { error: string }).error).toBe("#REF!");
  });

  test("workbook and sheet-scoped names, Chinese names, constants; a name the engine refuses is skipped", () => {
    const e = Engine.create(
      {
        Data: [
          [1562, 3500],
          [2268, 4640],
        ],
        Other: [["=ER.INITIAL_RIGHT_PHASED(eia,perf)", "=环评批复量合计*rate", "=local_name", "=bad"]],
      },
      {
        names: [
          { name: "eia", expression: "Data!$A$1:$B$1" },
          { name: "perf", expression: "=Data!$A$2:$B$2" },
          { name: "环评批复量合计", expression: "SUM(Data!$A$1:$B$1)" },
          { name: "rate", expression: "0.5" },
          { name: "local_name", expression: "Data!$A$1", scope: "Other" },
          { name: "bad", expression: "A1" },
        ],
      },
    );
    expect(e.getValue("Other", 0, 0)).toBe(5062);
    expect(e.getValue("Other", 0, 1)).toBe(2531);
    expect(e.getValue("Other", 0, 2)).toBe(1562);
    expect((e.getValue("Other", 0, 3) as { error: string }).error).toBe("#NAME?");
    expect(e.skippedNames()).toEqual(["bad"]);
  });

  test("TRUE and FALSE are constants, as in Excel", () => {
    expect(evaluate("=IF(TRUE,1,2)+IF(FALSE,10,20)")).toBe(21);
  });
});

describe("editing", () => {
  test("setCell and setCells recalculate dependants; formulas read back in the ER form", () => {
    const e = Engine.create({ S: [[1562, 2268, "=_xldudf_ER_INITIAL_RIGHT(A1,B1)"]] });
    expect(e.getFormula("S", 0, 2)).toBe("=ER.INITIAL_RIGHT(A1,B1)");
    e.setCell("S", 0, 0, "-");
    expect(e.getValue("S", 0, 2)).toBe(2268);
    e.setCells("S", 1, 0, [
      [100, 50, "=INITIAL_RIGHT(A2,B2)"],
      [null, null, "=SUM(C1:C2)"],
    ]);
    expect(e.getValue("S", 2, 2)).toBe(2268 + 50);
    expect(e.getSheetInputs("S")).toEqual([
      ["-", 2268, "=ER.INITIAL_RIGHT(A1,B1)"],
      [100, 50, "=ER.INITIAL_RIGHT(A2,B2)"],
      [null, null, "=SUM(C1:C2)"],
    ]);
  });

  test("adding and removing sheets", () => {
    const e = Engine.create({ A: [["=B!A1*2"]] });
    expect((e.getValue("A", 0, 0) as { error: string }).error).toBe("#REF!");
    e.addSheet("B");
    e.setCell("B", 0, 0, 21);
    expect(e.getValue("A", 0, 0)).toBe(42);
    expect(e.sheetNames()).toEqual(["A", "B"]);
    e.removeSheet("B");
    expect(e.sheetNames()).toEqual(["A"]);
    expect((e.getValue("A", 0, 0) as { error: string }).error).toBe("#REF!");
  });

  test("getSheetValues converts errors", () => {
    const e = Engine.create({ S: [[1, "=1/0", "x", true, null, "=A1+1"]] });
    expect(e.getSheetValues("S")).toEqual([[1, { error: "#DIV/0!" }, "x", true, null, 2]]);
  });

  test("an unknown sheet is a programming error", () => {
    const e = Engine.create({ S: [[1]] });
    expect(() => e.getValue("Nope", 0, 0)).toThrow(/Nope/);
  });
});

describe("numbers come out as the rules compute them", () => {
  test("decimal-exact sums are not disturbed by the engine", () => {
    const e = Engine.create({ S: [[4113.6, 4488.7, "=ER.PERFORMANCE_TOTAL({1980,1456},A1:B1)", "=A1+B1"]] });
    expect(e.getValue("S", 0, 2)).toBe(8602.3);
    expect(e.getValue("S", 0, 3)).toBe(8602.3);
  });
});

describe("the engine stays free of Node-only modules (the task pane bundles it for the browser)", () => {
  const NODE_ONLY = /from "(fs|path|os|zlib|crypto|child_process|exceljs|stream|util)"|require\(/;
  const seen = new Set<string>();
  const resolve = (from: string, spec: string): string | undefined =>
    [`${spec}.ts`, `${spec}/index.ts`].map((c) => join(from, "..", c)).find((c) => existsSync(c));
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    expect([file, NODE_ONLY.test(text)]).toEqual([file, false]);
    for (const m of text.matchAll(/from "(\.{1,2}\/[^"]+)"/g)) {
      const next = resolve(file, m[1]);
      if (next) visit(next);
    }
  };
  test("engine.ts and everything it imports", () => {
    visit(join(__dirname, "..", "..", "src", "engine", "engine.ts"));
    visit(join(__dirname, "..", "..", "src", "sheet", "address.ts"));
    expect(seen.size).toBeGreaterThan(5);
  });
  test("normalizeFormula is exported by engine.ts", () => expect(normalizeFormula("=INITIAL_RIGHT(1,2)")).toBe("=ER.INITIAL_RIGHT(1,2)"));
});

test("a value far from the others (a stray cell at XFD1048576) does not allocate the whole grid", () => {
  const rows: (number | string | null)[][] = [[1562, "=A1*2"]];
  for (let r = 1; r < 1048576; r++) rows.push([]);
  rows[1048575][16383] = 5;
  const e = Engine.create({ S: rows });
  expect(e.getValue("S", 0, 1)).toBe(3124);
  expect(e.getValue("S", 1048575, 16383)).toBe(5);
  e.destroy();
});
