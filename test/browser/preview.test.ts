/**
 * The browser preview in Debian's Chromium, as a new user would try it: actions 1-4 of the task pane on the
 * example six-plant workbook and on a table laid out differently (plants in columns, phases across, English
 * headers, '-' marks). The numbers on screen are checked against the paper's Table 5, undo against every old
 * number; every request must go to the local server, and no console error or CSP violation may occur.
 * Screenshots go to test-results/.
 */
import type { Page } from "playwright-core";
import { sixPlants } from "../helpers";
import { table3 } from "../taskpane/layouts";
import { ensureBuilt, open, shot, type Session } from "./harness";

jest.setTimeout(240000);

const T5 = sixPlants.table5_comparison;
const PLANTS6 = [1, 2, 3, 4, 5, 6];

/** Polls `fn` until it returns a truthy value (or `timeout` ms pass). */
async function until<T>(fn: () => Promise<T | undefined | null | false>, what: string, timeout = 30000): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The rows of the pane's Table 5 view for a pollutant: [plant, phased, total, difference] as shown. */
async function table5Rows(page: Page, pollutant: string): Promise<string[][]> {
  const table = page.getByRole("table", { name: `${pollutant} · Compare the whole table` });
  await table.waitFor();
  return table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim())));
}

const num = (s: string) => Number(s.replace(/,/g, ""));

async function expectTable5(page: Page, plantLabel: (p: number) => string) {
  for (const [name, key] of [["SO2", "so2"], ["NOx", "nox"]] as const) {
    const rows = await until(async () => {
      const r = await table5Rows(page, name);
      return r.length === 6 ? r : undefined;
    }, `${name} table with six plants`);
    expect(rows.map((r) => r[0])).toEqual(PLANTS6.map(plantLabel));
    expect(rows.map((r) => num(r[1]))).toEqual(T5[key].phased);
    expect(rows.map((r) => num(r[2]))).toEqual(T5[key].total);
    expect(rows.map((r) => num(r[3]))).toEqual(T5[key].difference);
  }
}

/** The text of a pane region (a plant's card) once it matches `pattern`: the pane updates as the selection changes. */
async function regionText(page: Page, name: string, pattern: RegExp): Promise<string> {
  return until(async () => {
    const t = await page.getByRole("region", { name, exact: true }).innerText({ timeout: 1000 });
    return pattern.test(t) ? t : undefined;
  }, `${name} matching ${pattern}`);
}

const cell = (page: Page, addr: string) => page.locator(`[data-testid="grid"] [data-addr="${addr}"]`);
const cellText = async (page: Page, addr: string) => ((await cell(page, addr).textContent()) ?? "").trim();
const nameBox = (page: Page) => page.getByTestId("namebox").inputValue();
const formulaBar = (page: Page) => page.getByTestId("formula").inputValue();
const activeSheet = (page: Page) => page.getByTestId("grid").getAttribute("data-sheet");

async function selectCells(page: Page, from: string, to?: string) {
  await cell(page, from).click();
  if (to) await cell(page, to).click({ modifiers: ["Shift"] });
}

async function tab(page: Page, name: string | RegExp) {
  await page.getByRole("tab", { name, exact: typeof name === "string" }).click();
}

/** Every shown cell of a sheet's grid, by address. */
async function gridTexts(page: Page): Promise<Record<string, string>> {
  return page.locator('[data-testid="grid"] td[data-addr]').evaluateAll((tds) => Object.fromEntries(tds.map((td) => [td.getAttribute("data-addr") ?? "", (td.textContent ?? "").trim()])));
}

/** Pastes tab-separated text at the active cell, as Ctrl+V from Excel would. */
async function paste(page: Page, text: string) {
  await page.getByTestId("grid").evaluate((grid, t) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", t);
    grid.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

function checkClean(s: Session) {
  const foreign = s.requests.filter((u) => !u.startsWith(`${s.origin}/`));
  expect(foreign).toEqual([]);
  expect(s.requests.some((u) => /office\.js|appsforoffice/i.test(u))).toBe(false);
  expect(s.problems).toEqual([]);
}

beforeAll(() => ensureBuilt());

describe("the six-plant workbook (examples/six-plants.xlsx)", () => {
  let s: Session;
  beforeAll(async () => {
    s = await open();
  });
  afterAll(async () => {
    await s?.close();
  });

  test("opens with the whole-table comparison on screen: the paper's Table 5", async () => {
    const { page } = s;
    expect(await activeSheet(page)).toBe("表3 分期对比 Table 3");
    await expectTable5(page, (p) => `Plant ${p}`);
    await expect(page.getByRole("group", { name: "SO2: phased against total comparison per plant (t/a)" }).count()).resolves.toBe(1);
    await shot(page, "01-whole-table");
  });

  test("clicking a plant, in the table or the chart, selects its cells and no other plant's", async () => {
    const { page } = s;
    await page.getByRole("button", { name: "Select the cells of Plant 2" }).first().click();
    // Plant 2's SO2 row and its NOx row: two areas, no other plant's cells between them.
    await until(async () => (await nameBox(page)) === "C5:K5,C11:K11", "plant 2's cells selected");
    await page.getByRole("group", { name: /^NOx: phased against/ }).getByRole("button", { name: /^Plant 5, NOx/ }).click();
    await until(async () => (await nameBox(page)) === "C8:K8,C14:K14", "plant 5's cells selected from the chart");
    // by keyboard too
    await page.getByRole("group", { name: /^SO2: phased against/ }).getByRole("button", { name: /^Plant 1, SO2/ }).focus();
    await page.keyboard.press("Enter");
    await until(async () => (await nameBox(page)) === "C4:K4,C10:K10", "plant 1's cells selected by keyboard");
    // The Selection view of that selection shows plant 1 only.
    await tab(page, "Selection");
    await regionText(page, "Plant 1 · NOx", /Difference \(total − phased\)\s+226.8 t\/a/);
    const cards = await page.locator("section[aria-labelledby^='sel-']").evaluateAll((els) => els.map((e) => e.querySelector("h3")?.textContent));
    expect(cards).toEqual(["Plant 1 · SO2", "Plant 1 · NOx"]);
    await tab(page, "Whole table");
  });

  test("action 1: the selection of a plant's phases (across) is compared phase by phase, and followed as it changes", async () => {
    const { page } = s;
    await tab(page, "Selection");
    await selectCells(page, "C5", "H5"); // plant 2, SO2: EIA and performance of phases 1-3
    const card = page.getByRole("region", { name: "Plant 2 · SO2" });
    await regionText(page, "Plant 2 · SO2", /(^|\n)3\s+2220\s+1890/);
    const phases = await card.getByRole("table", { name: "Plant 2 · SO2", exact: true }).locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim())));
    expect(phases).toEqual([
      ["1", "4014", "4152", "4014", "EIA"],
      ["2", "12042", "8303", "8303", "performance"],
      ["3", "2220", "1890", "1890", "performance"],
    ]);
    const totals = await card.getByRole("table", { name: /Phased comparison/ }).innerText();
    expect(totals).toMatch(/Phased comparison \(recommended\)\s+14207 t\/a/);
    expect(totals).toMatch(/Total comparison\s+14345 t\/a/);
    expect(totals).toMatch(/Difference \(total − phased\)\s+138 t\/a/);
    await expect(card.innerText()).resolves.toContain("keep 138 t/a more");
    await shot(page, "02-selection");

    // The pane follows the selection: plant 2's NOx row, where the approval has no NOx figure ('-').
    await selectCells(page, "C11", "H11");
    await regionText(page, "Plant 2 · NOx", /no EIA figure[\s\S]*no EIA figure[\s\S]*Phased comparison \(recommended\)\s+13399.5 t\/a/);

    // Several pollutants at once, selected by keyboard: plant 1's SO2 row (4) down to its NOx row (10).
    await selectCells(page, "C4");
    for (let i = 0; i < 5; i++) await page.keyboard.press("Shift+ArrowRight");
    for (let i = 0; i < 6; i++) await page.keyboard.press("Shift+ArrowDown");
    expect(await nameBox(page)).toBe("C4:H10");
    await regionText(page, "Plant 1 · NOx", /Difference \(total − phased\)\s+226.8 t\/a/);
    await regionText(page, "Plant 1 · SO2", /Phased comparison \(recommended\)\s+5062 t\/a/);
  });

  test("action 3: the comparison sheet is laid out like Table 5 with live ER formulas, two decimals", async () => {
    const { page } = s;
    await tab(page, "Whole table");
    await page.getByRole("button", { name: "Insert comparison sheet" }).click();
    await until(async () => (await activeSheet(page)) === "Comparison", "the comparison sheet");
    const rowOf = async (r: number) => Promise.all(["C", "D", "E", "F", "G", "H"].map((c) => cellText(page, `${c}${r}`)));
    const fixed = (xs: number[]) => xs.map((x) => x.toFixed(2));
    expect(await rowOf(3)).toEqual(fixed(T5.so2.phased));
    expect(await rowOf(4)).toEqual(fixed(T5.so2.total));
    expect(await rowOf(5)).toEqual(fixed(T5.so2.difference));
    expect(await rowOf(6)).toEqual(fixed(T5.nox.phased));
    expect(await rowOf(7)).toEqual(fixed(T5.nox.total));
    expect(await rowOf(8)).toEqual(fixed(T5.nox.difference));
    await selectCells(page, "D3");
    expect(await formulaBar(page)).toBe("=ER.INITIAL_RIGHT_PHASED('表3 分期对比 Table 3'!C5:E5,'表3 分期对比 Table 3'!F5:H5)");
    await shot(page, "03-comparison-sheet");
    // It can be removed (nothing edited it or refers to it).
    await page.getByRole("button", { name: "Remove the sheet" }).click();
    await until(async () => (await page.getByTestId("tab-Comparison").count()) === 0, "the comparison sheet removed");
  });

  test("action 4: a static copy of the paper's Table 3 is made live, audited, and undone exactly", async () => {
    const { page } = s;
    const rows = table3();
    const tsv = rows.map((r) => r.map((v) => (v === null ? "" : String(v))).join("\t")).join("\n");
    const sheetsBefore = await page.locator('[role="tab"][data-testid^="tab-"]').count();
    const newSheet = `Sheet${sheetsBefore + 1}`;
    await page.getByRole("button", { name: "New sheet" }).click();
    await until(async () => (await activeSheet(page)) === newSheet, "a new sheet");
    await paste(page, tsv);
    const before = await gridTexts(page);
    expect(before.E5).toBe("4014"); // plant 2 SO2 phase 1 EIA
    await tab(page, "Make live");
    const mapping = page.getByRole("table", { name: "What the rows and columns hold" });
    await mapping.waitFor();
    expect(await mapping.locator("tbody tr td:first-child").allInnerTexts()).toEqual(["环评", "绩效", "初始权", "总排污权"]);
    // The user can correct the proposal: ignoring 初始权 leaves the per-phase rights alone.
    const rightRole = page.getByRole("combobox", { name: "Holds: 初始权" });
    await rightRole.selectOption("ignore");
    await until(async () => (await page.getByText("12 computed numbers will become ER formulas:").count()) === 1, "a plan without the rights");
    await rightRole.selectOption("right");
    await until(async () => (await page.getByText("40 computed numbers will become ER formulas:").count()) === 1, "the full plan");
    await page.getByRole("button", { name: "Write formulas" }).click();
    await page.getByText(/^Wrote 40 ER formulas\. The old numbers are on sheet Audit; 0 of them differ/).waitFor();
    // the rights and totals are formulas now, giving the printed numbers
    await selectCells(page, "D5");
    expect(await formulaBar(page)).toBe("=ER.INITIAL_RIGHT(D3,D4)");
    await selectCells(page, "E12");
    expect(await formulaBar(page)).toBe("=ER.INITIAL_RIGHT_PHASED('ER inputs'!D7:F7,'ER inputs'!D8:F8)");
    expect(await cellText(page, "E12")).toBe("14207");
    expect(await cellText(page, "D22")).toBe("3227.2");
    expect(await page.getByTestId("tab-Audit").count()).toBe(1);
    await shot(page, "04-make-live");
    await page.getByTestId("tab-Audit").click();
    expect(await cellText(page, "C3")).toBe("Old number");
    expect(await cellText(page, "A4")).toBe(`${newSheet}!D5`);
    expect(await cellText(page, "C4")).toBe("1562");
    await page.getByTestId(`tab-${newSheet}`).click();
    await page.getByRole("button", { name: "Undo" }).click();
    await page.getByText(/^Put back 40 old numbers and removed Audit, ER inputs\./).waitFor();
    expect(await gridTexts(page)).toEqual(before);
    for (const addr of ["D5", "E12", "D22"]) {
      await selectCells(page, addr);
      expect((await formulaBar(page)).startsWith("=")).toBe(false);
    }
    expect(await page.getByTestId("tab-Audit").count()).toBe(0);
    expect(await page.getByTestId("tab-ER inputs").count()).toBe(0);
  });

  test("an empty cell in an ER range is flagged until '-' is typed", async () => {
    const { page } = s;
    await page.getByTestId("tab-表3 分期对比 Table 3").click();
    await tab(page, "Whole table");
    await selectCells(page, "C10"); // plant 1, NOx phase 1 EIA
    await page.keyboard.press("Delete");
    const warning = page.getByText("Empty cells in ER ranges");
    await warning.waitFor();
    await expect(page.locator("li", { hasText: "reads empty C10" }).first().innerText()).resolves.toContain("I10 (ER.INITIAL_RIGHT)");
    await shot(page, "05-empty-cell");
    await selectCells(page, "C10");
    await page.keyboard.type("-");
    await page.keyboard.press("Enter");
    await until(async () => (await warning.count()) === 0, "the warning gone");
  });

  test("the pane speaks Chinese on request", async () => {
    const { page } = s;
    await page.getByRole("tab", { name: "中文" }).click();
    await page.getByRole("heading", { name: "整表对比" }).waitFor();
    expect(await page.getByRole("button", { name: "插入对比表" }).count()).toBe(1);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await shot(page, "06-chinese");
  });

  test("no request left the local server; no console error, no CSP violation", () => {
    checkClean(s);
    expect(s.requests.length).toBeGreaterThan(2);
  });

  test("the page is under a CSP that refuses inline script and eval, and a refusal would have been caught", async () => {
    const res = await s.page.request.get(s.url);
    expect(res.headers()["content-security-policy"]).toMatch(/script-src 'self'(;|$)/);
    const meta = await s.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    expect(meta).toMatch(/script-src 'self';/);
    expect(await s.page.locator("script:not([src])").count()).toBe(0);
    const before = s.problems.length;
    // An inline script and a string timer, as an injected script would try them: both must be refused.
    const ran = await s.page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const el = document.createElement("script");
      el.textContent = "window.__inline = true";
      document.head.appendChild(el);
      (window.setTimeout as unknown as (code: string, ms: number) => number)("window.__timer = true", 0);
      await new Promise((r) => setTimeout(r, 100));
      return [w.__inline === true, w.__timer === true];
    });
    expect(ran).toEqual([false, false]);
    await until(async () => s.problems.length >= before + 2, "both violations reported");
    expect(s.problems.slice(before).every((p) => /CSP violation|Content Security Policy/.test(p))).toBe(true);
    s.problems.splice(before);
  });
});

describe("a table laid out differently: plants in columns, phases across, English headers, '-' marks", () => {
  let s: Session;
  beforeAll(async () => {
    s = await open("?workbook=other");
  });
  afterAll(async () => {
    await s?.close();
  });

  test("the whole-table comparison gives Table 5", async () => {
    expect(await activeSheet(s.page)).toBe("Plants across");
    await expectTable5(s.page, (p) => `Plant ${p}`);
  });

  test("action 1: plant 2's NOx across its three phases", async () => {
    const { page } = s;
    await tab(page, "Selection");
    await selectCells(page, "F10", "H11");
    const text = await regionText(page, "Plant 2 · NOx", /Total comparison/);
    expect(text).toMatch(/(^|\n)1\s+—\s+4151.5\s+4151.5\s+no EIA figure/);
    expect(text).toMatch(/(^|\n)3\s+1938\s+945\s+945\s+performance/);
    expect(text).toMatch(/Total comparison\s+13399.5 t\/a/);
  });

  test("action 3: the comparison sheet refers to the rows of phases directly", async () => {
    const { page } = s;
    await tab(page, "Whole table");
    await page.getByRole("button", { name: "Insert comparison sheet" }).click();
    await until(async () => (await activeSheet(page)) === "Comparison", "the comparison sheet");
    expect(await cellText(page, "D4")).toBe("14345.00");
    expect(await cellText(page, "G8")).toBe("215.00");
    await selectCells(page, "D4");
    expect(await formulaBar(page)).toBe("=ER.INITIAL_RIGHT_TOTAL('Plants across'!F6:H6,'Plants across'!F7:H7)");
    await page.getByTestId("tab-Plants across").click();
  });

  test("action 4: volumes in 10^9 m3 and limits become performance formulas; the printed numbers that differ are marked; undo restores them all", async () => {
    const { page } = s;
    const before = await gridTexts(page);
    await tab(page, "Make live");
    const mapping = page.getByRole("table", { name: "What the rows and columns hold" });
    await mapping.waitFor();
    const lines = await mapping.locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector("td")?.textContent?.trim(), (tr.querySelector("select") as HTMLSelectElement | null)?.value]),
    );
    expect(lines).toEqual([
      ["Flue gas volume (10^9 m3/a)", "volume"],
      ["Limit (mg/m3)", "limit"],
      ["EIA", "eia"],
      ["Performance", "performance"],
      ["Right", "right"],
    ]);
    await page.getByRole("button", { name: "Write formulas" }).click();
    const done = page.getByText(/^Wrote \d+ ER formulas\. The old numbers are on sheet Audit; \d+ of them differ/);
    await done.waitFor();
    const differ = page.getByRole("table", { name: "Old numbers that differ from the live result" });
    const rows = await differ.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim())));
    expect(rows).toEqual(expect.arrayContaining([["G7", "Plant 2 · SO2 · Phase 2 · performance emission", "8303", "8304"]]));
    await selectCells(page, "G7");
    expect(await formulaBar(page)).toBe("=ER.PERFORMANCE_EMISSION(ROUND(G4*1000000000,0),G5)");
    expect(await cellText(page, "G7")).toBe("8304");
    await shot(page, "07-other-layout-live");
    await page.getByTestId("tab-Audit").click();
    const marks = Object.entries(await gridTexts(page)).filter(([a, v]) => /^F\d+$/.test(a) && Number(a.slice(1)) > 3 && v === "≠");
    expect(marks.length).toBe(rows.length);
    await page.getByTestId("tab-Plants across").click();
    await page.getByRole("button", { name: "Undo" }).click();
    await page.getByText(/^Put back \d+ old numbers and removed Audit\./).waitFor();
    expect(await gridTexts(page)).toEqual(before);
    await selectCells(page, "G7");
    expect(await formulaBar(page)).toBe("8303");
  });

  test("several areas selected with Ctrl+click are compared as one plant", async () => {
    const { page } = s;
    await page.getByTestId("tab-Plants across").click();
    await tab(page, "Selection");
    await selectCells(page, "F6", "H6"); // plant 2, SO2 EIA
    await cell(page, "F7").click({ modifiers: ["Control"] });
    await cell(page, "H7").click({ modifiers: ["Shift"] }); // and its performance, as a second area
    expect(await nameBox(page)).toBe("F6:H6,F7:H7");
    const text = await regionText(page, "Plant 2 · SO2", /Phased comparison \(recommended\)\s+14207 t\/a/);
    expect(text).toMatch(/Total comparison\s+14345 t\/a/);
    await expect(page.getByText("Selection Plants across!F6:H6,F7:H7 (2 areas)").count()).resolves.toBe(1);
  });

  test("make live, insert rows above the table, undo: every old number goes back where its cell moved", async () => {
    const { page } = s;
    await page.getByTestId("tab-Plants across").click();
    const before = await gridTexts(page);
    await tab(page, "Make live");
    await page.getByRole("button", { name: "Write formulas" }).click();
    await page.getByText(/^Wrote \d+ ER formulas\./).waitFor();
    // Two rows inserted above the table after the write, as Excel's Insert > Sheet Rows does.
    await selectCells(page, "A1", "A2");
    await page.getByRole("button", { name: "Insert rows" }).click();
    await until(async () => (await cellText(page, "A3")) === before.A1, "the table moved down two rows");
    await page.getByRole("button", { name: "Undo" }).click();
    await page.getByText(/^Put back \d+ old numbers and removed Audit\.$/).waitFor();
    const after = await gridTexts(page);
    const moved = Object.fromEntries(Object.entries(before).map(([a, v]) => [a.replace(/\d+$/, (r) => String(Number(r) + 2)), v]));
    for (const [a, v] of Object.entries(moved)) expect([a, after[a] ?? ""]).toEqual([a, v]);
    expect([after.A1, after.A2]).toEqual(["", ""]);
    await selectCells(page, "G9");
    expect(await formulaBar(page)).toBe("8303");
    await selectCells(page, "A1", "A2");
    await page.getByRole("button", { name: "Delete rows" }).click();
    await until(async () => (await cellText(page, "A1")) === before.A1, "the rows deleted again");
  });

  test("a closed pane reads nothing while the sheet is edited, and catches up once when it is opened", async () => {
    const { page } = s;
    await page.getByTestId("tab-Plants across").click();
    await tab(page, "Whole table");
    await expectTable5(page, (p) => `Plant ${p}`);
    await page.getByRole("button", { name: "Close the pane" }).click();
    const stats = () => page.evaluate(() => {
      const host = (window as unknown as { erPreview: { host: { stats: { runs: number; syncs: number }; listenerCount(): number } } }).erPreview.host;
      return { ...host.stats, listeners: host.listenerCount() };
    });
    await until(async () => (await stats()).listeners === 0, "the pane's listeners removed");
    const quiet = await stats();
    // Edits and selection changes while the pane is closed: plant 1's SO2 phase 1 EIA 1562 -> 1000.
    await selectCells(page, "C6");
    await page.keyboard.type("1000");
    await page.keyboard.press("Enter");
    await selectCells(page, "D6");
    await page.waitForTimeout(600);
    expect(await stats()).toEqual(quiet);
    await page.getByRole("button", { name: "Open the pane" }).click();
    await until(async () => (await table5Rows(page, "SO2"))[0]?.[1] === "4500", "the table read again: 1000 + 3500");
    const after = await stats();
    expect(after.listeners).toBe(2);
    expect(after.runs - quiet.runs).toBeLessThanOrEqual(3);
    await selectCells(page, "C6");
    await page.keyboard.type("1562");
    await page.keyboard.press("Enter");
  });

  test("no request left the local server; no console error, no CSP violation", () => {
    checkClean(s);
  });
});
