/**
 * Plain-text tables and a progress bar for the terminal, aware that Chinese characters take two columns.
 * A table given the terminal's width fits in it: the columns that may wrap (formulas, messages, names)
 * are wrapped over several lines, and when even that cannot fit, each row is printed as a block of
 * "label: value" lines. Every cell is first made visible (see visible.ts), so that its width is the
 * width it will print with.
 */
import { visible } from "./visible";

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
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
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

/** Punctuation that must not begin a line (it stays with what it follows). */
const NO_LINE_START = new Set([..."，。、；：！？）》」』】〕…,.;:!?)]}%"]);
/** Opening brackets, which must not end a line (they stay with what follows). */
const NO_LINE_END = new Set([..."（《「『【〔"]);
/** Characters after which a line may break even without a space (formula separators; "(" only after a name). */
const BREAK_AFTER = new Set([...",;&+*/"]);

/**
 * The pieces a line may break between: a word with the spaces that follow it, a formula up to a
 * separator, or a single wide character (Chinese breaks between any two characters).
 */
function pieces(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  const flush = () => {
    if (cur) out.push(cur);
    cur = "";
  };
  for (const ch of s) {
    const wide = charWidth(ch.codePointAt(0) ?? 0) === 2;
    if (NO_LINE_START.has(ch)) {
      if (cur) cur += ch;
      else if (out.length > 0) out[out.length - 1] += ch;
      else cur = ch;
      if (wide || BREAK_AFTER.has(ch)) flush();
      continue;
    }
    if (ch === " ") {
      cur += ch;
      continue;
    }
    if (cur.endsWith(" ")) flush();
    if (wide) {
      if (![...cur].every((c) => NO_LINE_END.has(c))) flush();
      cur += ch;
      if (!NO_LINE_END.has(ch)) flush();
      continue;
    }
    const call = ch === "(" && cur !== "";
    cur += ch;
    if (BREAK_AFTER.has(ch) || call) flush();
  }
  flush();
  return out;
}

/**
 * Wraps text to lines of at most `width` columns, breaking at spaces, after formula separators and
 * between Chinese characters; a piece longer than a line is cut. Newlines in the text are kept.
 */
export function wrapText(s: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of s.split("\n")) {
    let line = "";
    const push = () => {
      lines.push(line.trimEnd());
      line = "";
    };
    for (const piece of pieces(paragraph)) {
      const p = line === "" ? piece.trimStart() : piece;
      if (displayWidth(line) + displayWidth(p.trimEnd()) <= w) {
        line += p;
        continue;
      }
      // A piece longer than a whole line is cut where the line ends; a shorter one starts the next line.
      let rest = p;
      if (displayWidth(p.trimEnd()) <= w) {
        push();
        rest = p.trimStart();
      }
      while (displayWidth(line) + displayWidth(rest.trimEnd()) > w) {
        let head = "";
        let hw = displayWidth(line);
        for (const ch of rest) {
          const cw = charWidth(ch.codePointAt(0) ?? 0);
          if (hw + cw > w) break;
          head += ch;
          hw += cw;
        }
        if (head === "" && line === "") head = [...rest][0]; // a wide character in a one-column line
        line += head;
        push();
        rest = rest.slice(head.length).trimStart();
      }
      line += rest;
    }
    push();
  }
  return lines;
}

/** At most `max` lines, the last one ending in "…" when lines were dropped. */
function clip(lines: string[], max: number, width: number): string[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  const last = kept[max - 1];
  kept[max - 1] = displayWidth(last) + 1 <= width ? `${last}…` : truncate(`${last}…`, width);
  return kept;
}

function pad(s: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

export interface TableOptions {
  /** Columns (0-based) aligned right, as numbers are. */
  readonly right?: readonly number[];
  /** Widest a column that does not wrap may be before its cells are cut. */
  readonly maxWidth?: number;
  /** Spaces before each line. */
  readonly indent?: number;
  /** The terminal's width: the table is laid out to fit in it. Without it, only maxWidth applies. */
  readonly width?: number;
  /** Columns that may be wrapped over several lines to fit the width (the others keep their width). */
  readonly wrap?: readonly number[];
  /**
   * A column of prose (the last one) that, when the table is too wide for the width, is printed beneath
   * its row, labelled, over the whole width, instead of being squeezed into a narrow column.
   */
  readonly below?: number;
  /** Lines a wrapped cell may take at most (the last one ends in "…" when more were needed). */
  readonly maxLines?: number;
}

const GAP = 2;
/** The narrowest a wrapped column is made before the table turns into blocks of "label: value" lines. */
const MIN_WRAP = 10;
/** A wrapped column is kept at least as wide as its longest unbreakable piece, up to this. */
const MAX_PIECE = 30;

/**
 * Widths for the columns: those that do not wrap keep their natural width; the room left is shared
 * among the wrapping ones, the narrow ones keeping theirs. Undefined when a wrapping column would be
 * narrower than its minimum.
 */
function fitWidths(natural: readonly number[], minimum: readonly number[], wrap: ReadonlySet<number>, room: number): number[] | undefined {
  const widths = [...natural];
  let left = room - natural.reduce((s, w, i) => (wrap.has(i) ? s : s + w), 0);
  const wrapping = natural.map((w, i) => ({ w, i })).filter((c) => wrap.has(c.i));
  wrapping.sort((a, b) => a.w - b.w);
  for (let k = 0; k < wrapping.length; k++) {
    const c = wrapping[k];
    const share = Math.floor(left / (wrapping.length - k));
    widths[c.i] = Math.min(c.w, Math.max(share, minimum[c.i]));
    left -= widths[c.i];
  }
  return left < 0 ? undefined : widths;
}

/** Each row as a block of "label: value" lines, for a terminal too narrow for the table. */
function renderBlocks(header: readonly string[], rows: readonly (readonly string[])[], width: number, indent: string, maxLines: number): string {
  const labelWidth = Math.max(...header.map(displayWidth)) + 1;
  const valueWidth = Math.max(8, width - indent.length - labelWidth - 1);
  const blocks = rows.map((row) => {
    const lines: string[] = [];
    row.forEach((cell, i) => {
      if (cell === "") return;
      const wrapped = clip(wrapText(cell, valueWidth), maxLines, valueWidth);
      wrapped.forEach((l, k) => lines.push(`${indent}${pad(k === 0 ? `${header[i]}:` : "", labelWidth, false)} ${l}`.trimEnd()));
    });
    return lines.join("\n");
  });
  return `${blocks.join("\n\n")}\n`;
}

/** "Why: " or "原因：" before a note printed beneath its row. */
function label(header: string): string {
  return /[\u3000-\u9fff\uff00-\uffef]/.test(header) ? `${header}：` : `${header}: `;
}

/** The most rows a report lists in the terminal; the rest are counted ("… and 12 more"), --json gives all. */
export const MAX_TABLE_ROWS = 200;

/** A table as lines of text: header, a rule, the rows (a wrapped row takes several lines). */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const max = options.maxWidth ?? 48;
  const right = new Set(options.right ?? []);
  const wrap = new Set(options.width === undefined ? [] : (options.wrap ?? []));
  const maxLines = options.maxLines ?? 6;
  const indent = " ".repeat(options.indent ?? 0);
  const free = (i: number) => wrap.has(i) || i === options.below;
  // Cells on one line each, made visible; the columns that do not wrap cut at maxWidth.
  const all = [header, ...rows].map((r) => header.map((_, i) => (free(i) ? visible(r[i] ?? "", false) : truncate(visible(r[i] ?? "", false), max))));
  let columns = header.map((_, i) => i);
  let below: number | undefined;
  // A loop: a table may have 100,000 rows, too many for Math.max(...) (see boundsOf in src/sheet/rect.ts).
  const widthOf = (i: number, from = 0) => {
    let w = 0;
    for (let k = from; k < all.length; k++) w = Math.max(w, displayWidth(all[k][i]));
    return w;
  };
  let widths = columns.map((i) => widthOf(i));
  /** Header cells wrapped too (a narrow number column under a two-word title). */
  let headerWraps = false;
  if (options.width !== undefined) {
    const room = (n: number) => options.width! - indent.length - GAP * (n - 1);
    if (widths.reduce((s, w) => s + w, 0) > room(columns.length)) {
      if (options.below !== undefined && header.length > 1) {
        below = options.below;
        columns = columns.filter((i) => i !== below);
        widths = columns.map((i) => widthOf(i));
      }
      const longestPiece = (i: number, from: number) => Math.max(1, ...all.slice(from).flatMap((r) => pieces(r[i]).map((p) => displayWidth(p.trim()))));
      const wrapped = new Set(columns.map((i, k) => (wrap.has(i) ? k : -1)));
      // Tighter and tighter: wrapped columns no narrower than their longest piece (a formula is not cut
      // inside a name); then the titles of the other columns on two lines too (a number column under a
      // two-word title). When even that does not fit, each row becomes a block of "label: value" lines.
      const titled = columns.map((i, k) => {
        if (wrap.has(i)) return widths[k];
        let w = Math.max(widthOf(i, 1), ...pieces(all[0][i]).map((p) => displayWidth(p.trim())));
        while (w < widths[k] && wrapText(all[0][i], w).length > 2) w++;
        return w;
      });
      const byPiece = columns.map((i, k) => Math.min(widths[k], Math.max(MIN_WRAP, Math.min(MAX_PIECE, longestPiece(i, 1)))));
      const stages = [
        { base: widths, min: byPiece, titles: false },
        { base: titled, min: byPiece, titles: true },
      ];
      let fitted: number[] | undefined;
      for (const stage of stages) {
        fitted = fitWidths(stage.base, stage.min, wrapped, room(columns.length));
        headerWraps = stage.titles;
        if (fitted) break;
      }
      if (!fitted) return renderBlocks(all[0], all.slice(1), options.width, indent, maxLines);
      widths = fitted;
    }
  }
  const noteWidth = (options.width ?? 80) - indent.length - 2;
  const lines = (r: readonly string[], isHeader: boolean): string[] => {
    const cells = columns.map((i, k) => ((wrap.has(i) || (isHeader && headerWraps)) && displayWidth(r[i]) > widths[k] ? clip(wrapText(r[i], widths[k]), maxLines, widths[k]) : [r[i]]));
    const height = Math.max(...cells.map((c) => c.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) out.push((indent + cells.map((c, j) => pad(c[k] ?? "", widths[j], right.has(columns[j]))).join(" ".repeat(GAP))).trimEnd());
    if (below !== undefined && !isHeader && r[below] !== "") {
      const text = label(all[0][below]) + r[below];
      for (const l of wrapText(text, noteWidth)) out.push(`${indent}  ${l}`.trimEnd());
    }
    return out;
  };
  const rule = (indent + widths.map((w) => "─".repeat(w)).join(" ".repeat(GAP))).trimEnd();
  const out = [...lines(all[0], true), rule, ...all.slice(1).flatMap((r) => lines(r, false))];
  return `${out.join("\n")}\n`;
}

/** One line of a progress bar, to be written after "\r". */
export function progressLine(done: number, total: number, label: string, columns = 80): string {
  const barWidth = Math.max(10, Math.min(30, columns - 30));
  const filled = total > 0 ? Math.round((done / total) * barWidth) : barWidth;
  const counter = `${done}/${total}`;
  const bar = `[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ${counter} `;
  return bar + truncate(visible(label, false), Math.max(0, columns - displayWidth(bar) - 1));
}
