/**
 * The CLI run in-process (the same code the bin runs): recalc, audit, demo; exit codes, --json shapes,
 * --force, messages in English and Chinese, and that inputs are never written to.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { cliKeys } from "../../src/i18n/cli";
import { sha256, tempDir, unreadableFiles, writeWorkbook, type CellSpec } from "../engine/fixtures";
import { runCli, type CliRun } from "./run";

const run = (argv: string[], options: { env?: Record<string, string>; tty?: boolean; cwd?: string } = {}): Promise<CliRun> =>
  runCli(argv, { env: options.env, tty: options.tty, cwd: options.cwd ?? tmp.dir });

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

/** A regulator's workbook: Table 3 rows of one plant, with one stale stored value (G3). */
const PLANTS: CellSpec[][] = [
  ["EIA 1", "EIA 2", "EIA 3", "Perf 1", "Perf 2", "Perf 3", "Right"],
  [1562, 3500, "/", 2268, 4640, "/", { formula: "_xldudf_ER_INITIAL_RIGHT_PHASED(A2:C2,D2:F2)", result: 5062 }],
  [4014, 12042, 2220, 4152, 8303, 1890, { formula: "_xldudf_ER_INITIAL_RIGHT_PHASED(A3:C3,D3:F3)", result: 14345 }],
  ["-", "-", 1938, 4151.5, 8303, 945, { formula: "INITIAL_RIGHT_PHASED(A4:C4,D4:F4)", result: 13399.5 }],
  [{ formula: "SUM(G2:G4)", result: 32806.5 }, { formula: "ER.METHOD_DIFFERENCE(A3:C3,D3:F3)", result: 138 }, { formula: "ER.EIA_TOTAL(A4:C4,D4:F4)", result: { error: "#N/A" } }],
];

async function plantsFile(name = "plants.xlsx", rows: CellSpec[][] = PLANTS): Promise<string> {
  const file = join(tmp.dir, name);
  await writeWorkbook(file, { "表3 Table 3": rows }, (wb) => {
    const ws = wb.getWorksheet("表3 Table 3")!;
    for (const a of ["G2", "G3", "G4", "A5", "B5", "C5"]) ws.getCell(a).numFmt = "0.00";
  });
  return file;
}

async function cleanFile(name: string): Promise<string> {
  const rows = PLANTS.map((r) => [...r]);
  rows[2][6] = { formula: "_xldudf_ER_INITIAL_RIGHT_PHASED(A3:C3,D3:F3)", result: 14207 };
  rows[4] = [{ formula: "SUM(G2:G4)", result: 32668.5 }, { formula: "ER.METHOD_DIFFERENCE(A3:C3,D3:F3)", result: 138 }];
  return plantsFile(name, rows);
}

describe("recalc --json", () => {
  test("one document: every formula cell with exactly sheet, address, formula, value, previous", async () => {
    const file = await plantsFile();
    const before = sha256(file);
    const r = await run(["recalc", file, "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { cells: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(["cells"]);
    for (const c of doc.cells) expect(Object.keys(c)).toEqual(["sheet", "address", "formula", "value", "previous"]);
    const at = (a: string) => doc.cells.find((c) => c.address === a);
    expect(doc.cells.map((c) => c.address)).toEqual(["G2", "G3", "G4", "A5", "B5", "C5"]);
    expect(at("G2")).toEqual({ sheet: "表3 Table 3", address: "G2", formula: "=_xldudf_ER_INITIAL_RIGHT_PHASED(A2:C2,D2:F2)", value: 5062, previous: 5062 });
    expect(at("G3")).toMatchObject({ value: 14207, previous: 14345 });
    expect(at("G4")).toMatchObject({ formula: "=INITIAL_RIGHT_PHASED(A4:C4,D4:F4)", value: 13399.5 });
    expect(at("A5")).toMatchObject({ value: 5062 + 14207 + 13399.5, previous: 32806.5 });
    expect(at("C5")).toMatchObject({ value: "#N/A", previous: "#N/A" });
    expect(r.err).toBe("");
    expect(sha256(file)).toBe(before);
  });

  test("previous is null when the file holds no value; booleans and text stay what they are", async () => {
    const file = join(tmp.dir, "kinds.xlsx");
    await writeWorkbook(file, { S: [[1, { formula: "A1>0" }, { formula: '"t/a"', result: "t/a" }, { formula: "A1=2", result: false }]] });
    // --recompute-all: none of them depends on an ER function, so by default they would keep the file's values.
    const doc = JSON.parse((await run(["recalc", file, "--json", "--recompute-all"])).out) as { cells: { value: unknown; previous: unknown }[] };
    expect(doc.cells.map((c) => [c.value, c.previous])).toEqual([
      [true, null],
      ["t/a", "t/a"],
      [false, false],
    ]);
  });

  test("with --out, stdout stays one JSON document and the copy is written", async () => {
    const file = await plantsFile();
    const out = join(tmp.dir, "copy.xlsx");
    const r = await run(["recalc", file, "--out", out, "--json"]);
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.out)).not.toThrow();
    expect(r.err).toContain("copy.xlsx");
    const copy = JSON.parse((await run(["recalc", out, "--json"])).out) as { cells: { value: unknown; previous: unknown }[] };
    for (const c of copy.cells) expect(c.previous).toEqual(c.value);
  });
});

describe("recalc, readable report", () => {
  test("counts and the table of changed cells", async () => {
    const file = await plantsFile();
    const r = await run(["recalc", file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("plants.xlsx: 6 formulas recalculated, 2 changed, 1 errors");
    expect(r.out).toMatch(/G3 .*14345 +14207/);
    expect(r.out).toMatch(/A5 .*32806\.5 +32668\.5/);
  });

  test("a clean file says so", async () => {
    const r = await run(["recalc", await cleanFile("clean.xlsx")]);
    expect(r.out).toContain("0 changed");
    expect(r.out).toContain("Every stored value matches");
  });

  test("--out refuses to replace a file without --force, replaces it with --force", async () => {
    const file = await plantsFile();
    const out = join(tmp.dir, "out.xlsx");
    writeFileSync(out, "old");
    const refused = await run(["recalc", file, "-o", out]);
    expect(refused.code).toBe(3);
    expect(refused.err.trim().split("\n")).toHaveLength(1);
    expect(refused.err).toContain("--force");
    expect(readFileSync(out, "utf8")).toBe("old");
    const forced = await run(["recalc", file, "-o", out, "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });

  test("--out never writes to the input, even with --force", async () => {
    const file = await plantsFile();
    const before = sha256(file);
    const r = await run(["recalc", file, "--out", file, "--force"]);
    expect(r.code).toBe(3);
    expect(sha256(file)).toBe(before);
  });

  test("an unreadable input with --out leaves no output and no temporary file", async () => {
    const bad = join(tmp.dir, "bad.xlsx");
    writeFileSync(bad, "not a workbook");
    const r = await run(["recalc", bad, "--out", join(tmp.dir, "out.xlsx")]);
    expect(r.code).toBe(2);
    expect(readdirSync(tmp.dir)).toEqual(["bad.xlsx"]);
  });
});

describe("unreadable files: one line naming the file and why, exit 2, no stack trace", () => {
  test("each kind, with recalc and with audit", async () => {
    const files = await unreadableFiles(tmp.dir);
    for (const [kind, file] of Object.entries(files)) {
      const before = sha256(file);
      for (const argv of [["recalc", file], ["recalc", file, "--json"], ["audit", file]]) {
        const r = await run(argv);
        expect([kind, argv[0], r.code]).toEqual([kind, argv[0], 2]);
        const lines = r.err.trim().split("\n");
        expect([kind, lines.length]).toEqual([kind, 1]);
        expect(lines[0]).toContain(file.split("/").pop());
        expect(lines[0]).not.toMatch(/\bat .*\(|Error:/);
        if (argv[1] === "--json") expect(r.out).toBe("");
      }
      expect(sha256(file)).toBe(before);
    }
  });

  test("the reasons are told apart", async () => {
    const files = await unreadableFiles(tmp.dir);
    const reason = async (f: string) => (await run(["recalc", f])).err;
    expect(await reason(files.random)).toMatch(/not an \.xlsx file/);
    expect(await reason(files.truncated)).toMatch(/truncated/);
    expect(await reason(files.encrypted)).toMatch(/encrypted/);
    expect(await reason(files.legacy)).toMatch(/97-2003/);
    expect(await reason(files.noWorkbook)).toMatch(/workbook\.xml/);
    expect(await reason(files.docx)).toMatch(/Word/);
    expect(await reason(files.empty)).toMatch(/empty/);
    expect(await reason(join(tmp.dir, "missing.xlsx"))).toMatch(/no such file/);
  });
});

describe("audit", () => {
  test("a clean workbook: exit 0, a summary table", async () => {
    const file = await cleanFile("clean.xlsx");
    const r = await run(["audit", file]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/clean\.xlsx +5 +4 +0 +0 +0 +0 +0 +clean/);
    expect(r.out).toContain("1 clean, 0 with differences, 0 unreadable");
  });

  test("differences: exit 1, the cells listed", async () => {
    const file = await plantsFile();
    const r = await run(["audit", file]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/G3 .*differs +14345 +14207/);
    expect(r.out).toMatch(/A5 .*differs/);
    expect(r.out).toMatch(/C5 .*ER error +#N\/A +#N\/A\n +Why: phase 1 has no EIA figure/); // stored as computed, but an ER error
  });

  test("many differences: the first 200 listed and the rest counted, --json has them all; 150,000 rows never overflow the stack", async () => {
    // 150,000 stale ER cells (a province's plants): the table's column widths were Math.max(...rows).
    const rows: CellSpec[][] = Array.from({ length: 150000 }, (_, i) => [2e9, 100, { formula: `ER.PERFORMANCE_EMISSION(A${i + 1},B${i + 1})`, result: 1 }]);
    const file = join(tmp.dir, "many.xlsx");
    await writeWorkbook(file, { S: rows });
    const r = await run(["audit", file]);
    expect([r.code, r.err]).toEqual([1, ""]);
    expect(r.out.match(/ differs /g)?.length).toBe(200);
    expect(r.out).toContain("… and 149800 more");
    const j = await run(["audit", "--json", file]);
    expect((JSON.parse(j.out) as { files: { findings: unknown[] }[] }).files[0].findings.length).toBe(150000);
  }, 120000);

  test("a folder: every workbook, unreadable ones reported and the others still done; --json", async () => {
    const sub = join(tmp.dir, "2019", "福建");
    mkdirSync(sub, { recursive: true });
    await cleanFile("a-clean.xlsx");
    await plantsFile(join("2019", "b-stale.xlsx"));
    writeFileSync(join(sub, "c-broken.xlsx"), "garbage");
    writeFileSync(join(tmp.dir, "~$a-clean.xlsx"), "Excel's lock file");
    writeFileSync(join(tmp.dir, "notes.txt"), "not a workbook");
    const inputs = ["a-clean.xlsx", join("2019", "b-stale.xlsx"), join("2019", "福建", "c-broken.xlsx")].map((f) => join(tmp.dir, f));
    const hashes = inputs.map(sha256);

    const r = await run(["audit", tmp.dir]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("Auditing 3 workbooks");
    expect(r.err.trim().split("\n")).toEqual([expect.stringMatching(/c-broken\.xlsx: cannot be read: not an \.xlsx file/)]);
    expect(r.out).toContain("1 clean, 1 with differences, 1 unreadable");

    const j = await run(["audit", tmp.dir, "--json"]);
    expect(j.code).toBe(2);
    const doc = JSON.parse(j.out) as { files: Record<string, unknown>[]; summary: Record<string, number> };
    expect(doc.summary).toEqual({ files: 3, clean: 1, differences: 1, unreadable: 1 });
    expect(doc.files.map((f) => [f.file, f.status])).toEqual([
      [join("2019", "b-stale.xlsx"), "differences"],
      [join("2019", "福建", "c-broken.xlsx"), "unreadable"],
      ["a-clean.xlsx", "clean"],
    ]);
    const stale = doc.files[0] as { findings: { address: string; kind: string; stored: unknown; value: unknown }[]; counts: Record<string, number> };
    expect(stale.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ address: "G3", kind: "changed", stored: 14345, value: 14207 }), expect.objectContaining({ address: "C5", kind: "erError", value: "#N/A" })]),
    );
    expect(doc.files[1]).toMatchObject({ reason: "notZip", message: expect.stringContaining("zip") });
    expect(inputs.map(sha256)).toEqual(hashes);
  });

  test("the progress bar is drawn on stderr only on a terminal and for more than one file", async () => {
    await cleanFile("a.xlsx");
    await cleanFile("b.xlsx");
    const tty = await run(["audit", tmp.dir], { tty: true });
    expect(tty.err).toMatch(/\r\[#*-*\] \d\/2/);
    expect(tty.out).not.toContain("\r");
    const piped = await run(["audit", tmp.dir], { tty: false });
    expect(piped.err).toBe("");
    const single = await run(["audit", join(tmp.dir, "a.xlsx")], { tty: true });
    expect(single.err).toBe("");
  });

  test("a folder without workbooks is clean", async () => {
    const r = await run(["audit", tmp.dir]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("no .xlsx workbooks");
  });
});

describe("demo", () => {
  test("prints Table 5 as the functions compute it and the audit of the printed tables", async () => {
    const r = await run(["demo"], { cwd: join(__dirname, "..", "..") });
    expect(r.code).toBe(0);
    const data = JSON.parse(readFileSync(join(__dirname, "..", "..", "examples", "six-plants.json"), "utf8")) as {
      table5_comparison: { plants: number[]; so2: Record<string, number[]>; nox: Record<string, number[]> };
      known_inconsistencies_in_print: string[];
    };
    const t5 = data.table5_comparison;
    t5.plants.forEach((p, i) => {
      const cells = [p, t5.so2.phased[i], t5.so2.total[i], t5.so2.difference[i], t5.nox.phased[i], t5.nox.total[i], t5.nox.difference[i]];
      expect(r.out).toMatch(new RegExp(`^ +${cells.map((c) => String(c).replace(".", "\\.")).join(" +")}$`, "m"));
    });
    expect(r.out).toMatch(/Audit of the printed tables: \d+ numbers compared with the live formulas, 12 differ/);
    expect(r.out).toMatch(/plant 6 NOx performance total +4301\.1 +4301\.3/);
    expect(r.out).toMatch(/all \d+ formulas match/);
  });

  test("a file that is not the example", async () => {
    const r = await run(["demo", await cleanFile("other.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("not the six-plant example");
  });
});

describe("languages", () => {
  test("--lang zh-CN and LANG=zh_CN give Chinese; --lang wins over LANG", async () => {
    const bad = join(tmp.dir, "bad.xlsx");
    writeFileSync(bad, "x");
    const a = await run(["--lang", "zh-CN", "recalc", bad]);
    const b = await run(["recalc", bad], { env: { LANG: "zh_CN.UTF-8" } });
    const c = await run(["recalc", bad, "--lang", "en-US"], { env: { LANG: "zh_CN.UTF-8" } });
    expect(a.err).toBe(`bad.xlsx：无法读取：不是 .xlsx 文件（.xlsx 是 zip 压缩包，此文件不是）\n`);
    expect(b.err).toBe(a.err);
    expect(c.err).toBe("bad.xlsx: cannot be read: not an .xlsx file (an .xlsx is a zip package; this is not one)\n");
  });

  test("reports, summaries, Table 5 and help in Chinese", async () => {
    const r = await run(["audit", await plantsFile(), "--lang=zh-CN"]);
    expect(r.out).toContain("不一致");
    expect(r.out).toContain("汇总：0 个无差异，1 个有差异，0 个无法读取");
    const demo = await run(["demo", "--lang", "zh-CN"], { cwd: join(__dirname, "..", "..") });
    expect(demo.out).toContain("排污单位");
    expect(demo.out).toContain("印刷表格核对");
    const help = await run(["--help"], { env: { LANG: "zh_CN.UTF-8" } });
    expect(help.code).toBe(0);
    expect(help.out).toContain("用法：");
    expect(help.out).toContain("重算工作簿");
  });

  test("both languages have the same message keys", () => expect(cliKeys("zh-CN")).toEqual(cliKeys("en-US")));

  test("engine messages in error cells follow the language", async () => {
    const file = join(tmp.dir, "e.xlsx");
    await writeWorkbook(file, { S: [["x", 5, { formula: "_xldudf_ER_INITIAL_RIGHT(A1,B1)" }]] });
    const zh = await run(["audit", file, "--json", "--lang", "zh-CN"]);
    const en = await run(["audit", file, "--json"]);
    const message = (r: CliRun) => (JSON.parse(r.out) as { files: { findings: { message?: string }[] }[] }).files[0].findings[0].message ?? "";
    expect(message(zh)).toMatch(/环评批复量/);
    expect(message(en)).toMatch(/eia/);
  });
});

describe("usage", () => {
  test.each([
    [["--help"], 0],
    [["--version"], 0],
    [["recalc", "--help"], 0],
    [[], 64],
    [["recalc"], 64],
    [["frobnicate"], 64],
    [["recalc", "a.xlsx", "--bogus"], 64],
    [["--lang", "fr", "demo"], 64],
    [["recalc", "a.xlsx", "b.xlsx"], 64],
  ])("%j -> exit %i", async (argv, code) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(code);
    if (code === 64) expect(r.err).toMatch(/emission-rights: |Usage/);
  });
});

test("a workbook written by Excel-like tools without ExcelJS's defaults still reads (inline strings, no styles)", async () => {
  // Minimal package by hand: what other tools (and Excel for some cells) write.
  const { makeZip } = await import("../engine/fixtures");
  const file = join(tmp.dir, "hand.xlsx");
  const ct =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
  const wbXml =
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="rate">0.5</definedName></definedNames></workbook>';
  const wbRels =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
  const sheet =
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1562</v></c><c r="B1"><v>2268</v></c><c r="C1"><f>_xldudf_ER_INITIAL_RIGHT(A1,B1)*rate</f><v>781</v></c><c r="D1" t="inlineStr"><is><t>-</t></is></c><c r="E1"><f>_xldudf_ER_INITIAL_RIGHT(D1,B1)</f><v>2268</v></c></row></sheetData></worksheet>';
  writeFileSync(file, makeZip({ "[Content_Types].xml": ct, "_rels/.rels": rels, "xl/workbook.xml": wbXml, "xl/_rels/workbook.xml.rels": wbRels, "xl/worksheets/sheet1.xml": sheet }));
  const r = await run(["recalc", file, "--json"]);
  expect(r.code).toBe(0);
  expect((JSON.parse(r.out) as { cells: { value: unknown }[] }).cells.map((c) => c.value)).toEqual([781, 2268]);
  expect(existsSync(file)).toBe(true);
  void ExcelJS;
});
