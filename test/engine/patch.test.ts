import { patchPackage, patchSheetXml, sheetParts } from "../../src/engine/patch";
import { listZipEntries, readZipEntry } from "../../src/engine/zip";
import type { CellValue } from "../../src/engine/engine";
import { makeZip } from "./fixtures";

const updates = (entries: Record<string, CellValue>) => new Map(Object.entries(entries));

describe("patchSheetXml", () => {
  test("the value and its type change; attributes, the formula and other cells stay", () => {
    const xml =
      '<sheetData><row r="1"><c r="A1" s="2" t="str"><f>X()</f><v>old</v></c><c r="B1"><v>7</v></c><c r="C1" s="3"><f t="shared" si="0"/><v>1</v></c></row></sheetData>';
    const r = patchSheetXml(xml, updates({ "0,0": 4113.6, "0,2": "t/a <&> _x0041_" }));
    expect(r.patched).toBe(2);
    expect(r.xml).toBe(
      '<sheetData><row r="1"><c r="A1" s="2"><f>X()</f><v>4113.6</v></c><c r="B1"><v>7</v></c><c r="C1" s="3" t="str"><f t="shared" si="0"/><v>t/a &lt;&amp;&gt; _x005F_x0041_</v></c></row></sheetData>',
    );
  });

  test.each([
    [true, '<c r="A1" t="b"><f>1=1</f><v>1</v></c>'],
    [false, '<c r="A1" t="b"><f>1=1</f><v>0</v></c>'],
    [{ error: "#N/A", message: "x" }, '<c r="A1" t="e"><f>1=1</f><v>#N/A</v></c>'],
    [null, '<c r="A1"><f>1=1</f></c>'],
    [1e21, '<c r="A1"><f>1=1</f><v>1E+21</v></c>'],
    [-0, '<c r="A1"><f>1=1</f><v>0</v></c>'],
  ] as [CellValue, string][])("%j", (value, expected) => {
    expect(patchSheetXml('<row r="1"><c r="A1" t="n"><f>1=1</f><v>9</v></c></row>', updates({ "0,0": value })).xml).toBe(`<row r="1">${expected}</row>`);
  });

  test("self-closing cells, cells without an address, prefixed elements, extLst", () => {
    const xml = '<x:row r="3"><x:c s="1"/><x:c><x:f>A3</x:f><x:v>1</x:v><x:extLst><x:ext/></x:extLst></x:c></x:row><x:row r="5" spans="1:2"/><x:row><x:c/></x:row>';
    const r = patchSheetXml(xml, updates({ "2,0": 5, "2,1": "a", "5,0": 8 }));
    expect(r.patched).toBe(3);
    expect(r.xml).toBe(
      '<x:row r="3"><x:c s="1"><x:v>5</x:v></x:c><x:c t="str"><x:f>A3</x:f><x:v>a</x:v><x:extLst><x:ext/></x:extLst></x:c></x:row><x:row r="5" spans="1:2"/><x:row><x:c><x:v>8</x:v></x:c></x:row>',
    );
  });

  test("cells not in the XML are not added, and the count says so", () => {
    expect(patchSheetXml('<row r="1"><c r="A1"><v>1</v></c></row>', updates({ "4,4": 2 })).patched).toBe(0);
  });

  test("<col> and <cols> are not cells", () => {
    const xml = '<cols><col min="1" max="1" width="9"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>';
    expect(patchSheetXml(xml, updates({ "0,0": 2 })).xml).toBe('<cols><col min="1" max="1" width="9"/></cols><sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData>');
  });
});

describe("patchPackage", () => {
  const workbook =
    '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表 &amp; 1" sheetId="1" r:id="rId7"/><sheet name="B" sheetId="2" r:id="rId8"/></sheets></workbook>';
  const rels =
    '<Relationships><Relationship Id="rId7" Type="worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId8" Type="worksheet" Target="/xl/worksheets/other.xml"/></Relationships>';
  const sheet = '<worksheet><sheetData><row r="1"><c r="A1"><f>1+1</f><v>3</v></c></row></sheetData></worksheet>';

  test.each([false, true])("only the changed part is rewritten (data descriptors: %p)", (descriptors) => {
    const zip = makeZip(
      {
        "[Content_Types].xml": "<Types/>",
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": rels,
        "xl/worksheets/sheet1.xml": sheet,
        "xl/worksheets/other.xml": sheet,
        "xl/media/image1.png": Buffer.from([1, 2, 3, 4, 5]),
      },
      { descriptors },
    );
    const parts = sheetParts(listZipEntries(zip), zip);
    expect([...parts]).toEqual([
      ["表 & 1", "xl/worksheets/sheet1.xml"],
      ["B", "xl/worksheets/other.xml"],
    ]);
    const out = patchPackage(zip, new Map([["xl/worksheets/sheet1.xml", updates({ "0,0": 2 })]]));
    expect(out.patched).toBe(1);
    const entries = listZipEntries(out.bytes);
    expect(entries.map((e) => e.name)).toEqual(listZipEntries(zip).map((e) => e.name));
    const read = (name: string) => readZipEntry(out.bytes, entries.find((e) => e.name === name)!);
    expect(read("xl/worksheets/sheet1.xml").toString()).toBe(sheet.replace("<v>3</v>", "<v>2</v>"));
    expect(read("xl/worksheets/other.xml").toString()).toBe(sheet);
    expect(read("xl/media/image1.png")).toEqual(Buffer.from([1, 2, 3, 4, 5]));
  });

  test("no updates: the same bytes", () => {
    const zip = makeZip({ "a.txt": "x" });
    expect(patchPackage(zip, new Map()).bytes.equals(zip)).toBe(true);
  });
});
