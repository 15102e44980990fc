/**
 * The example workbooks as ExcelJS writes them: examples/six-plants.xlsx, built from the project's copy of
 * the paper's tables (examples/six-plants.json), and examples/region.xlsx, by scripts/build-example.js
 * (`npm run example`).
 *
 * The paper's five tables are laid out as a regulator keeps them, with live ER formulas wherever the paper
 * prints a computed number, and a sixth sheet that sets every printed number beside the live one and
 * marks the differences (the known inconsistencies of the print show up there).
 *
 * Formulas are stored the way Excel saves them when the add-in is loaded: a JavaScript custom function
 * as `_xldudf_ER_NAME(...)`, a newer built-in function with its `_xlfn.` prefix (IFNA). Excel shows them as
 * `=ER.NAME(...)` and `=IFNA(...)` when the add-in is loaded. Every formula cell carries its value,
 * computed by the headless engine, so that Excel and other readers show the numbers on opening.
 */
import ExcelJS from "exceljs";
import { Engine } from "../engine/engine";
import { isCellError } from "../sheet/errors";
import { formatCell } from "../sheet/address";
import { savedErCall } from "../sheet/er";
import { auditItems, auditSheet, noteDifferences } from "./audit";
import { sixPlantRights, type SixPlantsData } from "./data";
import { LAYOUT, SHEETS } from "./layout";
import { gridSheet, restyleRow, type CellSpec, type SheetModel, type StyleName } from "./model";
import { CUT_SHEET, CUT_SHEET_NAME, cutSheet, NOTES_SHEET_NAME, notesSheet, REGION_SHEET, regionSheet, regionSheetName, type RegionData } from "./region";
import type { GridCell } from "./rule-grids";
import { chainSheetModel, limitsSheet, permitsSheet } from "./rule-sheets";
import { applyStyle } from "./styles";
import { table1, table2, table3, table4, table5 } from "./tables";

/** Puts a cell of a sheet model into the worksheet: a value as typed, or a formula with the value the engine computed. */
function placeCell(ws: ExcelJS.Worksheet, engine: Engine, sheet: string, row: number, col: number, spec: CellSpec): void {
  const cell = ws.getCell(row + 1, col + 1);
  if (spec.formula !== undefined) {
    const v = engine.getValue(sheet, row, col);
    if (isCellError(v)) throw new Error(`${sheet}!${formatCell(row, col)} =${spec.formula} gives ${v.error}: ${v.message ?? ""}`);
    cell.value = (v === null ? { formula: spec.formula } : { formula: spec.formula, result: v }) as ExcelJS.CellValue;
  } else if (spec.value !== null && spec.value !== undefined) {
    cell.value = spec.value;
  }
  applyStyle(cell, spec.style);
  if (spec.note) cell.note = spec.note;
}

/** A fixed date for the workbook's properties and zip entries, so that a rebuild gives the same bytes. */
export const EXAMPLE_DATE = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

/** A workbook built here as .xlsx bytes (ExcelJS builds the example workbooks; the CLI's copies are never rebuilt). */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Builds the example workbook (styles, merges, notes, formulas with their computed values). */
export function buildExampleWorkbook(data: SixPlantsData): ExcelJS.Workbook {
  const t1 = table1(data);
  const permits = permitsSheet(data);
  const items = auditItems(data, t1.rowOf, t1.ruleCell, permits.rows);
  const audit = auditSheet(items);
  const models = [t1.sheet, table2(data), table3(data), table4(data), table5(data), limitsSheet(data), chainSheetModel(data, t1.rowOf), permits.sheet, audit];

  const engine = Engine.create(Object.fromEntries(models.map((m) => [m.name, m.inputs()])));
  noteDifferences(data, audit, items, engine);

  const wb = new ExcelJS.Workbook();
  wb.creator = "emission-rights (npm run example)";
  wb.lastModifiedBy = "emission-rights";
  wb.created = EXAMPLE_DATE;
  wb.modified = EXAMPLE_DATE;
  wb.title = "六家燃煤电厂初始排污权 · Initial emission rights of six coal-fired power plants";
  wb.subject = "Fujian method: phased and total comparison";
  for (const m of models) {
    const frozen = m.name === SHEETS.t1 ? 2 : m.name === SHEETS.limits || m.name === SHEETS.permits || m.name === SHEETS.chain ? 1 : 3;
    const ws = wb.addWorksheet(m.name, { views: [{ state: "frozen", ySplit: frozen, xSplit: 0 }] });
    m.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    for (const { row, col, spec } of m.cells.values()) placeCell(ws, engine, m.name, row, col, spec);
    for (const range of m.merges) ws.mergeCells(range);
    ws.getRow(1).height = 24;
    for (const [row, h] of m.heights) ws.getRow(row + 1).height = h;
    if (m.name === SHEETS.audit) {
      const L = LAYOUT.audit;
      const last = L.firstRow + m.cells.size; // generous: rows beyond the items are empty
      const first = formatCell(L.firstRow, L.table);
      ws.addConditionalFormatting({
        ref: `${first}:${formatCell(last, L.note)}`,
        rules: [
          {
            type: "expression",
            priority: 1,
            formulae: [`$${"ABCDEFGH"[L.mark]}${L.firstRow + 1}<>""`],
            style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } }, font: { color: { argb: "FF9C0006" } } },
          },
        ],
      });
    } else if (m.name !== SHEETS.limits && m.name !== SHEETS.permits && m.name !== SHEETS.chain) {
      ws.getRow(2).height = m.name === SHEETS.t1 ? 32 : 20;
    }
  }
  engine.destroy();
  return wb;
}

// ---------------------------------------------------------------------------------------------------
// The region workbook (issue 13): examples/region.xlsx, from examples/region.json and the six plants'
// phased rights.

/** The region workbook's sheets, in order. */
export function regionSheetNames(region: RegionData): string[] {
  return [...region.pollutants.map(regionSheetName), CUT_SHEET_NAME, NOTES_SHEET_NAME];
}

/**
 * Builds the region workbook: a sheet per pollutant (a row per holder, ER.ANNUAL_CHANGE and
 * ER.PERMIT_MARGIN per holder, ER.REGIONAL_TOTAL below), the cut sheet (ER.ALLOCATE_CUT by each method,
 * stored as array formulas over the cells they spill to, as Excel keeps a spilled range) and a notes
 * sheet. Every formula cell carries the value the headless engine computes, and none is an error.
 */
export function buildRegionWorkbook(region: RegionData, six: SixPlantsData): ExcelJS.Workbook {
  const rights = sixPlantRights(six);
  const R = REGION_SHEET;
  const styleOfRegion = (r: number, c: number, v: GridCell): StyleName =>
    r === 1 ? "note" : r === 0 ? "title" : c === R.holder || c === R.industry ? "text" : c === R.no ? "integer" : typeof v === "string" && !v.startsWith("=") ? "center" : "tonnes";
  const models: SheetModel[] = [];
  for (const pol of region.pollutants) {
    const grid = regionSheet(region, rights, pol, savedErCall, (expr, alt) => `_xlfn.IFNA(${expr},${alt})`);
    const m = gridSheet(regionSheetName(pol), grid, [6, 24, 14, 14, 16, 16, 12, 14, 14], styleOfRegion);
    restyleRow(m, R.header, grid[R.header].length);
    restyleRow(m, 0, 1, "title");
    m.merge(0, 0, 0, 8);
    m.merge(1, 0, 1, 8);
    m.heights.set(R.header, 32);
    models.push(m);
  }
  const C = CUT_SHEET;
  const cut = cutSheet(region, rights, savedErCall);
  const cutModel = gridSheet(CUT_SHEET_NAME, cut.grid, [24, 14, 14, 16, 16, 16, 16], (r, c, v) =>
    r <= 1 ? (r === 0 ? "title" : "note") : r === C.targetRow ? (c === 2 ? "note" : "center") : c === C.holder ? "text" : typeof v === "string" && !v.startsWith("=") ? "center" : "tonnes",
  );
  restyleRow(cutModel, C.header, cut.grid[C.header].length);
  restyleRow(cutModel, 0, 1, "title");
  cutModel.merge(0, 0, 0, 6);
  cutModel.merge(1, 0, 1, 6);
  cutModel.merge(C.targetRow, 2, C.targetRow, 4);
  cutModel.heights.set(1, 30);
  cutModel.heights.set(C.targetRow, 30);
  cutModel.heights.set(C.header, 32);
  models.push(cutModel);
  const notes = gridSheet(NOTES_SHEET_NAME, notesSheet(region), [120], (r) => (r === 0 ? "title" : "note"));
  restyleRow(notes, 0, 1, "title");
  models.push(notes);

  const engine = Engine.create(Object.fromEntries(models.map((m) => [m.name, m.inputs()])));
  const wb = new ExcelJS.Workbook();
  wb.creator = "emission-rights (npm run example)";
  wb.lastModifiedBy = "emission-rights";
  wb.created = EXAMPLE_DATE;
  wb.modified = EXAMPLE_DATE;
  wb.title = `${region.region.zh}排污许可与总量控制 · Permits and total emission control, ${region.region.en} (illustrative)`;
  wb.subject = "Regional total, yearly change, permit margin and the allocation of a cut (ER functions)";
  for (const m of models) {
    const ws = wb.addWorksheet(m.name, { views: [{ state: "frozen", ySplit: m === notes ? 0 : m === cutModel ? C.header + 1 : R.header + 1, xSplit: 0 }] });
    m.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    for (const { row, col, spec } of m.cells.values()) placeCell(ws, engine, m.name, row, col, spec);
    for (const range of m.merges) ws.mergeCells(range);
    ws.getRow(1).height = 24;
    for (const [row, h] of m.heights) ws.getRow(row + 1).height = h;
  }
  // The spills of ER.ALLOCATE_CUT: array formulas over the cells they fill, each with its value.
  const ws = wb.getWorksheet(CUT_SHEET_NAME)!;
  for (const b of cut.spills) {
    const master = ws.getCell(b.row + 1, b.col + 1);
    const formula = (master.value as { formula: string }).formula;
    const ref = `${formatCell(b.row, b.col)}:${formatCell(b.row + b.rows - 1, b.col + b.cols - 1)}`;
    for (let r = 0; r < b.rows; r++) {
      for (let c = 0; c < b.cols; c++) {
        const v = engine.getValue(CUT_SHEET_NAME, b.row + r, b.col + c);
        if (isCellError(v) || v === null) throw new Error(`${CUT_SHEET_NAME}!${formatCell(b.row + r, b.col + c)}: the spill of ${formula} gives ${isCellError(v) ? v.error : "nothing"}`);
        const cell = ws.getCell(b.row + r + 1, b.col + c + 1);
        cell.value = (r === 0 && c === 0 ? { formula, result: v, shareType: "array", ref } : v) as ExcelJS.CellValue;
        applyStyle(cell, typeof v === "number" ? "tonnes" : "center");
      }
    }
  }
  engine.destroy();
  return wb;
}

