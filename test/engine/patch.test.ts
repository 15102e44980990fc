import { escapeText, numberText, patchPackage, PatchError, patchSheetXml, valueXml } from "../../src/engine/patch";
import { readPackage } from "../../src/engine/package/read";
import { resolveTarget } from "../../src/engine/package/relationships";
import { listZipEntries } from "../../src/engine/zip";
import type { CellValue } from "../../src/sheet/errors";
import { makeZip, type MakeZipOptions } from "./fixtures";
import { expectOnlyValuesChanged } from "./package-diff";
import { handmadeWorkbook, type HandmadeOptions } from "./package-fixtures";

const updates = (entries: Record<string, CellValue>) => new Map(Object.entries(entries));
const sheet = (rows: string) => `<worksheet><sheetData>${rows}</sheetData></worksheet>`;

describe("patchSheetXml", () => {
  test("the value and its type change; attributes, their quotes, the formula and other cells stay", () => {
    const xml = sheet(`<row r="1"><c r="A1" s="2" t="str"><f>X()</f><v>old</v></c><c r="B1"><v>7</v></c><c r='C1' s='3'><f t='shared' si='0'/><v>1</v></c></row>`);
    const r = patchSheetXml(xml, updates({ "0,0": 4113.6, "0,2": "t/a <&> _x0041_" }));
    expect(r.patched).toBe(2);
    expect(r.xml).toBe(
      sheet(`<row r="1"><c r="A1" s="2"><f>X()</f><v>4113.6</v></c><c r="B1"><v>7</v></c><c r='C1' s='3' t='str'><f t='shared' si='0'/><v>t/a &lt;&amp;&gt; _x005F_x0041_</v></c></row>`),
    );
  });

  test.each([
    [true, '<c r="A1" t="b"><f>1=1</f><v>1</v></c>'],
    [false, '<c r="A1" t="b"><f>1=1</f><v>0</v></c>'],
    [{ error: "#N/A", message: "x" }, '<c r="A1" t="e"><f>1=1</f><v>#N/A</v></c>'],
    [{ error: "#NULL!" }, '<c r="A1" t="e"><f>1=1</f><v>#NULL!</v></c>'],
    [{ error: "#SPILL!" }, '<c r="A1" t="e"><f>1=1</f><v>#SPILL!</v></c>'],
    [{ error: "#CALC!" }, '<c r="A1" t="e"><f>1=1</f><v>#CALC!</v></c>'],
    [null, '<c r="A1" t="n"><f>1=1</f></c>'],
    [1e21, '<c r="A1" t="n"><f>1=1</f><v>1E+21</v></c>'],
    [-0, '<c r="A1" t="n"><f>1=1</f><v>0</v></c>'],
    [NaN, '<c r="A1" t="e"><f>1=1</f><v>#NUM!</v></c>'],
    [Infinity, '<c r="A1" t="e"><f>1=1</f><v>#NUM!</v></c>'],
    [-Infinity, '<c r="A1" t="e"><f>1=1</f><v>#NUM!</v></c>'],
    ["", '<c r="A1" t="str"><f>1=1</f><v></v></c>'],
  ] as [CellValue, string][])("%j", (value, expected) => {
    expect(patchSheetXml(sheet('<row r="1"><c r="A1" t="n"><f>1=1</f><v>9</v></c></row>'), updates({ "0,0": value })).xml).toBe(sheet(`<row r="1">${expected}</row>`));
  });

  test("numbers at full precision, as the shortest text that reads back the same", () => {
    for (const n of [0.1 + 0.2, 1562.123456789, 1562.1234567939828, 5e-324, 1.7976931348623157e308, 123456789012345680000, 2 ** 53 + 2, -1e-7, 1 / 3]) {
      const text = numberText(n);
      expect(Number(text)).toBe(n);
      expect(text).not.toMatch(/[a-z]/);
      expect(text.length).toBeLessThanOrEqual(String(n).length);
    }
    expect(numberText(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(numberText(1e-7)).toBe("1E-7");
  });

  test("text: XML escapes, and _xHHHH_ for what XML cannot carry", () => {
    expect(escapeText("a\u0001b\u001fc\td\ne\rf")).toBe("a_x0001_b_x001F_c\td\ne_x000D_f");
    expect(escapeText("x\ud800y\udc00z\ud83d\ude00")).toBe("x_xD800_y_xDC00_z\ud83d\ude00");
    expect(escapeText("\ufffe\uffff")).toBe("_xFFFE__xFFFF_");
    expect(escapeText("_x0041_ & <b>")).toBe("_x005F_x0041_ &amp; &lt;b&gt;");
    expect(() => valueXml({ error: "#ERROR!" })).toThrow(/not an Excel error/);
  });

  test("self-closing cells, cells without an address, rows without one, prefixed elements, extLst", () => {
    const xml = sheet('<x:row r="3"><x:c s="1"/><x:c><x:f>A3</x:f><x:v>1</x:v><x:extLst><x:ext/></x:extLst></x:c></x:row><x:row r="5" spans="1:2"/><x:row><x:c/></x:row>');
    const r = patchSheetXml(xml, updates({ "2,0": 5, "2,1": "a", "5,0": 8 }));
    expect(r.patched).toBe(3);
    expect(r.xml).toBe(
      sheet('<x:row r="3"><x:c s="1"><x:v>5</x:v></x:c><x:c t="str"><x:f>A3</x:f><x:v>a</x:v><x:extLst><x:ext/></x:extLst></x:c></x:row><x:row r="5" spans="1:2"/><x:row><x:c><x:v>8</x:v></x:c></x:row>'),
    );
  });

  test("a <v> is added after the formula, removed for an empty value; an inline string makes way for the value", () => {
    const xml = sheet('<row r="1"><c r="A1"><f>B1</f></c><c r="B1" t="inlineStr"><is><t>old</t></is></c><c r="C1" t="str"><f>"x"</f><v>x</v></c><c r="D1"><v/></c></row>');
    const r = patchSheetXml(xml, updates({ "0,0": 2, "0,1": "new", "0,2": null, "0,3": true }));
    expect(r.xml).toBe(sheet('<row r="1"><c r="A1"><f>B1</f><v>2</v></c><c r="B1" t="str"><v>new</v></c><c r="C1"><f>"x"</f></c><c r="D1" t="b"><v>1</v></c></row>'));
  });

  test("cells not in the XML are not added, and `found` says so; <col>, comments and parts outside sheetData are not cells", () => {
    const r = patchSheetXml(sheet('<row r="1"><c r="A1"><v>1</v></c></row>'), updates({ "4,4": 2 }));
    expect([r.patched, [...r.found]]).toEqual([0, []]);
    const xml = `<worksheet><cols><col min="1" max="1" width="9"/></cols><sheetData><!-- <c r="A1"><v>5</v></c> --><row r="1"><c r="A1"><v>1</v></c></row></sheetData><extLst><c r="A1"/></extLst></worksheet>`;
    expect(patchSheetXml(xml, updates({ "0,0": 2 })).xml).toBe(xml.replace("<v>1</v>", "<v>2</v>"));
  });

  test("the byte scan: addresses as parseCell reads them, '>' in attribute values, CDATA and processing instructions, end tags with spaces, other bytes kept", () => {
    // "$B$1" and " c1 " are read as parseCell reads them; "r" is only the unprefixed attribute (x:r and
    // data-r are not it); a ">" or "<c" inside a quoted value, a CDATA section or a processing
    // instruction is no tag; "</c >" ends a cell (a rewritten cell's end tag is written "</c>"); the text in the bytes (UTF-8) is kept as it is.
    const xml = sheet(
      '<row r="1"><c r="$B$1" note="a>b"><v>1</v></c><c r=" c1 "><v>2</v></c><?pi <c r="D1"?><c data-r="Z9" x:r="Z9"><v>3</v></c ></row>' +
        '<row r="2"><![CDATA[<c r="A2"><v>9</v></c>]]><c r=\'A2\' t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>排放 é</t></is></c></row>',
    );
    const r = patchSheetXml(xml, updates({ "0,1": 10, "0,2": 20, "0,3": 30, "1,0": "排放权", "1,2": 1 }));
    expect(r.patched).toBe(4);
    expect([...r.found].sort()).toEqual(["0,1", "0,2", "0,3", "1,0"]);
    expect(r.xml).toBe(
      sheet(
        '<row r="1"><c r="$B$1" note="a>b"><v>10</v></c><c r=" c1 "><v>20</v></c><?pi <c r="D1"?><c data-r="Z9" x:r="Z9"><v>30</v></c></row>' +
          '<row r="2"><![CDATA[<c r="A2"><v>9</v></c>]]><c r=\'A2\' t="str"><v>排放权</v></c><c r="B2" t="inlineStr"><is><t>排放 é</t></is></c></row>',
      ),
    );
  });
});

describe("the worksheet parts the copy is patched in, as the reader resolves them", () => {
  test("relative and absolute targets, any part names, any prefixes, either quotes, a workbook part elsewhere", async () => {
    const cases: HandmadeOptions[] = [
      {},
      { absoluteTargets: true, parts: { "表 & 1": "xl/data/first.xml", B: "sheets/b.xml" } },
      { prefix: "x:", quote: "'", relPrefix: "ns1", workbookPart: "wb/main.xml", parts: { "表 & 1": "wb/s/one.xml", B: "other/two.xml" } },
    ];
    for (const options of cases) {
      const zip = makeZip(handmadeWorkbook({ "表 & 1": "", B: "" }, options));
      const parts = (await readPackage("handmade.xlsx", zip)).sheetParts;
      expect([...parts]).toEqual([
        ["表 & 1", options.parts?.["表 & 1"] ?? "xl/worksheets/sheet1.xml"],
        ["B", options.parts?.B ?? "xl/worksheets/sheet2.xml"],
      ]);
    }
  });

  test("targets resolve as URIs", () => {
    expect(resolveTarget("xl/workbook.xml", "worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/workbook.xml", "./worksheets/../worksheets/s%20a.xml")).toBe("xl/worksheets/s a.xml");
    expect(resolveTarget("xl/workbook.xml", "/xl/worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/workbook.xml", "../sheets/a.xml")).toBe("sheets/a.xml");
  });
});

describe("patchPackage keeps every byte but the values", () => {
  const data = (p: string, q: string) =>
    `<${p}row r=${q}1${q} spans=${q}1:4${q}><${p}c r=${q}A1${q}><${p}v>2</${p}v></${p}c><${p}c r=${q}B1${q} s=${q}1${q}><${p}f>A1*2</${p}f><${p}v>3</${p}v></${p}c><${p}c r=${q}C1${q} t=${q}inlineStr${q}><${p}is><${p}t>old</${p}t></${p}is></${p}c><${p}c r=${q}D1${q} t=${q}e${q}><${p}f>1/0</${p}f><${p}v>#DIV/0!</${p}v></${p}c></${p}row>` +
    `<${p}row r=${q}2${q}><${p}c><${p}v>5</${p}v></${p}c><${p}c t=${q}str${q}><${p}f t=${q}array${q} ref=${q}B2:B3${q}>A1</${p}f><${p}v>x</${p}v></${p}c></${p}row>` +
    `<${p}row r=${q}3${q}><${p}c r=${q}B3${q} t=${q}str${q}><${p}v>x</${p}v></${p}c><${p}c r=${q}C3${q}/></${p}row>`;
  const values = updates({ "0,1": 4, "0,2": "new & <>", "0,3": { error: "#NULL!" }, "1,1": 2, "2,1": 2, "2,2": 1562.1234567939828 });
  const changedRefs = ["B1", "C1", "D1", "B2", "B3", "C3"];
  const vba = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256));
  const styles: [string, HandmadeOptions][] = [
    ["plain", {}],
    ["x: prefix, single quotes, other part names, absolute targets", { prefix: "x:", quote: "'", absoluteTargets: true, parts: { S: "xl/worksheets/data.xml", T: "xl/other/t.xml" } }],
    [".xlsm with a vbaProject.bin", { vba }],
  ];
  const zips: [string, MakeZipOptions][] = [
    ["deflated", { deflate: true }],
    ["stored", {}],
    ["mixed, with data descriptors", { deflate: true, descriptors: true, stored: ["xl/worksheets/sheet2.xml", "xl/vbaProject.bin"] }],
    ["zip64", { deflate: true, zip64: true }],
    ["zip64 with descriptors", { deflate: true, zip64: true, descriptors: true }],
    ["extra fields, comments, gaps, the central directory in another order", { deflate: true, extras: true, reverseCentral: true }],
    ["zip64 with extras, stored", { zip64: true, extras: true, reverseCentral: true }],
  ];
  const matrix = styles.flatMap(([s, o]) => zips.map(([z, zo]) => [`${s}; ${z}`, o, zo] as const));

  test.each(matrix)("%s", async (_, style, zipOptions) => {
    const p = style.prefix ?? "";
    const q = style.quote ?? '"';
    const input = makeZip(handmadeWorkbook({ S: data(p, q), T: data(p, q) }, style), zipOptions);
    const parts = (await readPackage("handmade.xlsx", input)).sheetParts;
    const part = parts.get("S")!;
    const out = patchPackage(input, new Map([[part, values]]));
    expect(out.patched).toBe(values.size);
    const cells = expectOnlyValuesChanged(input, out.bytes, { [part]: changedRefs });
    const cell = (ref: string) => cells.get(`${part}!${ref}`)!;
    expect([cell("B1").t, cell("B1").v]).toEqual([undefined, "4"]);
    expect([cell("C1").t, cell("C1").v, cell("C1").xml.includes("is>")]).toEqual(["str", "new &amp; &lt;&gt;", false]);
    expect([cell("D1").t, cell("D1").v]).toEqual(["e", "#NULL!"]);
    expect([cell("B2").t, cell("B2").v]).toEqual([undefined, "2"]);
    expect([cell("B3").t, cell("B3").v]).toEqual([undefined, "2"]);
    expect([cell("C3").t, cell("C3").v]).toEqual([undefined, "1562.1234567939828"]);
    expect(cell("B2").xml).toContain(`<${p}f t=${q}array${q} ref=${q}B2:B3${q}>A1</${p}f>`);
    // Patching the copy again with the same values changes nothing but what is already so.
    const again = patchPackage(out.bytes, new Map([[part, values]]));
    expect(again.bytes.equals(out.bytes)).toBe(true);
  });

  test("the check itself fails on any other change: another cell, a timestamp, an extra field, a dropped part", () => {
    const input = makeZip(handmadeWorkbook({ S: data("", '"') }, { vba }), { deflate: true, extras: true });
    const part = "xl/worksheets/sheet1.xml";
    const out = patchPackage(input, new Map([[part, values]])).bytes;
    expect(() => expectOnlyValuesChanged(input, out, { [part]: changedRefs })).not.toThrow();
    // B1 changed but not declared.
    expect(() => expectOnlyValuesChanged(input, out, { [part]: changedRefs.filter((r) => r !== "B1") })).toThrow();
    const sheetOnly = patchPackage(input, new Map([[part, updates({ "0,1": 4 })]])).bytes;
    expect(() => expectOnlyValuesChanged(input, sheetOnly, { [part]: ["B1"] })).not.toThrow();
    // A style attribute of a patched cell.
    const styled = patchPackage(makeZip(handmadeWorkbook({ S: data("", '"').replace('s="1"', 's="2"') }, { vba }), { deflate: true, extras: true }), new Map([[part, updates({ "0,1": 4 })]])).bytes;
    expect(() => expectOnlyValuesChanged(input, styled, { [part]: ["B1"] })).toThrow();
    const entries = listZipEntries(sheetOnly);
    const vbaEntry = entries.find((e) => e.name === "xl/vbaProject.bin")!;
    const touched = Buffer.from(sheetOnly);
    touched.writeUInt16LE(touched.readUInt16LE(vbaEntry.localOffset + 10) ^ 1, vbaEntry.localOffset + 10); // its time
    expect(() => expectOnlyValuesChanged(input, touched, { [part]: ["B1"] })).toThrow();
    const data2 = Buffer.from(sheetOnly);
    data2[vbaEntry.localOffset + 30 + vbaEntry.name.length + 9 + 5] ^= 0xff; // its data
    expect(() => expectOnlyValuesChanged(input, data2, { [part]: ["B1"] })).toThrow();
    const noExtras = makeZip(handmadeWorkbook({ S: data("", '"') }, { vba }), { deflate: true });
    expect(() => expectOnlyValuesChanged(input, patchPackage(noExtras, new Map([[part, updates({ "0,1": 4 })]])).bytes, { [part]: ["B1"] })).toThrow();
    const noVba = makeZip(handmadeWorkbook({ S: data("", '"') }), { deflate: true, extras: true });
    expect(() => expectOnlyValuesChanged(input, patchPackage(noVba, new Map([[part, updates({ "0,1": 4 })]])).bytes, { [part]: ["B1"] })).toThrow();
  });

  test("a cell that is not in its sheet's XML: refused, with the cell named", () => {
    const input = makeZip(handmadeWorkbook({ S: data("", '"') }), { deflate: true });
    let err: unknown;
    try {
      patchPackage(input, new Map([["xl/worksheets/sheet1.xml", updates({ "0,1": 4, "3,1": 7 })]]));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PatchError);
    expect(err).toMatchObject({ problem: "cellMissing", part: "xl/worksheets/sheet1.xml", detail: "B4" });
  });

  test("an entry the writer cannot rewrite (another compression method) is refused, never rebuilt", () => {
    const input = makeZip(handmadeWorkbook({ S: data("", '"') }), { deflate: true });
    const bad = Buffer.from(input);
    const e = listZipEntries(bad).find((x) => x.name === "xl/worksheets/sheet1.xml")!;
    bad.writeUInt16LE(14, e.centralOffset + 10); // LZMA
    expect(() => patchPackage(bad, new Map([["xl/worksheets/sheet1.xml", updates({ "0,1": 4 })]]))).toThrow(PatchError);
  });

  test("no updates: the same bytes", () => {
    const zip = makeZip({ "a.txt": "x" });
    expect(patchPackage(zip, new Map()).bytes.equals(zip)).toBe(true);
  });
});
