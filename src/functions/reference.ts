/**
 * The function reference, generated from the registry: docs/functions.md (for the repository) and
 * help.html (served with the add-in, linked from Excel's function help). Both languages.
 */
import { FUNCTIONS, NAMESPACE } from "./registry";
import type { FunctionSpec } from "./spec";

/** What every function does with its inputs (the choices of src/core/values.ts), in both languages. */
export const INPUT_RULES = {
  en: [
    "Missing-value marks: an empty cell, `/`, `-`, `—`, `–`, `——`, `无`, `N/A`, `NA`, `／`, `－`. A mark means “no figure”, never 0. `/` (or an empty cell) also says that a phase does not exist, as the paper prints it: `PERFORMANCE_EMISSION` gives `/` for a phase whose volume or limit is `/`, and the rights skip that phase exactly as if `/` were typed in the performance cell; `-` says that an approval has no figure for the pollutant (a phase that exists).",
    "Numbers are read at Excel's 15 significant digits, the number Excel shows: a figure computed in the sheet as `=10.003E9*50*10^-9` arrives as 500.15000000000003 and is read as 500.15, so float noise never makes the phased right exceed the total one or the method difference negative.",
    "Numbers stored as text are read as numbers: `\"1562\"`, `\" 4113.6 \"`, `\"11.34E9\"`, `\"11.34×10^9\"`. Text with a comma (`4,113.6`, `4113,6`) is refused, because the comma means a thousands separator in one convention and a decimal point in another.",
    "Single-cell parameters: a one-cell range is its cell. A larger range is never cut to its first cell: Excel with dynamic arrays, and the headless engine, run the function once per cell and spill one result per cell (Excel's “lifting”, as for `=ABS(A1:A3)`); where nothing lifts it, the function refuses it with #VALUE! naming the parameter.",
    "Keywords (medium, rule, standard, pollutant, boiler, region, reference unit type, allocation method) are matched in English or Chinese, in any case, ignoring spaces, hyphens, brackets and full-width forms, against the parameter's own list only; anything else is refused with the list of accepted words.",
    "Dates: an Excel date, or text such as `2003-12-31`, `2003/12/31`, `2003年12月31日`. A whole number below 3000 is refused as a year typed alone (Excel would read 2004 as the day 1905-06-26): type `DATE(2004,1,1)` or `2004-01-01`.",
    "Every refusal is #VALUE! or #N/A, the two codes Excel shows a custom function's message for (hover over the cell's error flag): #VALUE! for input that is wrong (other text, TRUE/FALSE, negative numbers, NaN/Infinity, impossible magnitudes: volumes above 1e14 m3/a, limits above 1e6 mg/m3, tonnes above 1e9 t/a; ranges of the wrong shape; unknown keywords; years typed as dates), #N/A for a figure that does not exist (an absent phase, an EIA sum with a missing figure, a limit the standard does not set or did not set yet). The message names the parameter and the cell. An error cell in an input is named too: #N/A stays #N/A, any other error gives #VALUE!.",
    "Dates are numbers to Excel: a date typed where tonnes belong cannot be told from a number and is read as its serial number.",
    "Empty cells: Excel on the web passes an empty cell as empty (a missing figure), Excel on Windows and Mac has been seen to pass 0. Type `-` or `/` for a missing figure rather than leaving the cell empty; the task pane and `emission-rights audit` flag ER formulas whose ranges hold empty cells.",
    "Sums are decimal-exact: 4113.6 + 4488.7 = 8602.3.",
  ],
  zh: [
    "缺失标记：空单元格、`/`、`-`、`—`、`–`、`——`、`无`、`N/A`、`NA`、`／`、`－`。缺失标记表示“无数值”，绝不按 0 计。`/`（或空单元格）还表示该期工程不存在，与文中印法一致：烟气量或限值为 `/` 时 `PERFORMANCE_EMISSION` 返回 `/`，初始排污权函数跳过该期，与在绩效排放量单元格中直接填 `/` 完全相同；`-` 表示批复中没有该污染物数值（该期存在）。",
    "数字按 Excel 的 15 位有效数字读取，即 Excel 显示的数：表中以 `=10.003E9*50*10^-9` 算出的数传入时为 500.15000000000003，按 500.15 读取，浮点误差因此不会使分期对比结果超过合计对比结果，也不会使两法差值为负。",
    "以文本形式存储的数字按数字读取：`\"1562\"`、`\" 4113.6 \"`、`\"11.34E9\"`、`\"11.34×10^9\"`。含逗号的文本（`4,113.6`、`4113,6`）被拒绝，因为逗号在不同习惯中可能是千位分隔符，也可能是小数点。",
    "单单元格参数：一个单元格的区域即该单元格。更大的区域绝不截取首个单元格：支持动态数组的 Excel 与无界面引擎对每个单元格各计算一次并溢出结果（Excel 的“提升”，与 `=ABS(A1:A3)` 相同）；未被提升时，函数以 #VALUE! 拒绝，并指明参数。",
    "关键词（介质、规则、标准、污染物、锅炉类型、地区、基准机组类型、分配方法）可用中文或英文，不区分大小写，忽略空格、连字符、括号与全角形式，只与该参数自己的可选词表比对；其他词一律拒绝，并列出可用的词。",
    "日期：Excel 日期，或文本如 `2003-12-31`、`2003/12/31`、`2003年12月31日`。小于 3000 的整数视为单独输入的年份而被拒绝（Excel 会把 2004 读作 1905-06-26）：请输入 `DATE(2004,1,1)` 或 `2004-01-01`。",
    "所有拒绝都返回 #VALUE! 或 #N/A，这是 Excel 会显示自定义函数说明的两种错误代码（将鼠标悬停在单元格的错误标志上即可看到）：输入有误时为 #VALUE!（其他文本、TRUE/FALSE、负数、NaN/无穷大、不可能的量级：烟气量超过 1e14 m3/a、浓度限值超过 1e6 mg/m3、排放量超过 1e9 t/a；区域形状不对；未知关键词；把年份当日期），所求数值不存在时为 #N/A（不存在的期、有一期缺少数值的环评合计、标准未规定或尚未执行的限值）。说明会指出是哪个参数、哪个单元格。输入中的错误单元格也会被指出：#N/A 仍为 #N/A，其他错误返回 #VALUE!。",
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
