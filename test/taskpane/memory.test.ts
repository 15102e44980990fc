/**
 * The in-memory host behaves as Excel does where the pane depends on it: batches run at sync in order and
 * stop at a failure; rows and columns move cells, formulas and names; text typed after an apostrophe stays
 * text; a value a dynamic array spilled into has no formula and knows its parent; batches wait while a cell
 * is edited.
 */
import { MemoryHost } from "../../src/taskpane/host/memory";
import type { RangeRef } from "../../src/taskpane/host/types";

const at = (sheet: string, row: number, col: number, rows = 1, cols = 1): RangeRef => ({ sheet, row, col, rows, cols });

function book(): MemoryHost {
  return new MemoryHost({
    S: { cells: [["EIA", 1562, 3500], ["Performance", 2268, 4640], ["Right", "=ER.INITIAL_RIGHT_PHASED(B1:C1,B2:C2)", null]] },
    T: { cells: [["=S!B3"]] },
  });
}

test("rows inserted above move cells, the formulas that read them and the names that track them", async () => {
  const host = book();
  await host.run(async (tx) => {
    tx.addName("_ER_T1", at("S", 2, 1));
    tx.addName("_ER_T2", at("S", 0, 1, 1, 2));
    await tx.sync();
  });
  host.insertRows("S", 0, 2);
  expect(host.cell("S", 4, 1)).toEqual({ value: 5062, formula: "=ER.INITIAL_RIGHT_PHASED(B3:C3,B4:C4)" });
  expect(host.cell("T", 0, 0).formula).toBe("=S!B5");
  expect(host.nameList()).toEqual(expect.arrayContaining([{ name: "_ER_T1", formula: "=S!$B$5" }, { name: "_ER_T2", formula: "=S!$B$3:$C$3" }]));
  // A column inserted inside a named range widens it, as in Excel.
  host.insertColumns("S", 2, 1);
  expect(host.nameList()).toEqual(expect.arrayContaining([{ name: "_ER_T2", formula: "=S!$B$3:$D$3" }]));
  // A deleted cell leaves #REF! behind.
  host.deleteRows("S", 4, 1);
  expect(host.nameList()).toEqual(expect.arrayContaining([{ name: "_ER_T1", formula: "=#REF!" }]));
  expect(host.cell("T", 0, 0).value).toMatchObject({ error: "#REF!" });
});

test("text typed after an apostrophe stays text, even when it reads as a formula or an error", async () => {
  const host = book();
  host.setInputs("S", 5, 0, [["'=ER.PERFORMANCE_EMISSION(B1,B2)", "'#N/A", "'1562", "=B1*2"]]);
  expect(host.cell("S", 5, 0)).toEqual({ value: "=ER.PERFORMANCE_EMISSION(B1,B2)" });
  expect(host.cell("S", 5, 1)).toEqual({ value: "#N/A" });
  expect(host.cell("S", 5, 2)).toEqual({ value: "1562" });
  expect(host.cell("S", 5, 3)).toEqual({ value: 3124, formula: "=B1*2" });
  expect([0, 1, 2, 3].map((c) => host.input("S", 5, c))).toEqual(["'=ER.PERFORMANCE_EMISSION(B1,B2)", "'#N/A", "'1562", "=B1*2"]);
});

test("a value a dynamic array spilled into is a value without a formula, and knows the cell that spilled it", async () => {
  const host = new MemoryHost({ S: { cells: [[1, 2, 3], ["=A1:C1*10", null, null]] } });
  expect(host.cell("S", 1, 1)).toEqual({ value: 20 });
  const parents = await host.run(async (tx) => {
    const ps = [tx.spillParent({ sheet: "S", row: 1, col: 2 }), tx.spillParent({ sheet: "S", row: 1, col: 0 }), tx.spillParent({ sheet: "S", row: 0, col: 1 })];
    await tx.sync();
    return ps.map((p) => p.value);
  });
  expect(parents).toEqual([{ sheet: "S", row: 1, col: 0 }, null, null]);
});

test("a batch runs at sync, in order; reading before the sync is a bug; a failing operation stops the batch there", async () => {
  const host = book();
  await expect(
    host.run(async (tx) => {
      const names = tx.sheetNames();
      return names.value;
    }),
  ).rejects.toThrow("read before sync");
  host.failOn((op) => op.kind === "write" && op.sheet === "New");
  await expect(
    host.run(async (tx) => {
      tx.addSheet("New");
      tx.write({ sheet: "New", row: 0, col: 0, inputs: [[1]] });
      tx.addSheet("Never");
      await tx.sync();
    }),
  ).rejects.toThrow("write New failed");
  expect(host.sheetList()).toEqual(["S", "T", "New"]);
  expect(host.stats).toEqual({ runs: 2, syncs: 1 });
});

test("an undefined input leaves its cell as it is (a scattered write in one block)", async () => {
  const host = book();
  await host.run(async (tx) => {
    tx.write({ sheet: "S", row: 0, col: 1, inputs: [[undefined, 7], [8, undefined]] });
    await tx.sync();
  });
  expect([host.input("S", 0, 1), host.input("S", 0, 2), host.input("S", 1, 1), host.input("S", 1, 2)]).toEqual([1562, 7, 8, 4640]);
});

test("while a cell is edited, a batch waits for the edit to end", async () => {
  const host = book();
  host.setEditing(true);
  let ran = false;
  const p = host.run(async (tx) => {
    const s = tx.activeSheet();
    await tx.sync();
    ran = true;
    return s.value;
  });
  await new Promise((r) => setTimeout(r, 20));
  expect(ran).toBe(false);
  host.setEditing(false);
  await expect(p).resolves.toBe("S");
});

test("several selected areas, and what the pane hears of the pane's visibility", async () => {
  const host = book();
  const heard: boolean[] = [];
  await host.onVisibilityChanged((v) => heard.push(v));
  host.setSelection([at("S", 0, 1, 1, 2), at("S", 2, 1, 1, 2)]);
  const sel = await host.run(async (tx) => {
    const s = tx.selection();
    await tx.sync();
    return s.value;
  });
  expect(sel).toEqual({ sheet: "S", areas: [at("S", 0, 1, 1, 2), at("S", 2, 1, 1, 2)] });
  host.setVisible(false);
  host.setVisible(true);
  expect(heard).toEqual([false, true]);
});
