/**
 * Relationships of an Open XML package (Node only): which part a `.rels` part points to, resolved the
 * way the packaging rules say. A target is a URI relative to the folder of the part that owns the
 * relationships (or absolute from the package root when it starts with "/"); "." and ".." are resolved,
 * percent-escapes decoded, and the part is then found in the zip whatever the case of its name. A target
 * that climbs above the package root, or an external one, resolves to nothing: the caller refuses it.
 */
import { Tok, XmlScanner } from "./xml";

export interface Relationship {
  readonly id: string;
  /** The relationship type URI. */
  readonly type: string;
  /** The target as written. */
  readonly target: string;
  readonly external: boolean;
}

/** The relationships part of a part: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"; "" (the package) -> "_rels/.rels". */
export function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The relationships a `.rels` part holds (any namespace prefix). */
export function parseRelationships(xml: Buffer): Relationship[] {
  const s = new XmlScanner(xml);
  const out: Relationship[] = [];
  for (let t = s.next(); t !== Tok.End; t = s.next()) {
    if (t !== Tok.Open || s.name !== "Relationship") continue;
    const id = s.attr("Id", false) ?? s.attr("Id") ?? "";
    const target = s.attr("Target", false) ?? s.attr("Target");
    if (target === undefined) continue;
    out.push({ id, type: s.attr("Type", false) ?? s.attr("Type") ?? "", target, external: (s.attr("TargetMode") ?? "").toLowerCase() === "external" });
  }
  return out;
}

/** The last segment of a relationship type ("http://.../relationships/worksheet" -> "worksheet"). */
export function relationshipKind(type: string): string {
  return type.slice(type.lastIndexOf("/") + 1);
}

function decodePercent(s: string): string {
  if (s.indexOf("%") < 0) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The part name ("xl/worksheets/sheet1.xml", no leading slash) a target resolves to from the part
 * `source` ("" for the package's own relationships), or undefined when it leaves the package.
 */
export function resolveTarget(source: string, target: string): string | undefined {
  let t = target.replace(/\\/g, "/");
  const hash = t.indexOf("#");
  if (hash >= 0) t = t.slice(0, hash);
  if (/^[a-z][a-z0-9+.-]*:/i.test(t)) return undefined; // a URI with a scheme (http:, file:) is outside
  const base = t.startsWith("/") ? [] : source.split("/").slice(0, -1);
  const segments = [...base];
  for (const seg of t.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else segments.push(decodePercent(seg));
  }
  return segments.length === 0 ? undefined : segments.join("/");
}
