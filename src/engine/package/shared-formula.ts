/**
 * A shared formula written once for a block of cells (`<f t="shared" ref="B2:B9" si="0">A2*2</f>` in the
 * first cell, `<f t="shared" si="0"/>` in the others), translated to one of the other cells as Excel
 * does: every relative reference moves by the distance between the two cells; absolute parts (`$A$1`)
 * stay. Only real references move: text in double quotes ("C1"), sheet names in single quotes, function
 * names (LOG10, ATAN2), defined names, structured references (`Table1[Col1]`) and numbers do not. A
 * reference moved off the sheet becomes #REF!, as in Excel.
 */
import { columnToIndex, indexToColumn, MAX_COLUMNS, MAX_ROWS } from "../../sheet/address";
import { endOfQuoted } from "../../sheet/lexer";

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A character that continues a name: letters, digits, "_", ".", "\\", "?" and anything beyond ASCII. */
function isNameChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95 || c === 46 || c === 92 || c === 63 || c > 127;
}

const ERROR_LITERAL = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|UNKNOWN!|CONNECT!|BUSY!)/i;

function movedRow(row: number, dr: number): number | undefined {
  const r = row + dr;
  return r >= 0 && r < MAX_ROWS ? r : undefined;
}

function movedCol(col: number, dc: number): number | undefined {
  const c = col + dc;
  return c >= 0 && c < MAX_COLUMNS ? c : undefined;
}

/**
 * The formula `text` (without "=") moved by `dr` rows and `dc` columns.
 *
 * @example translateFormula('A2*2&"C1"', 1, 0) === 'A3*2&"C1"'
 * @example translateFormula("SUM($A$1:A2)", 2, 1) === "SUM($A$1:B4)"
 */
export function translateFormula(text: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return text;
  let out = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      // "text" or 'sheet name', a doubled quote inside: copied as it is
      const j = endOfQuoted(text, i, c === 34 ? '"' : "'");
      out += text.slice(i, j);
      i = j;
      continue;
    }
    if (c === 91) {
      // [external workbook] or a structured reference's [column], nested brackets included
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 91) depth++;
        else if (d === 93 && --depth === 0) break;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === 35) {
      // an error literal (#REF!, #N/A) is left as it is; a lone "#" (A1#) is an operator
      const m = ERROR_LITERAL.exec(text.slice(i, i + 14));
      const len = m ? m[0].length : 1;
      out += text.slice(i, i + len);
      i += len;
      continue;
    }
    if (c === 36 || isLetter(c) || isDigit(c) || isNameChar(c)) {
      // A word: a name, a function, a number, a cell or a row/column range.
      let j = i;
      while (j < n && (isNameChar(text.charCodeAt(j)) || text.charCodeAt(j) === 36)) j++;
      // Numbers in E notation: 1E+5 is one token.
      if (isDigit(c) && j < n && (text.charCodeAt(j) === 43 || text.charCodeAt(j) === 45) && /^\d*\.?\d*[eE]$/.test(text.slice(i, j))) {
        j++;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
        out += text.slice(i, j);
        i = j;
        continue;
      }
      const word = text.slice(i, j);
      const next = text.charCodeAt(j);
      if (next === 40 || next === 33 || next === 91) {
        // a function, a sheet name, a table name
        out += word;
        i = j;
        continue;
      }
      // A range of whole rows or columns: 1:3, $A:$C
      if (next === 58) {
        const m = /^(\$?)([A-Za-z]{1,3}|\d{1,7})(\$?):(\$?)([A-Za-z]{1,3}|\d{1,7})(?![A-Za-z0-9_.$(!\\?[])/.exec(text.slice(i, i + 24));
        if (m && !m[3] && /^\d+$/.test(m[2]) === /^\d+$/.test(m[5]) && !/^\$?[A-Za-z]{1,3}\$?\d/.test(text.slice(i))) {
          const rows = /^\d+$/.test(m[2]);
          const move = (abs: string, v: string): string | undefined => {
            if (rows) {
              const r = abs ? Number(v) - 1 : movedRow(Number(v) - 1, dr);
              return r === undefined ? undefined : `${abs}${r + 1}`;
            }
            const col = columnToIndex(v);
            if (col < 0) return undefined;
            const moved = abs ? col : movedCol(col, dc);
            return moved === undefined ? undefined : `${abs}${indexToColumn(moved)}`;
          };
          const colIndexOk = rows || (columnToIndex(m[2]) >= 0 && columnToIndex(m[5]) >= 0);
          if (colIndexOk) {
            const a = move(m[1], m[2]);
            const b = move(m[4], m[5]);
            out += a === undefined || b === undefined ? "#REF!" : `${a}:${b}`;
            i += m[0].length;
            continue;
          }
        }
      }
      const cell = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/.exec(word);
      const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
      if (cell && !(prev && (isNameChar(prev) || prev === 36))) {
        const col = columnToIndex(cell[2]);
        const row = Number(cell[4]) - 1;
        if (col >= 0 && row >= 0 && row < MAX_ROWS) {
          const r = cell[3] ? row : movedRow(row, dr);
          const k = cell[1] ? col : movedCol(col, dc);
          out += r === undefined || k === undefined ? "#REF!" : `${cell[1]}${indexToColumn(k)}${cell[3]}${r + 1}`;
          i = j;
          continue;
        }
      }
      out += word;
      i = j;
      continue;
    }
    out += text[i];
    i++;
  }
  return out;
}
