/**
 * What each built page loads: functions.js stays small and free of React and HyperFormula (Excel loads it
 * at startup); the task pane does not carry the engine; the preview loads neither office.js nor anything
 * from another host, and runs no inline script.
 */
import { readFileSync, statSync } from "fs";
import { join } from "path";
import { ensureBuilt, ROOT } from "./harness";

const dist = (f: string) => join(ROOT, "dist", f);
/** A src attribute, quoted or not (the built HTML is minified). */
const SRC = /\bsrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/;
const srcOf = (attrs: string) => {
  const m = SRC.exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
};

beforeAll(() => ensureBuilt(), 240000);

test("functions.js is under 50 KB and holds neither React nor HyperFormula", () => {
  expect(statSync(dist("functions.js")).size).toBeLessThan(50 * 1024);
  const js = readFileSync(dist("functions.js"), "utf8");
  expect(js).not.toMatch(/react\.(production|development)|__SECRET_INTERNALS|HyperFormula|hyperformula/i);
});

test("the task pane bundle does not carry the headless engine", () => {
  expect(readFileSync(dist("taskpane.js"), "utf8")).not.toMatch(/HyperFormula|gpl-v3/);
});

test("preview.html: its own script only, a strict CSP, no office.js, no other host", () => {
  const html = readFileSync(dist("preview.html"), "utf8");
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.map((m) => srcOf(m[1]))).toEqual(["preview.js"]);
  expect(scripts.every((m) => m[2].trim() === "")).toBe(true);
  expect(html).toMatch(/script-src 'self';/);
  expect(html).not.toMatch(/https?:\/\//);
  expect(html).not.toMatch(/office\.js/i);
});

test("taskpane.html still loads functions.js and taskpane.js for the shared runtime, with office.js from Microsoft", () => {
  const html = readFileSync(dist("taskpane.html"), "utf8");
  const srcs = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => srcOf(m[1]));
  expect(srcs).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js", "functions.js", "taskpane.js"]);
});
