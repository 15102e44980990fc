/**
 * The Region view (issue 13) in the browser preview, in Debian's Chromium, with the pane at 340 px, in English
 * and in Chinese, on the region example (holders in rows, one sheet per pollutant) and on the same holders
 * laid out differently (holders across, English headers, "last year"/"this year" in words). The numbers on
 * screen are the rules' (src/core/region.ts) on the example's data; a holder over its permit selects its own
 * cells; the allocation sheet written holds live ER.ALLOCATE_CUT results equal to the preview, and is removed
 * again. After every step nothing in the pane scrolls sideways and the view tabs stay on one line. Every
 * request goes to the local server; no console error. Screenshots go to test-results/.
 */
import { readFileSync } from "fs";
import { join } from "path";
import type { Page } from "playwright-core";
import { regionHolders, regionSheetName, type RegionData } from "../../src/example/region";
import { allocateCut, parseHolderAmounts } from "../../src/core/region";
import type { Locale } from "../../src/i18n/locale";
import { ui, uiText } from "../../src/i18n/ui";
import { formatTonnes } from "../../src/taskpane/model/compare";
import { plantName } from "../../src/taskpane/model/plan";
import { pollutantName } from "../../src/taskpane/model/plan";
import { ROOT, sixPlants } from "../helpers";
import { ensureBuilt, open, shot, type Session } from "./harness";

jest.setTimeout(240000);

const region: RegionData = JSON.parse(readFileSync(join(ROOT, "examples", "region.json"), "utf8"));
const rights = { plants: sixPlants.table3_phased.plants, so2: sixPlants.table3_phased.so2.total_right, nox: sixPlants.table3_phased.nox.total_right };
const SO2 = regionSheetName("so2");

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

const pane = (page: Page) => page.locator(".pv-pane");
const cell = (page: Page, addr: string) => page.locator(`[data-testid="grid"] [data-addr="${addr}"]`);
const cellText = async (page: Page, addr: string) => ((await cell(page, addr).textContent()) ?? "").trim();
const nameBox = (page: Page) => page.getByTestId("namebox").inputValue();
const formulaBar = (page: Page) => page.getByTestId("formula").inputValue();
const activeSheet = (page: Page) => page.getByTestId("grid").getAttribute("data-sheet");

/** The pane at its width: nothing scrolls sideways or reaches past its right edge, and the view tabs stay on one line. */
async function fits(page: Page, t: ReturnType<typeof uiText>, where: string) {
  const r = await pane(page).evaluate((el, views) => {
    const right = el.getBoundingClientRect().left + el.clientLeft + el.clientWidth;
    const over = [...el.querySelectorAll("*")]
      .filter((e) => {
        const b = e.getBoundingClientRect();
        return b.width > 0 && b.right > right + 0.5;
      })
      .map((e) => `${e.tagName.toLowerCase()} "${(e.textContent ?? "").trim().slice(0, 30)}"`);
    const tabs = el.querySelector(`[role="tablist"][aria-label="${views}"]`) as HTMLElement;
    const tab = tabs.querySelector('[role="tab"]') as HTMLElement;
    return { sideways: el.scrollWidth - el.clientWidth, over: over.slice(0, 5), tabRows: Math.round(tabs.getBoundingClientRect().height / tab.getBoundingClientRect().height), width: Math.round(el.getBoundingClientRect().width) };
  }, t.views);
  expect({ where, ...r }).toEqual({ where, sideways: 0, over: [], tabRows: 1, width: r.width });
  return r.width;
}

/** A pollutant card's facts, as shown: permitted, actual, last, change. */
async function facts(page: Page, name: string): Promise<Record<string, string>> {
  const card = pane(page).getByRole("region", { name, exact: true });
  return card.locator("dd[data-fact]").evaluateAll((dds) => Object.fromEntries(dds.map((d) => [d.getAttribute("data-fact"), (d.textContent ?? "").trim()])));
}

/** What the rules give for a pollutant of the example: totals, change, holders over their permit. */
function expected(pollutant: "so2" | "nox") {
  const hs = regionHolders(region, rights, pollutant);
  const sum = (xs: (number | string)[]) => xs.filter((x): x is number => typeof x === "number").reduce((a, b) => Math.round((a + b) * 100) / 100, 0);
  const permitted = sum(hs.map((h) => h.permitted));
  const actual = sum(hs.map((h) => h.thisYear));
  const last = sum(hs.map((h) => h.lastYear));
  const over = hs
    .map((h) => ({ h, margin: typeof h.permitted === "number" && typeof h.thisYear === "number" ? Math.round((h.permitted - h.thisYear) * 100) / 100 : null }))
    .filter((x) => x.margin !== null && x.margin < 0)
    .sort((a, b) => (a.margin as number) - (b.margin as number));
  return { hs, permitted, actual, last, change: Math.round((actual - last) * 100) / 100, over };
}

/** A change as the view shows it: with its sign. */
const signed = (n: number) => (n > 0 ? `+${formatTonnes(n)}` : formatTonnes(n));

function checkClean(s: Session) {
  expect(s.requests.filter((u) => !u.startsWith(`${s.origin}/`))).toEqual([]);
  expect(s.problems).toEqual([]);
}

beforeAll(() => ensureBuilt());

for (const locale of ["en-US", "zh-CN"] as Locale[]) {
  const t = uiText(locale);
  const f = (key: Parameters<typeof ui>[1], params?: Record<string, string | number>) => ui(locale, key, params);

  describe(`${locale}: the region example (examples/region.xlsx), pane at 340 px`, () => {
    let s: Session;
    beforeAll(async () => {
      s = await open(`?lang=${locale}&workbook=region`);
    });
    afterAll(async () => {
      await s?.close();
    });

    test("opens on the Region view: the regional total, the change from last year, the holders over their permit, the chart", async () => {
      const { page } = s;
      expect(await activeSheet(page)).toBe(SO2);
      const e = expected("so2");
      const name = pollutantName("so2", locale);
      const shown = await until(async () => {
        const x = await facts(page, name);
        return x.permitted ? x : undefined;
      }, "the SO2 card");
      expect(shown).toEqual({ permitted: formatTonnes(e.permitted), actual: formatTonnes(e.actual), last: formatTonnes(e.last), change: signed(e.change) });
      const card = pane(page).getByRole("region", { name, exact: true });
      await expect(card.getByText(f("regionActualYear", { year: 2024 }), { exact: true }).count()).resolves.toBe(1);
      const over = await card.getByRole("list", { name: `${name} · ${t.regionOver}` }).getByRole("button").allInnerTexts();
      expect(over).toEqual(e.over.map((x) => f("regionOverItem", { holder: plantName(x.h.name, locale), actual: formatTonnes(x.h.thisYear as number), permitted: formatTonnes(x.h.permitted as number), margin: formatTonnes(x.margin) })));
      await expect(page.getByRole("group", { name: f("regionChartTitle", { pollutant: name }) }).count()).resolves.toBe(1);
      const width = await fits(page, t, "region view");
      expect(width).toBe(340);
      await shot(page, `${locale}-region-01-view`);
    });

    test("a holder over its permit, in the list or the chart, selects that holder's cells and no other's", async () => {
      const { page } = s;
      const name = pollutantName("so2", locale);
      const card = pane(page).getByRole("region", { name, exact: true });
      await card.getByRole("list", { name: `${name} · ${t.regionOver}` }).getByRole("button").first().click();
      // Plant 3: its name and figures, row 6 (B6:G6).
      await until(async () => (await nameBox(page)) === "B6:G6", "plant 3's cells selected");
      await page.getByRole("group", { name: f("regionChartTitle", { pollutant: name }) }).locator('[data-plant="水泥厂 Cement works"]').click();
      await until(async () => (await nameBox(page)) === "B10:G10", "the cement works' cells selected from the chart");
      await fits(page, t, "after selecting");
    });

    test("the mapping is shown and correctable: a header set to nothing drops its figures", async () => {
      const { page } = s;
      const mapping = pane(page).getByRole("region", { name: t.regionMapping });
      const actual = mapping.getByRole("combobox", { name: f("regionMappingSelect", { header: "2024年实际排放量 Actual 2024 t/a", at: "F3" }) });
      expect(await actual.inputValue()).toBe("actual");
      await actual.selectOption("ignore");
      const name = pollutantName("so2", locale);
      await until(async () => (await facts(page, name)).actual === "—", "no actual emission once ignored");
      await fits(page, t, "mapping corrected");
      await mapping.scrollIntoViewIfNeeded();
      await shot(page, `${locale}-region-02-mapping`);
      await actual.selectOption("actual");
      await until(async () => (await facts(page, name)).actual === formatTonnes(expected("so2").actual), "the actual emission back");
    });

    test("allocate a 10% cut by contribution: the preview is ALLOCATE_CUT's, the sheet written gives it live, and it is removed again", async () => {
      const { page } = s;
      const form = pane(page).getByRole("region", { name: t.cutHeading });
      await form.getByRole("combobox", { name: t.cutMethod }).selectOption("weighted");
      const hs = regionHolders(region, rights, "so2");
      const core = allocateCut({
        permitted: parseHolderAmounts(hs.map((h) => [h.permitted]), "permitted"),
        target: { percent: { int: 10n, scale: 0 }, text: "-10%" },
        method: "weighted",
        weights: hs.map((h) => [h.contribution]),
        decimals: 2,
      });
      const table = form.getByRole("table", { name: `${pollutantName("so2", locale)} · ${t.cutPreview}` });
      const rows = await until(async () => {
        const r = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim())));
        return r.length === hs.length && r[0][2] !== "" ? r : undefined;
      }, "the preview");
      expect(rows.map((r) => r[2])).toEqual(core.results.map((x) => (typeof x === "number" ? formatTonnes(x) : x)));
      await expect(form.getByText(f("cutTargetIs", { target: formatTonnes(core.target), total: formatTonnes(core.total) })).count()).resolves.toBe(1);
      await fits(page, t, "cut preview");
      await table.scrollIntoViewIfNeeded();
      await shot(page, `${locale}-region-03-cut-preview`);

      await form.getByRole("button", { name: t.cutWrite }).click();
      const sheet = t.cutSheet;
      await until(async () => (await activeSheet(page)) === sheet, "the allocation sheet");
      // D6 holds ER.ALLOCATE_CUT; its results spill down column D, two decimals.
      await cell(page, "D6").click();
      expect(await formulaBar(page)).toMatch(/^=ER\.ALLOCATE_CUT\(B6:B17,\$B\$3,\$D\$3,C6:C17,\$F\$3\)$/);
      const shown = await Promise.all(hs.map((_, i) => cellText(page, `D${6 + i}`)));
      expect(shown).toEqual(core.results.map((x) => (typeof x === "number" ? x.toFixed(2) : x)));
      expect(await cellText(page, "D18")).toBe(core.target.toFixed(2));
      expect(await cellText(page, "B3")).toBe("-10%");
      await fits(page, t, "allocation written");
      await shot(page, `${locale}-region-04-allocation-sheet`);
      // The source table is as it was.
      await page.getByTestId(`tab-${SO2}`).click();
      expect(await cellText(page, "D4")).toBe("5062");
      await pane(page).getByRole("button", { name: f("goToSheet", { sheet }) }).click();
      await until(async () => (await activeSheet(page)) === sheet, "back on the allocation sheet");
      await pane(page).getByRole("button", { name: t.removeSheet }).click();
      await until(async () => (await page.getByTestId(`tab-${sheet}`).count()) === 0, "the allocation sheet removed");
      await expect(pane(page).getByText(f("removed", { sheet })).count()).resolves.toBe(1);
    });

    test("no request left the local server; no console error", () => {
      checkClean(s);
    });

    // The same holders laid out across, English headers: the preview's other region workbook.
    test("holders across: both pollutants, their totals and the holders over their permit; a holder's column is selected", async () => {
      const { page } = s;
      await page.getByTestId("sample").selectOption("region-across");
      await until(async () => (await activeSheet(page)) === "Holders across", "the holders-across workbook");
      for (const pol of ["so2", "nox"] as const) {
        const e = expected(pol);
        const name = pollutantName(pol, locale);
        const shown = await until(async () => {
          const x = await facts(page, name);
          return x.permitted ? x : undefined;
        }, `the ${pol} card`);
        expect(shown).toEqual({ permitted: formatTonnes(e.permitted), actual: formatTonnes(e.actual), last: formatTonnes(e.last), change: signed(e.change) });
        const over = await pane(page).getByRole("region", { name, exact: true }).getByRole("list", { name: `${name} · ${t.regionOver}` }).getByRole("button").count();
        expect(over).toBe(e.over.length);
      }
      const name = pollutantName("so2", locale);
      await pane(page).getByRole("region", { name, exact: true }).getByRole("list", { name: `${name} · ${t.regionOver}` }).getByRole("button").first().click();
      // Plant 3: its name in row 2 and its SO2 figures below (E2:E6).
      await until(async () => (await nameBox(page)) === "E2:E6", "plant 3's column selected");
      await fits(page, t, "holders across");
      await shot(page, `${locale}-region-05-across`);
    });

    test("holders across: a cut to 30000 t/a by history within the permits, written and removed", async () => {
      const { page } = s;
      const form = pane(page).getByRole("region", { name: t.cutHeading });
      await form.getByRole("combobox", { name: t.cutPollutant }).selectOption("nox");
      await form.getByRole("radio", { name: t.cutTonnes }).check();
      const input = form.getByRole("textbox", { name: `${t.cutTargetValue} (${t.cutTonnes})` });
      await input.fill("30000");
      await form.getByRole("combobox", { name: t.cutMethod }).selectOption("history");
      const hs = regionHolders(region, rights, "nox");
      const core = allocateCut({ permitted: parseHolderAmounts(hs.map((h) => [h.permitted]), "permitted"), target: { tonnes: 30000 }, method: "history", weights: hs.map((h) => [h.thisYear]), decimals: 2 });
      const table = form.getByRole("table", { name: `${pollutantName("nox", locale)} · ${t.cutPreview}` });
      const rows = await until(async () => {
        const r = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim())));
        return r.length === hs.length && r.map((x) => x[2]).join() === core.results.map((x) => (typeof x === "number" ? formatTonnes(x) : x)).join() ? r : undefined;
      }, "the history preview");
      expect(rows.length).toBe(hs.length);
      // A target above the total is refused with the rule's own words.
      await input.fill("50000");
      await form.getByText(/50000/).first().waitFor();
      await expect(form.getByRole("button", { name: t.cutWrite }).isDisabled()).resolves.toBe(true);
      await input.fill("30000");
      await form.getByRole("button", { name: t.cutWrite }).click();
      await until(async () => (await activeSheet(page)) === t.cutSheet, "the allocation sheet");
      expect(await cellText(page, "D18")).toBe("30000.00");
      await fits(page, t, "history written");
      await pane(page).getByRole("button", { name: t.removeSheet }).click();
      await until(async () => (await page.getByTestId(`tab-${t.cutSheet}`).count()) === 0, "removed");
      checkClean(s);
    });
  });
}

describe("a wide pane (520 px): the Region view with more room", () => {
  let s: Session;
  const t = uiText("en-US");
  beforeAll(async () => {
    s = await open("?lang=en-US&workbook=region&pane=520");
  });
  afterAll(async () => {
    await s?.close();
  });

  test("fits, the same numbers", async () => {
    const { page } = s;
    const e = expected("so2");
    const shown = await until(async () => {
      const x = await facts(page, "SO2");
      return x.permitted ? x : undefined;
    }, "the SO2 card");
    expect(shown.permitted).toBe(formatTonnes(e.permitted));
    expect(await fits(page, t, "region, wide")).toBe(520);
    await shot(page, "en-US-region-06-wide");
    checkClean(s);
  });
});
