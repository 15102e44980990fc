/**
 * The function reference, generated from the registry: docs/functions.md (for the repository) and
 * help.html (served with the add-in, linked from Excel's function help). Both languages.
 */
import { FUNCTIONS, NAMESPACE } from "./registry";
import type { FunctionSpec } from "./spec";

/** What every function does with its inputs (the choices of src/core/values.ts), in both languages. */
export const INPUT_RULES = {
  en: [
    "Missing-value marks: an empty cell, `/`, `-`, `—`, `–`, `——`, `无`, `N/A`, `NA`, `／`, `－`. A mark means “no figure”, never 0.",
    "Numbers stored as text are read as numbers: `\"1562\"`, `\" 4113.6 \"`, `\"11.34E9\"`, `\"11.34×10^9\"`. Text with a comma (`4,113.6`, `4113,6`) is refused with #VALUE!, because the comma means a thousands separator in one convention and a decimal point in another.",
    "Other text, TRUE/FALSE, and errors inside ranges give #VALUE! (an error cell passes its own code on) with a message naming the parameter and the cell.",
    "Negative numbers, NaN/Infinity and impossible magnitudes give #NUM!: volumes above 1e14 m3/a, limits above 1e6 mg/m3, tonnes above 1e9 t/a.",
    "Dates are numbers to Excel: a date typed where tonnes belong cannot be told from a number and is read as its serial number.",
    "Empty cells: Excel on the web passes an empty cell as empty (a missing figure), Excel on Windows and Mac has been seen to pass 0. Type `-` or `/` for a missing figure rather than leaving the cell empty; the task pane and `emission-rights audit` flag ER formulas whose ranges hold empty cells.",
    "Sums are decimal-exact: 4113.6 + 4488.7 = 8602.3.",
  ],
  zh: [
    "缺失标记：空单元格、`/`、`-`、`—`、`–`、`——`、`无`、`N/A`、`NA`、`／`、`－`。缺失标记表示“无数值”，绝不按 0 计。",
    "以文本形式存储的数字按数字读取：`\"1562\"`、`\" 4113.6 \"`、`\"11.34E9\"`、`\"11.34×10^9\"`。含逗号的文本（`4,113.6`、`4113,6`）返回 #VALUE!，因为逗号在不同习惯中可能是千位分隔符，也可能是小数点。",
    "其他文本、TRUE/FALSE 以及区域中的错误值返回 #VALUE!（错误单元格沿用其原错误代码），并提示是哪个参数、哪个单元格。",
    "负数、NaN/无穷大以及不可能的量级返回 #NUM!：烟气量超过 1e14 m3/a、浓度限值超过 1e6 mg/m3、排放量超过 1e9 t/a。",
    "日期在 Excel 中就是数字：在应填吨数处输入的日期无法与数字区分，将按其序列号读取。",
    "空单元格：网页版 Excel 把空单元格作为空值（缺失）传入，Windows 与 Mac 版 Excel 曾被发现传入 0。缺失数值请填 `-` 或 `/`，不要留空；任务窗格与 `emission-rights audit` 会标出区域中含空单元格的 ER 公式。",
    "求和按十进制精确计算：4113.6 + 4488.7 = 8602.3。",
  ],
};

function signature(f: FunctionSpec): string {
  const params = f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
  return `${NAMESPACE}.${f.id}(${params})`;
}

export function referenceMarkdown(): string {
  const out: string[] = [
    "# Function reference · 函数参考",
    "",
    "Generated from `src/functions/registry.ts` by `npm run docs`; do not edit by hand.",
    "由 `npm run docs` 根据 `src/functions/registry.ts` 生成，请勿手工编辑。",
    "",
    "## Reading inputs · 输入的读取",
    "",
    ...INPUT_RULES.en.map((r) => `- ${r}`),
    "",
    ...INPUT_RULES.zh.map((r) => `- ${r}`),
    "",
  ];
  for (const f of FUNCTIONS) {
    out.push(`## ${f.id}`, "", "`" + signature(f) + "`", "", f.description.en, "", f.description.zh, "");
    out.push("| parameter · 参数 | description | 说明 |", "|---|---|---|");
    for (const p of f.params) out.push(`| \`${p.name}\`${p.optional ? " (optional · 可选)" : ""} | ${p.description.en} | ${p.description.zh} |`);
    out.push("", "| formula · 公式 | result · 结果 | note · 说明 |", "|---|---|---|");
    for (const e of f.examples) out.push(`| \`${e.formula}\` | ${e.result} | ${e.note.en} ${e.note.zh} |`);
    out.push("");
  }
  return out.join("\n");
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function inline(s: string): string {
  return esc(s).replace(/`([^`]+)`/g, "<code>$1</code>");
}

export function referenceHtml(): string {
  const body: string[] = [];
  body.push("<h1>Emission Rights · 排污权核定</h1>", "<h2>Reading inputs · 输入的读取</h2>");
  body.push(`<ul lang="en">${INPUT_RULES.en.map((r) => `<li>${inline(r)}</li>`).join("")}</ul>`);
  body.push(`<ul lang="zh-CN">${INPUT_RULES.zh.map((r) => `<li>${inline(r)}</li>`).join("")}</ul>`);
  for (const f of FUNCTIONS) {
    body.push(`<section id="${f.id.toLowerCase()}"><h2>${esc(f.id)}</h2><p><code>${esc(signature(f))}</code></p>`);
    body.push(`<p lang="en">${esc(f.description.en)}</p><p lang="zh-CN">${esc(f.description.zh)}</p>`);
    body.push("<table><thead><tr><th>parameter · 参数</th><th>description</th><th>说明</th></tr></thead><tbody>");
    for (const p of f.params) body.push(`<tr><td><code>${esc(p.name)}</code>${p.optional ? " (optional · 可选)" : ""}</td><td>${esc(p.description.en)}</td><td>${esc(p.description.zh)}</td></tr>`);
    body.push("</tbody></table><table><thead><tr><th>formula · 公式</th><th>result · 结果</th><th>note · 说明</th></tr></thead><tbody>");
    for (const e of f.examples) body.push(`<tr><td><code>${esc(e.formula)}</code></td><td>${esc(e.result)}</td><td>${esc(e.note.en)} ${esc(e.note.zh)}</td></tr>`);
    body.push("</tbody></table></section>");
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Emission Rights: function reference · 排污权核定：函数参考</title>
<style>body{font-family:"Segoe UI","Microsoft YaHei",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#242424}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #d1d1d1;padding:.25rem .5rem;text-align:left;vertical-align:top}
code{background:#f5f5f5;padding:0 .2rem}h2{border-bottom:1px solid #e0e0e0;padding-bottom:.2rem}</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}
