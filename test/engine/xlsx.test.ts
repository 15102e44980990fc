import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { WorkbookReadError, WorkbookWriteError, type UnreadableReason } from "../../src/engine/errors";
import { readWorkbook, recalculated, valueUpdates, writeWorkbook } from "../../src/engine/xlsx";
import { fixZipTimestamps, isZip64, listZipEntries, readZipEntry } from "../../src/engine/zip";
import { makeZip, readBack, sha256, tempDir, unreadableFiles, writeWorkbook as writeTestWorkbook, zipParts } from "./fixtures";

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
    const wb = await readWorkbook(file);
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
    const wb = await readWorkbook(input);
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

  test("patching changes only the values of the cells that changed; every other part is byte for byte the same", async () => {
    const input = join(tmp.dir, "in.xlsx");
    const output = join(tmp.dir, "out.xlsx");
    await regulatorWorkbook(input);
    const wb = await readWorkbook(input);
    const results = recalculated(wb);
    const updates = valueUpdates(wb, results);
    expect([...updates.keys()].sort()).toEqual(["Summary", "表3 分期对比"]);
    expect([...updates.get("表3 分期对比")!.keys()]).toEqual(["3,6"]); // G4: 13000 -> 13399.5
    expect(await writeWorkbook(wb, output, { results })).toBe([...updates.values()].reduce((n, m) => n + m.size, 0));
    const a = readFileSync(input);
    const b = readFileSync(output);
    const ea = listZipEntries(a);
    const eb = listZipEntries(b);
    expect(eb.map((e) => e.name)).toEqual(ea.map((e) => e.name));
    const noValues = (xml: string) => xml.replace(/<v>[^<]*<\/v>/g, "").replace(/<c ([^>]*?) ?t="\w+"/g, "<c $1").replace(/<c ([^>]*)><\/c>/g, "<c $1/>");
    for (const e of ea) {
      const x = readZipEntry(a, e);
      const y = readZipEntry(b, eb.find((f) => f.name === e.name)!);
      if (e.name.startsWith("xl/worksheets/sheet")) expect(noValues(y.toString())).toBe(noValues(x.toString()));
      else expect([e.name, y.equals(x)]).toEqual([e.name, true]);
    }
  });

  test("an up-to-date file is copied byte for byte", async () => {
    const input = join(tmp.dir, "in.xlsx");
    const first = join(tmp.dir, "first.xlsx");
    const second = join(tmp.dir, "second.xlsx");
    await regulatorWorkbook(input);
    await writeWorkbook(await readWorkbook(input), first);
    await writeWorkbook(await readWorkbook(first), second);
    expect(sha256(second)).toBe(sha256(first));
  });

  test("recalculating the copy again changes nothing", async () => {
    const input = join(tmp.dir, "in.xlsx");
    const first = join(tmp.dir, "first.xlsx");
    await regulatorWorkbook(input);
    await writeWorkbook(await readWorkbook(input), first);
    const again = recalculated(await readWorkbook(first)).filter((c) => !c.unsupported);
    for (const c of again) expect([c.address, c.previous]).toEqual([c.address, c.value]);
  });
});

describe("writing is safe", () => {
  test("an existing output is not replaced without force, and is with it", async () => {
    const input = join(tmp.dir, "in.xlsx");
    const output = join(tmp.dir, "out.xlsx");
    await regulatorWorkbook(input);
    writeFileSync(output, "keep me");
    const wb = await readWorkbook(input);
    await expect(writeWorkbook(wb, output)).rejects.toMatchObject({ reason: "exists" });
    expect(readFileSync(output, "utf8")).toBe("keep me");
    await writeWorkbook(wb, output, { force: true });
    expect(listZipEntries(readFileSync(output)).some((e) => e.name === "xl/workbook.xml")).toBe(true);
  });

  test("the input is never written to, even with force", async () => {
    const input = join(tmp.dir, "in.xlsx");
    await regulatorWorkbook(input);
    const before = sha256(input);
    const wb = await readWorkbook(input);
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
    // Never rebuilt: a package the patch writer cannot take is refused, and nothing is written.
    const out = join(tmp.dir, "zip64-copy.xlsx");
    await expect(writeWorkbook(wb, out)).rejects.toMatchObject({ reason: "unpatchablePackage" });
    expect(existsSync(out)).toBe(false);
  });
});
