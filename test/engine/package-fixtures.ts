/**
 * Workbook packages made by hand, in the styles other writers use: prefixed SpreadsheetML (the Open XML
 * SDK and ClosedXML write `x:`), single-quoted attributes, worksheet parts with any name reached through
 * absolute or relative relationship targets, a macro-enabled workbook with its vbaProject.bin.
 */
export interface HandmadeOptions {
  /** The prefix of every SpreadsheetML element ("x:"), or none. */
  readonly prefix?: string;
  /** The quote around attribute values. */
  readonly quote?: "'" | '"';
  /** The worksheet parts' names, by sheet; "xl/worksheets/sheet<n>.xml" by default. */
  readonly parts?: Readonly<Record<string, string>>;
  /** Relationship targets as absolute part names ("/xl/worksheets/sheet1.xml"). */
  readonly absoluteTargets?: boolean;
  /** The prefix bound to the relationships namespace in workbook.xml ("r" by default). */
  readonly relPrefix?: string;
  /** The workbook part's name ("xl/workbook.xml" by default). */
  readonly workbookPart?: string;
  /** A macro-enabled workbook: its content type, and xl/vbaProject.bin with these bytes. */
  readonly vba?: Buffer;
}

/** The parts of a package: sheets maps a sheet name to the inner XML of its sheetData. */
export function handmadeWorkbook(sheets: Readonly<Record<string, string>>, options: HandmadeOptions = {}): Record<string, string | Buffer> {
  const p = options.prefix ?? "";
  const q = options.quote ?? '"';
  const rp = options.relPrefix ?? "r";
  const wbPart = options.workbookPart ?? "xl/workbook.xml";
  const wbDir = wbPart.slice(0, wbPart.lastIndexOf("/") + 1);
  const names = Object.keys(sheets);
  const partOf = (name: string, i: number) => options.parts?.[name] ?? `xl/worksheets/sheet${i + 1}.xml`;
  const relative = (part: string) => {
    if (options.absoluteTargets) return `/${part}`;
    if (part.startsWith(wbDir)) return part.slice(wbDir.length);
    return `../${part}`;
  };
  const attr = (n: string, v: string) => `${n}=${q}${v}${q}`;
  const ns = p ? `xmlns:${p.slice(0, -1)}=${q}http://schemas.openxmlformats.org/spreadsheetml/2006/main${q}` : `xmlns=${q}http://schemas.openxmlformats.org/spreadsheetml/2006/main${q}`;
  const relNs = `xmlns:${rp}=${q}http://schemas.openxmlformats.org/officeDocument/2006/relationships${q}`;
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(new RegExp(q, "g"), q === '"' ? "&quot;" : "&apos;");
  const parts: Record<string, string | Buffer> = {};
  const mainType = options.vba ? "application/vnd.ms-excel.sheet.macroEnabled.main+xml" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
  parts["[Content_Types].xml"] =
    `<?xml version=${q}1.0${q} encoding=${q}UTF-8${q} standalone=${q}yes${q}?>\n<Types xmlns=${q}http://schemas.openxmlformats.org/package/2006/content-types${q}>` +
    `<Default ${attr("Extension", "rels")} ${attr("ContentType", "application/vnd.openxmlformats-package.relationships+xml")}/><Default ${attr("Extension", "xml")} ${attr("ContentType", "application/xml")}/>` +
    (options.vba ? `<Default ${attr("Extension", "bin")} ${attr("ContentType", "application/vnd.ms-office.vbaProject")}/>` : "") +
    `<Override ${attr("PartName", `/${wbPart}`)} ${attr("ContentType", mainType)}/>` +
    names.map((n, i) => `<Override ${attr("PartName", `/${partOf(n, i)}`)} ${attr("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")}/>`).join("") +
    `</Types>`;
  parts["_rels/.rels"] =
    `<?xml version=${q}1.0${q} encoding=${q}UTF-8${q}?>\n<Relationships xmlns=${q}http://schemas.openxmlformats.org/package/2006/relationships${q}>` +
    `<Relationship ${attr("Id", "R1")} ${attr("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument")} ${attr("Target", options.absoluteTargets ? `/${wbPart}` : wbPart)}/></Relationships>`;
  parts[wbPart] =
    `<?xml version=${q}1.0${q} encoding=${q}UTF-8${q}?>\n<${p}workbook ${ns} ${relNs}><${p}sheets>` +
    names.map((n, i) => `<${p}sheet ${attr("name", escape(n))} ${attr("sheetId", String(i + 1))} ${rp}:id=${q}rId${i + 1}${q}/>`).join("") +
    `</${p}sheets></${p}workbook>`;
  parts[`${wbDir}_rels/${wbPart.slice(wbDir.length)}.rels`] =
    `<?xml version=${q}1.0${q} encoding=${q}UTF-8${q}?>\n<Relationships xmlns=${q}http://schemas.openxmlformats.org/package/2006/relationships${q}>` +
    names.map((n, i) => `<Relationship ${attr("Id", `rId${i + 1}`)} ${attr("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet")} ${attr("Target", relative(partOf(n, i)))}/>`).join("") +
    (options.vba ? `<Relationship ${attr("Id", "rIdVba")} ${attr("Type", "http://schemas.microsoft.com/office/2006/relationships/vbaProject")} ${attr("Target", relative("xl/vbaProject.bin"))}/>` : "") +
    `</Relationships>`;
  names.forEach((n, i) => {
    parts[partOf(n, i)] = `<?xml version=${q}1.0${q} encoding=${q}UTF-8${q}?>\n<${p}worksheet ${ns} ${relNs}><${p}sheetData>${sheets[n]}</${p}sheetData><${p}pageMargins ${attr("left", "0.7")}/></${p}worksheet>`;
  });
  if (options.vba) parts["xl/vbaProject.bin"] = options.vba;
  return parts;
}

/**
 * Turns the parts of a package written as .xlsx (zipParts) into a macro-enabled workbook: the .xlsm main
 * content type, a vbaProject part holding `vba`, and the workbook's relationship to it.
 */
export function makeMacroEnabled(parts: Record<string, Buffer>, vba: Buffer): void {
  parts["[Content_Types].xml"] = Buffer.from(
    parts["[Content_Types].xml"]
      .toString()
      .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
      .replace("<Default ", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default '),
  );
  parts["xl/_rels/workbook.xml.rels"] = Buffer.from(
    parts["xl/_rels/workbook.xml.rels"].toString().replace("</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'),
  );
  parts["xl/vbaProject.bin"] = vba;
}
