/**
 * Reading a table as a regulator lays it out: which cells are a plant's EIA-approved and performance
 * emissions, phase by phase and pollutant by pollutant, whether phases run down or across, plants in rows or
 * in columns. Each number takes its meaning from the headers in its row (to its left) and in its column
 * (above it); merged headers (stored in their first cell) reach the cells they span.
 */
import { isMissingMark } from "../../core/values";
import { errorCodeOfText, isCellError } from "../../sheet/errors";
import { parseNumericText } from "../../sheet/numbers";
import { union, widest } from "../../sheet/rect";
import type { CellInfo, RangeData, RangeRef } from "../host/types";
import { classify, normalizeHeader, titleHints, type HolderRole, type Label, type Role } from "./labels";

/** A header text as it labels the cells of its row ("row") or of its column ("col"). */
export interface HeaderLine {
  /** Stable key: the axis and the header text; every header with the same text on the same axis shares it. */
  readonly key: string;
  readonly axis: "row" | "col";
  readonly text: string;
  /** The header cells (absolute positions). */
  readonly cells: { row: number; col: number }[];
  /** The role the text suggests (for "排放量" / "emission": the one the title suggests). */
  readonly proposed: Role | undefined;
  /** The role after the user's corrections. */
  readonly role: Role | "ignore" | undefined;
  readonly pollutant?: string;
  /** In a table of permit holders: the role the text suggests, and the year it names. */
  readonly holder?: HolderRole;
  readonly year?: number;
  readonly relative?: "this" | "last";
  /** Number of cells it gives a role to. */
  count: number;
}

/** The user's corrections of a proposed mapping. */
export interface Overrides {
  /** By HeaderLine.key. */
  readonly roles?: Readonly<Record<string, Role | "ignore">>;
  /** What numbers without a role in their headers are (the title's suggestion by default). */
  readonly emission?: "eia" | "performance" | "ignore";
  /** Which method a plant total of the right ("合计 总排污权", "Total right") follows. */
  readonly totalsMethod?: "phased" | "total";
}

/** One cell that means something: a plant's figure for a pollutant, a phase and a role. */
export interface Entry {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly cell: CellInfo;
  readonly plant: string;
  readonly pollutant: string;
  readonly phase: number | "total" | undefined;
  readonly role: Role;
  /** For volumes: the unit in m3 (1e9 when the header says 10^9 m3). */
  readonly scale?: number;
  readonly water?: boolean;
  /** The header line that gave the role, if any. */
  readonly line?: string;
}

/** A figure of a table of permit holders: a holder's cell, with what its header proposes it holds. */
export interface HolderEntry {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly cell: CellInfo;
  /** The holder's name ("" when no header names one, as in a total row). */
  readonly holder: string;
  readonly pollutant: string;
  /** "total" in a total row (合计, Total). */
  readonly phase: number | "total" | undefined;
  readonly role: HolderRole;
  /** The header line that gave the role. */
  readonly line: string;
}

export interface PhaseCells {
  readonly phase: number;
  eia?: Entry;
  performance?: Entry;
  right?: Entry;
  volume?: Entry;
  limit?: Entry;
}

export type TotalKind = "right" | "phased" | "totalMethod" | "difference" | "eia" | "performance";

/** One plant and one pollutant: the cells of its phases and of its totals. */
export interface Group {
  readonly plant: string;
  readonly pollutant: string;
  readonly phases: PhaseCells[];
  readonly totals: Partial<Record<TotalKind, Entry>>;
}

export interface PlantArea {
  readonly plant: string;
  /** The smallest rectangle holding every cell of the plant in the analysed region. */
  readonly range: RangeRef;
  /** The plant's cells and no other's, as few rectangles (the areas of one selection). */
  readonly areas: RangeRef[];
}

export interface Analysis {
  readonly sheet: string;
  readonly region: RangeRef;
  readonly lines: HeaderLine[];
  readonly groups: Group[];
  readonly plants: PlantArea[];
  readonly entries: Entry[];
  /** What the title suggested and what was used. */
  readonly emission: "eia" | "performance" | "ignore" | undefined;
  readonly suggestedEmission: "eia" | "performance" | undefined;
  readonly totalsMethod: "phased" | "total";
  /** True when no header gave a role and the region was read as EIA then performance by position. */
  readonly byPosition: boolean;
  /** Cells that two headers gave the same meaning; the first is used. */
  readonly duplicates: Entry[];
  /** A table of permit holders (mode "holders"): its figures; empty for a plant table. */
  readonly holders: HolderEntry[];
  /** The sheet's name and the texts that stand alone in a row (titles, notes). */
  readonly titles: string[];
}

type Kind = "empty" | "data" | "label" | "text";

function kindOf(cell: CellInfo | undefined, mode: "plants" | "holders"): Kind {
  if (!cell) return "empty";
  if (cell.formula) return "data";
  const v = cell.value;
  if (v === null) return "empty";
  if (typeof v === "number" || typeof v === "boolean" || isCellError(v)) return "data";
  const t = v.trim();
  if (t === "") return "empty";
  if (isMissingMark(t) || parseNumericText(t) !== undefined || errorCodeOfText(t) !== undefined) return "data";
  return classify(t, mode) ? "label" : "text";
}

interface Found<T> {
  value: T;
  distance: number;
}

interface Tags {
  /** The nearest header says the numbers are something else (units, notes) or is a text the pane does not know. */
  other?: Found<true>;
  plant?: Found<string>;
  pollutant?: Found<string>;
  phase?: Found<number | "total">;
  role?: Found<{ role: Role | "ignore" | "emission"; line: string; scale?: number; water?: boolean; holder?: HolderRole }>;
}

function lineKey(axis: "row" | "col", text: string): string {
  return `${axis}:${normalizeHeader(text)}`;
}

/** The cells of `data` as the analysis sees them: what kind each is, and what a label says. Indexes are relative to `data`. */
interface Grid {
  readonly data: RangeData;
  readonly mode: "plants" | "holders";
  readonly nRows: number;
  readonly nCols: number;
  readonly kinds: Kind[][];
  readonly labels: (Label | undefined)[][];
  /** Rows (columns) without a figure: header rows (columns). */
  headerRow: boolean[];
  headerCol: boolean[];
  at(r: number, c: number): CellInfo | undefined;
}

/** Step 1: every cell's kind (empty, a figure, a label the pane knows, other text) and its label. */
function readGrid(data: RangeData, mode: "plants" | "holders"): Grid {
  const nRows = data.cells.length;
  const nCols = widest(data.cells);
  const at = (r: number, c: number): CellInfo | undefined => data.cells[r]?.[c];
  const kinds: Kind[][] = [];
  const labels: (Label | undefined)[][] = [];
  for (let r = 0; r < nRows; r++) {
    kinds.push([]);
    labels.push([]);
    for (let c = 0; c < nCols; c++) {
      const cell = at(r, c);
      const k = kindOf(cell, mode);
      kinds[r].push(k);
      labels[r].push(k === "label" ? classify(String(cell?.value), mode) : undefined);
    }
  }
  return { data, mode, nRows, nCols, kinds, labels, headerRow: [], headerCol: [], at };
}

/**
 * Step 2: columns (or rows) under a header such as "企业" / "Plant" / "Phase" name plants or phases, even when
 * the names are plain numbers ("1", "2") or words without a keyword ("华能福州").
 */
function labelNameRuns(g: Grid): void {
  const { nRows, nCols, kinds, labels, data } = g;
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      const h = labels[r][c]?.header;
      if (h !== "plant" && h !== "phase") continue;
      const run = (dr: number, dc: number) => {
        const cells: [number, number][] = [];
        for (let i = r + dr, j = c + dc; i < nRows && j < nCols; i += dr, j += dc) {
          const k = kinds[i][j];
          if (k === "label" && labels[i][j]?.header) break;
          if (k === "data" || k === "text") cells.push([i, j]);
          else if (k === "label" && (labels[i][j]?.role || labels[i][j]?.pollutant)) break;
        }
        return cells;
      };
      const down = run(1, 0);
      const across = run(0, 1);
      for (const [i, j] of down.length >= across.length ? down : across) {
        const text = String(data.cells[i][j].value ?? "").trim();
        if (text === "" || data.cells[i][j].formula) continue;
        if (h === "plant") {
          if (isMissingMark(text)) continue;
          kinds[i][j] = "label";
          labels[i][j] = { plant: text };
        } else {
          const n = Number(text);
          const l = classify(text);
          const phase = Number.isInteger(n) && n > 0 && n < 100 ? n : l?.phase;
          if (phase === undefined) continue;
          kinds[i][j] = "label";
          labels[i][j] = { phase };
        }
      }
    }
  }
}

/**
 * Step 3: a row with no figures in it is a header row (its empty cells take the header to their left, as merged
 * cells do); a column with no figures is a header column (its empty cells take the header above). Text the pane
 * does not know, amid the figures ("1,562", "n.a."), is a figure the rules must judge: it is not skipped, or a
 * wrong number that looks right could follow.
 */
function findHeaders(g: Grid): void {
  const { nRows, nCols, kinds } = g;
  g.headerRow = kinds.map((row) => !row.includes("data"));
  g.headerCol = Array.from({ length: nCols }, (_, c) => kinds.every((row) => row[c] !== "data"));
  for (let r = 0; r < nRows; r++) for (let c = 0; c < nCols; c++) if (kinds[r][c] === "text" && !g.headerRow[r] && !g.headerCol[c]) kinds[r][c] = "data";
}

/** Step 4: the sheet's name and the texts that stand alone in a row (titles, notes): what unlabelled numbers are. */
function titleTexts(g: Grid): string[] {
  const titles = [g.data.sheet];
  for (let r = 0; r < g.nRows; r++) {
    const filled = g.kinds[r].filter((k) => k !== "empty").length;
    for (let c = 0; c < g.nCols; c++) {
      const v = g.at(r, c)?.value;
      if (typeof v === "string" && (g.kinds[r][c] === "text" || /^(表|table)\s*\d/i.test(v.trim())) && (filled === 1 || /^(表|table)\s*\d/i.test(v.trim()))) titles.push(v);
    }
  }
  return titles;
}

/**
 * Step 5: a text the pane does not know, heading a column from a header row (or a row from a header column), says
 * the numbers under it are something else: "机组台数 Units" is no emission, whatever the title says.
 */
function markOtherHeaders(g: Grid): void {
  for (let r = 0; r < g.nRows; r++) {
    for (let c = 0; c < g.nCols; c++) {
      if (g.kinds[r][c] === "text" && (g.headerRow[r] || g.headerCol[c])) {
        g.kinds[r][c] = "label";
        g.labels[r][c] = { other: true };
      }
    }
  }
}

/** The header lines found while walking, by key; each counts the cells it gives a role to. */
class HeaderLines {
  readonly lines = new Map<string, HeaderLine>();

  constructor(
    private readonly g: Grid,
    private readonly overrides: Overrides,
    private readonly titleEmission: Role | undefined,
  ) {}

  /** The key of the line a label at (r, c) heads along `axis`, added on first sight; undefined for a label without a role. */
  keyFor(axis: "row" | "col", r: number, c: number, label: Label): string | undefined {
    if (!label.role && !label.emission && !label.holder) return undefined;
    const { data } = this.g;
    const text = String(this.g.at(r, c)?.value ?? "");
    const key = lineKey(axis, text);
    let line = this.lines.get(key);
    if (!line) {
      const proposed: Role | undefined = label.role ?? this.titleEmission;
      const override = this.overrides.roles?.[key];
      line = { key, axis, text: normalizeHeader(text), cells: [], proposed, role: override ?? proposed, pollutant: label.pollutant, holder: label.holder, year: label.year, relative: label.relative, count: 0 };
      this.lines.set(key, line);
    }
    if (!line.cells.some((p) => p.row === data.row + r && p.col === data.col + c)) line.cells.push({ row: data.row + r, col: data.col + c });
    return key;
  }

  /** The lines that gave a role to at least one cell. */
  used(): HeaderLine[] {
    return [...this.lines.values()].filter((line) => line.count > 0);
  }
}

/**
 * Step 6: what the headers say of a cell. The walk goes left along the row and up the column, to the label cells
 * and the empty cells of header rows and columns (merged headers); the nearer header wins when the row and the
 * column say something of the same kind.
 */
function headerWalker(g: Grid, lines: HeaderLines): (r: number, c: number) => Tags {
  const { nRows, nCols, kinds, labels, headerRow, headerCol } = g;
  // Where the walks stop: label cells, and empty cells of header rows / columns (merged headers).
  const colStops: number[][] = Array.from({ length: nCols }, () => []);
  const rowStops: number[][] = Array.from({ length: nRows }, () => []);
  // The nearest non-empty cell above (in a column) and to the left (in a row), for merged headers.
  const above: number[][] = Array.from({ length: nCols }, () => new Array<number>(nRows).fill(-1));
  const left: number[][] = Array.from({ length: nRows }, () => new Array<number>(nCols).fill(-1));
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      const k = kinds[r][c];
      if (k === "label" || (k === "empty" && headerRow[r])) colStops[c].push(r);
      if (k === "label" || (k === "empty" && headerCol[c])) rowStops[r].push(c);
      if (r > 0) above[c][r] = kinds[r - 1][c] !== "empty" ? r - 1 : above[c][r - 1];
      if (c > 0) left[r][c] = kinds[r][c - 1] !== "empty" ? c - 1 : left[r][c - 1];
    }
  }
  const complete = (t: Tags) => t.plant && t.pollutant && t.phase && t.role;
  const add = (tags: Tags, label: Label, distance: number, axis: "row" | "col", r: number, c: number) => {
    if (label.other && !tags.other && !tags.role) tags.other = { value: true, distance };
    if (label.plant !== undefined && (!tags.plant || tags.plant.distance > distance)) tags.plant = { value: label.plant, distance };
    if (label.pollutant !== undefined && (!tags.pollutant || tags.pollutant.distance > distance)) tags.pollutant = { value: label.pollutant, distance };
    if (label.phase !== undefined && (!tags.phase || tags.phase.distance > distance)) tags.phase = { value: label.phase, distance };
    if ((label.role || label.emission || label.holder) && (!tags.role || tags.role.distance > distance)) {
      const key = lines.keyFor(axis, r, c, label);
      if (key) {
        const line = lines.lines.get(key);
        const role = line?.role ?? (label.role ? label.role : "emission");
        tags.role = { value: { role, line: key, scale: label.scale, water: label.water, holder: label.holder }, distance };
      }
    }
  };
  return (r, c) => {
    const rowTags: Tags = {};
    // Along the row, leftwards; an empty cell in a header column takes the header above it (merged cells).
    const rs = rowStops[r];
    for (let i = upperBound(rs, c) - 1; i >= 0 && !complete(rowTags); i--) {
      const c2 = rs[i];
      if (kinds[r][c2] === "label") add(rowTags, labels[r][c2] as Label, c - c2, "row", r, c2);
      else {
        const r2 = above[c2][r];
        if (r2 >= 0 && kinds[r2][c2] === "label" && !headerRow[r2]) add(rowTags, labels[r2][c2] as Label, c - c2, "row", r2, c2);
      }
    }
    const colTags: Tags = {};
    // Up the column; an empty cell in a header row takes the header to its left (merged cells).
    const cs = colStops[c];
    for (let i = upperBound(cs, r) - 1; i >= 0 && !complete(colTags); i--) {
      const r2 = cs[i];
      if (kinds[r2][c] === "label") add(colTags, labels[r2][c] as Label, r - r2, "col", r2, c);
      else {
        const c2 = left[r2][c];
        if (c2 >= 0 && kinds[r2][c2] === "label" && !headerCol[c2]) add(colTags, labels[r2][c2] as Label, r - r2, "col", r2, c2);
      }
    }
    const out: Tags = {};
    for (const kind of ["plant", "pollutant", "phase", "role", "other"] as const) {
      const a = rowTags[kind];
      const b = colTags[kind];
      const pick = a && b ? (a.distance <= b.distance ? a : b) : (a ?? b);
      if (pick) (out as Record<string, unknown>)[kind] = pick;
    }
    return out;
  };
}

/**
 * Step 7: the cells of `area` that mean something: figures, and empty cells inside the body of the table (an EIA
 * cell left blank), each with what its headers say; in a table of permit holders, the holders' figures.
 */
function readEntries(g: Grid, area: RangeRef, lines: HeaderLines, tagsOf: (r: number, c: number) => Tags, emission: Overrides["emission"]): { entries: Entry[]; holders: HolderEntry[] } {
  const { data, nRows, nCols, kinds, mode } = g;
  const sheet = data.sheet;
  const rowHasData = kinds.map((row) => row.includes("data"));
  const colHasData = g.headerCol.map((h) => !h);
  const entries: Entry[] = [];
  const holders: HolderEntry[] = [];
  for (let r = Math.max(0, area.row - data.row); r < Math.min(nRows, area.row - data.row + area.rows); r++) {
    for (let c = Math.max(0, area.col - data.col); c < Math.min(nCols, area.col - data.col + area.cols); c++) {
      const k = kinds[r][c];
      if (k !== "data" && !(k === "empty" && rowHasData[r] && colHasData[c])) continue;
      const tags = tagsOf(r, c);
      const line = tags.role?.value.line;
      const counted = line ? lines.lines.get(line) : undefined;
      if (counted) counted.count++;
      if (mode === "holders") {
        const holder = tags.role?.value.holder;
        if (holder && line) {
          holders.push({ sheet, row: data.row + r, col: data.col + c, cell: g.at(r, c) ?? { value: null }, holder: tags.plant?.value ?? "", pollutant: tags.pollutant?.value ?? "", phase: tags.phase?.value, role: holder, line });
        }
        continue;
      }
      let role: Role | "ignore" | "emission" | undefined = tags.role?.value.role;
      if (role === "ignore") continue;
      if (role === "emission" || role === undefined) {
        // No role in the headers: the title says what the numbers are ("电厂环评批复排放量"), unless a
        // nearer header says they are something else.
        if (role === undefined && !tags.plant && !tags.pollutant && !tags.phase) continue;
        if (role === undefined && tags.other) continue;
        if (emission === undefined || emission === "ignore") continue;
        role = emission;
      }
      entries.push({
        sheet,
        row: data.row + r,
        col: data.col + c,
        cell: g.at(r, c) ?? { value: null },
        plant: tags.plant?.value ?? "",
        pollutant: tags.pollutant?.value ?? "",
        phase: tags.phase?.value,
        role,
        scale: tags.role?.value.scale,
        water: tags.role?.value.water,
        line,
      });
    }
  }
  return { entries, holders };
}

/**
 * Step 8, for a selected region with no header at all: two rows (or two columns) of bare numbers are EIA then
 * performance, one cell per phase. Undefined when the region has neither shape.
 */
function entriesByPosition(g: Grid, area: RangeRef): Entry[] | undefined {
  const { data } = g;
  const cellAt = (r: number, c: number) => g.at(r - data.row, c - data.col) ?? { value: null };
  const make = (row: number, col: number, role: Role, phase: number): Entry => ({ sheet: data.sheet, row, col, cell: cellAt(row, col), plant: "", pollutant: "", phase, role });
  const out: Entry[] = [];
  if (area.rows === 2) {
    for (let j = 0; j < area.cols; j++) out.push(make(area.row, area.col + j, "eia", j + 1), make(area.row + 1, area.col + j, "performance", j + 1));
    return out;
  }
  if (area.cols === 2 && area.rows > 2) {
    for (let i = 0; i < area.rows; i++) out.push(make(area.row + i, area.col, "eia", i + 1), make(area.row + i, area.col + 1, "performance", i + 1));
    return out;
  }
  return undefined;
}

/**
 * Analyses `data` (a sheet's used range or a window of it). Only the cells inside `region` (default: all of
 * `data`) are read as figures; headers are looked for everywhere in `data`. `mode` "holders" reads a table
 * of permit holders (the Region view): its figures come out in `holders`, with the role their headers
 * propose; the view applies the user's corrections (src/taskpane/model/region.ts).
 */
export function analyzeTable(data: RangeData, region?: RangeRef, overrides: Overrides = {}, mode: "plants" | "holders" = "plants"): Analysis {
  const sheet = data.sheet;
  const g = readGrid(data, mode);
  const area: RangeRef = region ?? { sheet, row: data.row, col: data.col, rows: g.nRows, cols: g.nCols };
  labelNameRuns(g);
  findHeaders(g);
  const titles = titleTexts(g);
  const hints = titleHints(titles);
  const emission = overrides.emission ?? hints.emission;
  const totalsMethod = overrides.totalsMethod ?? hints.totalsMethod ?? "phased";
  markOtherHeaders(g);
  const lines = new HeaderLines(g, overrides, hints.emission as Role | undefined);
  const read = readEntries(g, area, lines, headerWalker(g, lines), emission);
  let entries = read.entries;
  let byPosition = false;
  if (mode === "plants" && region && !entries.some((e) => e.role === "eia" || e.role === "performance")) {
    const positional = entriesByPosition(g, area);
    if (positional) {
      entries = positional;
      byPosition = true;
    }
  }
  const { groups, duplicates } = buildGroups(entries, totalsMethod);
  return {
    sheet,
    region: area,
    lines: lines.used(),
    groups,
    plants: plantAreas(entries, sheet),
    entries,
    emission,
    suggestedEmission: hints.emission,
    totalsMethod,
    byPosition,
    duplicates,
    holders: read.holders,
    titles,
  };
}

/** The number of items of the sorted list `xs` that are smaller than `x`. */
function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function buildGroups(entries: Entry[], totalsMethod: "phased" | "total"): { groups: Group[]; duplicates: Entry[] } {
  const plantOrder: string[] = [];
  const pollutantOrder: string[] = [];
  const groups = new Map<string, Group>();
  const duplicates: Entry[] = [];
  const unphased = new Map<string, Entry[]>();
  const volumes: Entry[] = [];
  const limits: Entry[] = [];
  const sorted = [...entries].sort((a, b) => a.row - b.row || a.col - b.col);
  const group = (plant: string, pollutant: string): Group => {
    const key = `${plant}\u0000${pollutant}`;
    let g = groups.get(key);
    if (!g) {
      g = { plant, pollutant, phases: [], totals: {} };
      groups.set(key, g);
    }
    return g;
  };
  const phaseCells = (g: Group, phase: number): PhaseCells => {
    let p = g.phases.find((x) => x.phase === phase);
    if (!p) {
      p = { phase };
      g.phases.push(p);
    }
    return p;
  };
  for (const e of sorted) {
    if (!plantOrder.includes(e.plant)) plantOrder.push(e.plant);
    if (e.role === "volume") {
      volumes.push(e);
      continue;
    }
    if (e.role === "limit") {
      limits.push(e);
      continue;
    }
    if (!pollutantOrder.includes(e.pollutant)) pollutantOrder.push(e.pollutant);
    const g = group(e.plant, e.pollutant);
    let total: TotalKind | undefined;
    if (e.role === "phased" || e.role === "totalMethod" || e.role === "difference") total = e.role;
    else if (e.phase === "total") total = e.role === "right" ? (totalsMethod === "total" ? "totalMethod" : "phased") : e.role;
    if (total) {
      if (g.totals[total]) duplicates.push(e);
      else g.totals[total] = e;
      continue;
    }
    if (e.phase === undefined) {
      const key = `${e.plant}\u0000${e.pollutant}\u0000${e.role}`;
      const list = unphased.get(key) ?? [];
      list.push(e);
      unphased.set(key, list);
      continue;
    }
    const p = phaseCells(g, e.phase as number);
    const role = e.role as "eia" | "performance" | "right";
    if (p[role]) duplicates.push(e);
    else p[role] = e;
  }
  // Figures without a phase header take their phase from their order (a selection of one line per role).
  for (const list of unphased.values()) {
    const g = group(list[0].plant, list[0].pollutant);
    list.forEach((e, i) => {
      const p = phaseCells(g, i + 1);
      const role = e.role as "eia" | "performance" | "right";
      if (p[role]) duplicates.push(e);
      else p[role] = { ...e, phase: i + 1 } as Entry;
    });
  }
  // Volumes belong to a plant's phase (all pollutants); limits to a plant's phase and pollutant.
  const find = (list: Entry[], plant: string, phase: number, pollutant?: string) => {
    const match = (e: Entry, pl: string, ph: number | undefined) =>
      e.plant === pl && e.phase === ph && (pollutant === undefined || e.pollutant === pollutant || e.pollutant === "");
    return list.find((e) => match(e, plant, phase)) ?? list.find((e) => match(e, plant, undefined)) ?? list.find((e) => match(e, "", phase)) ?? list.find((e) => match(e, "", undefined));
  };
  for (const g of groups.values()) {
    g.phases.sort((a, b) => a.phase - b.phase);
    for (const p of g.phases) {
      p.volume = find(volumes, g.plant, p.phase);
      p.limit = find(limits, g.plant, p.phase, g.pollutant);
    }
  }
  const out = [...groups.values()].filter((g) => g.phases.length > 0 || Object.keys(g.totals).length > 0);
  out.sort((a, b) => plantOrder.indexOf(a.plant) - plantOrder.indexOf(b.plant) || pollutantOrder.indexOf(a.pollutant) - pollutantOrder.indexOf(b.pollutant));
  return { groups: out, duplicates };
}

function plantAreas(entries: Entry[], sheet: string): PlantArea[] {
  const cells = new Map<string, { row: number; col: number }[]>();
  for (const e of [...entries].sort((a, b) => a.row - b.row || a.col - b.col)) {
    const list = cells.get(e.plant) ?? [];
    list.push({ row: e.row, col: e.col });
    cells.set(e.plant, list);
  }
  return [...cells.entries()].map(([plant, list]) => {
    const areas = rectangles(list, sheet);
    return { plant, range: areas.reduce(union), areas };
  });
}

/**
 * Cells (sorted by row, then column) as rectangles that hold exactly them: runs of adjacent cells in a row,
 * then runs of the same columns in consecutive rows joined.
 */
export function rectangles(cells: readonly { row: number; col: number }[], sheet: string): RangeRef[] {
  const runs: RangeRef[] = [];
  for (const c of cells) {
    const last = runs[runs.length - 1];
    if (last && last.row === c.row && last.col + last.cols === c.col) runs[runs.length - 1] = { ...last, cols: last.cols + 1 };
    else if (!(last && last.row === c.row && c.col < last.col + last.cols)) runs.push({ sheet, row: c.row, col: c.col, rows: 1, cols: 1 });
  }
  const out: RangeRef[] = [];
  for (const r of runs) {
    const i = out.findIndex((o) => o.col === r.col && o.cols === r.cols && o.row + o.rows === r.row);
    if (i >= 0) out[i] = { ...out[i], rows: out[i].rows + 1 };
    else out.push(r);
  }
  return out;
}

/**
 * The groups of several analyses (the areas of a multiple selection) as one list: a plant's and pollutant's
 * cells found in different areas (its EIA row in one, its performance row in another) form one group. Where two
 * areas give the same phase the same role, the first is kept.
 */
export function mergeGroups(analyses: readonly Analysis[]): Group[] {
  const out = new Map<string, Group>();
  for (const a of analyses) {
    for (const g of a.groups) {
      const key = `${g.plant}\u0000${g.pollutant}`;
      const into = out.get(key);
      if (!into) {
        out.set(key, { plant: g.plant, pollutant: g.pollutant, phases: g.phases.map((p) => ({ ...p })), totals: { ...g.totals } });
        continue;
      }
      for (const p of g.phases) {
        let q = into.phases.find((x) => x.phase === p.phase);
        if (!q) {
          q = { phase: p.phase };
          into.phases.push(q);
        }
        for (const role of ["eia", "performance", "right", "volume", "limit"] as const) if (p[role] && !q[role]) q[role] = p[role];
      }
      into.phases.sort((x, y) => x.phase - y.phase);
      for (const [k, e] of Object.entries(g.totals) as [TotalKind, Entry][]) if (!into.totals[k]) into.totals[k] = e;
    }
  }
  return [...out.values()];
}
