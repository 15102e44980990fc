/**
 * What the CLI prints is made safe for a terminal here, in one place: every control character a terminal
 * would obey (C0 and C1 controls, DEL, the bidirectional overrides and isolates, line and paragraph
 * separators, zero-width and other invisible format characters, lone surrogates) is shown as a visible
 * `\uXXXX` escape instead. A file name or a cell holding `ESC[2J` then prints as `\u001b[2J`, and cannot
 * clear the screen, retitle the window or reorder the text around it.
 *
 * The escape is the one JSON uses, so the same function applied to a JSON document keeps it valid JSON
 * that parses to the same strings (JSON.stringify already escapes C0 but leaves C1 and U+2028/U+2029 raw).
 * The result contains none of these characters, so applying it twice changes nothing.
 */

/**
 * The characters shown escaped. Tab is escaped too (it would break the alignment of tables); the newline
 * is kept unless asked otherwise. Zero-width joiners (U+200C, U+200D) are kept: scripts and emoji need them.
 */
const OTHERS = "\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u180e\\u200b\\u200e\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb\\ud800-\\udfff\\u{e0000}-\\u{e007f}";
const CONTROLS = new RegExp(`[\\u0000-\\u0009${OTHERS}]`, "gu");
const CONTROLS_AND_NEWLINE = new RegExp(`[\\u0000-\\u000a${OTHERS}]`, "gu");

function escape(ch: string): string {
  let out = "";
  for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, "0")}`;
  return out;
}

/**
 * `text` with every control character shown as a `\uXXXX` escape (astral ones as their surrogate pair).
 * Newlines are kept unless `keepNewlines` is false (for text that must stay on one line, such as a cell
 * of a table).
 *
 * @example visible("\u001b[2J.xlsx") === "\\u001b[2J.xlsx"
 */
export function visible(text: string, keepNewlines = true): string {
  return text.replace(keepNewlines ? CONTROLS : CONTROLS_AND_NEWLINE, escape);
}
