import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { WorkbookReadError, WorkbookWriteError, type UnreadableReason } from "../../src/engine/errors";
import { valueUpdates, writeWorkbook } from "../../src/engine/copy";
import { recalculated } from "../../src/engine/recalc";
import { readWorkbook } from "../../src/engine/workbook";
import { fixZipTimestamps, isZip64, listZipEntries, readZipEntry } from "../../src/engine/zip";
import { makeZip, readBack, sha256, tempDir, unreadableFiles, writeWorkbook as writeTestWorkbook, zipParts, type MakeZipOptions } from "./fixtures";
import { expectOnlyValuesChanged } from "./package-diff";
import { makeMacroEnabled } from "./package-fixtures";

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

/** A workbook as a regulator's file might hold it: the three name forms, shared and array formulas, names. */
async function regulatorWorkbook(file: string): Promise<void> {
  await writeTestWorkbook(
    file,
    {
      "表3 分期对比": [
        ["EIA 1", "EIA 2", "EIA 3", "Perf 1", "Perf 2", "Perf 3", "Right"],
        [1562, 3500, "/", 2268, 4640, "/", { formula: "_xldudf_ER_INITIAL_RIGHT_PHASED(A2:C2,D2:F2)", result: 5062 }],
        [4014, 12042, 2220, 4152, 8303, 1890, { formula: "ER.INITIAL_RIGHT_PHASED(A3:C3,D3:F3)", result: 14207 }],
        ["-", "-", 1938, 4151.5, 8303, 945, { formula: "INITIAL_RIGHT_PHASED(A4:C4,D4:F4)", result: 13000 }],
      ],
      Summary: [
        [{ formula: "SUM('表3 分期对比'!G2:G4)", result: 32269 }, { formula: "_xlfn.IFNA(_xldudf_ER_EIA_TOTAL(eia_plant3,perf_plant3),\"-\")", result: "-" }],
        [1, { formula: "A2*2", result: 2, shareType: "shared", ref: "B2:B4" }],
        [2, { sharedFormula: "B2", result: 4 }],
        [3, { sharedFormula: "B2", result: 7 }],
        [{ formula: "A2:A4*10", result: 10, shareType: "array", ref: "A5:A7" }, { formula: "CONCAT(\"a\",\"b\")", result: "ab" }],
        [20, { formula: "1/0", result: { error: "#DIV/0!" } }],
        [30, { formula: "排放量合计*2" }],
      ],
    },
    (wb) => {
      wb.definedNames.add("'表3 分期对比'!$A$4:$C$4", "eia_plant3");
      wb.definedNames.add("'表3 分期对比'!$D$4:$F$4", "perf_plant3");
      wb.definedNames.add("'表3 分期对比'!$G$2", "排放量合计");
      const ws = wb.getWorksheet("表3 分期对比")!;
      ws.getColumn(7).width = 18;
      ws.getColumn(1).width = 11.5;
      ws.getCell("G2").numFmt = "0.00";
      ws.getCell("G2").font = { bold: true, color: { argb: "FFC00000" } };
      ws.getCell("G2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
      ws.getCell("G2").border = { top: { style: "thin" }, bottom: { style: "double" } };
      ws.getCell("G2").alignment = { horizontal: "right" };
      ws.getCell("A4").note = "批复无 NOx 数值";
      ws.getCell("G3").note = { texts: [{ text: "Table 3, plant 2" }] } as ExcelJS.Comment;
      ws.mergeCells("A1:C1");
      ws.getRow(1).height = 30;
      ws.views = [{ state: "frozen", ySplit: 1 }];
    },
  );
}

describe("reading", () => {
  test("values, formulas as stored (shared formulas translated), cached values, names, array formulas", async () => {
    const file = join(tmp.dir, "in.xlsx");
    await regulatorWorkbook(file);
    // Every formula recomputed, so that the reading of those that do not depend on an ER function is checked too.
    const wb = await readWorkbook(file, { recomputeAll: true });
    const byAddress = new Map(recalculated(wb).map((c) => [`${c.sheet}!${c.address}`, c]));

    const g2 = byAddress.get("表3 分期对比!G2")!;
    expect(g2.formula).toBe("=_xldudf_ER_INITIAL_RIGHT_PHASED(A2:C2,D2:F2)");
    expect([g2.previous, g2.value]).toEqual([5062, 5062]);
    expect(byAddress.get("表3 分期对比!G3")!.value).toBe(14207);
    expect([byAddress.get("表3 分期对比!G4")!.previous, byAddress.get("表3 分期对比!G4")!.value]).toEqual([13000, 13399.5]);

    expect(byAddress.get("Summary!A1")!.value).toBe(5062 + 14207 + 13399.5);
    expect(byAddress.get("Summary!B1")!.formula).toBe('=_xlfn.IFNA(_xldudf_ER_EIA_TOTAL(eia_plant3,perf_plant3),"-")');
    expect(byAddress.get("Summary!B1")!.value).toBe("-");
    expect(byAddress.get("Summary!B3")!.formula).toBe("=A3*2");
    expect([byAddress.get("Summary!B4")!.previous, byAddress.get("Summary!B4")!.value]).toEqual([7, 6]);
    expect(byAddress.get("Summary!A5")!.cell.arrayRange).toEqual({ start: { row: 4, col: 0 }, end: { row: 6, col: 0 } });
    expect(wb.engine.getValue("Summary", 5, 0)).toBe(20); // A6, inside the array, recomputed from A3
    expect(byAddress.get("Summary!B6")!.value).toBe("#DIV/0!");
    expect(byAddress.get("Summary!B6")!.previous).toBe("#DIV/0!");
    expect(byAddress.get("Summary!B7")!.value).toBe(10124); // a Chinese defined name
    expect(byAddress.get("Summary!B7")!.previous).toBeNull();
    // A function the engine lacks is reported, not guessed.
    expect(byAddress.get("Summary!B5")!.unsupported).toMatch(/CONCAT/);
    wb.engine.destroy();
  });

  test("dates are serial numbers, the 1904 system is honoured", async () => {
    const file = join(tmp.dir, "dates.xlsx");
    await writeTestWorkbook(file, { S: [[new Date(Date.UTC(2020, 0, 1)) as never, { formula: "A1+1", result: 43832 }]] }, (wb) => {
      wb.getWorksheet("S")!.getCell("A1").numFmt = "yyyy-mm-dd";
    });
    const wb = await readWorkbook(file);
    expect(wb.engine.getValue("S", 0, 0)).toBe(43831);
    expect(recalculated(wb)[0].value).toBe(43832);
  });
});

describe("a round trip keeps everything but the cached values", () => {
  test("styles, number formats, widths, heights, merges, comments, frozen panes, names, formula text", async () => {
    const input = join(tmp.dir, "in.xlsx");
    const output = join(tmp.dir, "out.xlsx");
    await regulatorWorkbook(input);
    const before = sha256(input);
    const wb = await readWorkbook(input, { recomputeAll: true });
    expect(await writeWorkbook(wb, output)).toBeGreaterThan(0);
    expect(sha256(input)).toBe(before);

    const a = await readBack(input);
    const b = await readBack(output);
    for (const ws of a.worksheets) {
      const wsb = b.getWorksheet(ws.name)!;
      expect(wsb).toBeDefined();
      expect(wsb.model.merges).toEqual(ws.model.merges);
      expect(wsb.views).toEqual(ws.views);
      for (let c = 1; c <= 8; c++) expect(wsb.getColumn(c).width).toBe(ws.getColumn(c).width);
      ws.eachRow((row, r) => {
        expect(wsb.getRow(r).height).toBe(row.height);
        row.eachCell((cell, c) => {
          const other = wsb.getCell(r, c);
          expect([cell.address, other.style]).toEqual([cell.address, cell.style]);
          expect([cell.address, other.numFmt]).toEqual([cell.address, cell.numFmt]);
          expect([cell.address, other.note]).toEqual([cell.address, cell.note]);
          expect([cell.address, other.type]).toEqual([cell.address, cell.type]);
          if (cell.type === ExcelJS.ValueType.Formula) expect([cell.address, other.formula]).toEqual([cell.address, cell.formula]);
          else if (cell.address !== "A6" && cell.address !== "A7") expect([cell.address, other.value]).toEqual([cell.address, cell.value]);
        });
      });
    }
    expect(JSON.stringify(b.definedNames.model)).toBe(JSON.stringify(a.definedNames.model));

    // The formula text is the user's, in the form the file had it; the cached values are new.
    const t3 = b.getWorksheet("表3 分期对比")!;
    expect(t3.getCell("G2").formula).toBe("_xldudf_ER_INITIAL_RIGHT_PHASED(A2:C2,D2:F2)");
    expect(t3.getCell("G4").formula).toBe("INITIAL_RIGHT_PHASED(A4:C4,D4:F4)");
    expect(t3.getCell("G4").result).toBe(13399.5);
    const s = b.getWorksheet("Summary")!;
    expect(s.getCell("B4").result).toBe(6);
    expect((s.getCell("B4").value as { sharedFormula?: string }).sharedFormula).toBe("B2");
    expect(s.getCell("A5").formula).toBe("A2:A4*10");
    expect([s.getCell("A5").result, s.getCell("A6").value, s.getCell("A7").value]).toEqual([10, 20, 30]);
    expect(s.getCell("B5").result).toBe("ab"); // not computed here: the stored value is kept
    expect(s.getCell("B6").result).toEqual({ error: "#DIV/0!" });
    expect(s.getCell("B7").result).toBe(10124);

    // The raw XML says the same: shared formulas stay shared, the ER formula keeps its _xldudf_ name.
    const sheetXml = readZipEntry(readFileSync(output), listZipEntries(readFileSync(output)).find((e) => e.name === "xl/worksheets/sheet1.xml")!).toString();
    expect(sheetXml).toContain("<f>_xldudf_ER_INITIAL_RIGHT_PHASED(A2:C2,D2:F2)</f><v>5062</v>");
  });

  /** The cells of the regulator workbook whose values change, by part. */
  const CHANGED = { "xl/worksheets/sheet1.xml": ["G4"], "xl/worksheets/sheet2.xml": ["A1", "B4", "B7"] };

  test.each([
    ["as ExcelJS wrote it", undefined],
    ["deflated again", { deflate: true }],
    ["stored", {}],
    ["with data descriptors, extra fields, comments, another directory order", { deflate: true, descriptors: true, extras: true, reverseCentral: true }],
    ["zip64", { deflate: true, zip64: true }],
  ] as [string, MakeZipOptions | undefined][])("patching changes only the values of the cells that changed, every other byte is the input's (%s)", async (_, zipOptions) => {
    const plain = join(tmp.dir, "plain.xlsx");
    const input = join(tmp.dir, "in.xlsx");
    const output = join(tmp.dir, "out.xlsx");
    await regulatorWorkbook(plain);
    writeFileSync(input, zipOptions ? makeZip(zipParts(readFileSync(plain)), zipOptions) : readFileSync(plain));
    const wb = await readWorkbook(input, { recomputeAll: true });
    const results = recalculated(wb);
    const updates = valueUpdates(wb, results);
    expect(Object.fromEntries([...updates].map(([k, m]) => [k, [...m.keys()]]))).toEqual({ "表3 分期对比": ["3,6"], Summary: ["0,0", "3,1", "6,1"] });
    expect(await writeWorkbook(wb, output, { results })).toBe(4);
    const cells = expectOnlyValuesChanged(readFileSync(input), readFileSync(output), CHANGED);
    expect(cells.get("xl/worksheets/sheet1.xml!G4")?.v).toBe("13399.5");
    expect(cells.get("xl/worksheets/sheet2.xml!B4")?.v).toBe("6");
    expect(cells.get("xl/worksheets/sheet2.xml!A1")?.v).toBe(String(5062 + 14207 + 13399.5));
    expect(cells.get("xl/worksheets/sheet2.xml!B7")?.v).toBe("10124"); // it had no cached value: one is added
  });

  test("an .xlsm keeps its macros, its content type and every other byte", async () => {
    const plain = join(tmp.dir, "plain.xlsx");
    const input = join(tmp.dir, "in.xlsm");
    const output = join(tmp.dir, "out.xlsm");
    await regulatorWorkbook(plain);
    const parts = zipParts(readFileSync(plain));
    const vba = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) % 251));
    makeMacroEnabled(parts, vba);
    writeFileSync(input, makeZip(parts, { deflate: true }));
    const wb = await readWorkbook(input, { recomputeAll: true });
    await writeWorkbook(wb, output);
    expectOnlyValuesChanged(readFileSync(input), readFileSync(output), CHANGED);
    const copy = zipParts(readFileSync(output));
    expect(copy["xl/vbaProject.bin"].equals(vba)).toBe(true);
    expect(copy["[Content_Types].xml"].toString()).toContain("macroEnabled.main+xml");
  });

  test("a legacy array formula keeps every member's value: a single value fills its range, a member is never emptied", async () => {
    const input = join(tmp.dir, "in.xlsx");
    const output = join(tmp.dir, "out.xlsx");
    await writeTestWorkbook(input, {
      S: [
        [5, { formula: "_xldudf_ER_REGIONAL_TOTAL(A1)", result: 4, shareType: "array", ref: "B1:B2" }, { formula: "A1:A2*2", result: 10, shareType: "array", ref: "C1:C2" }, { formula: "SUM(A1:A2)", result: 11, shareType: "array", ref: "D1:D2" }],
        [6, 4, 12, 11],
      ],
    });
    const wb = await readWorkbook(input, { recomputeAll: true });
    await writeWorkbook(wb, output);
    const cells = expectOnlyValuesChanged(readFileSync(input), readFileSync(output), { "xl/worksheets/sheet1.xml": ["B1", "B2"] });
    expect([cells.get("xl/worksheets/sheet1.xml!B1")?.v, cells.get("xl/worksheets/sheet1.xml!B2")?.v]).toEqual(["5", "5"]);
    const back = await readBack(output);
    const ws = back.getWorksheet("S")!;
    expect([ws.getCell("C1").result, ws.getCell("C2").value, ws.getCell("D1").result, ws.getCell("D2").value]).toEqual([10, 12, 11, 11]);
  });

  test("a value the engine loses (NaN) keeps the stored one, <v>NAN</v> is never written, errors are t=\"e\", full-precision values equal at 15 digits are not rewritten", async () => {
    const input = join(tmp.dir, "in.xlsx");
    const output = join(tmp.dir, "out.xlsx");
    // E1: Excel's full-precision value, which the engine gives rounded at 15 digits one unit higher (…593).
    await writeTestWorkbook(input, {
      S: [[{ formula: "EXP(-745)", result: 0 }, { formula: "1E308*10", result: 5 }, { formula: "0.1+0.2", result: 0.3 }, { formula: "1/3", result: 1 / 3 }, { formula: "0.97894940667059249*1", result: 0.97894940667059249 }]],
    });
    const wb = await readWorkbook(input, { recomputeAll: true });
    await writeWorkbook(wb, output);
    const cells = expectOnlyValuesChanged(readFileSync(input), readFileSync(output), { "xl/worksheets/sheet1.xml": ["B1"] });
    expect(cells.get("xl/worksheets/sheet1.xml!B1")).toMatchObject({ t: "e", v: "#NUM!" });
    expect(zipParts(readFileSync(output))["xl/worksheets/sheet1.xml"].toString()).not.toMatch(/NAN|Infinity/i);
  });

  test("an array formula over whole columns costs what the used range costs", async () => {
    const input = join(tmp.dir, "in.xlsx");
    const output = join(tmp.dir, "out.xlsx");
    await writeTestWorkbook(input, { S: [[5, { formula: "_xldudf_ER_REGIONAL_TOTAL(A1:A2)", result: 4, shareType: "array", ref: "B1:C300000" }, 4], [6, 4, 4]] });
    const wb = await readWorkbook(input, { recomputeAll: true });
    const started = Date.now();
    const updates = valueUpdates(wb, recalculated(wb));
    expect(Date.now() - started).toBeLessThan(2000);
    expect([...updates.get("S")!]).toEqual([
      ["0,1", 11],
      ["0,2", 11],
      ["1,1", 11],
      ["1,2", 11],
    ]);
    await writeWorkbook(wb, output);
    expectOnlyValuesChanged(readFileSync(input), readFileSync(output), { "xl/worksheets/sheet1.xml": ["B1", "C1", "B2", "C2"] });
  });

  test("a member of an array formula that is not in the sheet's XML: refused, nothing written, never rebuilt", async () => {
    const plain = join(tmp.dir, "plain.xlsx");
    const input = join(tmp.dir, "in.xlsx");
    const output = join(tmp.dir, "out.xlsx");
    await writeTestWorkbook(plain, { S: [[5, { formula: "_xldudf_ER_REGIONAL_TOTAL(A1:A2)*2", result: 1, shareType: "array", ref: "B1:B2" }], [6, 1]] });
    const parts = zipParts(readFileSync(plain));
    const xml = parts["xl/worksheets/sheet1.xml"].toString();
    parts["xl/worksheets/sheet1.xml"] = Buffer.from(xml.replace(/<c r="B2"[^>]*?(\/>|>.*?<\/c>)/, ""));
    expect(parts["xl/worksheets/sheet1.xml"].toString()).not.toContain('r="B2"');
    writeFileSync(input, makeZip(parts, { deflate: true }));
    const wb = await readWorkbook(input, { recomputeAll: true });
    await expect(writeWorkbook(wb, output)).rejects.toMatchObject({ reason: "cellNotInSheet", detail: "S!B2" });
    expect(existsSync(output)).toBe(false);
  });

  test("an up-to-date file is copied byte for byte", async () => {
    const input = join(tmp.dir, "in.xlsx");
    const first = join(tmp.dir, "first.xlsx");
    const second = join(tmp.dir, "second.xlsx");
    await regulatorWorkbook(input);
    await writeWorkbook(await readWorkbook(input, { recomputeAll: true }), first);
    await writeWorkbook(await readWorkbook(first, { recomputeAll: true }), second);
    expect(sha256(second)).toBe(sha256(first));
  });

  test("recalculating the copy again changes nothing", async () => {
    const input = join(tmp.dir, "in.xlsx");
    const first = join(tmp.dir, "first.xlsx");
    await regulatorWorkbook(input);
    await writeWorkbook(await readWorkbook(input, { recomputeAll: true }), first);
    const again = recalculated(await readWorkbook(first, { recomputeAll: true })).filter((c) => !c.unsupported);
    for (const c of again) expect([c.address, c.previous]).toEqual([c.address, c.value]);
  });
});

describe("writing is safe", () => {
  test("an existing output is not replaced without force, and is with it", async () => {
    const input = join(tmp.dir, "in.xlsx");
    const output = join(tmp.dir, "out.xlsx");
    await regulatorWorkbook(input);
    writeFileSync(output, "keep me");
    const wb = await readWorkbook(input, { recomputeAll: true });
    await expect(writeWorkbook(wb, output)).rejects.toMatchObject({ reason: "exists" });
    expect(readFileSync(output, "utf8")).toBe("keep me");
    await writeWorkbook(wb, output, { force: true });
    expect(listZipEntries(readFileSync(output)).some((e) => e.name === "xl/workbook.xml")).toBe(true);
  });

  test("the input is never written to, even with force", async () => {
    const input = join(tmp.dir, "in.xlsx");
    await regulatorWorkbook(input);
    const before = sha256(input);
    const wb = await readWorkbook(input, { recomputeAll: true });
    await expect(writeWorkbook(wb, input, { force: true })).rejects.toMatchObject({ reason: "sameAsInput" });
    await expect(writeWorkbook(wb, join(tmp.dir, ".", "in.xlsx"), { force: true })).rejects.toBeInstanceOf(WorkbookWriteError);
    expect(sha256(input)).toBe(before);
  });
});

describe("files that are not readable workbooks", () => {
  const expected: Record<string, UnreadableReason> = {
    random: "notZip",
    truncated: "truncated",
    encrypted: "encrypted",
    legacy: "legacyXls",
    noWorkbook: "notWorkbook",
    docx: "notWorkbook",
    empty: "empty",
  };
  test("each kind gives its reason, and the file is left as it was", async () => {
    const files = await unreadableFiles(tmp.dir);
    for (const [kind, file] of Object.entries(files)) {
      const before = sha256(file);
      const err = await readWorkbook(file).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect([kind, err instanceof WorkbookReadError && err.reason]).toEqual([kind, expected[kind]]);
      expect(sha256(file)).toBe(before);
    }
  });

  test("a missing file and a folder", async () => {
    await expect(readWorkbook(join(tmp.dir, "missing.xlsx"))).rejects.toMatchObject({ reason: "notFound" });
    await expect(readWorkbook(tmp.dir)).rejects.toMatchObject({ reason: "isDirectory" });
  });
});

describe("zip helpers", () => {
  test("fixed timestamps make a package reproducible without changing its content", async () => {
    const a = join(tmp.dir, "a.xlsx");
    await writeTestWorkbook(a, { S: [[1]] });
    const bytes = readFileSync(a);
    const fixed = fixZipTimestamps(bytes, new Date(Date.UTC(2024, 0, 1)));
    expect(fixed.length).toBe(bytes.length);
    const names = listZipEntries(bytes).map((e) => e.name);
    expect(listZipEntries(fixed).map((e) => e.name)).toEqual(names);
    for (const e of listZipEntries(fixed)) expect(readZipEntry(fixed, e)).toEqual(readZipEntry(bytes, listZipEntries(bytes).find((x) => x.name === e.name)!));
    expect(existsSync(a)).toBe(true);
  });

  test("a zip64 package (as streaming writers make them) is read, checked and recalculated like any other", async () => {
    const plain = join(tmp.dir, "plain.xlsx");
    await regulatorWorkbook(plain);
    const parts = zipParts(readFileSync(plain));
    const file = join(tmp.dir, "zip64.xlsx");
    writeFileSync(file, makeZip(parts, { deflate: true, zip64: true }));
    const entries = listZipEntries(readFileSync(file));
    expect(isZip64(readFileSync(file))).toBe(true);
    expect(entries.every((e) => e.zip64)).toBe(true);
    expect(Object.fromEntries(entries.map((e) => [e.name, readZipEntry(readFileSync(file), e).toString("utf8")]))).toEqual(
      Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v.toString("utf8")])),
    );
    const want = recalculated(await readWorkbook(plain)).map((c) => [c.sheet, c.address, c.value]);
    const wb = await readWorkbook(file);
    expect(recalculated(wb).map((c) => [c.sheet, c.address, c.value])).toEqual(want);
    // The copy is patched as any other, and stays zip64.
    const out = join(tmp.dir, "zip64-copy.xlsx");
    expect(await writeWorkbook(wb, out)).toBeGreaterThan(0);
    expect(isZip64(readFileSync(out))).toBe(true);
    expect(recalculated(await readWorkbook(out)).map((c) => [c.sheet, c.address, c.value])).toEqual(want);
  });
});
