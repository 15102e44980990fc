/**
 * Issue 14: what the CLI prints is safe and readable on a terminal. Control characters from file names,
 * cell texts, formulas and the rule messages that quote cell text are shown as visible escapes (checked
 * on the bytes a child process writes); the JSON escapes C1 controls too and still parses to the same
 * strings; the audit shows formulas as typed and fits the terminal's width in both languages; --help and
 * usage errors are wholly Chinese in Chinese.
 */
import { spawnSync } from "child_process";
import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import fc from "fast-check";
import { typedFormula } from "../../src/sheet/er";
import { displayWidth, renderTable, wrapText } from "../../src/cli/table";
import { visible } from "../../src/cli/visible";
import { runCli, type CliRun } from "./run";
import { makeZip, sha256, tempDir, writeWorkbook } from "../engine/fixtures";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "emission-rights.js");

/** Characters a terminal obeys, or that reorder or hide text: none may reach the output raw. */
const OBEYED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "", ...env }, timeout: 30000 });
  return { code: r.status, out: r.stdout.toString("utf8"), err: r.stderr.toString("utf8") };
}

const run = (argv: string[], options: { lang?: string; columns?: number; cwd?: string } = {}): Promise<CliRun> =>
  runCli(argv, { lang: options.lang, columns: 80, outColumns: options.columns, cwd: options.cwd ?? tmp.dir });

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.node.json"], { cwd: ROOT, encoding: "utf8" });
  tmp = tempDir();
}, 120000);
afterAll(() => tmp.cleanup());

describe("visible()", () => {
  test("C0, DEL, C1, bidi controls, separators and invisible characters are escaped; text, Chinese and newlines are not", () => {
    expect(visible("a\u001b[2J\u001b]0;t\u0007\u009b31m\u202eb\u2066\u2028\u200b\ufeff\u0000\u007f\t\r")).toBe(
      "a\\u001b[2J\\u001b]0;t\\u0007\\u009b31m\\u202eb\\u2066\\u2028\\u200b\\ufeff\\u0000\\u007f\\u0009\\u000d",
    );
    expect(visible("表3 Table 3\n排污权 t/a ✓ 😀")).toBe("表3 Table 3\n排污权 t/a ✓ 😀");
    expect(visible("a\nb", false)).toBe("a\\u000ab");
    expect(visible("\u{e0041}\ud800")).toBe("\\udb40\\udc41\\ud800");
  });

  test("for any text: nothing obeyed is left, applying it twice changes nothing, and JSON stays JSON with the same strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        const v = visible(s);
        const json = visible(JSON.stringify({ s }));
        return !OBEYED.test(v.replace(/\n/g, "")) && visible(v) === v && (JSON.parse(json) as { s: string }).s === s && !OBEYED.test(json);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("escape sequences in a file name are printed escaped", () => {
  const hostile = "evil\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202e.xlsx";
  let good: string;
  let bad: string;
  beforeAll(async () => {
    const dir = join(tmp.dir, "names");
    mkdirSync(dir);
    good = join(dir, hostile);
    await writeWorkbook(good, { S: [[1562, 2268, { formula: "_xldudf_ER_INITIAL_RIGHT(A1,B1)", result: 1000 }]] });
    bad = join(dir, `bad-${hostile}`);
    writeFileSync(bad, "not a workbook");
  });

  test.each([
    ["recalc --out", () => ["recalc", good, "--out", join(tmp.dir, "names", `out-${hostile}`)]],
    ["recalc, unreadable", () => ["recalc", bad]],
    ["audit of the folder", () => ["audit", join(tmp.dir, "names")]],
    ["audit --json of the folder", () => ["audit", join(tmp.dir, "names"), "--json"]],
  ])("%s", (_name, args) => {
    const before = [sha256(good), sha256(bad)];
    const r = cli(args());
    expect(r.code).not.toBeNull();
    expect(OBEYED.test(r.out.replace(/\n/g, ""))).toBe(false);
    expect(OBEYED.test(r.err.replace(/\n/g, ""))).toBe(false);
    expect(r.out + r.err).toContain("evil\\u001b[2J\\u001b]0;pwned\\u0007\\u009b31m\\u202e.xlsx");
    expect([sha256(good), sha256(bad)]).toEqual(before);
  });

  test("in Chinese too", () => {
    const r = cli(["recalc", bad], { LANG: "zh_CN.UTF-8" });
    expect(r.code).toBe(2);
    expect(r.err).toContain("bad-evil\\u001b[2J");
    expect(r.err).toContain("无法读取");
  });
});

describe("control characters in cells: values, formulas and rule messages that quote cell text", () => {
  let file: string;
  beforeAll(() => {
    // By hand, as a hostile writer would: a raw C1 control and a bidi override in a shared string, an
    // ESC made by a formula, a stored value holding U+009B, an ER function quoting the hostile text.
    file = join(tmp.dir, "cells.xlsx");
    const ct =
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
    const rels =
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
    const wbXml =
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S\u202eheet" sheetId="1" r:id="rId1"/></sheets></workbook>';
    const wbRels =
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
    const sheet =
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">' +
      '<c r="A1" t="inlineStr"><is><t>\u009b2J\u202ered</t></is></c><c r="B1"><v>2268</v></c>' +
      '<c r="C1"><f>_xldudf_ER_INITIAL_RIGHT(A1,B1)</f><v>1</v></c>' +
      '<c r="D1" t="str"><f>CHAR(27)&amp;"[2J"</f><v>x</v></c>' +
      '<c r="E1" t="str"><f>"a"&amp;"b"</f><v>\u009b[2J</v></c>' +
      "</row></sheetData></worksheet>";
    writeFileSync(file, makeZip({ "[Content_Types].xml": ct, "_rels/.rels": rels, "xl/workbook.xml": wbXml, "xl/_rels/workbook.xml.rels": wbRels, "xl/worksheets/sheet1.xml": sheet }));
  });

  test("recalc and audit, text and JSON, both languages: nothing obeyed reaches stdout or stderr", async () => {
    const before = sha256(file);
    for (const args of [["recalc", file], ["recalc", file, "--json"], ["audit", file], ["audit", file, "--json"]]) {
      // The installed command in English; the same code in-process in Chinese (main() wraps its Io the same way).
      const runs = [cli(args), await run(args, { lang: "zh_CN.UTF-8" })];
      for (const r of runs) {
        expect([args.join(" "), r.code]).toEqual([args.join(" "), args[0] === "audit" ? 1 : 0]);
        expect(OBEYED.test(r.out.replace(/\n/g, ""))).toBe(false);
        expect(OBEYED.test(r.err.replace(/\n/g, ""))).toBe(false);
      }
    }
    expect(sha256(file)).toBe(before);
  });

  test("the text report shows the escapes: the formula's ESC, the quoted cell text in the ER message, the sheet name", () => {
    const audit = cli(["audit", file, "--recompute-all"]);
    expect(audit.out).toContain("\\u001b[2J"); // =CHAR(27)&"[2J"
    expect(audit.out).toMatch(/\\u009b2J\\u202ered/); // quoted by the ER error message
    expect(audit.out).toContain("S\\u202eheet");
    expect(audit.out).toContain('=CHAR(27)&"[2J"');
  });

  test("the JSON escapes U+009B and parses back to it", () => {
    const r = cli(["recalc", file, "--json", "--recompute-all"]);
    expect(r.out).not.toContain("\u009b");
    expect(r.out).toContain("\\u009b[2J");
    const doc = JSON.parse(r.out) as { cells: { address: string; value: unknown; previous: unknown }[] };
    expect(doc.cells.find((c) => c.address === "E1")?.previous).toBe("\u009b[2J");
    expect(doc.cells.find((c) => c.address === "D1")?.value).toBe("\u001b[2J");
    const audit = JSON.parse(cli(["audit", file, "--json", "--recompute-all"]).out) as { files: { findings: { address: string; message?: string }[] }[] };
    expect(audit.files[0].findings.find((f) => f.address === "C1")?.message).toContain("\u009b2J\u202ered");
  });
});

describe("formulas as typed", () => {
  test.each([
    ["=_xldudf_ER_INITIAL_RIGHT(A1,B1)", "=ER.INITIAL_RIGHT(A1,B1)"],
    ["=_xlfn.IFNA(_xldudf_ER_EIA_TOTAL(A1:C1,D1:F1),\"-\")", "=IFNA(ER.EIA_TOTAL(A1:C1,D1:F1),\"-\")"],
    ["=_xlfn._xlws.SORT(A1:A9)", "=SORT(A1:A9)"],
    ["=_xlfn.LAMBDA(_xlpm.x,_xlpm.x*2)(3)", "=LAMBDA(x,x*2)(3)"],
    ['="_xlfn.IFNA(" & \'_xldudf_ER_X\'!A1', '="_xlfn.IFNA(" & \'_xldudf_ER_X\'!A1'],
    ["=SUM('表3 分期对比'!G2:G4)", "=SUM('表3 分期对比'!G2:G4)"],
    ["=_xldudf_OTHER_F(1)", "=_xldudf_OTHER_F(1)"],
  ])("%s -> %s", (stored, typed) => expect(typedFormula(stored)).toBe(typed));

  test("the audit's and recalc's tables show them; the JSON keeps what the file stores", async () => {
    const file = join(tmp.dir, "typed.xlsx");
    await writeWorkbook(file, { S: [[1562, 2268, { formula: "_xldudf_ER_INITIAL_RIGHT(A1,B1)", result: 1 }, { formula: '_xlfn.IFNA(_xldudf_ER_INITIAL_RIGHT(A1,B1),"-")', result: 2 }]] });
    const audit = await run(["audit", file]);
    expect(audit.out).toContain("=ER.INITIAL_RIGHT(A1,B1)");
    expect(audit.out).toContain('=IFNA(ER.INITIAL_RIGHT(A1,B1),"-")');
    expect(audit.out).not.toMatch(/_xldudf_|_xlfn\./);
    expect((await run(["recalc", file])).out).not.toMatch(/_xldudf_|_xlfn\./);
    expect((await run(["recalc", file, "--json"])).out).toContain("=_xldudf_ER_INITIAL_RIGHT(A1,B1)");
    expect((await run(["audit", file, "--json"])).out).toContain("_xlfn.IFNA(_xldudf_ER_INITIAL_RIGHT");
  });
});

describe("the audit fits the terminal", () => {
  let file: string;
  beforeAll(async () => {
    file = join(tmp.dir, "wide.xlsx");
    await writeWorkbook(file, {
      "表3 分期对比 Table 3 phased": [
        ["x", 2268, { formula: "_xldudf_ER_INITIAL_RIGHT(A1,B1)", result: 1 }],
        [1562, 2268, { formula: "_xldudf_ER_INITIAL_RIGHT_PHASED(A2:B2,A2:B2)+_xldudf_ER_METHOD_DIFFERENCE(A2:B2,A2:B2)*0", result: 5 }],
      ],
    });
  });

  test.each([
    ["en_US.UTF-8", 60],
    ["en_US.UTF-8", 80],
    ["en_US.UTF-8", 120],
    ["zh_CN.UTF-8", 60],
    ["zh_CN.UTF-8", 80],
    ["zh_CN.UTF-8", 120],
  ])("%s, %i columns: no line wider, and the whole message is there", async (lang, columns) => {
    const r = await run(["audit", file], { lang, columns });
    expect(r.code).toBe(1);
    for (const line of r.out.split("\n")) expect([line, displayWidth(line)]).toEqual([line, expect.any(Number)]);
    const widest = Math.max(...r.out.split("\n").map(displayWidth));
    expect(widest).toBeLessThanOrEqual(columns);
    // The "Why" text of the ER error is shown whole (wrapped, not cut).
    const json = JSON.parse((await run(["audit", file, "--json"], { lang })).out) as { files: { findings: { address: string; message?: string }[] }[] };
    const message = json.files[0].findings.find((f) => f.address === "C1")?.message ?? "";
    expect(message.length).toBeGreaterThan(20);
    expect(r.out.replace(/\s+/g, "")).toContain(message.replace(/\s+/g, ""));
  });

  test("without a terminal, the width is COLUMNS or 100", async () => {
    const r = await run(["audit", file]);
    expect(Math.max(...r.out.split("\n").map(displayWidth))).toBeLessThanOrEqual(100);
    const piped = cli(["audit", file], { COLUMNS: "70" });
    expect(Math.max(...piped.out.split("\n").map(displayWidth))).toBeLessThanOrEqual(70);
  });

  test("wrapText and renderTable: for any cells, widths and languages, no line is wider than asked", () => {
    const text = fc.array(fc.constantFrom("排", "污", "权", "，", "。", "（", "）", "a", "b", "1", ".", ",", "(", ")", " ", "_", "=", "\u001b", "😀"), { maxLength: 60 }).map((a) => a.join(""));
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 30, max: 160 }), (rows, width) => {
        for (const cell of rows.flat()) for (const line of wrapText(visible(cell, false), width)) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        const table = renderTable(["工作表", "Formula", "Stored", "原因"], rows, { indent: 2, width, wrap: [0, 1], below: 3, maxWidth: 12 });
        for (const line of table.split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      }),
      { numRuns: 300 },
    );
  });

  test("Chinese is counted two columns wide", () => {
    expect(displayWidth("表3 分期对比")).toBe(12);
    expect(wrapText("排污权核定结果不一致", 8)).toEqual(["排污权核", "定结果不", "一致"]);
    expect(wrapText("（一）甲、乙。", 8)).toEqual(["（一）", "甲、乙。"]);
  });
});

describe("help and usage errors, wholly in the user's language", () => {
  /** English left once the words every language keeps (program, commands, flags, names, units) are taken out. */
  function english(text: string): string[] {
    const kept = text
      .replace(/emission-rights|examples\/six-plants\.xlsx/g, "")
      .replace(/--?[a-z][\w-]*/g, "")
      .replace(/\b(recalc|audit|demo|help|zh-CN|en-US|LC_ALL|LC_MESSAGES|LANG|ER|Excel|JSON|KB|MiB|xlsx|xlsm)\b/g, "");
    return kept.match(/[A-Za-z]{2,}/g) ?? [];
  }

  test.each([[["--help"]], [["recalc", "--help"]], [["audit", "--help"]], [["demo", "--help"]], [["help", "recalc"]], [[]]])("%j", async (argv) => {
    const r = await run(argv, { lang: "zh_CN.UTF-8", columns: 80 });
    const text = r.out + r.err;
    expect(text).toContain("用法：");
    expect(english(text)).toEqual([]);
    for (const line of text.split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(80);
  });

  test("the --lang choices and the defaults are translated", async () => {
    const zh = (await run(["recalc", "--help"], { lang: "zh_CN.UTF-8" })).out;
    expect(zh).toContain("可选值：zh-CN、en-US");
    expect(zh).toContain("--out <副本>");
    expect(zh).toContain("emission-rights recalc [选项] <文件>");
    const en = (await run(["recalc", "--help"])).out.replace(/\s+/g, " ");
    expect(en).toContain("(choices: zh-CN, en-US)");
    expect(en).toContain("emission-rights recalc [options] <file>");
  });

  test.each([
    [["recalc", "a.xlsx", "--jsn"], "未知选项 --jsn（是否想输入 --json？）（见 --help）"],
    [["recalk", "a.xlsx"], "未知命令 recalk（是否想输入 recalc？）（见 --help）"],
    [["recalc", "a.xlsx", "b.xlsx"], "参数过多：应为 1 个，实际给了 2 个（见 --help）"],
    [["recalc"], "缺少参数 文件（见 --help）"],
    [["recalc", "a.xlsx", "--out"], "选项 -o, --out <副本> 需要一个值（见 --help）"],
    [["--lang", "fr", "demo"], "fr 不是以下之一：zh-CN、en-US（见 --help）"],
  ])("%j", async (argv, message) => {
    const r = await run(argv, { lang: "zh_CN.UTF-8" });
    expect(r.code).toBe(64);
    expect(r.err).toBe(`emission-rights: ${message}\n`);
  });
});
