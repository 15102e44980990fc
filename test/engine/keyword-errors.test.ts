/**
 * An error value given to a keyword parameter is passed on as Excel passes errors on (defect B5), for every
 * keyword parameter of the registry, whatever the error and however it arrives (an error, or #NULL!, which
 * HyperFormula holds as text).
 */
import { Engine, type CellInput } from "../../src/engine/engine";
import { FUNCTIONS } from "../../src/functions/registry";
import { formatMessage } from "../../src/i18n/messages";

/** One call per keyword parameter: A1 is the keyword, the other arguments are valid. */
const CALLS: readonly { fn: string; param: string; formula: string; valid: CellInput }[] = [
  { fn: "PERFORMANCE_EMISSION", param: "medium", formula: "=ER.PERFORMANCE_EMISSION(11340000000,200,A1)", valid: "gas" },
  { fn: "ACTUAL_EMISSION", param: "rule", formula: "=ER.ACTUAL_EMISSION(1,2,3,4,A1)", valid: "max" },
  { fn: "ALLOCATE_CUT", param: "method", formula: "=ER.ALLOCATE_CUT(B1:B2,250,A1)", valid: "proportional" },
  { fn: "EMISSION_LIMIT", param: "standard", formula: '=ER.EMISSION_LIMIT(A1,"SO2","2012-01-01")', valid: "GB13223-2011" },
  { fn: "EMISSION_LIMIT", param: "pollutant", formula: '=ER.EMISSION_LIMIT("GB13223-2011",A1,"2012-01-01")', valid: "SO2" },
  { fn: "EMISSION_LIMIT", param: "boiler", formula: '=ER.EMISSION_LIMIT("GB13223-2011","SO2","2012-01-01",A1)', valid: null },
  { fn: "EMISSION_LIMIT", param: "region", formula: '=ER.EMISSION_LIMIT("GB13223-2011","SO2","2012-01-01",,A1)', valid: null },
  { fn: "EMISSION_LIMIT_CLAUSE", param: "pollutant", formula: '=ER.EMISSION_LIMIT_CLAUSE("GB13223-2011",A1,"2012-01-01")', valid: "SO2" },
  { fn: "REFERENCE_CONCENTRATION", param: "reference", formula: "=ER.REFERENCE_CONCENTRATION(120,9,A1)", valid: 6 },
];

function valueWith(keyword: CellInput, formula: string) {
  const e = Engine.create({ S: [[keyword, 100, formula], [null, 200]] });
  const v = e.getValue("S", 0, 2);
  e.destroy();
  return v;
}

test("the calls cover every keyword parameter of the registry", () => {
  // EMISSION_LIMIT_CLAUSE reads its arguments as EMISSION_LIMIT does (limitOf): one of its parameters is tried.
  const same = (key: string) => key.replace("EMISSION_LIMIT_CLAUSE.", "EMISSION_LIMIT.");
  const declared = FUNCTIONS.flatMap((f) => f.params.filter((p) => p.kind === "keyword").map((p) => same(`${f.id}.${p.name}`)));
  expect(new Set(CALLS.map((c) => same(`${c.fn}.${c.param}`)))).toEqual(new Set(declared));
});

describe.each(CALLS)("$fn's $param", ({ param, formula, valid }) => {
  test("computes with a valid keyword", () => {
    expect(valueWith(valid, formula)).not.toHaveProperty("error");
  });

  test.each([
    ["#NULL!", "#NULL!", "#VALUE!"],
    ["=1/0", "#DIV/0!", "#VALUE!"],
    ["=NA()", "#N/A", "#N/A"],
    ["#REF!", "#REF!", "#VALUE!"],
  ])("given %s passes the error on, naming it", (input, shown, code) => {
    // The error named as the cell's (not looked up as a word: "unknown medium \"#NULL!\"").
    expect(valueWith(input, formula)).toEqual({ error: code, message: formatMessage("en-US", "cellError", { arg: param, error: shown }) });
  });
});
