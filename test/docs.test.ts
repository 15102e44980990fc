/**
 * The README and docs/ stand on their own for someone who has only the repository: every link and image they
 * name is a file of the repository, none points outside it, the papers are named by their subject, the rules
 * page holds the six-plant tables exactly as examples/six-plants.json has them, and Node 20 users are told how
 * to get npm 11.
 */
import { existsSync, readdirSync, readFileSync } from "fs";
import { dirname, join, normalize, relative } from "path";
import { ROOT } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sixPlantTables } = require("../scripts/rules-tables.js") as { sixPlantTables: () => Record<string, string> };

const read = (f: string) => readFileSync(join(ROOT, f), "utf8");
const docs = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

test("every link and image of the README and docs/ is a file of the repository", () => {
  const missing: string[] = [];
  for (const f of docs) {
    const text = read(f);
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1];
      if (/^(https?:|mailto:|#)/.test(target)) continue;
      const path = normalize(join(dirname(join(ROOT, f)), target.replace(/#.*$/, "")));
      const inside = !relative(ROOT, path).startsWith("..");
      if (!inside || !existsSync(path)) missing.push(`${f}: ${target}`);
    }
    // No path of the machine the project was made on, and no sibling directory of the repository.
    for (const m of text.matchAll(/(\/work\/[\w/.-]+|\.\.\/shared[\w/.-]*)/g)) missing.push(`${f}: ${m[1]}`);
  }
  expect(missing).toEqual([]);
  expect(docs).toContain("docs/rules.md");
});

test("the README's layout names every folder of src/ and of the repository, and only folders that exist", () => {
  const readme = read("README.md");
  const layout = readme.slice(readme.indexOf("## Layout"), readme.indexOf("## Licence"));
  const listed = [...layout.matchAll(/^(\S+)\/\s/gm)].map((m) => m[1]);
  const folders = (dir: string) => readdirSync(join(ROOT, dir), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => (dir === "." ? e.name : `${dir}/${e.name}`));
  const committed = [...folders("."), ...folders("src")].filter((d) => !/^(\.|node_modules$|coverage$|test-results$)/.test(d) && d !== "src");
  expect(committed.filter((d) => !listed.includes(d))).toEqual([]);
  expect(listed.filter((d) => !["lib", "lib-bench", "dist"].includes(d) && !existsSync(join(ROOT, d)))).toEqual([]);
});

test("the papers are named by their subject, not by a number of someone's collection", () => {
  const walk = (dir: string): string[] => readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
  const files = [...docs, ...["src", "test", "examples", "bench"].flatMap(walk)].filter((f) => !/\.(xlsx|png)$/.test(f));
  const found = files.filter((f) => /seed (paper|0\d\d)|\b00[01]_[0-9a-f]{6,}|DOMAIN\.md/i.test(read(f)));
  expect(found).toEqual([]);
  const readme = read("README.md");
  expect(readme).toMatch(/Study on Assessment Methods of Emission Right of Phased Construction\s+Project/);
  expect(readme).toMatch(/total emission control built on\s+emission permits/);
});

test("docs/rules.md holds the six-plant tables exactly as examples/six-plants.json has them", () => {
  const rules = read("docs/rules.md");
  const tables = sixPlantTables();
  expect(Object.keys(tables)).toEqual(["table1", "table2", "table3", "table4", "table5", "inconsistencies"]);
  for (const [name, md] of Object.entries(tables)) expect({ name, found: rules.includes(md) }).toEqual({ name, found: true });
  // The printed totals the add-in reproduces are there: plant 2's 14207 and 14345, plant 1's 226.8.
  expect(rules).toMatch(/\*\*14207\*\*/);
  expect(rules).toMatch(/\| SO2 total 合计对比 \| 5062 \| 14345 \|/);
});

test("docs/rules.md gives each of the thirteen rules with the paper's section it comes from", () => {
  const rules = read("docs/rules.md");
  for (let n = 1; n <= 13; n++) {
    const row = rules.split("\n").find((l) => l.startsWith(`| ${n} | `));
    expect({ n, row: row !== undefined }).toEqual({ n, row: true });
    const cells = (row as string).split(" | ");
    expect({ n, where: cells[2] }).toEqual({ n, where: expect.stringMatching(/Section|Introduction|Tables? \d/) });
  }
  expect(rules).toMatch(/## Rules from the Fujian paper/);
  expect(rules).toMatch(/## Rules from the permit paper/);
});

test("the README tells Node 20 users how to get npm 11", () => {
  const readme = read("README.md");
  expect(readme).toMatch(/Node 20 comes with npm 10/);
  expect(readme).toMatch(/npm install -g npm@11/);
  expect(read(".ci/run")).toMatch(/npm install -g npm@11/);
});
