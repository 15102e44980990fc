/**
 * The package reader (src/engine/package/): every fixture is an .xlsx package built here, part by part,
 * in the forms real writers use (Excel, LibreOffice, the Open XML SDK / ClosedXML, Go and Python
 * writers), and the hostile forms a reader must refuse quickly.
 */
import { spawnSync } from "child_process";
import { readFileSync, statSync, writeFileSync } from "fs";
import { join } from "path";
import { runCli, type CliRun } from "../cli/run";
import { WorkbookReadError } from "../../src/engine/errors";
import { readPackage, type ReadWorkbook } from "../../src/engine/package/read";
import { resolveTarget } from "../../src/engine/package/relationships";
import { translateFormula } from "../../src/engine/package/shared-formula";
import { XmlScanner, Tok } from "../../src/engine/package/xml";
import { recalculated } from "../../src/engine/recalc";
import { readWorkbook } from "../../src/engine/workbook";
import { deflatedSpaces, makeZip, tempDir, type ZipEntrySpec } from "./fixtures";
import { expectOnlyValuesChanged } from "./package-diff";

const ROOT = join(__dirname, "..", "..");
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const T = (kind: string) => `${REL}/${kind}`;

let tmp: ReturnType<typeof tempDir>;
// The child processes below run lib/, compiled as `npm install` does.
beforeAll(() => {
  spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.node.json"], { cwd: ROOT, encoding: "utf8" });
}, 120000);
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

interface Built {
  sheets?: Record<string, string>;
  strings?: string;
  styles?: string;
  workbookInner?: string;
  extra?: Record<string, ZipEntrySpec>;
}

/** A plain package as Excel writes it: sheets given as their <sheetData> content (or whole XML). */
function excelPackage(b: Built): Record<string, ZipEntrySpec> {
  const sheets = b.sheets ?? { Sheet1: "" };
  const names = Object.keys(sheets);
  const parts: Record<string, ZipEntrySpec> = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${T("officeDocument")}" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${b.workbookInner ?? ""}<sheets>${names
      .map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join("")}</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}">${names
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${T("worksheet")}" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join("")}${b.strings !== undefined ? `<Relationship Id="rIdS" Type="${T("sharedStrings")}" Target="sharedStrings.xml"/>` : ""}${
      b.styles !== undefined ? `<Relationship Id="rIdT" Type="${T("styles")}" Target="styles.xml"/>` : ""
    }</Relationships>`,
  };
  names.forEach((n, i) => {
    const x = sheets[n];
    parts[`xl/worksheets/sheet${i + 1}.xml`] = x.startsWith("<?xml") || x.startsWith("<worksheet") ? x : `<worksheet xmlns="${MAIN}"><sheetData>${x}</sheetData></worksheet>`;
  });
  if (b.strings !== undefined) parts["xl/sharedStrings.xml"] = `<sst xmlns="${MAIN}">${b.strings}</sst>`;
  if (b.styles !== undefined) parts["xl/styles.xml"] = `<styleSheet xmlns="${MAIN}">${b.styles}</styleSheet>`;
  return { ...parts, ...b.extra };
}

function save(parts: Record<string, ZipEntrySpec>, name = "in.xlsx", deflate = true): string {
  const file = join(tmp.dir, name);
  writeFileSync(file, makeZip(parts, { deflate }));
  return file;
}

function read(parts: Record<string, ZipEntrySpec>, maxCells?: number): Promise<ReadWorkbook> {
  return readPackage("in.xlsx", makeZip(parts, { deflate: true }), { maxCells });
}

async function refusal(parts: Record<string, ZipEntrySpec>, maxCells?: number): Promise<WorkbookReadError> {
  try {
    await read(parts, maxCells);
  } catch (e) {
    if (e instanceof WorkbookReadError) return e;
    throw e;
  }
  throw new Error("read without error");
}

const cliRun = (argv: string[]): Promise<CliRun> => runCli(argv, { cwd: ROOT });

describe("the package is found by its relationships", () => {
  test("an Open XML SDK / ClosedXML package: x: prefixes, BOM, absolute targets, ns0: relationships, extra parts", async () => {
    const BOM = "\ufeff";
    const parts: Record<string, ZipEntrySpec> = {
      "[Content_Types].xml": `${BOM}<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
      "_rels/.rels": `${BOM}<?xml version="1.0" encoding="utf-8"?><ns0:Relationships xmlns:ns0="${PKG_REL}"><ns0:Relationship Type="${T("officeDocument")}" Target="/xl/workbook.xml" Id="R1b2"/></ns0:Relationships>`,
      "xl/workbook.xml": `${BOM}<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:x="${MAIN}" xmlns:rel="${REL}"><x:workbookPr date1904='1'/><x:sheets><x:sheet name='Data &amp; more' sheetId='1' rel:id='Rabc'/></x:sheets><x:definedNames><x:definedName name='rate'>'Data &amp; more'!$B$1</x:definedName></x:definedNames></x:workbook>`,
      "xl/_rels/workbook.xml.rels": `${BOM}<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="${PKG_REL}"><Relationship Type="${T("worksheet")}" Target="/XL/Worksheets/Sheet1.XML" Id="Rabc"/><Relationship Type="${T("sharedStrings")}" Target="/xl/sharedStrings.xml" Id="Rs"/></Relationships>`,
      "xl/worksheets/sheet1.xml": `${BOM}<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>2.5</x:v></x:c><x:c r="C1"><x:f>B1*rate</x:f><x:v>6.25</x:v></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>inline</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
      "xl/sharedStrings.xml": `${BOM}<?xml version="1.0" encoding="utf-8"?><x:sst xmlns:x="${MAIN}"><x:si><x:t>plant</x:t></x:si></x:sst>`,
      "package/services/metadata/core-properties/abc.psmdcp": `<coreProperties/>`,
    };
    const wb = await read(parts);
    expect(wb.sheetNames).toEqual(["Data & more"]);
    expect(wb.date1904).toBe(true);
    expect(wb.names).toEqual([{ name: "rate", expression: "'Data & more'!$B$1" }]);
    expect(wb.sheets["Data & more"]).toEqual([["plant", 2.5, "=B1*rate", "inline"]]);
    expect(wb.formulas.map((f) => [f.address, f.formula, f.previous])).toEqual([["C1", "=B1*rate", 6.25]]);
    expect([...wb.sheetParts]).toEqual([["Data & more", "xl/worksheets/sheet1.xml"]]); // the entry, not the target's spelling
    const loaded = await readWorkbook(save(parts));
    expect(recalculated(loaded).map((c) => [c.address, c.value])).toEqual([["C1", 6.25]]);
  });

  test("targets relative with ./ and .., in another folder, percent-escaped", async () => {
    const parts = excelPackage({ sheets: { S: '<row r="1"><c r="A1"><v>7</v></c></row>' } });
    const sheet = parts["xl/worksheets/sheet1.xml"];
    delete parts["xl/worksheets/sheet1.xml"];
    parts["data/my sheet.xml"] = sheet;
    parts["xl/_rels/workbook.xml.rels"] = `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${T("worksheet")}" Target="./../data/my%20sheet.xml"/></Relationships>`;
    expect((await read(parts)).sheets.S).toEqual([[7]]);
    expect(resolveTarget("xl/workbook.xml", "worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/workbook.xml", "/xl/worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/workbook.xml", "../../x.xml")).toBeUndefined();
    expect(resolveTarget("", "file:///etc/passwd")).toBeUndefined();
  });

  test("a sheet whose part lies outside the package is refused, naming the sheet (exit 2), never read as empty", async () => {
    const parts = excelPackage({ sheets: { Emissions: '<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>' } });
    parts["xl/_rels/workbook.xml.rels"] = `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${T("worksheet")}" Target="../../../../etc/passwd"/></Relationships>`;
    const e = await refusal(parts);
    expect([e.reason, e.detail]).toEqual(["partOutside", "Emissions"]);
    const r = await cliRun(["audit", save(parts)]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the part of sheet "Emissions" lies outside the package/);
    expect(r.out).toMatch(/0 clean, 0 with differences, 1 unreadable/);
  });

  test("a sheet with no relationship has no cells but keeps its place; Excel 2007 beta's <sstItem> strings are read", async () => {
    const parts = excelPackage({ sheets: { A: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }, strings: "<sstItem><t>beta</t></sstItem>" });
    parts["xl/workbook.xml"] = (parts["xl/workbook.xml"] as string).replace("</sheets>", '<sheet name="NoRel" sheetId="9"/></sheets>');
    const wb = await read(parts);
    expect(wb.sheetNames).toEqual(["A", "NoRel"]);
    expect(wb.sheets).toEqual({ A: [["beta"]], NoRel: [] });
  });

  test("a sheet whose part is missing is a damaged workbook naming the sheet", async () => {
    const parts = excelPackage({ sheets: { S: "" } });
    delete parts["xl/worksheets/sheet1.xml"];
    expect(await refusal(parts)).toMatchObject({ reason: "corrupt", detail: expect.stringMatching(/sheet "S": its part xl\/worksheets\/sheet1\.xml is missing/) });
  });

  test("two parts of the same name (any case), one of them a sheet, is a damaged package", async () => {
    const parts = excelPackage({ sheets: { S: '<row r="1"><c r="A1"><v>1</v></c></row>' } });
    parts["XL/worksheets/Sheet1.xml"] = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData></worksheet>`;
    expect(await refusal(parts)).toMatchObject({ reason: "corrupt", detail: "the package holds two parts named xl/worksheets/sheet1.xml" });
  });

  test("Strict Open XML (ISO 29500 Strict namespaces and relationship types, as Excel saves it on request) is read as the transitional form, and its copy patched", async () => {
    const transitional = excelPackage({
      sheets: { S: '<row r="1"><c r="A1"><v>2000000000</v></c><c r="B1"><v>100</v></c><c r="C1"><f>ER.PERFORMANCE_EMISSION(A1,B1)</f><v>1</v></c><c r="D1" t="s"><v>0</v></c><c r="E1"><f>SUM(A1:B1)</f><v>2000000100</v></c></row>' },
      strings: "<si><t>text</t></si>",
      styles: '<cellXfs count="1"><xf numFmtId="0"/></cellXfs>',
    });
    const strict: Record<string, ZipEntrySpec> = {};
    for (const [name, v] of Object.entries(transitional)) {
      strict[name] = typeof v === "string" ? v.split(MAIN).join("http://purl.oclc.org/ooxml/spreadsheetml/main").split(REL).join("http://purl.oclc.org/ooxml/officeDocument/relationships") : v;
    }
    expect(String(strict["xl/_rels/workbook.xml.rels"])).toContain("http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet");
    const [a, b] = [await read(strict), await read(transitional)];
    expect([a.sheetNames, a.sheets, a.formulas]).toEqual([b.sheetNames, b.sheets, b.formulas]);
    const file = save(strict);
    const out = join(tmp.dir, "copy.xlsx");
    const run = await cliRun(["recalc", file, "--out", out]);
    expect([run.code, run.err]).toEqual([0, ""]);
    const copied = expectOnlyValuesChanged(readFileSync(file), readFileSync(out), { "xl/worksheets/sheet1.xml": ["C1"] });
    expect(copied.get("xl/worksheets/sheet1.xml!C1")?.v).toBe("200");
  });

  test("parts the reader does not need are never parsed: a VML drawing that is not well-formed, a broken comments part", async () => {
    const parts = excelPackage({ sheets: { S: '<row r="1"><c r="A1"><v>1</v></c></row>' } });
    parts["xl/drawings/vmlDrawing1.vml"] = "<xml><v:shape><o:p></v:shape><br></xml>";
    parts["xl/comments1.xml"] = "<comments><unclosed";
    expect((await read(parts)).sheets.S).toEqual([[1]]);
  });
});

describe("cells", () => {
  test("every type: shared, inline, str, b, e (all error texts), n, d; numbers as stored whatever their format", async () => {
    const parts = excelPackage({
      sheets: {
        S: [
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve">line </t></r></is></c></row>',
          '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="e"><v>#NULL!</v></c><c r="D2" t="e"><v>#DIV/0!</v></c><c r="E2" t="e"><v>#N/A</v></c></row>',
          '<row r="3"><c r="A3" s="1"><v>1562.123456789</v></c><c r="B3" s="1"><v>11340000000</v></c><c r="C3" t="n"><v>-1.5E-3</v></c><c r="D3" t="d"><v>2020-01-01T12:00:00</v></c><c r="E3" s="2"><v>43831</v></c></row>',
          '<row r="4"><c r="A4"><f>A3*2</f><v>3124.246913578</v></c><c r="B4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C4" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D4" t="b"><f>TRUE</f><v>1</v></c><c r="E4" s="1"><f>B3/5000000</f><v>2268</v></c></row>',
        ].join(""),
      },
      strings: '<si></si><si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r></si><si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></si>',
      styles: '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.000000\\ \\m\\g"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14"/></cellXfs>',
    });
    const wb = await read(parts);
    expect(wb.sheets.S).toEqual([
      ["", "rich text", "漢字", "inline "],
      [true, false, "#NULL!", "#DIV/0!", "#N/A"],
      [1562.123456789, 11340000000, -0.0015, 43831.5, 43831],
      ["=A3*2", '="a"&"b"', "=1/0", "=TRUE", "=B3/5000000"],
    ]);
    expect(wb.formulas.map((f) => [f.address, f.previous, f.previousIsError, f.numFmt])).toEqual([
      ["A4", 3124.246913578, false, "General"],
      ["B4", "ab", false, "General"],
      ["C4", "#DIV/0!", true, "General"],
      ["D4", true, false, "General"],
      ["E4", 2268, false, "0.000000\\ \\m\\g"],
    ]);
  });

  test("t=\"d\": ISO 8601 dates in Excel's 1900 system and durations (Strict Open XML's time-formatted numbers) as serial numbers", async () => {
    const d = (ref: string, v: string) => `<c r="${ref}" t="d"><v>${v}</v></c>`;
    const wb = await read(
      excelPackage({
        sheets: {
          S:
            `<row r="1">${d("A1", "1899-12-31")}${d("B1", "1900-01-01")}${d("C1", "1900-02-28")}${d("D1", "1900-03-01")}${d("E1", "2020-01-01T18:00:00")}</row>` +
            `<row r="2">${d("A2", "PT0H0M0.000S")}${d("B2", "PT24H0M0.000S")}${d("C2", "PT1392H0M0.000S")}${d("D2", "PT36H30M0S")}${d("E2", "P2DT12H")}${d("F2", "-PT12H")}${d("G2", "P1W")}</row>`,
        },
      }),
    );
    expect(wb.sheets.S).toEqual([
      [0, 1, 59, 61, 43831.75],
      [0, 1, 58, 1.5208333333333333, 2.5, -0.5, 7],
    ]);
    // Years and months have no fixed length: such a duration is not read.
    const e = await refusal(excelPackage({ sheets: { S: `<row r="1">${d("A1", "P1Y")}</row>` } }));
    expect([e.reason, e.detail]).toEqual(["corrupt", 'xl/worksheets/sheet1.xml, cell A1: "P1Y" is not an ISO 8601 date']);
  });

  test("the engine gets the numbers as stored: a format with escaped letters is not a date", async () => {
    const parts = excelPackage({
      sheets: { S: '<row r="1"><c r="A1" s="1"><v>1562.123456789</v></c><c r="B1" s="1"><v>11340000000</v></c><c r="C1" s="1"><f>B1/5000000</f><v>2268</v></c><c r="D1"><f>A1</f><v>1562.123456789</v></c></row>' },
      styles: '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.000000\\ \\m\\g"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>',
    });
    const wb = await readWorkbook(save(parts));
    expect(recalculated(wb).map((c) => [c.address, c.value])).toEqual([
      ["C1", 2268],
      ["D1", 1562.123456789],
    ]);
    wb.engine.destroy();
  });

  test("text is text: a string that looks like a formula or an error is neither, in a cell or as a cached value", async () => {
    // Every way a workbook holds text: shared, inline, a formula's text result (cached, not recomputed).
    const parts = excelPackage({
      sheets: {
        S: [
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>#N/A</t></is></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="e"><v>#N/A</v></c><c r="E1" t="str"><f>"="&amp;"1+1"</f><v>=1+1</v></c></row>',
          '<row r="2"><c r="A2"><f>ER.PERFORMANCE_EMISSION(A1,100)</f><v>0</v></c><c r="B2"><f>ER.PERFORMANCE_EMISSION(B1,100)</f><v>0</v></c>',
          '<c r="C2"><f>ER.PERFORMANCE_EMISSION(D1,100)</f><v>0</v></c><c r="D2"><f>IF(ER.PERFORMANCE_EMISSION(2E9,100)&gt;0,E1,0)</f><v>0</v></c><c r="F2"><f>IF(ER.PERFORMANCE_EMISSION(2E9,100)&gt;0,ISTEXT(B1),0)</f><v>0</v></c><c r="E2"><f>ER.PERFORMANCE_EMISSION(C1,100)</f><v>0</v></c></row>',
        ].join(""),
      },
      strings: "<si><t>=2000000000+1</t></si><si><t>=</t></si>",
    });
    const raw = await read(parts);
    expect(raw.sheets.S[0]).toEqual([{ text: "=2000000000+1" }, { text: "#N/A" }, "=", "#N/A", '="="&"1+1"']);
    const wb = await readWorkbook(save(parts));
    const cells = new Map(recalculated(wb).map((c) => [c.address, c]));
    // Text in a volume is refused as text (Excel passes it as text), never computed as a formula (200.0000001)
    // or taken for the error it spells.
    expect(cells.get("A2")?.value).toBe("#VALUE!");
    expect(cells.get("A2")?.message).toBe('volume: "=2000000000+1" is not a number or a missing-value mark (/ - — 无 N/A).');
    expect([cells.get("B2")?.isError, cells.get("E2")?.value]).toEqual([true, "#VALUE!"]);
    // A real error cell is an error.
    expect(cells.get("C2")?.message).toMatch(/#N\/A/);
    // A cached text result "=1+1" is read as that text: D2 reads it and is computed (it was "not computed").
    expect([cells.get("D2")?.value, cells.get("D2")?.notVerified, cells.get("D2")?.unsupported]).toEqual(["=1+1", undefined, undefined]);
    // Built-in functions see text, as in Excel.
    expect(cells.get("F2")?.value).toBe(true);
    wb.engine.destroy();
  });

  test("a shared-string cell in a package without shared strings is a damaged part naming the cell, not a number", async () => {
    const e = await refusal(excelPackage({ sheets: { S: '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row>' } }));
    expect([e.reason, e.detail]).toEqual(["corrupt", "xl/worksheets/sheet1.xml, cell B1: refers to shared string 0, but the workbook has no shared-strings part"]);
  });

  test("cells without r that run past column XFD are a damaged part, not a crash", async () => {
    const e = await refusal(excelPackage({ sheets: { S: `<row r="1">${"<c><v>1</v></c>".repeat(16385)}</row>` } }));
    expect([e.reason, e.detail]).toEqual(["corrupt", "xl/worksheets/sheet1.xml: a cell past column XFD or row 1048576"]);
  });

  test("a <v> of only white space is no value, not 0; a number that is not one is a damaged cell", async () => {
    const wb = await read(excelPackage({ sheets: { S: '<row r="1"><c r="A1"><v> </v></c><c r="B1"><v> 0 </v></c><c r="C1" t="s"><v/></c><c r="D1"><f>B1</f><v> </v></c></row>' } }));
    expect(wb.sheets.S).toEqual([[undefined, 0, undefined, "=B1"]]);
    expect(wb.formulas[0].previous).toBeNull();
    expect(await refusal(excelPackage({ sheets: { S: '<row r="1"><c r="A1"><v>1,5</v></c></row>' } }))).toMatchObject({ reason: "corrupt", detail: 'xl/worksheets/sheet1.xml, cell A1: "1,5" is not a number' });
  });

  test("cells and rows without r follow the ones before them", async () => {
    const wb = await read(excelPackage({ sheets: { S: '<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row><row><c><v>7</v></c></row><row r="5"><c><v>9</v></c></row>' } }));
    expect(wb.sheets.S[0]).toEqual([1, 2, undefined, undefined, 5, 6]);
    expect(wb.sheets.S[1]).toEqual([7]);
    expect(wb.sheets.S[4]).toEqual([9]);
  });

  test("a formula with no cached value is a formula whose previous value is null; one in a merged cell's other cell is a formula", async () => {
    const wb = await read(
      excelPackage({
        sheets: { S: `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>4</v></c><c r="B1"><f>A1*2</f></c><c r="C1"><f>A1+1</f><v>5</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="B1:C1"/></mergeCells></worksheet>` },
      }),
    );
    expect(wb.formulas.map((f) => [f.address, f.formula, f.previous, f.previousIsError])).toEqual([
      ["B1", "=A1*2", null, false],
      ["C1", "=A1+1", 5, false],
    ]);
  });

  test("shared formulas move only real references: not in strings, not in quoted sheet names, not $ parts", async () => {
    const sheet = [
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:C3" si="0">A1&amp;"C1"&amp;"UTF8"&amp;$A$1&amp;\'C1\'!A1&amp;SUM(A:A)&amp;LOG10(A1)&amp;UTF8</f><v>0</v></c></row>',
      '<row r="2"><c r="B2"><f t="shared" si="0"/><v>0</v></c><c r="C3"><f t="shared" si="0"/></c></row>',
    ].join("");
    const wb = await read(excelPackage({ sheets: { S: sheet } }));
    expect(wb.formulas.map((f) => [f.address, f.formula])).toEqual([
      ["B1", `=A1&"C1"&"UTF8"&$A$1&'C1'!A1&SUM(A:A)&LOG10(A1)&UTF8`],
      ["B2", `=A2&"C1"&"UTF8"&$A$1&'C1'!A2&SUM(A:A)&LOG10(A2)&UTF9`],
      ["C3", `=B3&"C1"&"UTF8"&$A$1&'C1'!B3&SUM(B:B)&LOG10(B3)&UTG10`],
    ]);
    expect(translateFormula("SUM($A1:B$2)+1E+5+Table1[Col1]+[1]Sheet1!A1+#REF!+A1#", 1, 1)).toBe("SUM($A2:C$2)+1E+5+Table1[Col1]+[1]Sheet1!B2+#REF!+B2#");
    expect(translateFormula("A1+1:2", -1, 0)).toBe("#REF!+#REF!");
    expect(translateFormula("SUM(1:2)", 3, 0)).toBe("SUM(4:5)");
  });

  test("array formulas: the range and every member's cached value are kept", async () => {
    const wb = await read(
      excelPackage({
        sheets: {
          S: '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="array" ref="B1:C2">A1:B2*2</f><v>2</v></c><c r="C1" t="e"><v>#N/A</v></c></row><row r="2"><c r="A2"><v>3</v></c><c r="B2"><v>6</v></c><c r="C2" t="str"><v>x</v></c></row>',
        },
      }),
    );
    expect(wb.formulas[0].arrayRange).toEqual({ start: { row: 0, col: 1 }, end: { row: 1, col: 2 } });
    expect([...wb.arrayValues]).toEqual([
      ["S!0,2", { value: "#N/A", isError: true }],
      ["S!1,1", { value: 6, isError: false }],
      ["S!1,2", { value: "x", isError: false }],
    ]);
    expect(wb.sheets.S).toEqual([[1, "=A1:B2*2"], [3]]);
  });

  test("empty formatted cells are neither stored nor counted against the cell limit", async () => {
    const empties = Array.from({ length: 50 }, (_, i) => `<c r="${String.fromCharCode(66 + (i % 20))}${Math.floor(i / 20) + 1}" s="3"/>`).join("");
    const parts = excelPackage({ sheets: { S: `<row r="1"><c r="A1"><v>1</v></c>${empties}</row><row r="2" s="3" customFormat="1"/>` } });
    const wb = await read(parts, 1);
    expect(wb.sheets.S).toEqual([[1]]);
    expect(await refusal(excelPackage({ sheets: { S: '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1</f></c></row>' } }), 1)).toMatchObject({
      reason: "tooManyCells",
      params: { cells: 2, rows: 1, limit: 1 },
    });
  });
});

describe("the workbook part", () => {
  test("sheet order, local and hidden names, chart sheets in the order but without cells", async () => {
    const parts = excelPackage({ sheets: { B: '<row r="1"><c r="A1"><v>1</v></c></row>', A: '<row r="1"><c r="A1"><v>2</v></c></row>' } });
    parts["xl/workbook.xml"] = `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="B" sheetId="1" r:id="rId1"/><sheet name="Chart" sheetId="3" r:id="rIdC"/><sheet name="A" sheetId="2" r:id="rId2"/></sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0" hidden="1">B!$A$1</definedName><definedName name="local" localSheetId="2">A!$A$1</definedName><definedName name="global">B!$A$1</definedName></definedNames></workbook>`;
    parts["xl/_rels/workbook.xml.rels"] = (parts["xl/_rels/workbook.xml.rels"] as string).replace(
      "</Relationships>",
      `<Relationship Id="rIdC" Type="${T("chartsheet")}" Target="chartsheets/sheet1.xml"/></Relationships>`,
    );
    parts["xl/chartsheets/sheet1.xml"] = "<chartsheet/>";
    const wb = await read(parts);
    expect(wb.sheetNames).toEqual(["B", "A"]);
    expect(wb.names).toEqual([
      { name: "local", expression: "A!$A$1", scope: "A" },
      { name: "global", expression: "B!$A$1" },
    ]);
  });
});

describe("limits count what parsing builds", () => {
  test("one tag larger than the bound is refused with the part's name", async () => {
    const big = "x".repeat(9 * 1024 * 1024);
    const e = await refusal(excelPackage({ sheets: { S: `<row r="1"><c r="A1" foo="${big}"><v>1</v></c></row>` } }));
    expect([e.reason, e.detail]).toEqual(["xmlTooLarge", "xl/worksheets/sheet1.xml"]);
  });

  test("a large part (streamed as it unpacks) with texts close to the bound is read whole", async () => {
    const texts = ["a", "b", "c", "d", "e"].map((ch) => ch.repeat(4 * 1024 * 1024 - 7));
    const cells = texts.map((t, i) => `<c r="A${i + 1}" t="inlineStr"><is><t>${t}</t></is></c>`);
    const wb = await read(excelPackage({ sheets: { S: cells.map((c, i) => `<row r="${i + 1}">${c}</row>`).join("") } }));
    expect(wb.sheets.S.map((r) => r[0])).toEqual(texts);
  });

  test("a document type declaration in a part the reader parses is refused", async () => {
    const parts = excelPackage({ sheets: { S: "" }, strings: "<si><t>a</t></si>" });
    parts["xl/sharedStrings.xml"] = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "b">]><sst xmlns="${MAIN}"><si><t>&a;</t></si></sst>`;
    expect(await refusal(parts)).toMatchObject({ reason: "dtd", detail: "xl/sharedStrings.xml" });
  });

  /** Runs the compiled CLI on a file in a child process; its exit code, stderr and peak memory. */
  function measured(file: string) {
    const script = `const { main } = require(${JSON.stringify(join(ROOT, "lib", "cli", "main.js"))});
const { processIo } = require(${JSON.stringify(join(ROOT, "lib", "cli", "io.js"))});
const t = Date.now();
main(process.argv.slice(1), processIo()).then((c) => { process.stdout.write("\\n@@ " + process.resourceUsage().maxRSS * 1024 + " " + (Date.now() - t) + "\\n"); process.exitCode = c; });`;
    const r = spawnSync(process.execPath, ["-e", script, "audit", file], { cwd: ROOT, encoding: "utf8", env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "" }, timeout: 60000 });
    const m = /\n@@ (\d+) (\d+)\n$/.exec(r.stdout);
    return { code: r.status, err: r.stderr, peak: m ? Number(m[1]) : NaN, ms: m ? Number(m[2]) : NaN };
  }

  test("a 200 MB attribute in a small file: refused in well under a second and 300 MB", async () => {
    // Built without holding 200 MB here (a child's peak memory counts its parent's at the fork): the
    // spaces are fully flushed deflate blocks, repeated.
    const { constants, deflateRawSync } = await import("zlib");
    const head = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" x="`;
    const tail = '"><v>1</v></c></row></sheetData></worksheet>';
    const raw = Buffer.concat([deflateRawSync(Buffer.from(head), { finishFlush: constants.Z_FULL_FLUSH }), deflatedSpaces(200).subarray(0, -2), deflateRawSync(Buffer.from(tail))]);
    const size = head.length + 200 * 1024 * 1024 + tail.length;
    const file = save(excelPackage({ sheets: { S: "" }, extra: { "xl/worksheets/sheet1.xml": { raw, size } } }), "attr.xlsx");
    expect(statSync(file).size).toBeLessThan(300 * 1024);
    const r = measured(file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/its part xl\/worksheets\/sheet1\.xml holds one XML tag or text of more than 8,388,608 bytes/);
    expect(r.ms).toBeLessThan(1000);
    expect(r.peak).toBeLessThan(300 * 1024 * 1024);
  }, 60000);

  test("a 1 MB shared string used by 12,000 cells: refused for its text, under 500 MB", async () => {
    const cells = Array.from({ length: 12000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>0</v></c></row>`).join("");
    const file = save(excelPackage({ sheets: { S: cells }, strings: `<si><t>${"x".repeat(1024 * 1024)}</t></si>` }), "text.xlsx");
    const r = measured(file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/more than 134,217,728 characters of text/);
    expect(r.peak).toBeLessThan(500 * 1024 * 1024);
  }, 60000);
});

test("reading a workbook never loads ExcelJS", () => {
  const file = save(excelPackage({ sheets: { S: '<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*2</f><v>4</v></c></row>' } }));
  const script = `require(${JSON.stringify(join(ROOT, "lib", "engine", "workbook.js"))}).readWorkbook(process.argv[1]).then((wb) => {
  console.log(JSON.stringify({ formulas: wb.formulas.length, exceljs: Object.keys(require.cache).some((k) => /[\\/]exceljs[\\/]/.test(k)) }));
  wb.engine.destroy();
});`;
  const r = spawnSync(process.execPath, ["-e", script, file], { cwd: ROOT, encoding: "utf8" });
  expect(JSON.parse(r.stdout)).toEqual({ formulas: 1, exceljs: false });
}, 120000);

describe("the tokenizer", () => {
  test("prefixes, both quotes, entities, CDATA, comments, processing instructions, a BOM", async () => {
    const s = new XmlScanner(Buffer.from("\ufeff<?xml version='1.0'?><!-- c --><a:b x='1 &amp; 2' y=\"&#x41;&#66;\"><![CDATA[<raw>&amp;]]>t&lt;</a:b>"));
    const seen: unknown[] = [];
    for (let t = s.next(); t !== Tok.End; t = s.next()) {
      if (t === Tok.Open) seen.push(["open", s.name, s.attr("x"), s.attr("y")]);
      else if (t === Tok.Close) seen.push(["close", s.name]);
      else seen.push(["text", s.text()]);
    }
    expect(seen).toEqual([["open", "b", "1 & 2", "AB"], ["text", "<raw>&amp;"], ["text", "t<"], ["close", "b"]]);
  });

  test("UTF-16 parts, with a byte-order mark or without (found by their first character, as XML says), big- or little-endian", async () => {
    const utf16 = (text: string, be: boolean, bom: boolean) => {
      const b = Buffer.from((bom ? "\ufeff" : "") + text, "utf16le");
      if (be) b.swap16();
      return b;
    };
    for (const be of [true, false]) {
      for (const bom of [true, false]) {
        const parts = excelPackage({ sheets: { 表: '<row r="1"><c r="A1" t="inlineStr"><is><t>二氧化硫</t></is></c><c r="B1"><v>1.5</v></c></row>' } });
        parts["xl/workbook.xml"] = utf16(String(parts["xl/workbook.xml"]).replace('encoding="UTF-8"', 'encoding="UTF-16"'), be, bom);
        parts["xl/worksheets/sheet1.xml"] = utf16(String(parts["xl/worksheets/sheet1.xml"]), be, bom);
        const wb = await read(parts);
        expect([be, bom, wb.sheetNames, wb.sheets["表"]]).toEqual([be, bom, ["表"], [["二氧化硫", 1.5]]]);
      }
    }
  });

  test("line ends are normalized as XML says (a written \\r\\n is one line break); _x000D_ and &#13; are kept as carriage returns", async () => {
    const s = new XmlScanner(Buffer.from('<a x="1\r\n2\t3&#10;">one\r\ntwo\rthree&#13;</a>'));
    s.next();
    expect(s.attr("x")).toBe("1 2 3\n");
    s.next();
    expect(s.text()).toBe("one\ntwo\nthree\r");
    const wb = await read(excelPackage({ sheets: { S: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>ABC_x000D_\r\nDEF</t></is></c></row>' }, strings: "<si><t>Default NCV\r\n(TJ/Gg)</t></si>" }));
    expect(wb.sheets.S).toEqual([["Default NCV\n(TJ/Gg)", "ABC\r\nDEF"]]);
  });
});
