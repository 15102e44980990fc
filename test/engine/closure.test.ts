/**
 * The recompute set and the list of verified functions (src/engine/closure.ts): what a formula reads
 * (scanFormula), which formulas depend on the ER cells, what the engine is given for the others, and the
 * functions and operators checked against the values Excel's documentation gives.
 */
import { recomputePlan, VERIFIED_FUNCTIONS, type PlanFormula } from "../../src/engine/closure";
import { Engine, type CellContent, type DefinedName } from "../../src/engine/engine";
import { scanFormula } from "../../src/engine/formula";
import { bareFunctionNames } from "../../src/engine/names";

const normalize = { bareFunctions: bareFunctionNames() };

describe("the functions and operators on the verified list give Excel's documented values", () => {
  // [formula, Excel's value]: the examples of Excel's function reference where it has them.
  const cases: [string, unknown][] = [
    ["=SUM(3,2)", 5],
    ['=SUM("5",15,TRUE)', 21],
    ["=SUM(A1:C1)", 6],
    ["=SUM(D1:F1)", 0], // text, booleans and empty cells in a range are ignored
    ["=AVERAGE(10,7,9,27,2)", 11],
    ["=AVERAGE(A1:C1,D1)", 2], // text in a range is ignored
    ["=AVERAGE(E1:F1)", "#DIV/0!"],
    ["=MIN(10,7,9,27,2)", 2],
    ["=MAX(10,7,9,27,2)", 27],
    ["=MAX(D1:F1)", 0],
    ['=MAX("5",1)', 5],
    ["=COUNT(A1:F1)", 3],
    ['=COUNT(1,"2",TRUE,"x")', 3],
    ["=COUNTA(A1:F1)", 5],
    ["=COUNTA(G1)", 1], // an empty text result counts
    ["=ROUND(2.15,1)", 2.2],
    ["=ROUND(2.149,1)", 2.1],
    ["=ROUND(-1.475,2)", -1.48],
    ["=ROUND(21.5,-1)", 20],
    ["=ROUND(626.3,-3)", 1000],
    ["=ROUND(1.98,-1)", 0],
    ["=ROUND(-50.55,-2)", -100],
    ["=ROUNDUP(3.2,0)", 4],
    ["=ROUNDUP(76.9,0)", 77],
    ["=ROUNDUP(3.14159,3)", 3.142],
    ["=ROUNDUP(-3.14159,1)", -3.2],
    ["=ROUNDUP(31415.92654,-2)", 31500],
    ["=ROUNDDOWN(3.2,0)", 3],
    ["=ROUNDDOWN(76.9,0)", 76],
    ["=ROUNDDOWN(3.14159,3)", 3.141],
    ["=ROUNDDOWN(-3.14159,1)", -3.1],
    ["=ROUNDDOWN(31415.92654,-2)", 31400],
    ["=ABS(-4)", 4],
    ["=EXP(2)", 7.38905609893065],
    ["=LN(86)", 4.45434729625351],
    ["=LN(EXP(3))", 3],
    ["=LN(0)", "#NUM!"],
    ["=LOG10(86)", 1.93449845124357],
    ["=LOG10(1E5)", 5],
    ["=SQRT(16)", 4],
    ["=SQRT(-16)", "#NUM!"],
    ["=SIGN(10)", 1],
    ["=SIGN(4-4)", 0],
    ["=SIGN(-0.00003)", -1],
    ["=PI()", 3.14159265358979],
    ["=POWER(5,2)", 25],
    ["=POWER(98.6,3.2)", 2401077.22206958],
    ["=POWER(4,5/4)", 5.65685424949238],
    ["=IF(A1>0,\"yes\",\"no\")", "yes"],
    ["=IF(FALSE,1)", false],
    ["=IF(TRUE,E1)", 0], // an empty cell as a result reads as 0
    ['=IFERROR(1/0,"e")', "e"],
    ['=IFNA(NA(),"n")', "n"],
    ["=IFNA(1/0,1)", "#DIV/0!"],
    ["=AND(TRUE,FALSE)", false],
    ["=OR(FALSE,1)", true],
    ["=NOT(0)", true],
    ["=ISBLANK(E1)", true],
    ["=ISBLANK(G1)", false],
    ['=ISNUMBER("1")', false],
    ["=ISNUMBER(A1)", true],
    ["=ISTEXT(D1)", true],
    ["=ISERR(NA())", false],
    ["=ISERROR(NA())", true],
    ["=ISNA(1/0)", false],
    ["=TRUE()", true],
    ["=FALSE()", false],
    // arithmetic and comparisons
    ["=-2^2", 4],
    ["=2^3", 8],
    ["=5%", 0.05],
    ['="3"+1', 4],
    ["=TRUE+1", 2],
    ["=E1*1", 0],
    ["=D1*1", "#VALUE!"],
    ["=1/0", "#DIV/0!"],
    ['=1<"a"', true],
    ['="a"="A"', true],
    ['=TRUE>"z"', true],
    ['="1"=1', false],
    ['=E1=""', true],
    ["=E1=0", true],
    ["=0.1+0.2=0.3", true],
    // Excel's value as Apache POI's FormulaEvalTestData records it: numbers apart at the 15th digit differ.
    ["=1.11111111111111=1.1111111111111", false],
    ["=1.11111111111111>1.1111111111111", true],
  ];
  const engine = Engine.create({ S: [[1, 2, 3, "x", null, true, '=""'], ...cases.map(([f]) => [f])] });
  afterAll(() => engine.destroy());

  test.each(cases.map(([f, v], i) => [f, v, i] as const))("%s gives %p", (_f, expected, i) => {
    const v = engine.getValue("S", i + 1, 0);
    expect(typeof v === "object" && v !== null ? v.error : v).toEqual(expected);
  });

  test("every function on the list has a case here", () => {
    const tested = new Set(cases.flatMap(([f]) => scanFormula(f, normalize).functions));
    expect([...VERIFIED_FUNCTIONS].filter((f) => !tested.has(f))).toEqual([]);
  });

  test("VLOOKUP and HLOOKUP with exact match (FALSE or 0) give Excel's documented values", () => {
    // The table of Excel's VLOOKUP article, with a text "1" and a number 1 in the first column below it.
    const e = Engine.create({
      S: [
        [101, "Davis", "Sara", null, "a", "b", "c"],
        [102, "Fontana", "Olivier", null, 1, 2, 3],
        [103, "Leal", "Karina", null, 4, 5, 6],
        [104, "Patten", null],
        [105, "Burke", "Brian"],
        ["1", "text one"],
        [1, "number one"],
      ],
    });
    const cases: [string, unknown][] = [
      ["=VLOOKUP(102,A1:C5,2,FALSE)", "Fontana"],
      ["=VLOOKUP(105,A1:C5,3,0)", "Brian"],
      ["=VLOOKUP(999,A1:C5,2,FALSE)", "#N/A"],
      ['=VLOOKUP("fon*",B1:C5,2,FALSE)', "Olivier"], // wildcards in an exact match of text
      ['=VLOOKUP("FONTANA",B1:C5,2,FALSE)', "Olivier"], // not case-sensitive
      ["=VLOOKUP(104,A1:C5,3,FALSE)", 0], // an empty cell comes back as 0
      ["=VLOOKUP(103,A1:C5,4,FALSE)", "#REF!"],
      ["=VLOOKUP(103,A1:C5,0,FALSE)", "#VALUE!"],
      ["=VLOOKUP(1,A6:B7,2,FALSE)", "number one"], // a number does not match the text "1"
      ['=VLOOKUP("1",A6:B7,2,FALSE)', "text one"],
      ['=HLOOKUP("b",E1:G3,3,FALSE)', 5],
      ['=HLOOKUP("x",E1:G3,2,FALSE)', "#N/A"],
    ];
    try {
      cases.forEach(([f, expected], i) => {
        e.setCell("S", 10 + i, 0, f);
        const v = e.getValue("S", 10 + i, 0);
        expect([f, typeof v === "object" && v !== null ? v.error : v]).toEqual([f, expected]);
      });
    } finally {
      e.destroy();
    }
  });

  test("what is left off the list gives other values than Excel's documented ones", () => {
    const e = Engine.create({
      S: [
        [5, 6, 7, "1", null, "#NULL!", true],
        ["=INDEX(A1:C1,2)"],
        ['=1/3&""'],
        ['=""+1'],
        ["=YEAR(0)"],
        ["=PRODUCT(D1:E1)"],
        ["=SUMPRODUCT(A1:D1,A1:D1)"],
        ["=SUMPRODUCT(F1:G1,F1:G1)"],
        ["=AND(A1,E1)"],
        ["=AND(A1,D1)"],
        ["=ISERROR(F1)"],
        ['=MATCH("1*",D1:F1,0)'],
        ["=INT(-8.9)"],
        ["=POWER(0,0)"],
      ],
    });
    try {
      expect(e.getValue("S", 1, 0)).toMatchObject({ error: "#NUM!" }); // Excel: 6, the 2nd cell of the row
      expect(e.getValue("S", 2, 0)).toBe("0.3333333333333333"); // Excel: 0.333333333333333 (15 digits)
      expect(e.getValue("S", 3, 0)).toBe(1); // Excel: #VALUE!
      expect(e.getValue("S", 4, 0)).toBe(1899); // Excel: 1900
      expect(e.getValue("S", 5, 0)).toBe(1); // Excel: 0 (no number in the range)
      expect(e.getValue("S", 6, 0)).toBe(111); // Excel: 110 (text in the arrays counts as 0)
      expect(e.getValue("S", 7, 0)).toBe(1); // Excel: #NULL!
      expect(e.getValue("S", 8, 0)).toBe(false); // Excel: TRUE (the empty cell is skipped)
      expect(e.getValue("S", 9, 0)).toMatchObject({ error: "#VALUE!" }); // Excel: TRUE (the text is skipped)
      expect(e.getValue("S", 10, 0)).toBe(false); // Excel: TRUE
      expect(e.getValue("S", 11, 0)).toMatchObject({ error: "#N/A" }); // Excel: 1 (the wildcard matches D1's "1")
      expect(e.getValue("S", 12, 0)).toBe(-8); // Excel: -9 (INT rounds down)
      expect(e.getValue("S", 13, 0)).toBe(1); // Excel: #NUM! (a known limit of POWER and ^, see docs/cli.md)
    } finally {
      e.destroy();
    }
  });
});

describe("scanFormula: what a formula reads", () => {
  const scan = (f: string) => scanFormula(f, normalize);

  test("cells, ranges, whole columns and rows, other sheets", () => {
    const s = scan("=SUM(A:A)+'Table 3'!B3*2+SUM($2:$3)+Sheet2!C1:D4");
    expect(s.references.map((r) => [r.sheet, r.area])).toEqual([
      [undefined, { r1: 0, c1: 0, r2: 1048575, c2: 0 }],
      ["Table 3", { r1: 2, c1: 1, r2: 2, c2: 1 }],
      [undefined, { r1: 1, c1: 0, r2: 2, c2: 16383 }],
      ["Sheet2", { r1: 0, c1: 2, r2: 3, c2: 3 }],
    ]);
    expect(s.references.map((r) => r.rangeContext)).toEqual([true, false, true, false]); // C1:D4 in arithmetic: implicit intersection
    expect(s.arithmetic).toBe(true);
  });

  test("3-D, external and spill references, structured references, names; text in strings is not read", () => {
    expect(scan("=COUNTA(Sheet1:Sheet3!C1)").references[0]).toMatchObject({ sheet: "Sheet1", sheetEnd: "Sheet3", external: false });
    expect(scan("='Sheet 1:Sheet 3'!C1").references[0]).toMatchObject({ sheet: "Sheet 1", sheetEnd: "Sheet 3" });
    expect(scan("=[1]Sheet1!A1").references[0]).toMatchObject({ sheet: "Sheet1", external: true });
    expect(scan("='[Book.xlsx]S'!A1").references[0]).toMatchObject({ sheet: "S", external: true });
    expect(scan("=A1#").references[0]).toMatchObject({ spill: true, area: { r1: 0, c1: 0, r2: 0, c2: 0 } });
    expect(scan("=Table1[Amount]").structured).toBe(true);
    expect(scan('="A1:B2"&"x"').references).toEqual([]);
    expect(scan("=Global1*Plant1+LOG10(Emission2019)").names.map((n) => n.name)).toEqual(["Global1", "Plant1", "Emission2019"]);
    expect(scan("=Sheet2!Local").names[0]).toMatchObject({ name: "Local", sheet: "Sheet2" });
    expect(scan("=SUMPRODUCT((A1:A3>0)*B1:B3)").references.every((r) => r.rangeContext)).toBe(true);
    expect(scan("=IF(A1:A3>0,1)").references[0].rangeContext).toBe(false);
  });
});

describe("recomputePlan", () => {
  const cell = (sheet: string, row: number, col: number, formula: string, previous: PlanFormula["previous"], extra: Partial<PlanFormula> = {}): PlanFormula => ({
    sheet,
    row,
    col,
    formula,
    previous,
    previousIsError: false,
    er: /ER\.|_xldudf_ER_/.test(formula),
    ...extra,
  });
  const plan = (sheets: Record<string, CellContent[][]>, formulas: PlanFormula[], names: DefinedName[] = [], recomputeAll = false) =>
    recomputePlan({ sheets, formulas, names, arrayValues: new Map() }, { normalize, recomputeAll });

  test("the ER cells and what depends on them, through ranges, whole columns and rows, names and other sheets; the rest from the file", () => {
    const formulas = [
      cell("S", 0, 2, "=ER.INITIAL_RIGHT(A1,B1)", 5), // 0: ER
      cell("S", 1, 2, "=SUM(C:C)", 5), // 1: whole column over the ER cell
      cell("S", 2, 2, "=A1*2", 2), // 2: independent
      cell("T", 0, 0, "=SUM(S!1:1)", 5), // 3: whole row on another sheet
      cell("T", 1, 0, "=total*2", 10), // 4: through a defined name
      cell("T", 2, 0, "=local+1", 3), // 5: a local name of T, on an independent cell
      cell("T", 3, 0, "=A5+C3", null), // 6: independent, no value
      cell("T", 4, 0, "=S!C3+1", null), // 7: independent, no value
    ];
    const p = plan({ S: [[1, 2, formulas[0].formula]], T: [] }, formulas, [
      { name: "total", expression: "S!$C$2" },
      { name: "local", expression: "S!$C$3", scope: "T" },
    ]);
    expect(p.recomputed).toEqual([true, true, false, true, true, false, false, false]);
    expect(p.counts).toEqual({ recomputed: 4, cached: 2, notComputed: 2 });
    expect(p.sheets.S[2][2]).toBe(2); // the independent cell holds its stored value for the engine
    expect(p.sheets.T[2][0]).toBe(3);
    expect(p.sheets.T[4][0]).toBeNull();
    expect(p.notComputed[7]).toBe(true);
    expect(p.reasons.filter(Boolean)).toEqual([]);
  });

  test("a cell that reads a cell not computed is not verified, and so are its readers", () => {
    const formulas = [cell("S", 0, 0, "=ER.INITIAL_RIGHT(1,2)", 1), cell("S", 0, 1, "=SQRT(4)", null), cell("S", 0, 2, "=IFERROR(B1,0)+A1", 3), cell("S", 0, 3, "=C1*2", 6)];
    const p = plan({ S: [formulas.map((f) => f.formula)] }, formulas);
    expect(p.recomputed).toEqual([true, false, true, true]);
    expect(p.reasons[2]).toMatch(/B1 is not computed/);
    expect(p.reasons[3]).toMatch(/B1 is not computed/);
  });

  test("AND and OR of a reference, and cells holding #NULL!, make a recomputed cell not verified", () => {
    const formulas = [cell("S", 0, 0, "=ER.INITIAL_RIGHT(1,2)", 1), cell("S", 0, 1, "=AND(A1,C1)", true), cell("S", 0, 2, "=AND(A1>0,ISNUMBER(A1))", true), cell("S", 0, 3, "=IF(A1>0,E1,0)", "#NULL!", { previousIsError: true })];
    const p = plan({ S: [[formulas[0].formula, formulas[1].formula, formulas[2].formula, formulas[3].formula, "#NULL!"]] }, formulas);
    expect(p.reasons[1]).toMatch(/AND of a reference \(A1\)/);
    expect(p.reasons[2]).toBeUndefined();
    expect(p.reasons[3]).toMatch(/E1 holds #NULL!/);
  });

  test("an array constant outside an array formula and the empty text in arithmetic are not verified; an array constant given to an ER function is", () => {
    const formulas = [
      cell("S", 0, 0, "=ER.INITIAL_RIGHT_PHASED({100;200},{150;180})", 1),
      cell("S", 1, 0, "=ISERR({1,2,3})+A1", false),
      cell("S", 2, 0, '=""*"1"+A1', 0),
      cell("S", 3, 0, '=IF(A1="","",A1*2)', 0),
      cell("S", 4, 0, "=SUM({1,2},A1)", 0, { arrayRange: { start: { row: 4, col: 0 }, end: { row: 4, col: 0 } } }),
    ];
    const p = plan({ S: [] }, formulas);
    expect(p.recomputed).toEqual([true, true, true, true, true]);
    expect(p.reasons[0]).toBeUndefined();
    expect(p.reasons[1]).toMatch(/array constant \{\.\.\.\} outside an array formula/);
    expect(p.reasons[2]).toMatch(/empty text "" in arithmetic \(Excel gives #VALUE!/);
    expect(p.reasons[3]).toBeUndefined();
    expect(p.reasons[4]).toMatch(/array formula of a function that is not an ER function/);
  });

  test("VLOOKUP and HLOOKUP are verified in their exact-match form only", () => {
    const formulas = [
      cell("S", 0, 0, "=ER.INITIAL_RIGHT(1,2)", 1),
      cell("S", 1, 0, "=VLOOKUP(A1,C1:D9,2,FALSE)", 1),
      cell("S", 2, 0, "=VLOOKUP(A1,C1:D9,2)", 1),
      cell("S", 3, 0, "=HLOOKUP(A1,C1:D9,2,TRUE)", 1),
    ];
    const p = plan({ S: [] }, formulas);
    expect(p.reasons[1]).toBeUndefined();
    expect(p.reasons[2]).toMatch(/VLOOKUP with approximate match/);
    expect(p.reasons[3]).toMatch(/HLOOKUP with approximate match/);
  });

  test("3-D references reach every sheet between; array formulas, their members", () => {
    const formulas = [
      cell("S2", 0, 0, "=ER.INITIAL_RIGHT(1,2)", 1),
      cell("Sum", 0, 0, "=SUM(S1:S3!A1)", 3),
      cell("S1", 0, 1, "=ER.ALLOCATE_CUT(A1:A3,1)", 1, { arrayRange: { start: { row: 0, col: 1 }, end: { row: 2, col: 1 } } }),
      cell("S1", 5, 0, "=B3+1", 2),
    ];
    const p = plan({ S1: [], S2: [], S3: [], Sum: [] }, formulas);
    expect(p.recomputed).toEqual([true, true, true, true]);
    expect(p.reasons[1]).toMatch(/3-D reference S1:S3!A1/);
  });

  test("--recompute-all puts every formula in the set; names of letters then digits are names", () => {
    const formulas = [cell("S", 0, 1, "=Global1*2", 2)];
    const p = plan({ S: [[1, "=Global1*2"]] }, formulas, [{ name: "Global1", expression: "S!$A$1" }], true);
    expect(p.recomputed).toEqual([true]);
    expect(p.reasons[0]).toBeUndefined();
    const e = Engine.create(p.sheets, { names: [{ name: "Global1", expression: "S!$A$1" }, { name: "Emission2019", expression: "7" }] });
    try {
      expect(e.getValue("S", 0, 1)).toBe(2);
      e.setCell("S", 1, 0, "=Emission2019+Global1");
      expect(e.getValue("S", 1, 0)).toBe(8);
    } finally {
      e.destroy();
    }
  });
});
