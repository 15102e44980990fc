/**
 * A small pull tokenizer for the XML parts of a package, over their bytes (Node only): start and end
 * tags with any namespace prefix (`<c>`, `<x:c>`, `<ns0:Relationship>`), attributes in double or single
 * quotes, the five entities and character references, CDATA, comments and processing instructions
 * skipped, a UTF-8 byte-order mark skipped (UTF-16 parts are converted first). Strings are made only for
 * what the caller asks for (an attribute's value, a text node), so a part is walked at about the speed
 * of `indexOf`.
 *
 * Bounded: a document type declaration is refused (Excel never writes one; it is how entity-expansion
 * attacks start), and so is any single tag (its attributes) or text node larger than `maxToken` bytes,
 * found with a native byte search before anything is decoded.
 */

/** What the scanner met. */
export const enum Tok {
  End = 0,
  Open = 1,
  Close = 2,
  Text = 3,
}

/** Why a part could not be tokenized: `kind` says what, `bytes` how large the offending token was. */
export class XmlError extends Error {
  readonly kind: "dtd" | "tooLarge" | "malformed";
  readonly bytes: number;
  constructor(kind: "dtd" | "tooLarge" | "malformed", message: string, bytes = 0) {
    super(message);
    this.name = "XmlError";
    this.kind = kind;
    this.bytes = bytes;
  }
}

/** The largest tag or text node a part may hold: far above anything Excel writes (a cell holds 32,767 characters). */
export const MAX_TOKEN_BYTES = 8 * 1024 * 1024;

/** The bytes of XML's markup, for the byte scanners of the package (this tokenizer and the patch writer). */
export const LT = 0x3c;
export const GT = 0x3e;
export const SLASH = 0x2f;
export const QUESTION = 0x3f;
export const BANG = 0x21;
export const COLON = 0x3a;
export const EQ = 0x3d;

/** XML white space. */
export function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/**
 * A part's bytes as UTF-8 without a byte-order mark. UTF-16 parts are converted, found as XML finds them
 * (its Appendix F): by their byte-order mark, or without one by the first character, "<", written on two
 * bytes (00 3C big-endian, 3C 00 little-endian), as some writers leave a UTF-16 workbook.xml.
 */
export function utf8Part(buf: Buffer): Buffer {
  const le = buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0x3c && buf[1] === 0x00));
  const be = buf.length >= 2 && ((buf[0] === 0xfe && buf[1] === 0xff) || (buf[0] === 0x00 && buf[1] === 0x3c));
  const bom = buf[0] === 0xff || buf[0] === 0xfe ? 2 : 0;
  if (le) return Buffer.from(buf.toString("utf16le", bom, bom + ((buf.length - bom) & ~1)), "utf8");
  if (be) {
    const swapped = Buffer.from(buf.subarray(bom, bom + ((buf.length - bom) & ~1)));
    swapped.swap16();
    return Buffer.from(swapped.toString("utf16le"), "utf8");
  }
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3);
  return buf;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const ENTITY = /&(#[xX][0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;

/** Text with its entities and character references replaced (an unknown one is left as written). */
export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(ENTITY, (whole: string, e: string) => {
    if (e[0] !== "#") return ENTITIES[e];
    const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Line ends as an XML processor hands them on: "\r\n" and a lone "\r" become "\n" (a `&#13;` stays). */
export function normalizeLines(s: string): string {
  return s.indexOf("\r") < 0 ? s : s.replace(/\r\n?/g, "\n");
}

/** An attribute value as an XML processor hands it on: each literal line end or tab becomes a space. */
function normalizeAttribute(s: string): string {
  return /[\r\n\t]/.test(s) ? s.replace(/\r\n|[\r\n\t]/g, " ") : s;
}

/** Names seen before, by a hash of their bytes, so that a tag name costs no new string. */
class NameCache {
  private readonly map = new Map<number, string>();
  get(buf: Buffer, start: number, end: number): string {
    let h = end - start;
    for (let i = start; i < end; i++) h = (Math.imul(h, 31) + buf[i]) | 0;
    const s = this.map.get(h);
    if (s !== undefined && s.length === end - start) {
      let same = true;
      for (let i = 0; i < s.length; i++) {
        if (s.charCodeAt(i) !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return s;
    }
    const made = buf.toString("latin1", start, end);
    if (this.map.size < 4096) this.map.set(h, made);
    return made;
  }
}

/**
 * The tokenizer. `next()` moves to the next tag or text node and says which; then `name` (the local name,
 * without prefix), `selfClosing`, `attr(name)` and `text()` describe it.
 */
export class XmlScanner {
  readonly buf: Buffer;
  private pos = 0;
  private readonly names = new NameCache();
  private readonly maxToken: number;
  /** Local name of the tag just read. */
  name = "";
  /** The tag just read ends with "/>". */
  selfClosing = false;
  /** Attribute positions of the tag just read: [nameStart, localStart, nameEnd, valueStart, valueEnd] each. */
  private attrPos = new Int32Array(5 * 16);
  private attrCount = 0;
  private textStart = 0;
  private textEnd = 0;
  private cdata = false;

  constructor(buf: Buffer, maxToken: number = MAX_TOKEN_BYTES) {
    this.buf = utf8Part(buf);
    this.maxToken = maxToken;
  }

  /** Moves to the next token. */
  next(): Tok {
    const buf = this.buf;
    const n = buf.length;
    for (;;) {
      const p = this.pos;
      if (p >= n) return Tok.End;
      if (buf[p] !== LT) {
        let lt = buf.indexOf(LT, p);
        if (lt < 0) lt = n;
        if (lt - p > this.maxToken) throw new XmlError("tooLarge", `a text of ${lt - p} bytes`, lt - p);
        this.textStart = p;
        this.textEnd = lt;
        this.cdata = false;
        this.pos = lt;
        return Tok.Text;
      }
      const b = buf[p + 1];
      if (b === QUESTION) {
        const end = buf.indexOf("?>", p + 2);
        if (end < 0) throw new XmlError("malformed", "an unterminated processing instruction");
        this.pos = end + 2;
        continue;
      }
      if (b === BANG) {
        if (buf[p + 2] === 0x2d && buf[p + 3] === 0x2d) {
          const end = buf.indexOf("-->", p + 4);
          if (end < 0) throw new XmlError("malformed", "an unterminated comment");
          this.pos = end + 3;
          continue;
        }
        if (buf.toString("latin1", p, p + 9) === "<![CDATA[") {
          const end = buf.indexOf("]]>", p + 9);
          if (end < 0) throw new XmlError("malformed", "an unterminated CDATA section");
          if (end - p - 9 > this.maxToken) throw new XmlError("tooLarge", `a CDATA section of ${end - p - 9} bytes`, end - p - 9);
          this.textStart = p + 9;
          this.textEnd = end;
          this.cdata = true;
          this.pos = end + 3;
          return Tok.Text;
        }
        throw new XmlError("dtd", "a document type declaration");
      }
      return b === SLASH ? this.closeTag(p) : this.openTag(p);
    }
  }

  /** Where the name read by localName ends, and where its local part (after any prefix) starts. */
  private nameEnd = 0;
  private nameLocal = 0;

  private localName(start: number): void {
    const buf = this.buf;
    let i = start;
    let local = start;
    const n = buf.length;
    while (i < n) {
      const c = buf[i];
      if (isSpace(c) || c === GT || c === SLASH || c === EQ) break;
      if (c === COLON) local = i + 1;
      i++;
    }
    this.nameEnd = i;
    this.nameLocal = local;
  }

  private closeTag(p: number): Tok {
    this.localName(p + 2);
    const end = this.nameEnd;
    const local = this.nameLocal;
    const gt = this.buf.indexOf(GT, end);
    if (gt < 0) throw new XmlError("malformed", "an unterminated end tag");
    this.name = this.names.get(this.buf, local, end);
    this.selfClosing = false;
    this.attrCount = 0;
    this.pos = gt + 1;
    return Tok.Close;
  }

  private openTag(p: number): Tok {
    const buf = this.buf;
    const n = buf.length;
    this.localName(p + 1);
    const end = this.nameEnd;
    const local = this.nameLocal;
    if (end === local) throw new XmlError("malformed", "a tag without a name");
    this.name = this.names.get(buf, local, end);
    this.attrCount = 0;
    let i = end;
    for (;;) {
      while (i < n && isSpace(buf[i])) i++;
      if (i >= n) throw new XmlError("malformed", "an unterminated tag");
      const c = buf[i];
      if (c === GT) {
        this.selfClosing = false;
        break;
      }
      if (c === SLASH && buf[i + 1] === GT) {
        this.selfClosing = true;
        i++;
        break;
      }
      const nameStart = i;
      this.localName(i);
      const atEnd = this.nameEnd;
      const atLocal = this.nameLocal;
      if (atEnd === nameStart) throw new XmlError("malformed", "an attribute without a name");
      i = atEnd;
      while (i < n && isSpace(buf[i])) i++;
      if (buf[i] !== EQ) throw new XmlError("malformed", "an attribute without a value");
      i++;
      while (i < n && isSpace(buf[i])) i++;
      const quote = buf[i];
      if (quote !== 0x22 && quote !== 0x27) throw new XmlError("malformed", "an unquoted attribute value");
      const close = buf.indexOf(quote, i + 1);
      if (close < 0) throw new XmlError("malformed", "an unterminated attribute value");
      if (close - p > this.maxToken) throw new XmlError("tooLarge", `a tag of more than ${close - p} bytes`, close - p);
      const k = this.attrCount * 5;
      if (k + 5 > this.attrPos.length) {
        const grown = new Int32Array(this.attrPos.length * 2);
        grown.set(this.attrPos);
        this.attrPos = grown;
      }
      this.attrPos[k] = nameStart;
      this.attrPos[k + 1] = atLocal;
      this.attrPos[k + 2] = atEnd;
      this.attrPos[k + 3] = i + 1;
      this.attrPos[k + 4] = close;
      this.attrCount++;
      i = close + 1;
    }
    if (i - p > this.maxToken) throw new XmlError("tooLarge", `a tag of ${i - p} bytes`, i - p);
    this.pos = i + 1;
    return Tok.Open;
  }

  private findAttr(local: string, prefixed: boolean | undefined): number {
    const buf = this.buf;
    const len = local.length;
    for (let a = 0; a < this.attrCount; a++) {
      const k = a * 5;
      const ls = this.attrPos[k + 1];
      if (this.attrPos[k + 2] - ls !== len) continue;
      const hasPrefix = ls !== this.attrPos[k];
      if (prefixed !== undefined && hasPrefix !== prefixed) continue;
      let same = true;
      for (let j = 0; j < len; j++) {
        if (buf[ls + j] !== local.charCodeAt(j)) {
          same = false;
          break;
        }
      }
      if (same) return k;
    }
    return -1;
  }

  /**
   * The value of the attribute with this local name on the tag just read, entities decoded. `prefixed`
   * true takes only a prefixed one (`r:id`), false only one without prefix, undefined either.
   */
  attr(local: string, prefixed?: boolean): string | undefined {
    const k = this.findAttr(local, prefixed);
    if (k < 0) return undefined;
    return decodeEntities(normalizeAttribute(this.buf.toString("utf8", this.attrPos[k + 3], this.attrPos[k + 4])));
  }

  /**
   * The attribute with this local name on the tag just read, as a handle for valueStart/valueEnd (its raw
   * value's bytes, for callers that read it without a string), or -1.
   */
  attrIndex(local: string): number {
    return this.findAttr(local, undefined);
  }

  valueStart(handle: number): number {
    return this.attrPos[handle + 3];
  }

  valueEnd(handle: number): number {
    return this.attrPos[handle + 4];
  }

  /** The text node just read, entities decoded (CDATA as written). */
  text(): string {
    const s = normalizeLines(this.buf.toString("utf8", this.textStart, this.textEnd));
    return this.cdata ? s : decodeEntities(s);
  }

  /** The byte length of the text node just read. */
  textBytes(): number {
    return this.textEnd - this.textStart;
  }

  /** The qualified name of the attributes of the tag just read with their raw values (for namespace checks). */
  rawAttributes(): [string, string][] {
    const out: [string, string][] = [];
    for (let a = 0; a < this.attrCount; a++) {
      const k = a * 5;
      out.push([this.buf.toString("latin1", this.attrPos[k], this.attrPos[k + 2]), this.buf.toString("utf8", this.attrPos[k + 3], this.attrPos[k + 4])]);
    }
    return out;
  }

  /**
   * Skips to the end of the element just opened (nested elements of the same name included) without
   * reading what it holds. Nothing to do for a self-closing one.
   */
  skipElement(): void {
    if (this.selfClosing) return;
    const name = this.name;
    let depth = 1;
    for (;;) {
      const t = this.next();
      if (t === Tok.End) return;
      if (t === Tok.Open && !this.selfClosing && this.name === name) depth++;
      else if (t === Tok.Close && this.name === name && --depth === 0) return;
    }
  }

  /** The text of the element just opened, up to its end tag (texts of children concatenated). */
  elementText(): string {
    if (this.selfClosing) return "";
    const name = this.name;
    let depth = 1;
    let out = "";
    for (;;) {
      const t = this.next();
      if (t === Tok.End) return out;
      if (t === Tok.Text) out += this.text();
      else if (t === Tok.Open && !this.selfClosing && this.name === name) depth++;
      else if (t === Tok.Close && this.name === name && --depth === 0) return out;
    }
  }
}
