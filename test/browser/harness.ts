/**
 * Drives the browser preview in Debian's Chromium with playwright-core: starts the preview server on a free
 * localhost port, records every request, console error, page error and CSP violation, and saves screenshots
 * to test-results/. Never downloads a browser.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from "fs";
import { execFileSync } from "child_process";
import { join } from "path";
import { chromium, type Browser, type Page } from "playwright-core";

export const ROOT = join(__dirname, "..", "..");
export const SHOTS = join(ROOT, "test-results");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startPreviewServer } = require("../../scripts/preview.js") as {
  startPreviewServer: (o: { port?: number }) => Promise<{ url: string; origin: string; port: number; close: () => Promise<void> }>;
};

function newestMtime(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return t;
}

/** Builds dist/ when preview.html is missing or older than the sources (npm test has just built it). */
export function ensureBuilt(): void {
  const html = join(ROOT, "dist", "preview.html");
  const js = join(ROOT, "dist", "preview.js");
  const sources = Math.max(newestMtime(join(ROOT, "src")), ...[join(ROOT, "examples", "six-plants.xlsx")].filter(existsSync).map((f) => statSync(f).mtimeMs));
  if (existsSync(html) && existsSync(js) && statSync(js).mtimeMs >= sources) return;
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore", timeout: 240000 });
}

export interface Session {
  readonly browser: Browser;
  readonly page: Page;
  readonly origin: string;
  readonly url: string;
  /** Every URL the page asked for. */
  readonly requests: string[];
  /** Console errors, page errors and CSP violations. */
  readonly problems: string[];
  close(): Promise<void>;
}

/** Opens the preview (`query`: "?lang=zh-CN&workbook=other&pane=520"); `init` runs in the page before its own script. */
export async function open(query = "", init?: () => void): Promise<Session> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  mkdirSync(SHOTS, { recursive: true });
  const server = await startPreviewServer({ port: 0 });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage"],
      timeout: 30000,
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "en-US" });
    const page = await context.newPage();
    page.setDefaultTimeout(30000);
    const requests: string[] = [];
    const problems: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    if (init) await page.addInitScript(init);
    const url = `${server.url}${query}`;
    await page.goto(url, { waitUntil: "load" });
    const b = browser;
    return {
      browser: b,
      page,
      origin: server.origin,
      url,
      requests,
      problems,
      close: async () => {
        await b.close().catch(() => undefined);
        await server.close();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await server.close();
    throw e;
  }
}

export async function shot(page: Page, name: string): Promise<string> {
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
