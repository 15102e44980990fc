/**
 * ROUND, ROUNDUP and ROUNDDOWN in the engine give Excel's values on the decimal ties that binary floating
 * point cannot hold, where HyperFormula's own functions gave another number (ROUND(1.005,2) = 1,
 * ROUND(0.285,2) = 0.28, ROUNDDOWN(0.57,2) = 0.56). The examples of Excel's documentation of the three are
 * in closure.test.ts, with the rest of the verified functions.
 */
import { Engine } from "../../src/engine/engine";
import { excelRound } from "../../src/engine/rounding";

const CASES: [string, number][] = [
  // decimal ties and exact decimals that binary cannot hold
  ["=ROUND(1.005,2)", 1.01],
  ["=ROUND(0.285,2)", 0.29],
  ["=ROUND(-1.005,2)", -1.01],
  ["=ROUNDDOWN(0.57,2)", 0.57],
  ["=ROUNDUP(1.1,1)", 1.1],
  ["=TRUNC(-1.57,1)", -1.5],
  // places cut to a whole number, the default 0
  ["=ROUND(1.2345,2.7)", 1.23],
  ["=ROUND(2.5)", 3],
  ["=ROUND(-2.5,0)", -3],
];

test.each(CASES)("%s gives %p as in Excel", (formula, expected) => {
  const engine = Engine.create({ S: [[formula]] });
  expect(engine.getValue("S", 0, 0)).toBe(expected);
});

test("a result of a formula rounds as the number Excel shows: 10.003E9 * 50 * 1E-9 is 500.15, ROUND(...,1) 500.2", () => {
  const engine = Engine.create({ S: [["=ROUND(10.003E9*50*10^-9,1)", "=10.003E9*50*10^-9"]] });
  expect(engine.getValue("S", 0, 0)).toBe(500.2);
});

test("text is refused as HyperFormula refuses it; zero, infinities and more places than a number has are left as they are", () => {
  const engine = Engine.create({ S: [['=ROUND("x",1)']] });
  expect(engine.getValue("S", 0, 0)).toMatchObject({ error: "#VALUE!" });
  expect(excelRound(0, 2, "up")).toBe(0);
  expect(excelRound(1.5, 400, "nearest")).toBe(1.5);
  expect(excelRound(123.456, 20, "down")).toBe(123.456);
});
