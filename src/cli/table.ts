/** Plain-text tables and a progress bar for the terminal, aware that Chinese characters take two columns. */

/** Columns a character takes in a terminal: 2 for East Asian wide and full-width characters, 0 for combining marks. */
function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

/** The number of terminal columns a string takes. @example displayWidth("表1") === 3 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0) ?? 0);
  return w;
}

/** Cuts a string to at most `max` columns, with "…" when cut. */
export function truncate(s: string, max: number): string {
  if (displayWidth(s) <= max) return s;
  let out = "";
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0) ?? 0);
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

function pad(s: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

export interface TableOptions {
  /** Columns (0-based) aligned right, as numbers are. */
  readonly right?: readonly number[];
  /** Widest a column may be before its cells are cut. */
  readonly maxWidth?: number;
  /** Spaces before each line. */
  readonly indent?: number;
}

/** A table as lines of text: header, a rule, the rows. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const max = options.maxWidth ?? 48;
  const right = new Set(options.right ?? []);
  const cells = [header, ...rows].map((r) => r.map((c) => truncate(c, max)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ""))));
  const indent = " ".repeat(options.indent ?? 0);
  const line = (r: readonly string[]) => indent + r.map((c, i) => pad(c ?? "", widths[i], right.has(i))).join("  ").trimEnd();
  const rule = (indent + widths.map((w) => "─".repeat(w)).join("  ")).trimEnd();
  const out = [line(cells[0]), rule, ...cells.slice(1).map(line)];
  return `${out.join("\n")}\n`;
}

/** One line of a progress bar, to be written after "\r". */
export function progressLine(done: number, total: number, label: string, columns = 80): string {
  const barWidth = Math.max(10, Math.min(30, columns - 30));
  const filled = total > 0 ? Math.round((done / total) * barWidth) : barWidth;
  const counter = `${done}/${total}`;
  const bar = `[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ${counter} `;
  return bar + truncate(label, Math.max(0, columns - displayWidth(bar) - 1));
}
