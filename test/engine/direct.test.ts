/**
 * Plain ER calls computed without HyperFormula (src/engine/direct.ts, src/engine/computed.ts) give what the
 * engine alone gives, cell for cell: value, error, message, whether verified, and what the copy writes.
 * Generated workbooks mix plain calls (every argument form, every name form, wrong argument counts, chains
 * of calls reading calls, cycles) with formulas only the engine computes (lifting, spills, whole columns,
 * arithmetic, IFERROR around a call), over cells of every kind (numbers, marks, text that looks like a
 * formula or an error, errors the engine lacks, booleans, empty cells).
 */
import { writeFileSync } from "fs";
import { join } from "path";
import { auditWorkbook } from "../../src/engine/audit";
import { valueUpdates } from "../../src/engine/copy";
import { Engine } from "../../src/engine/engine";
import { recalculated } from "../../src/engine/recalc";
import { readWorkbook, type LoadedWorkbook } from "../../src/engine/workbook";
import { random } from "../../bench/workbook";
import { makeZip, tempDir } from "./fixtures";
import { handmadeWorkbook } from "./package-fixtures";

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const colName = (c: number) => String.fromCharCode(65 + c);

type Cell = number | string | boolean | null | { error: string } | { text: string } | { formula: string };

/** A sheet's <sheetData> content from cells by [row][col] (0-based). */
function sheetData(rows: Cell[][]): string {
  return rows
    .map((row, r) => {
      const cells = row
        .map((v, c) => {
          const ref = `${colName(c)}${r + 1}`;
          if (v === null) return "";
          if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
          if (typeof v === "boolean") return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
          if (typeof v === "string") return `<c r="${ref}" t="inlineStr"><is><t>${xml(v)}</t></is></c>`;
          if ("error" in v) return `<c r="${ref}" t="e"><v>${v.error}</v></c>`;
          if ("text" in v) return `<c r="${ref}" t="inlineStr"><is><t>${xml(v.text)}</t></is></c>`;
          return `<c r="${ref}"><f>${xml(v.formula.slice(1))}</f><v>0</v></c>`;
        })
        .join("");
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join("");
}

function save(sheets: Record<string, Cell[][]>, name: string, definedNames = ""): string {
  const file = join(tmp.dir, name);
  const parts = handmadeWorkbook(Object.fromEntries(Object.entries(sheets).map(([n, rows]) => [n, sheetData(rows)])));
  if (definedNames) parts["xl/workbook.xml"] = String(parts["xl/workbook.xml"]).replace("</sheets>", `</sheets><definedNames>${definedNames}</definedNames>`);
  writeFileSync(file, makeZip(parts as Record<string, string>, { deflate: true }));
  return file;
}

/** Everything the CLI reports and writes of a workbook. */
function outcome(wb: LoadedWorkbook): unknown {
  const cells = recalculated(wb);
  return {
    cells: cells.map((c) => [c.sheet, c.address, c.value, c.isError, c.message ?? null, c.unsupported ?? null, c.recomputed, c.notVerified ?? false, c.notComputed ?? false]),
    audit: auditWorkbook(wb, cells).findings,
    updates: [...valueUpdates(wb, cells)].map(([s, m]) => [s, [...m]]),
  };
}

async function bothWays(file: string): Promise<{ direct: unknown; engine: unknown; wb: LoadedWorkbook }> {
  const wb = await readWorkbook(file);
  const direct = outcome(wb);
  wb.engine.destroy();
  const alone = await readWorkbook(file, { direct: false });
  const engine = outcome(alone);
  alone.engine.destroy();
  return { direct, engine, wb };
}

const SCALAR_FUNCTIONS: [string, number, number][] = [
  // [id, required arguments, all arguments]
  ["PERFORMANCE_EMISSION", 2, 3],
  ["INITIAL_RIGHT", 2, 2],
  ["INITIAL_RIGHT_PHASED", 2, 2],
  ["INITIAL_RIGHT_TOTAL", 2, 2],
  ["METHOD_DIFFERENCE", 2, 2],
  ["EIA_TOTAL", 2, 2],
  ["PERFORMANCE_TOTAL", 2, 2],
  ["EMISSION_LIMIT", 3, 6],
  ["EMISSION_LIMIT_CLAUSE", 3, 6],
  ["REFERENCE_CONCENTRATION", 3, 3],
  ["PERMITTED_EMISSION", 2, 3],
  ["ACTUAL_EMISSION", 4, 5],
  ["REGIONAL_TOTAL", 1, 1],
  ["ANNUAL_CHANGE", 2, 2],
  ["PERMIT_MARGIN", 2, 2],
];

function generated(seed: number): Record<string, Cell[][]> {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const numbers = [0, 1, 2.5, -3, 35, 50, 100, 200, 8304, 11340000000, 2.3e9, 1562.123456789, 0.1, 1e-9, 12.345678901234567, 1 / 3, 20210701, 44197];
  const texts = ["/", "-", "—", "无", "N/A", "", " ", "12.5", "abc", "SO2", "NOx", "dust", "GB13223-2011", "GB13223-2003", "coal", "2015-01-01", "proportional", "-10%"];
  const dataCell = (): Cell => {
    const x = rnd();
    if (x < 0.15) return null;
    if (x < 0.6) return pick(numbers);
    if (x < 0.85) return pick(texts);
    if (x < 0.9) return pick([{ text: "=1+1" }, { text: "#N/A" }, { text: "=" }]);
    if (x < 0.96) return { error: pick(["#N/A", "#DIV/0!", "#VALUE!", "#NULL!"]) };
    return rnd() < 0.5;
  };
  const grid = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, dataCell));
  const ROWS = 40;
  const sheets: Record<string, Cell[][]> = { Data: grid(30, 6), "Other sheet": grid(10, 3), 表1: grid(10, 3) };
  const prefixes = [
    ["Data!", 30, 6],
    ["Data!", 30, 6],
    ["'Other sheet'!", 10, 3],
    ["表1!", 10, 3],
    ["", ROWS, 4],
    ["Calc!", ROWS, 4],
  ] as const;
  const ref = (range: boolean): string => {
    const [prefix, rows, cols] = pick(prefixes);
    const r = Math.floor(rnd() * rows);
    const c = Math.floor(rnd() * cols);
    const abs = rnd() < 0.2 ? "$" : "";
    const a = `${abs}${colName(c)}${abs}${r + 1}`;
    if (!range) return prefix + a;
    const h = 1 + Math.floor(rnd() * 4);
    const w = rnd() < 0.2 ? 2 : 1;
    return `${prefix}${a}:${colName(Math.min(c + w - 1, cols - 1))}${Math.min(r + h, rows)}`;
  };
  const literal = () => pick(["100", "2E9", "1.5e3", ".5", '"SO2"', '"a""b"', '""', '"/"', "TRUE", "FALSE", "0"]);
  const argument = (): string => {
    const x = rnd();
    if (x < 0.45) return ref(false);
    if (x < 0.75) return ref(true);
    if (x < 0.9) return literal();
    return "";
  };
  const nameForm = (id: string) => pick([`ER.${id}`, `_xldudf_ER_${id}`, id]);
  const plain = (): string => {
    const [id, required, all] = pick(SCALAR_FUNCTIONS);
    const count = Math.max(0, required - (rnd() < 0.05 ? 1 : 0) + Math.floor(rnd() * (all - required + 1)) + (rnd() < 0.05 ? all - required + 1 : 0));
    const args = Array.from({ length: count }, argument);
    const space = rnd() < 0.1 ? " " : "";
    return `=${nameForm(id)}(${args.join(`,${space}`)})`;
  };
  const other = (): string =>
    pick([
      () => `=SUM(${ref(true)})`,
      () => `=IFERROR(${plain().slice(1)},-1)`,
      () => `=ER.INITIAL_RIGHT(Data!A1:A3,${ref(false)})`,
      () => `=${ref(false)}*2`,
      () => `=ER.EXPLAIN_RIGHT(${ref(true)},${ref(true)})`,
      () => `=(${plain().slice(1)})`,
      () => `=${plain().slice(1)}+0`,
    ])();
  sheets.Calc = Array.from({ length: ROWS }, () => Array.from({ length: 4 }, (): Cell => {
    const x = rnd();
    if (x < 0.1) return dataCell();
    return { formula: x < 0.88 ? plain() : other() };
  }));
  // Whole columns (the engine reads them to the used range; a call over them costs a second or so).
  if (seed % 8 === 0) sheets.Calc[ROWS - 1][0] = { formula: "=ER.EIA_TOTAL(Data!A:A,Data!B:B)" };
  return sheets;
}

describe("plain ER calls without the engine give what the engine gives", () => {
  test("generated workbooks: every cell's value, error, message, reason, audit finding and written value agree", async () => {
    let direct = 0;
    let formulas = 0;
    let withEngine = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const file = save(generated(seed), `g${seed}.xlsx`);
      const both = await bothWays(file);
      expect({ seed, ...(both.direct as object) }).toEqual({ seed, ...(both.engine as object) });
      direct += both.wb.engine.direct;
      formulas += both.wb.formulas.length;
      if (both.wb.engine.usesEngine) withEngine++;
    }
    // Both ways were really taken: most formulas directly, and the engine for the rest in most workbooks.
    expect(direct / formulas).toBeGreaterThan(0.2);
    expect(withEngine).toBeGreaterThan(12);
  }, 240000);

  test("a workbook of plain calls is computed without building the engine, each call exactly", async () => {
    const rows: Cell[][] = [
      [2e9, 100, { formula: "=ER.PERFORMANCE_EMISSION(A1,B1)" }, { formula: "=ER.INITIAL_RIGHT_PHASED(D2:D4,C1:C3)" }],
      [11340000000, 35, { formula: "=_xldudf_ER_PERFORMANCE_EMISSION(A2,B2)" }, 150],
      ["/", 50, { formula: "=PERFORMANCE_EMISSION(A3,B3)" }, 300],
    ];
    const file = save({ S: rows }, "plain.xlsx");
    const create = jest.spyOn(Engine, "create");
    try {
      const wb = await readWorkbook(file);
      expect(create).not.toHaveBeenCalled();
      expect([wb.engine.direct, wb.engine.usesEngine]).toEqual([4, false]);
      expect(recalculated(wb).map((c) => [c.address, c.value])).toEqual([
        ["C1", 200],
        ["D1", 150 + 300], // phase 3 has neither figure ("/" and an empty cell): no phase
        ["C2", 396.9],
        ["C3", "/"],
      ]);
    } finally {
      create.mockRestore();
    }
  });

  test("a workbook with nothing to recompute (no ER formula) is audited from its stored values without building the engine", async () => {
    const rows: Cell[][] = [
      [1, 2, { formula: "=A1+B1" }, { formula: "=SUM(A1:B1)" }, "text"],
      [{ text: "=1+1" }, { error: "#N/A" }, true],
    ];
    const file = save({ S: rows }, "no-er.xlsx");
    const create = jest.spyOn(Engine, "create");
    try {
      const wb = await readWorkbook(file);
      expect(create).not.toHaveBeenCalled();
      expect([wb.engine.usesEngine, wb.engine.getValue("S", 0, 2), wb.engine.getValue("S", 1, 0), wb.engine.getValue("S", 1, 1), wb.engine.isFormula("S", 0, 3)]).toEqual([false, 0, "=1+1", { error: "#N/A" }, true]);
      expect(auditWorkbook(wb).clean).toBe(true);
    } finally {
      create.mockRestore();
    }
    // --recompute-all builds it, and the stale values (the fixture stores 0 for every formula) show.
    const all = await readWorkbook(file, { recomputeAll: true });
    expect([all.engine.usesEngine, auditWorkbook(all).findings.map((f) => [f.address, f.kind, f.value])]).toEqual([
      true,
      [
        ["C1", "changed", 3],
        ["D1", "changed", 3],
      ],
    ]);
  });

  test("every argument form a plain call may have, in every name form, agrees with the engine", async () => {
    const forms = ["A1", "$A$1", "S!A1", "'S'!A1", "s!a1", "A1:A1", "B1:B3", "100", "2E9", "1.5e3", ".5", '"SO2"', '"a""b"', '""', "TRUE", "false", "", " A1 "];
    const rows: Cell[][] = [[2e9, 100, null, "/", "SO2"], [1e9, 50], [null, "-"]];
    let r = 4;
    for (const id of ["PERFORMANCE_EMISSION", "INITIAL_RIGHT", "INITIAL_RIGHT_TOTAL", "EMISSION_LIMIT", "REGIONAL_TOTAL", "ANNUAL_CHANGE"]) {
      for (const a of forms) {
        for (const b of ["B1", "", "B1:B2", '"x"']) {
          rows[r++] = [{ formula: `=ER.${id}(${a},${b})` }, { formula: `=_xldudf_ER_${id}(${b},${a})` }, { formula: `=${id}(${a})` }, { formula: `=${id}(${a},${b},)` }];
        }
      }
    }
    const both = await bothWays(save({ S: rows }, "forms.xlsx"));
    expect(both.direct).toEqual(both.engine);
    expect(both.wb.engine.direct).toBeGreaterThan(500);
  });

  test("a defined name shaped like a cell: the engine reads the name, so nothing is computed directly", async () => {
    const rows: Cell[][] = [
      [2e9, 100, { formula: "=ER.PERFORMANCE_EMISSION(A1,B1)" }, { formula: "=ER.PERFORMANCE_EMISSION(A1,D1)" }, 50],
      [{ formula: "=ER.PERFORMANCE_EMISSION(2E9,S!D1)" }, { formula: "=ER.PERFORMANCE_EMISSION(A1,100)" }],
    ];
    const both = await bothWays(save({ S: rows }, "names.xlsx", '<definedName name="D1">S!$E$1</definedName>'));
    expect(both.direct).toEqual(both.engine);
    expect([both.wb.engine.direct, both.wb.engine.usesEngine]).toEqual([0, true]);
  });

  test("an array the engine spills over a cell a plain call reads: the engine computes the whole workbook", async () => {
    // B1 spills EXPLAIN_RIGHT's rows over B1:D2; A8 reads C2, which holds nothing until the spill.
    const rows: Cell[][] = [
      [100, { formula: "=ER.EXPLAIN_RIGHT(A1:A2,D1:D2)" }, null, 120],
      [80, null, null, 60],
      [],
      [],
      [],
      [],
      [],
      [{ formula: "=ER.PERFORMANCE_EMISSION(2E9,C2)" }],
    ];
    const both = await bothWays(save({ S: rows }, "spill.xlsx"));
    expect(both.direct).toEqual(both.engine);
    expect(both.wb.engine.direct).toBe(0);
    // C2 holds the performance emission of phase 2 (60 t/a) once spilled: 2E9 m3 at 60 mg/m3 is 120 t/a.
    expect((both.direct as { cells: unknown[][] }).cells.map((c) => [c[1], c[2]])).toEqual([
      ["B1", "eia"],
      ["A8", 120],
    ]);
  });

  test("a plain call's error reaches the formulas the engine computes with its message", async () => {
    const rows: Cell[][] = [
      ["abc", { formula: "=ER.PERFORMANCE_EMISSION(A1,100)" }, { formula: "=SUM(B1)" }, { formula: "=IFERROR(B1,-1)" }, { formula: "=ER.INITIAL_RIGHT(B1,5)" }],
    ];
    const both = await bothWays(save({ S: rows }, "errors.xlsx"));
    expect(both.direct).toEqual(both.engine);
    const cells = (both.direct as { cells: unknown[][] }).cells;
    expect(cells.map((c) => [c[1], c[2]])).toEqual([
      ["B1", "#VALUE!"],
      ["C1", "#VALUE!"],
      ["D1", -1],
      ["E1", "#VALUE!"],
    ]);
    expect(cells[1][4]).toBe(cells[0][4]);
    expect(both.wb.engine.direct).toBe(2);
  });
});
