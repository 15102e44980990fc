/**
 * The workbook part (Node only): its sheets in order (name and relationship id), its defined names
 * (workbook-wide and sheet-local by `localSheetId`; Excel's hidden `_xlnm.` names, such as print areas,
 * skipped) and its date system. Any namespace prefix; the relationship id is the `id` attribute in the
 * relationships namespace, whatever prefix the writer bound it to.
 */
import type { DefinedName } from "../engine";
import { Tok, XmlScanner } from "./xml";

export interface SheetEntry {
  readonly name: string;
  /** The relationship id of its part. */
  readonly rid: string | undefined;
}

export interface WorkbookPart {
  readonly sheets: readonly SheetEntry[];
  readonly names: readonly DefinedName[];
  readonly date1904: boolean;
}

export function parseWorkbook(xml: Buffer): WorkbookPart {
  const s = new XmlScanner(xml);
  const sheets: SheetEntry[] = [];
  const raw: { name: string; local?: string; expression: string }[] = [];
  let date1904 = false;
  for (let t = s.next(); t !== Tok.End; t = s.next()) {
    if (t !== Tok.Open) continue;
    switch (s.name) {
      case "sheet": {
        const name = s.attr("name", false);
        if (name !== undefined) sheets.push({ name, rid: s.attr("id", true) });
        break;
      }
      case "workbookPr": {
        const d = (s.attr("date1904") ?? "").toLowerCase();
        date1904 = d === "1" || d === "true";
        break;
      }
      case "definedName": {
        const name = s.attr("name") ?? "";
        const hidden = s.attr("hidden");
        const local = s.attr("localSheetId");
        const expression = s.elementText();
        if (!name || ((hidden === "1" || hidden === "true") && name.startsWith("_xlnm."))) break;
        raw.push({ name, local, expression });
        break;
      }
      default:
        break;
    }
  }
  const names: DefinedName[] = [];
  for (const n of raw) {
    const scope = n.local === undefined ? undefined : sheets[Number(n.local)]?.name;
    const expression = n.expression.trim();
    if (!expression) continue;
    names.push(scope === undefined ? { name: n.name, expression } : { name: n.name, expression, scope });
  }
  return { sheets, names, date1904 };
}
