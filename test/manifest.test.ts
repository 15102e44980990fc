/**
 * manifest.xml, checked offline (office-addin-manifest validate needs the network): well-formed, every
 * resid resolves, every URL is https, every file it names is produced by `npm run build`, strings in
 * both languages, shared runtime and the ER namespace, and the production-URL switch of the build.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { resolveLocale } from "../src/i18n/locale";
import { ROOT } from "./helpers";

const xml = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: false });
const doc = parser.parse(xml);

type Node = Record<string, unknown>;

/** Every element under `node`, with its tag name, depth first. */
function* elements(node: unknown, tag = ""): Generator<[string, Node]> {
  if (Array.isArray(node)) {
    for (const n of node) yield* elements(n, tag);
    return;
  }
  if (node === null || typeof node !== "object") return;
  yield [tag, node as Node];
  for (const [k, v] of Object.entries(node)) if (!k.startsWith("@")) yield* elements(v, k);
}

const all = [...elements(doc)];
const attr = (name: string) => all.flatMap(([tag, n]) => (typeof n[name] === "string" ? [[tag, n[name] as string, n] as const] : []));

test("is well-formed XML", () => {
  expect(XMLValidator.validate(xml)).toBe(true);
});

test("every resid names a resource, and every resource is used", () => {
  const resources = new Set(
    all.filter(([tag, n]) => ["bt:Image", "bt:Url", "bt:String"].includes(tag) && typeof n["@id"] === "string").map(([, n]) => n["@id"] as string),
  );
  const used = new Set(attr("@resid").map(([, v]) => v));
  expect(used.size).toBeGreaterThan(5);
  for (const id of used) expect(resources).toContain(id);
  for (const id of resources) expect(used).toContain(id);
});

const urls = [...attr("@DefaultValue"), ...attr("@Value")].map(([, v]) => v).filter((v) => /^[a-z]+:\/\//i.test(v));

test("every URL is https", () => {
  expect(urls.length).toBeGreaterThan(8);
  for (const u of urls) expect(u).toMatch(/^https:\/\//);
});

test("every file it names is produced by the build", () => {
  const files = new Set(urls.map((u) => new URL(u).pathname.replace(/^\//, "")));
  expect(files).toEqual(new Set(["assets/icon-16.png", "assets/icon-32.png", "assets/icon-64.png", "assets/icon-80.png", "functions.js", "functions.json", "functions.zh-CN.json", "taskpane.html", "help.html"]));
  for (const f of files) expect(existsSync(join(ROOT, "dist", f))).toBe(true);
  for (const u of urls) expect(new URL(u).origin).toBe("https://localhost:3000");
});

test("the taskpane page loads the functions and the task pane bundles (shared runtime)", () => {
  const html = readFileSync(join(ROOT, "dist", "taskpane.html"), "utf8");
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)].map((m) => m[1]);
  expect(scripts).toEqual(expect.arrayContaining(["functions.js", "taskpane.js"]));
  expect(scripts.indexOf("functions.js")).toBeLessThan(scripts.indexOf("taskpane.js"));
});

test("shared runtime, custom functions in namespace ER, a ribbon button for the task pane", () => {
  expect(xml).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\/>/);
  expect(xml).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
  expect(xml).toMatch(/<ExtensionPoint xsi:type="CustomFunctions">/);
  expect(xml).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="ER"\/>/);
  expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">/);
  expect(xml).toMatch(/<FunctionFile resid="Taskpane.Url"\/>/);
});

test("the ribbon's ShowTaskpane action names its task pane (TaskpaneId), as the shared runtime asks", () => {
  const actions = all.filter(([tag, n]) => tag === "Action" && n["@xsi:type"] === "ShowTaskpane");
  expect(actions.length).toBeGreaterThan(0);
  for (const [, a] of actions) expect(a["TaskpaneId"]).toMatch(/^\w+$/);
});

test("the requirement sets the code needs unconditionally are declared; newer ones are checked before use", () => {
  const sets = Object.fromEntries(all.filter(([tag]) => tag === "Set").map(([, n]) => [n["@Name"], n["@MinVersion"]]));
  expect(sets).toEqual({ SharedRuntime: "1.1", CustomFunctionsRuntime: "1.1", ExcelApi: "1.7" });
  // Newer sets are checked before use: OfficeHost's capabilities (test/taskpane/office.test.ts drives each
  // without its set: one selected area, no change events, no Make live without the spill check).
  const office = readFileSync(join(ROOT, "src/taskpane/host/office.ts"), "utf8");
  expect(office).toMatch(/multiArea: supported\("ExcelApi", "1\.9"\)/);
  expect(office).toMatch(/changeEvents: supported\("ExcelApi", "1\.9"\)/);
  expect(office).toMatch(/spill: supported\("ExcelApi", "1\.12"\)/);
  expect(office).toMatch(/supported\("SharedRuntime", "1\.1"\)/);
});

test("every Chinese Office language gets the Chinese strings and the Chinese function help, as the pane speaks Chinese to all of them", () => {
  const chinese = ["zh-CN", "zh-TW", "zh-HK", "zh-MO", "zh-SG"];
  for (const l of chinese) expect(resolveLocale(l)).toBe("zh-CN");
  const overridden = all.filter(([, n]) => n["Override"] || n["bt:Override"]);
  expect(overridden.length).toBeGreaterThan(5);
  for (const [, n] of overridden) {
    const list = [n["Override"] ?? n["bt:Override"]].flat() as Node[];
    expect(list.map((o) => o["@Locale"]).sort()).toEqual([...chinese].sort());
    expect(new Set(list.map((o) => o["@Value"])).size).toBe(1);
  }
  const metaUrl = all.find(([tag, n]) => tag === "bt:Url" && n["@id"] === "Functions.Metadata.Url")![1];
  for (const o of metaUrl["bt:Override"] as Node[]) expect(o["@Value"]).toBe("https://localhost:3000/functions.zh-CN.json");
});

test("no AppDomains: the add-in navigates to no other origin", () => {
  expect(xml).not.toMatch(/AppDomain/);
});

test("every user-visible string has a zh-CN override, and the metadata URL a Chinese twin", () => {
  const strings = all.filter(([tag, n]) => tag === "bt:String" && n["@id"] !== "Functions.Namespace");
  expect(strings.length).toBeGreaterThan(3);
  const zhCN = (n: Node) => ([n["Override"] ?? n["bt:Override"]].flat() as Node[]).find((o) => o?.["@Locale"] === "zh-CN");
  for (const [, n] of strings) expect(zhCN(n)?.["@Value"]).toMatch(/[\u4e00-\u9fff]/);
  for (const tag of ["DisplayName", "Description"]) {
    const n = all.find(([t]) => t === tag)![1];
    expect(zhCN(n)?.["@Value"]).toMatch(/[\u4e00-\u9fff]/);
  }
  const metaUrl = all.find(([tag, n]) => tag === "bt:Url" && n["@id"] === "Functions.Metadata.Url")![1];
  expect(zhCN(metaUrl)?.["@Value"]).toBe("https://localhost:3000/functions.zh-CN.json");
});

test("a production build with ADDIN_URL writes that origin into dist/manifest.xml", async () => {
  const out = mkdtempSync(join(tmpdir(), "er-manifest-"));
  const saved = process.env.ADDIN_URL;
  process.env.ADDIN_URL = "https://addins.example.gov.cn/er";
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const configFn = require("../webpack.config.js");
    const config = await configFn({}, { mode: "production" });
    config.mode = "production";
    config.entry = { functions: config.entry.functions };
    config.output = { ...config.output, path: out };
    config.plugins = config.plugins.filter((p: object) => ["CopyPlugin", "RegistryAssetsPlugin"].includes(p.constructor.name));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const webpack = require("webpack");
    await new Promise<void>((resolve, reject) =>
      webpack(config, (err: Error | null, stats: { hasErrors(): boolean; toString(): string }) => (err || stats.hasErrors() ? reject(err ?? new Error(stats.toString())) : resolve())),
    );
    const built = readFileSync(join(out, "manifest.xml"), "utf8");
    expect(built).not.toContain("localhost");
    expect(built).toContain('DefaultValue="https://addins.example.gov.cn/er/functions.json"');
    expect(built).toContain('Value="https://addins.example.gov.cn/er/functions.zh-CN.json"');
    // Excel opens a function's help link outside the add-in's page: it is absolute, on the same origin.
    for (const f of ["functions.json", "functions.zh-CN.json"]) {
      const meta = JSON.parse(readFileSync(join(out, f), "utf8")) as { functions: { helpUrl?: string }[] };
      expect(meta.functions.length).toBeGreaterThan(5);
      for (const fn of meta.functions) expect(fn.helpUrl).toMatch(/^https:\/\/addins\.example\.gov\.cn\/er\/help\.html#[a-z_]+$/);
    }
  } finally {
    if (saved === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = saved;
    rmSync(out, { recursive: true, force: true });
  }
});
