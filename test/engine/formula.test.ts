import { functionCalls, normalizeFormulaWith, type NormalizeOptions } from "../../src/engine/formula";
import { normalizeFormula } from "../../src/engine/engine";
import { FUNCTIONS } from "../../src/functions/registry";

const options: NormalizeOptions = { bareFunctions: new Set(["INITIAL_RIGHT", "INITIAL_RIGHT_PHASED", "PERFORMANCE_EMISSION"]) };

describe("normalizeFormula: the three name forms of the ER functions", () => {
  test.each(FUNCTIONS.map((f) => f.id))("%s", (id) => {
    const expected = `=ER.${id}(B2:B4,C2:C4)`;
    expect(normalizeFormula(`=ER.${id}(B2:B4,C2:C4)`)).toBe(expected);
    expect(normalizeFormula(`=er.${id.toLowerCase()}(B2:B4,C2:C4)`)).toBe(expected);
    expect(normalizeFormula(`=_xldudf_ER_${id}(B2:B4,C2:C4)`)).toBe(expected);
    expect(normalizeFormula(`=_XLDUDF_er_${id.toLowerCase()}(B2:B4,C2:C4)`)).toBe(expected);
    expect(normalizeFormula(`=${id}(B2:B4,C2:C4)`)).toBe(expected);
  });

  test("nested and mixed forms", () => {
    expect(normalizeFormula("=SUM(_xldudf_ER_INITIAL_RIGHT(A1,B1),INITIAL_RIGHT(A2,B2))+ER.INITIAL_RIGHT(A3,B3)")).toBe(
      "=SUM(ER.INITIAL_RIGHT(A1,B1),ER.INITIAL_RIGHT(A2,B2))+ER.INITIAL_RIGHT(A3,B3)",
    );
  });

  test("without a leading = the text stays without one", () => {
    expect(normalizeFormula("_xldudf_ER_INITIAL_RIGHT(A1,B1)")).toBe("ER.INITIAL_RIGHT(A1,B1)");
  });
});

describe("normalizeFormula: what else Excel writes", () => {
  test.each([
    ["=_xlfn.IFNA(A1,\"-\")", '=IFNA(A1,"-")'],
    ["=_xlfn._xlws.SORT(A1:A3)", "=SORT(A1:A3)"],
    ["=_xlfn.XLOOKUP(1,A1:A3,B1:B3)", "=XLOOKUP(1,A1:A3,B1:B3)"],
    ["=_xldudf_CONTOSO_ADD(1,2)", "=CONTOSO_ADD(1,2)"],
    ["=11.34E9*2", "=11.34e9*2"],
    ["=1.134E+10+1E-3", "=1.134e+10+1e-3"],
    ["=表1!A1+'表 2'!B2", "='表1'!A1+'表 2'!B2"],
    ["=Sheet1!A1", "=Sheet1!A1"],
    ['="a""b"', '=("a"&CHAR(34)&"b")'],
    ['="C:\\"&A1', '=("C:"&CHAR(92))&A1'],
  ])("%s -> %s", (input, output) => expect(normalizeFormula(input)).toBe(output));

  test("text inside strings and quoted sheet names is never changed", () => {
    for (const f of ['="_xldudf_ER_INITIAL_RIGHT(1,2)"', "='INITIAL_RIGHT(1)'!A1", '="1E9"&"_xlfn.X("', "='It''s 1E9'!A1"]) {
      expect(normalizeFormula(f)).toBe(f);
    }
  });

  test("a registry name that is part of a longer name is left alone", () => {
    expect(normalizeFormulaWith("=MY_INITIAL_RIGHT(1)+INITIAL_RIGHTS(2)", options)).toBe("=MY_INITIAL_RIGHT(1)+INITIAL_RIGHTS(2)");
    expect(normalizeFormulaWith("=INITIAL_RIGHT+1", options)).toBe("=INITIAL_RIGHT+1"); // a name, not a call
  });

  test("defined names are replaced by their aliases, other words are not", () => {
    const o: NormalizeOptions = { ...options, nameAliases: new Map([["排放量", "_ER_NAME_1"]]) };
    expect(normalizeFormulaWith('=SUM(排放量)+"排放量"+Other', o)).toBe('=SUM(_ER_NAME_1)+"排放量"+Other');
  });
});

describe("functionCalls", () => {
  test("the functions a formula calls, as the engine names them", () => {
    expect(functionCalls('=_xlfn.IFNA(_xldudf_ER_EIA_TOTAL(A1:A3,B1:B3),"SUM(")+sum(1)', options)).toEqual(["IFNA", "ER.EIA_TOTAL", "SUM"]);
    expect(functionCalls("=INITIAL_RIGHT(1,2)", options)).toEqual(["ER.INITIAL_RIGHT"]);
  });

});
