/** Where a header's figures are, as the Make live view says it: "rows 6, 10", "columns C–E", "第 6、10 行". */
import type { Locale } from "../../i18n/locale";
import { ui } from "../../i18n/ui";
import { indexToColumn } from "../../sheet/address";
import type { Analysis, HeaderLine } from "./table";

/** Numbers as runs: [3, 4, 5, 9] -> "3–5, 9" (Chinese: "3–5、9"); `name` writes each number (column letters). */
export function runs(xs: readonly number[], locale: Locale, name: (n: number) => string = String): string {
  const sorted = [...new Set(xs)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(j > i ? `${name(sorted[i])}–${name(sorted[j])}` : name(sorted[i]));
    i = j + 1;
  }
  const shown = out.length > 8 ? [...out.slice(0, 6), "…", out[out.length - 1]] : out;
  return shown.join(locale === "zh-CN" ? "、" : ", ");
}

/** Where a header's figures are: the rows (or columns) of the cells that took their role from it. */
export function where(line: HeaderLine, analysis: Analysis, locale: Locale): string {
  const cells = analysis.entries.filter((e) => e.line === line.key);
  const list = cells.length > 0 ? cells : line.cells;
  if (line.axis === "row") {
    const rows = list.map((c) => c.row + 1);
    return ui(locale, "whereRows", { list: runs(rows, locale), count: new Set(rows).size });
  }
  const cols = list.map((c) => c.col);
  return ui(locale, "whereColumns", { list: runs(cols, locale, indexToColumn), count: new Set(cols).size });
}
