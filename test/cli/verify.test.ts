/**
 * The CLI on workbooks whose formulas pass through what the engine does not reproduce: audit says "not
 * verified" (exit 0, no difference), recalc --out keeps those cells' stored values and writes only what
 * it stands behind; --recompute-all recomputes every formula.
 */
import { join } from "path";
import { runCli, type CliRun } from "./run";
import { readBack, sha256, tempDir, writeWorkbook, type CellSpec } from "../engine/fixtures";

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const run = (argv: string[], lang?: string): Promise<CliRun> => runCli(argv, { lang, cwd: tmp.dir, columns: 160 });

const ER: CellSpec = { formula: "_xldudf_ER_INITIAL_RIGHT(1562,2268)", result: 1562 };

/** A1 the ER cell; B1 INDEX on a one-row range (Excel: 7, the engine: #NUM!); C1 a SUM of it; D1 a stale verified total. */
async function book(name: string, stale: boolean): Promise<string> {
  const file = join(tmp.dir, name);
  await writeWorkbook(file, {
    S: [
      [ER, { formula: "INDEX(A2:C2,2)+A1*0", result: 7 }, { formula: "SUM(B1,1)", result: 8 }, { formula: "A1*2", result: stale ? 3000 : 3124 }, { formula: "A2*10", result: 60 }],
      [6, 7, 8],
    ],
  });
  return file;
}

test("audit: not verified cells are listed with their reason and counted, not as differences (exit 0)", async () => {
  const file = await book("notverified.xlsx", false);
  const r = await run(["audit", file]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/B1 .*not verified/);
  expect(r.out).toContain("INDEX is not among the functions checked against Excel");
  expect(r.out).toMatch(/C1 .*not verified/);
  expect(r.out).not.toMatch(/differs/);
  expect(r.out).toMatch(/notverified\.xlsx +5 +1 +0 +0 +0 +2 +0 +clean/);
  const zh = await run(["audit", file], "zh_CN.UTF-8");
  expect(zh.out).toContain("未核验");
  const json = JSON.parse((await run(["audit", file, "--json"])).out) as { files: { counts: Record<string, number>; recomputed: number }[] };
  expect(json.files[0]).toMatchObject({ recomputed: 4, counts: { notVerified: 2, changed: 0 } });
});

test("audit: a stale value in a verified cell still differs (exit 1)", async () => {
  const r = await run(["audit", await book("stale.xlsx", true)]);
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/D1 .*differs +3000 +3124/);
});

test("recalc --out writes the stale verified value and keeps the stored value of a not verified cell", async () => {
  const file = await book("stale.xlsx", true);
  const before = sha256(file);
  const out = join(tmp.dir, "copy.xlsx");
  const r = await run(["recalc", file, "--out", out]);
  expect(r.code).toBe(0);
  expect(r.err).toMatch(/2 recomputed formulas are not verified/);
  expect(r.out).toMatch(/1 formulas that do not depend on an ER function keep the values the file stores/);
  expect(sha256(file)).toBe(before);
  const ws = (await readBack(out)).getWorksheet("S")!;
  expect(ws.getCell("D1").result).toBe(3124); // recomputed, verified: written
  expect(ws.getCell("B1").result).toBe(7); // not verified: the stored value, not the engine's #NUM!
  expect(ws.getCell("C1").result).toBe(8);
  expect(ws.getCell("E1").result).toBe(60); // outside the recompute set: the stored value
});

test("--recompute-all recomputes every formula, and is in both languages' help", async () => {
  const file = join(tmp.dir, "novalues.xlsx");
  await writeWorkbook(file, { S: [[2, { formula: "A1*3" }, { formula: "B1+1" }]] });
  const plain = JSON.parse((await run(["recalc", file, "--json"])).out) as { cells: { value: unknown }[] };
  expect(plain.cells.map((c) => c.value)).toEqual([null, null]); // no stored values, nothing depends on an ER function
  const all = JSON.parse((await run(["recalc", file, "--json", "--recompute-all"])).out) as { cells: { value: unknown }[] };
  expect(all.cells.map((c) => c.value)).toEqual([6, 7]);
  const audit = await run(["audit", file, "--recompute-all", "--json"]);
  expect(JSON.parse(audit.out).files[0].counts).toMatchObject({ missing: 2, notComputed: 0 });
  expect((await run(["recalc", "--help"])).out).toContain("--recompute-all");
  expect((await run(["audit", "--help"], "zh_CN.UTF-8")).out).toMatch(/--recompute-all +重算所有公式/);
});
