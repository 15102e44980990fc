/**
 * Reads an .xlsx package into plain data (Node only): each sheet's values and formula text as the
 * engine takes them, every formula cell with its cached value, the defined names and the date system.
 * No engine is built here: readWorkbook (src/engine/workbook.ts) hands the result to Engine.create, so a step
 * can sit between the two (for instance, one that replaces formulas by their cached values).
 *
 * The package is resolved by its relationships, not by fixed names: `_rels/.rels` names the workbook
 * part, the workbook's relationships name its sheets, shared strings and styles, targets absolute or
 * relative, in any case. A sheet whose part lies outside the package is refused with the sheet's name.
 * Parts the reader does not need (drawings, comments, VML, pivot caches) are never parsed, only checked
 * to unpack to the size they declare.
 */
import { WorkbookReadError } from "../errors";
import { formatCell, type RangeAddress } from "../../sheet/address";
import type { DefinedName, SheetInput } from "../engine";
import { functionCalls } from "../formula";
import { bareFunctionNames, knownFunctionNames } from "../names";
import { ReadBudget } from "./limits";
import { Package } from "./parts";
import { parseRelationships, relationshipKind, relationshipsPartOf, resolveTarget, type Relationship } from "./relationships";
import { parseSharedStrings } from "./shared-strings";
import { GENERAL_ONLY, parseStyles, type CellFormats } from "./styles";
import { parseWorkbook } from "./workbook";
import { readWorksheet, type Cached, type JsonValue } from "./worksheet";
import { MAX_TOKEN_BYTES, XmlError, XmlScanner } from "./xml";
import { sheetCellKey, type SheetCellKey } from "../cell-key";

export type { JsonValue } from "./worksheet";

/** A cell that holds a formula in the file. */
export interface FormulaCell {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  /** "B3" */
  readonly address: string;
  /** The formula as the file stores it, with "=" in front (shared formulas translated to this cell). */
  readonly formula: string;
  /** The cached value the file held, or null. */
  readonly previous: JsonValue;
  /** The cached value is an error (previous holds its text). */
  readonly previousIsError: boolean;
  /** The cell's number format ("0.00", "General", ...). */
  readonly numFmt: string;
  /** It calls an ER function. */
  readonly er: boolean;
  /** Functions it calls that the engine does not have, if any. */
  readonly unknownFunctions?: readonly string[];
  /** For an array formula (legacy or spilling), the range it covers. */
  readonly arrayRange?: RangeAddress;
}

/** A workbook as read from its package, before any engine sees it. */
export interface ReadWorkbook {
  /** Worksheet names in the workbook's order. */
  readonly sheetNames: readonly string[];
  /**
   * Each sheet's cells as the engine takes them, row-major and 0-based: numbers, text, booleans, error
   * texts, and formulas as "=text"; text that would read as a formula or an error is a TextInput. Rows and cells that hold nothing are holes.
   */
  readonly sheets: Record<string, SheetInput[][]>;
  readonly formulas: readonly FormulaCell[];
  readonly names: readonly DefinedName[];
  readonly date1904: boolean;
  /** Values the file held in the cells covered by array formulas (not their top-left cell): "sheet!row,col". */
  readonly arrayValues: ReadonlyMap<SheetCellKey, Cached>;
  /**
   * The zip entry of each worksheet, as its relationship resolves (the entry's own name, without a
   * leading "/", whatever the case or form of the target): where a writer patches the sheet's values.
   */
  readonly sheetParts: ReadonlyMap<string, string>;
}

export interface PackageReadOptions {
  /** The most cells (and rows) holding a value or formula; READ_LIMITS.cells unless given. */
  readonly maxCells?: number;
  /** The most characters of text the cells may hold (a shared string counts once per use). */
  readonly maxText?: number;
}

const OFFICE_DOCUMENT = "officeDocument";

/** Runs a parse of one part, turning a tokenizer's refusal into the reader's error for that part. */
function parsing<T>(file: string, part: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    if (e.kind === "dtd") throw new WorkbookReadError(file, "dtd", part);
    if (e.kind === "tooLarge") throw new WorkbookReadError(file, "xmlTooLarge", part, { bytes: e.bytes, limit: MAX_TOKEN_BYTES });
    throw new WorkbookReadError(file, "corrupt", `${part}: ${e.message}`);
  }
}

async function parsingAsync<T>(file: string, part: string, parse: () => Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (e) {
    return parsing(file, part, () => {
      throw e;
    });
  }
}

/** What kind of package this is when it has no workbook part. */
function notWorkbook(pkg: Package): never {
  const names = [...pkg.names()];
  if (names.some((n) => /^xl\/workbook\.bin$/.test(n))) throw new WorkbookReadError(pkg.file, "binaryWorkbook");
  const what = pkg.has("word/document.xml") ? "docx" : names.some((n) => n.startsWith("ppt/")) ? "pptx" : "zip";
  throw new WorkbookReadError(pkg.file, "notWorkbook", what);
}

/** The workbook part's name: the package's officeDocument relationship, or xl/workbook.xml for a package without one. */
function workbookPartName(pkg: Package): string {
  const rels = pkg.read("_rels/.rels");
  if (rels) {
    const list = parsing(pkg.file, "_rels/.rels", () => parseRelationships(rels));
    const doc = list.find((r) => relationshipKind(r.type) === OFFICE_DOCUMENT && !r.external);
    if (doc) {
      const part = resolveTarget("", doc.target);
      if (part && pkg.has(part)) {
        if (/\.bin$/i.test(part)) throw new WorkbookReadError(pkg.file, "binaryWorkbook");
        if (/^word\//i.test(part) || /^ppt\//i.test(part)) notWorkbook(pkg);
        return part;
      }
    }
  }
  if (pkg.has("xl/workbook.xml")) return "xl/workbook.xml";
  return notWorkbook(pkg);
}

/**
 * Reads the package `bytes` of `file`. Throws WorkbookReadError with a reason for what is not a readable
 * workbook (see UnreadableReason).
 */
export async function readPackage(file: string, bytes: Buffer, options: PackageReadOptions = {}): Promise<ReadWorkbook> {
  try {
    return await readParts(file, bytes, options);
  } catch (e) {
    // Whatever else a file's content makes go wrong is a damaged workbook, said in one line, never a stack trace.
    if (e instanceof WorkbookReadError) throw e;
    throw new WorkbookReadError(file, "corrupt", e instanceof Error ? e.message : String(e));
  }
}

async function readParts(file: string, bytes: Buffer, options: PackageReadOptions): Promise<ReadWorkbook> {
  const pkg = new Package(file, bytes);
  const wbPart = workbookPartName(pkg);
  const wbXml = pkg.read(wbPart) as Buffer;
  const workbook = parsing(file, wbPart, () => parseWorkbook(wbXml));

  const relsPart = relationshipsPartOf(wbPart);
  const relsXml = pkg.read(relsPart);
  const rels: Relationship[] = relsXml ? parsing(file, relsPart, () => parseRelationships(relsXml)) : [];
  const byId = new Map(rels.map((r) => [r.id, r]));
  const target = (r: Relationship | undefined): string | undefined => (r && !r.external ? resolveTarget(wbPart, r.target) : undefined);

  // The parts to parse; every other part is only checked.
  const used = new Set<string>(["_rels/.rels", wbPart.toLowerCase(), relsPart.toLowerCase()]);
  const sheetParts: { name: string; part: string | undefined; empty?: boolean }[] = [];
  for (const sheet of workbook.sheets) {
    const rel = sheet.rid === undefined ? undefined : byId.get(sheet.rid);
    if (rel === undefined) {
      // A sheet with no relationship at all has no part, hence no cells (Excel repairs such a file the same way).
      sheetParts.push({ name: sheet.name, part: undefined, empty: true });
      continue;
    }
    const part = target(rel);
    if (part === undefined) throw new WorkbookReadError(file, "partOutside", sheet.name, {});
    const kind = relationshipKind(rel.type);
    if (kind !== "worksheet" && kind !== "macrosheet") {
      // A chart sheet or dialog sheet holds no cells.
      sheetParts.push({ name: sheet.name, part: undefined });
      continue;
    }
    if (!pkg.has(part)) throw new WorkbookReadError(file, "corrupt", `sheet "${sheet.name}": its part ${part} is missing`);
    used.add(part.toLowerCase());
    sheetParts.push({ name: sheet.name, part });
  }
  const stringsPart = target(rels.find((r) => relationshipKind(r.type) === "sharedStrings"));
  const stylesPart = target(rels.find((r) => relationshipKind(r.type) === "styles"));
  for (const p of [stringsPart, stylesPart]) if (p) used.add(p.toLowerCase());
  pkg.checkUnique(used);
  await pkg.checkOthers(used);

  /** A part to parse, read with the tokenizer's bound watched as it unpacks. */
  const partForParsing = (name: string) => parsingAsync(file, name, () => pkg.readForParsing(name, MAX_TOKEN_BYTES));
  const stringsXml = stringsPart ? await partForParsing(stringsPart) : undefined;
  const strings = stringsXml && stringsPart ? parsing(file, stringsPart, () => parseSharedStrings(new XmlScanner(stringsXml))) : undefined;
  const stylesXml = stylesPart ? await partForParsing(stylesPart) : undefined;
  const formats: CellFormats = stylesXml && stylesPart ? parsing(file, stylesPart, () => parseStyles(stylesXml)) : GENERAL_ONLY;

  const budget = new ReadBudget(file, options.maxCells, options.maxText);
  const bare = bareFunctionNames();
  const known = knownFunctionNames();
  const sheets: Record<string, SheetInput[][]> = {};
  const sheetNames: string[] = [];
  const formulas: FormulaCell[] = [];
  const arrayValues = new Map<SheetCellKey, Cached>();
  const entries = new Map<string, string>();
  for (const { name: sheet, part, empty } of sheetParts) {
    if (empty) {
      sheetNames.push(sheet);
      sheets[sheet] = [];
    }
    if (!part) continue;
    const rows: SheetInput[][] = [];
    const xml = (await partForParsing(part)) as Buffer;
    parsing(file, part, () =>
      readWorksheet(new XmlScanner(xml), { file, part, strings, formats, date1904: workbook.date1904, budget }, rows, {
        formula(row, col, text, cached, numFmt, arrayRange) {
          const formula = `=${text}`;
          let er = false;
          let unknown: string[] | undefined;
          for (const fn of functionCalls(formula, { bareFunctions: bare })) {
            if (fn.startsWith("ER.")) er = true;
            else if (!known.has(fn)) (unknown ??= []).push(fn);
          }
          formulas.push({
            sheet,
            row,
            col,
            address: formatCell(row, col),
            formula,
            previous: cached.value,
            previousIsError: cached.isError,
            numFmt,
            er,
            ...(unknown ? { unknownFunctions: [...new Set(unknown)] } : {}),
            ...(arrayRange ? { arrayRange } : {}),
          });
        },
        arrayMember(row, col, cached) {
          arrayValues.set(sheetCellKey(sheet, row, col), cached);
        },
      }),
    );
    sheetNames.push(sheet);
    sheets[sheet] = rows;
    entries.set(sheet, (pkg.entry(part) as { name: string }).name.replace(/^\//, ""));
  }
  return { sheetNames, sheets, formulas, names: workbook.names, date1904: workbook.date1904, arrayValues, sheetParts: entries };
}
