/**
 * manifest.xml, checked offline (office-addin-manifest validate needs the network): well-formed, every
 * resid resolves, every URL is https, every file it names is produced by `npm run build`, strings in
 * both languages, shared runtime and the ER namespace, and the production-URL switch of the build.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
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

test("no AppDomains: the add-in navigates to no other origin", () => {
  expect(xml).not.toMatch(/AppDomain/);
});

test("every user-visible string has a zh-CN override, and the metadata URL a Chinese twin", () => {
  const strings = all.filter(([tag, n]) => tag === "bt:String" && n["@id"] !== "Functions.Namespace");
  expect(strings.length).toBeGreaterThan(3);
  for (const [, n] of strings) {
    const o = n["bt:Override"] as Node;
    expect(o?.["@Locale"]).toBe("zh-CN");
    expect(o?.["@Value"]).toMatch(/[\u4e00-\u9fff]/);
  }
  for (const tag of ["DisplayName", "Description"]) {
    const n = all.find(([t]) => t === tag)![1];
    expect((n["Override"] as Node)["@Locale"]).toBe("zh-CN");
  }
  const metaUrl = all.find(([tag, n]) => tag === "bt:Url" && n["@id"] === "Functions.Metadata.Url")![1];
  expect((metaUrl["bt:Override"] as Node)["@Value"]).toBe("https://localhost:3000/functions.zh-CN.json");
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
    config.plugins = config.plugins.filter((p: object) => p.constructor.name === "CopyPlugin");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const webpack = require("webpack");
    await new Promise<void>((resolve, reject) =>
      webpack(config, (err: Error | null, stats: { hasErrors(): boolean; toString(): string }) => (err || stats.hasErrors() ? reject(err ?? new Error(stats.toString())) : resolve())),
    );
    const built = readFileSync(join(out, "manifest.xml"), "utf8");
    expect(built).not.toContain("localhost");
    expect(built).toContain('DefaultValue="https://addins.example.gov.cn/er/functions.json"');
    expect(built).toContain('Value="https://addins.example.gov.cn/er/functions.zh-CN.json"');
  } finally {
    if (saved === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = saved;
    rmSync(out, { recursive: true, force: true });
  }
});
