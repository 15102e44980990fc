/**
 * ROUND, ROUNDUP and ROUNDDOWN as Excel computes them. HyperFormula scales the binary number
 * (`x * 10^places`), so a decimal tie that binary cannot hold falls on the wrong side: ROUND(1.005, 2)
 * gives 1 and ROUND(0.285, 2) 0.28 where Excel gives 1.01 and 0.29, and ROUNDDOWN(0.57, 2) gives 0.56.
 * Excel rounds the number as it shows it, at 15 significant digits, and cuts `places` to a whole number.
 * These replace HyperFormula's three (TRUNC stays ROUNDDOWN's alias).
 */
import { FunctionArgumentType, FunctionPlugin, HyperFormula } from "hyperformula";

/** What HyperFormula hands a function method: the call's node (its arguments) and the evaluation state. */
type Call = Parameters<FunctionPlugin["runFunction"]>;

type Mode = "nearest" | "up" | "down";

/** |x| times 10^places, computed on x's 15-significant-digit decimal text (exact for a decimal tie). */
function scaled(x: number, places: number): number {
  const [mantissa, exponent = "0"] = Math.abs(x).toPrecision(15).split("e");
  return Number(`${mantissa}e${Number(exponent) + places}`);
}

/** x rounded to `places` decimal places (negative: to tens, hundreds, ...) the way Excel rounds. */
export function excelRound(x: number, places: number, mode: Mode): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const p = Math.trunc(places);
  const s = scaled(x, p);
  if (!Number.isFinite(s)) return x;
  const whole = mode === "nearest" ? Math.floor(s + 0.5) : mode === "up" ? Math.ceil(s) : Math.floor(s);
  const r = scaled(whole, -p);
  return x < 0 ? -r : r;
}

const NUMBER_AND_PLACES = [{ argumentType: FunctionArgumentType.NUMBER }, { argumentType: FunctionArgumentType.NUMBER, defaultValue: 0 }];

class ExcelRoundingPlugin extends FunctionPlugin {
  static implementedFunctions = {
    ROUND: { method: "round", parameters: NUMBER_AND_PLACES },
    ROUNDUP: { method: "roundup", parameters: NUMBER_AND_PLACES },
    ROUNDDOWN: { method: "rounddown", parameters: NUMBER_AND_PLACES },
  };

  round(ast: { args: Call[0] }, state: Call[1]): unknown {
    return this.runFunction(ast.args, state, this.metadata("ROUND"), (x: number, p: number) => excelRound(x, p, "nearest"));
  }

  roundup(ast: { args: Call[0] }, state: Call[1]): unknown {
    return this.runFunction(ast.args, state, this.metadata("ROUNDUP"), (x: number, p: number) => excelRound(x, p, "up"));
  }

  rounddown(ast: { args: Call[0] }, state: Call[1]): unknown {
    return this.runFunction(ast.args, state, this.metadata("ROUNDDOWN"), (x: number, p: number) => excelRound(x, p, "down"));
  }
}

let registered = false;

/** Puts Excel's rounding in place of HyperFormula's, once per process. */
export function registerExcelRounding(): void {
  if (registered) return;
  for (const id of Object.keys(ExcelRoundingPlugin.implementedFunctions)) {
    HyperFormula.unregisterFunction(id);
    HyperFormula.registerFunction(id, ExcelRoundingPlugin as never);
  }
  registered = true;
}
