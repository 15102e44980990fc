/*
 * The screenshots of docs/user-guide.md: the task pane at 340 px (Excel's task pane is 320-350 px wide), in
 * English and in Chinese, taken from the browser preview in Debian's Chromium (playwright-core, no browser
 * download). Run after `npm run build`:
 *
 *   node scripts/screenshots.js [out-dir]      (default docs/img; CHROMIUM_PATH overrides /usr/bin/chromium)
 */
const path = require("path");
const fs = require("fs");
const { chromium } = require("playwright-core");
const { startPreviewServer } = require("./preview.js");

const ROOT = path.join(__dirname, "..");
const OUT = path.resolve(process.argv[2] || path.join(ROOT, "docs", "img"));
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const WORDS = {
  "en-US": { table: "Table", selection: "Selection", live: "Make live", apply: "Write formulas", cut: "Allocate a cut", method: "Method" },
  "zh-CN": { table: "整表", selection: "选区", live: "转为公式", apply: "写入公式", cut: "分配削减量", method: "分配方法" },
};

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const server = await startPreviewServer({ port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage"],
  });
  try {
    for (const [locale, w] of Object.entries(WORDS)) {
      const lang = locale === "zh-CN" ? "zh" : "en";
      const page = await browser.newPage({ viewport: { width: 1100, height: 860 }, locale });
      const pane = page.locator(".pv-pane");
      const shot = async (name) => {
        await page.waitForTimeout(400);
        await pane.screenshot({ path: path.join(OUT, `pane-${name}.${lang}.png`) });
      };
      const views = () => pane.getByRole("tablist").nth(1);
      await page.goto(`${server.url}?lang=${locale}`);
      await pane.locator("table").first().waitFor();
      await shot("whole-table");
      if (locale === "en-US") await page.screenshot({ path: path.join(OUT, "preview.en.png") });

      await views().getByRole("tab", { name: w.selection, exact: true }).click();
      await page.locator('[data-addr="C5"]').click();
      await page.locator('[data-addr="H5"]').click({ modifiers: ["Shift"] });
      await pane.locator("section[aria-labelledby^='sel-']").first().waitFor();
      await shot("selection");

      await page.goto(`${server.url}?lang=${locale}&workbook=other`);
      await pane.locator("table").first().waitFor();
      await views().getByRole("tab", { name: w.live, exact: true }).click();
      await pane.getByRole("button", { name: w.apply }).waitFor();
      await shot("make-live-plan");
      await pane.getByRole("button", { name: w.apply }).click();
      await pane.locator("li[data-cell]").first().waitFor();
      await shot("make-live");

      // The Region view on the region example, and its cut form (by contribution).
      await page.goto(`${server.url}?lang=${locale}&workbook=region`);
      await pane.locator('dd[data-fact="permitted"]').first().waitFor();
      await shot("region");
      const form = pane.getByRole("region", { name: w.cut });
      await form.getByRole("combobox", { name: w.method }).selectOption("weighted");
      await form.locator("table").waitFor();
      await form.locator("table").scrollIntoViewIfNeeded();
      await shot("region-cut");
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`wrote the screenshots to ${path.relative(process.cwd(), OUT) || "."}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
