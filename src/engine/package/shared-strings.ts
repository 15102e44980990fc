/**
 * Shared strings and inline strings (Node only). A string item `<si>` (or an inline `<is>`) is the text
 * of its `<t>`, or of the `<t>` of each rich-text run `<r>` concatenated; phonetic guides (`<rPh>`, the
 * reading of Japanese text) and their properties are not part of the value. An empty `<si></si>` is "".
 * `_xHHHH_` escapes (how SpreadsheetML writes control characters) are decoded as Excel does.
 */
import { Tok, type XmlScanner } from "./xml";

const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Text with SpreadsheetML's `_xHHHH_` escapes decoded (`_x005F_` is a literal underscore). */
export function decodeEscapes(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The text of the string item just opened on `s` (`si` or `is`), read up to its end tag.
 */
export function readStringItem(s: XmlScanner): string {
  if (s.selfClosing) return "";
  const item = s.name;
  let out = "";
  let phonetic = 0;
  let inText = false;
  for (;;) {
    const t = s.next();
    if (t === Tok.End) break;
    if (t === Tok.Open) {
      if (s.name === "rPh" || s.name === "phoneticPr") {
        if (!s.selfClosing) phonetic++;
      } else if (s.name === "t" && !s.selfClosing) inText = true;
    } else if (t === Tok.Close) {
      if (s.name === item) break;
      if (s.name === "rPh") phonetic--;
      else if (s.name === "t") inText = false;
    } else if (inText && phonetic === 0) out += s.text();
  }
  return decodeEscapes(out);
}

/** The strings of a shared-strings part, in order (`<sstItem>` is how Excel 2007's beta wrote `<si>`). */
export function parseSharedStrings(s: XmlScanner): string[] {
  const out: string[] = [];
  for (let t = s.next(); t !== Tok.End; t = s.next()) {
    if (t === Tok.Open && (s.name === "si" || s.name === "sstItem")) out.push(readStringItem(s));
  }
  return out;
}
