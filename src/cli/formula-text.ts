/**
 * A formula as the user typed it in Excel, from the text the file stores: Excel saves a JavaScript custom
 * function as `_xldudf_ER_NAME(` and shows it as `ER.NAME(`; it saves newer built-in functions with the
 * `_xlfn.` (and `_xlws.`) prefix and LAMBDA parameters with `_xlpm.`, and shows them without. Text in
 * strings and quoted sheet names is left as it is. For the reports only: the JSON keeps the stored text.
 */

/** The prefixes Excel writes in the file and hides in the formula bar. */
const HIDDEN = /^(?:_xlfn\.|_xlws\.|_xlpm\.)+/i;
const ER_SAVED = /^_xldudf_ER_/i;

function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 92 || c >= 0x80;
}

/** Where the quoted text starting at `i` ends (after its closing quote; a doubled quote stays inside). */
function endOfQuoted(text: string, i: number, quote: string): number {
  let j = i + 1;
  for (;;) {
    const k = text.indexOf(quote, j);
    if (k < 0) return text.length;
    if (text[k + 1] === quote) j = k + 2;
    else return k + 1;
  }
}

/**
 * @example typedFormula("=_xlfn.IFNA(_xldudf_ER_INITIAL_RIGHT(A1,B1),\"_xlfn.\")") === "=IFNA(ER.INITIAL_RIGHT(A1,B1),\"_xlfn.\")"
 */
export function typedFormula(stored: string): string {
  let out = "";
  let i = 0;
  const n = stored.length;
  while (i < n) {
    const ch = stored[i];
    if (ch === '"' || ch === "'") {
      const end = endOfQuoted(stored, i, ch);
      out += stored.slice(i, end);
      i = end;
    } else if (isWordChar(stored.charCodeAt(i))) {
      let j = i + 1;
      while (j < n && isWordChar(stored.charCodeAt(j))) j++;
      const word = stored.slice(i, j).replace(HIDDEN, "");
      out += ER_SAVED.test(word) ? `ER.${word.slice(11)}` : word;
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
