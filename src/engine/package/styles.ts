/**
 * The number format of each cell style (Node only): a cell's `s` attribute indexes the styles part's
 * `<cellXfs>`, whose `numFmtId` is a built-in format or one of the part's `<numFmts>`. Only what shows
 * the displayed precision of a formula cell (the audit's comparison) is read; a format never changes a
 * value.
 */
import { Tok, XmlScanner } from "./xml";

/** Excel's built-in number formats by id (the ones every locale shares). */
const BUILT_IN: Readonly<Record<number, string>> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** Number format code of each cell style index. */
export interface CellFormats {
  /** The format code of style `s` ("General" for an unknown style or format). */
  format(s: number): string;
}

export const GENERAL_ONLY: CellFormats = { format: () => "General" };

/** The styles part's formats by cell style index. */
export function parseStyles(xml: Buffer): CellFormats {
  const s = new XmlScanner(xml);
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  let inNumFmts = false;
  for (let t = s.next(); t !== Tok.End; t = s.next()) {
    if (t === Tok.Open) {
      switch (s.name) {
        case "numFmts":
          inNumFmts = !s.selfClosing;
          break;
        case "numFmt":
          if (inNumFmts) {
            const id = Number(s.attr("numFmtId"));
            const code = s.attr("formatCode");
            if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
          }
          break;
        case "cellXfs":
          inCellXfs = !s.selfClosing;
          break;
        case "xf":
          if (inCellXfs) {
            const id = Number(s.attr("numFmtId") ?? "0");
            xfs.push(Number.isInteger(id) ? id : 0);
          }
          if (!s.selfClosing) s.skipElement();
          break;
        default:
          break;
      }
    } else if (t === Tok.Close) {
      if (s.name === "cellXfs") inCellXfs = false;
      else if (s.name === "numFmts") inNumFmts = false;
    }
  }
  return {
    format(index: number): string {
      const id = xfs[index];
      if (id === undefined) return "General";
      return custom.get(id) ?? BUILT_IN[id] ?? "General";
    },
  };
}
