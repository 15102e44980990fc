/**
 * Long and deep formulas (issue 11, section 4), and what an ER call nested in another call or lifted over a
 * range records for its cell (defects B1, B3).
 */
import { Engine } from "../../src/engine/engine";
import { findFunction } from "../../src/functions/registry";

describe("long and deep formulas", () => {
  const ones = Array.from({ length: 4200 }, () => [1]);

  test("a chain of 900 terms, 64 nested IFs and 64 nested parentheses compute", () => {
    const chain = "=" + Array.from({ length: 900 }, (_, i) => `S!A${i + 1}`).join("+");
    const ifs = "=" + "IF(TRUE,".repeat(64) + "7" + ",0)".repeat(64);
    const parens = "=" + "(".repeat(64) + "5" + ")".repeat(64);
    const e = Engine.create({ S: ones, F: [[chain], [ifs], [parens]] });
    expect([e.getValue("F", 0, 0), e.getValue("F", 1, 0), e.getValue("F", 2, 0)]).toEqual([900, 7, 5]);
    e.destroy();
  });

  test("a formula the parser cannot read is not computed, alone: the rest of the workbook is", () => {
    const chain = "=" + Array.from({ length: 4096 }, () => "1").join("+"); // 8,191 characters: within Excel's limit
    const e = Engine.create({ S: ones, F: [[chain], ["=SUM(S!A1:A10)"]] });
    expect(e.getValue("F", 0, 0)).toMatchObject({ error: "#ERROR!", message: expect.stringContaining("8,192") });
    expect(e.getValue("F", 1, 0)).toBe(10);
    e.destroy();
  });
});

describe("an ER call inside another call", () => {
  test("gives its result to the outer call and no spill size to the cell (B1)", () => {
    const e = Engine.create({
      S: [
        [11.34e9, 200, 1562, "=ER.INITIAL_RIGHT(C1,ER.PERFORMANCE_EMISSION(A1,B1))", "=ER.INITIAL_RIGHT(ER.PERFORMANCE_EMISSION(A1,B1),C1)"],
        [1, 2, 3, '=ER.INITIAL_RIGHT(C1,INDEX(ER.EXPLAIN_RIGHT(C1:C2,C1:C2),1,2))', "=SUM(ER.PERFORMANCE_EMISSION(A1:A2,B1:B2))"],
      ],
    });
    expect([e.getValue("S", 0, 3), e.getValue("S", 0, 4), e.getValue("S", 1, 4)]).toEqual([1562, 1562, 2268.000000002]);
    expect(e.getValue("S", 1, 3)).toBe(1562); // the explanation's first right, read by INDEX
    // Nothing spilled below or beside them.
    expect([e.getValue("S", 2, 3), e.getValue("S", 2, 4), e.getValue("S", 0, 5)]).toEqual([null, null, null]);
    e.destroy();
  });

  test("a lifted call gives each result unrounded, as a single call does (B3)", () => {
    const volumes = [1.23456789012345e9, 9.87654321098765e9, 3.33333333333333e9];
    const limits = [123.456789, 77.7777777, 33.3333333];
    const e = Engine.create({ S: volumes.map((v, i) => [v, limits[i], null]) });
    e.setCell("S", 0, 3, "=ER.PERFORMANCE_EMISSION(A1:A3,B1:B3)");
    const impl = findFunction("PERFORMANCE_EMISSION")!.impl;
    for (let r = 0; r < 3; r++) {
      const expected = impl(volumes[r], limits[r], null) as number;
      expect(Object.is(e.getValue("S", r, 3), expected)).toBe(true);
      e.setCell("S", r, 2, `=ER.PERFORMANCE_EMISSION(A${r + 1},B${r + 1})`);
      expect(e.getValue("S", r, 2)).toBe(e.getValue("S", r, 3));
    }
    e.destroy();
  });
});
