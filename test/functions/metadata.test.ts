/**
 * functions.json and functions.zh-CN.json (generated from the registry at build time) describe the same
 * functions, and agree with the registry and with the function reference in docs/.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { referenceMarkdown } from "../../src/functions/reference";
import { FUNCTIONS } from "../../src/functions/registry";
import { ROOT } from "../helpers";
import { metadata } from "./bundle";

const en = metadata("functions.json");
const zh = metadata("functions.zh-CN.json");

test("the Chinese metadata has the same ids, names and parameters as the English one", () => {
  const shape = (m: typeof en) =>
    m.functions.map((f) => ({ id: f.id, name: f.name, result: f.result, parameters: f.parameters.map(({ name, type, dimensionality, optional }) => ({ name, type, dimensionality, optional })) }));
  expect(shape(zh)).toEqual(shape(en));
});

test("the two languages really differ in their descriptions", () => {
  en.functions.forEach((f, i) => {
    expect(f.description).not.toBe(zh.functions[i].description);
    expect(zh.functions[i].description).toMatch(/[\u4e00-\u9fff]/);
    f.parameters.forEach((p, k) => expect(zh.functions[i].parameters[k]).not.toEqual(p));
  });
});

test("the built metadata is the registry's", () => {
  expect(en.functions.map((f) => f.id)).toEqual(FUNCTIONS.map((f) => f.id));
  for (const spec of FUNCTIONS) {
    const f = en.functions.find((m) => m.id === spec.id)!;
    expect(f.description).toBe(spec.description.en);
    expect(f.parameters.map((p) => p.name)).toEqual(spec.params.map((p) => p.name));
  }
});

test("ids follow Excel's rules: letters first, A-Z 0-9 _ . only, at least three characters", () => {
  for (const f of en.functions) expect(f.id).toMatch(/^[A-Z][A-Z0-9_.]{2,}$/);
});

test("ranges that may hold '-' or '/' are declared any, never number", () => {
  for (const f of en.functions) for (const p of f.parameters) if (p.dimensionality === "matrix") expect(p.type).toBe("any");
});

test("optional parameters come last", () => {
  for (const f of en.functions) {
    const firstOptional = f.parameters.findIndex((p) => p.optional);
    if (firstOptional >= 0) expect(f.parameters.slice(firstOptional).every((p) => p.optional)).toBe(true);
  }
});

test("docs/functions.md is up to date with the registry (npm run docs)", () => {
  expect(readFileSync(join(ROOT, "docs", "functions.md"), "utf8")).toBe(referenceMarkdown());
});

test("every example in the registry gives the result it shows", () => {
  // Examples are Excel formulas with constant arguments (numbers, "text", {array;constants}).
  for (const spec of FUNCTIONS) {
    for (const ex of spec.examples) {
      const m = /^=ER\.([A-Z_]+)\((.*)\)$/.exec(ex.formula);
      expect(m?.[1]).toBe(spec.id);
      const args = splitArgs(m![2]).map(parseArg);
      let value: unknown;
      try {
        value = spec.impl(...args);
      } catch (e) {
        value = (e as { code?: string }).code ?? e;
      }
      const expected = ex.result.startsWith("{") || ex.result.startsWith('"') ? parseArg(ex.result) : numberOrText(ex.result);
      expect(value).toEqual(expected);
    }
  }
});

function numberOrText(s: string): number | string {
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = "";
  for (const ch of s) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === "{") depth++;
    if (!quoted && ch === "}") depth--;
    if (!quoted && depth === 0 && ch === ",") {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** An Excel constant: number, "text", or an array {a,b;c,d} (rows split by ';'). */
function parseArg(s: string): unknown {
  if (s === "") return null; // an omitted argument, as Excel passes it
  if (s.startsWith("{")) return s.slice(1, -1).split(";").map((r) => splitArgs(r).map(parseArg));
  if (s.startsWith('"')) return s.slice(1, -1);
  if (s === "TRUE" || s === "FALSE") return s === "TRUE";
  return Number(s);
}
