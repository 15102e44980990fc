/**
 * How formula text is cut into words, the same for every reader of formulas: names are letters, digits,
 * `_ . $ \` and anything beyond ASCII (Chinese names and sheets); text in double quotes and sheet names in
 * single quotes run to their closing quote, a doubled quote staying inside.
 */

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A character of a name: letters, digits, _ . $ \ and anything beyond ASCII. */
export function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || isDigit(c) || c === 95 || c === 46 || c === 36 || c === 92 || c >= 0x80;
}

/** A character a name may begin with: a name character but a digit or ".". */
export function isWordStart(c: number): boolean {
  return isWordChar(c) && !isDigit(c) && c !== 46;
}

/** Where the quoted text starting at `i` (a `quote`) ends: the index after its closing quote, or the text's end. */
export function endOfQuoted(text: string, i: number, quote: string): number {
  let j = i + 1;
  for (;;) {
    const k = text.indexOf(quote, j);
    if (k < 0) return text.length;
    if (text[k + 1] === quote) {
      j = k + 2;
      continue;
    }
    return k + 1;
  }
}

/** The end of the word starting at `i` (a word character). */
export function endOfWord(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && isWordChar(text.charCodeAt(j))) j++;
  return j;
}
