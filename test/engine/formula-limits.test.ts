/**
 * Long and deep formulas (issue 11, section 4), and what an ER call nested in another call or lifted over a
 * range records for its cell (defects B1, B3).
 */
import { Engine } from "../../src/engine/engine";
import { findFunction } from "../../src/functions/registry";

describe("long and deep formulas", () => {
  // 4,200 numbers with decimals, so that the order of the additions shows in the last bits.
  const numbers = Array.from({ length: 4200 }, (_, i) => [(i * 7919) % 1000 / 7 + 0.1]);
  const chainOf = (n: number, op: string, at = 0) => Array.from({ length: n }, (_, i) => `S!A${at + i + 1}`).join(op);
  /**
   * The same chain computed in steps of 30 terms, each step a short chain in its own cell (column A of its
   * sheet) that starts from the previous step's cell: the same operations in the same order. Returns the cells; the last one is the chain's value.
   */
  const steps = (n: number, op: string): string[][] => {
    const out = [[`=${chainOf(Math.min(30, n), op)}`]];
    for (let at = 30; at < n; at += 30) out.push([`=A${out.length}${op}${chainOf(Math.min(30, n - at), op, at)}`]);
    return out;
  };
  const grouped = (n: number, op: string) => {
    let text = chainOf(Math.min(30, n), op);
    for (let at = 30; at < n; at += 30) text = `(${text})${op}${chainOf(Math.min(30, n - at), op, at)}`;
    return `=${text}`;
  };

  test("a chain of 1,149 terms (the file of the issue) and one of 8,191 characters compute, as the same chain in short steps", () => {
    const long = `=${chainOf(1149, "+")}`;
    const ones = "=" + Array.from({ length: 4096 }, () => "1").join("+"); // 8,191 characters: within Excel's 8,192
    const minus = `=${chainOf(1500, "-")}`;
    const plus = steps(1149, "+");
    const less = steps(1500, "-");
    const e = Engine.create({ S: numbers, F: [[long], [ones], [minus], [grouped(1500, "-")]], G: plus, H: less });
    const v = (r: number) => e.getValue("F", r, 0);
    expect(typeof v(0)).toBe("number");
    expect(Object.is(v(0), e.getValue("G", plus.length - 1, 0))).toBe(true);
    expect(v(1)).toBe(4096);
    expect(Object.is(v(2), e.getValue("H", less.length - 1, 0))).toBe(true);
    // Parentheses around the first terms (a chain written in groups, 50 levels deep) change nothing either.
    expect(Object.is(v(3), v(2))).toBe(true);
    e.destroy();
  });

  test("errors and overflows in a long chain are those of a short one", () => {
    const e = Engine.create({
      F: [["=1/0+" + Array.from({ length: 100 }, () => "1").join("+")], ["=" + Array.from({ length: 100 }, () => "1e308").join("+")], ['="a"&' + Array.from({ length: 100 }, () => '"b"').join("&")]],
    });
    expect(e.getValue("F", 0, 0)).toMatchObject({ error: "#DIV/0!" });
    expect(e.getValue("F", 1, 0)).toMatchObject({ error: "#NUM!" });
    expect(e.getValue("F", 2, 0)).toBe("a" + "b".repeat(100));
    e.destroy();
  });

  test("64 nested IFs, 64 nested parentheses and 64 nested functions compute", () => {
    const ifs = "=" + "IF(TRUE,".repeat(64) + "7" + ",0)".repeat(64);
    const parens = "=" + "(".repeat(64) + "5" + ")".repeat(64);
    const abs = "=" + "ABS(".repeat(64) + "-3" + ")".repeat(64);
    const e = Engine.create({ F: [[ifs], [parens], [abs]] });
    expect([e.getValue("F", 0, 0), e.getValue("F", 1, 0), e.getValue("F", 2, 0)]).toEqual([7, 5, 3]);
    e.destroy();
  });

  test("a formula the parser cannot read is not computed, alone: the rest of the workbook is", () => {
    const deep = "=" + "(".repeat(1000) + "1" + ")".repeat(1000); // far past Excel's 64 levels
    const e = Engine.create({ S: numbers, F: [[deep], ["=SUM(S!A1:A2)"]] });
    expect(e.getValue("F", 0, 0)).toMatchObject({ error: "#ERROR!", message: expect.stringContaining("8,192") });
    expect(e.getValue("F", 1, 0)).toBeCloseTo(numbers[0][0] + numbers[1][0], 10);
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

  test("an explanation read by INDEX inside another ER call does not make that call spill (B1)", () => {
    // Its result is one cell, whatever INDEX gives (HyperFormula's INDEX refuses a row of 0: an error in one cell);
    // the explanation's size (2 phases) used to be taken for the outer call's, which then spilled over D2.
    const e = Engine.create({ S: [[null, null, 1562, "=ER.EIA_TOTAL(INDEX(ER.EXPLAIN_RIGHT(C1:C2,C1:C2),0,2),C1:C2)"], [null, null, 3]] });
    expect(e.isFormula("S", 0, 3)).toBe(true);
    expect([e.getValue("S", 1, 3), e.getValue("S", 0, 4), e.spillParent("S", 1, 3)]).toEqual([null, null, undefined]);
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
