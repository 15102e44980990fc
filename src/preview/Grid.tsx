/**
 * The preview's spreadsheet: sheet tabs, a formula bar and a grid of the in-memory workbook. Cells are
 * selected with the mouse (click, drag, Shift+click, Ctrl+click for another area, row and column headers) or
 * the keyboard (arrows, Shift+arrows, Ctrl+A); Enter or typing edits the active cell in the formula bar (the
 * workbook is then in cell edit mode, as Excel is); Delete clears; pasting tab-separated text (from Excel or a
 * text file) fills cells from the active one; the buttons insert and delete rows and columns as Excel does.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import type { Locale } from "../i18n/locale";
import { ui } from "../i18n/ui";
import type { MemoryHost } from "../taskpane/host/memory";
import { isCellError, type CellInfo, type UserInput, type RangeRef } from "../taskpane/host/types";
import { indexToColumn } from "../sheet/address";
import { rangeAddress, widest } from "../sheet/rect";

/** A cell's text as Excel would show it with its number format. */
export function displayText(cell: CellInfo): string {
  const v = cell.value;
  if (v === null) return "";
  if (isCellError(v)) return v.error;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  const fmt = cell.format ?? "General";
  const m = /^(#,##)?0(?:\.(0+))?$/.exec(fmt.split(";")[0].replace(/\\?[" ]?t\/a"?/g, "").trim());
  if (m) {
    const places = m[2] ? m[2].length : 0;
    return m[1] ? v.toLocaleString("en-US", { minimumFractionDigits: places, maximumFractionDigits: places }) : v.toFixed(places);
  }
  if (Number.isInteger(v)) return Math.abs(v) >= 1e11 ? v.toExponential(5).replace(/\.?0+e/, "E").replace("e", "E") : String(v);
  return String(Number(v.toPrecision(11)));
}

interface Props {
  host: MemoryHost;
  locale: Locale;
  /** Changes whenever the workbook or the selection changes, to re-render. */
  version: number;
}

const DEFAULT_WIDTH = 84;

export function Grid({ host, locale, version }: Props) {
  const sheets = host.sheetList();
  const sheet = host.activeName();
  const selection = host.selected();
  const areas = selection.areas;
  /** The area being made or extended: the last one. */
  const sel = areas[areas.length - 1];
  const [anchor, setAnchor] = useState<{ row: number; col: number }>({ row: sel.row, col: sel.col });
  const [active, setActive] = useState<{ row: number; col: number }>({ row: sel.row, col: sel.col });
  const [draft, setDraft] = useState<string | null>(null);
  const dragging = useRef(false);
  const gridRef = useRef<HTMLDivElement>(null);
  const editRef = useRef<HTMLInputElement>(null);

  // A selection made elsewhere (the pane) moves the active cell to its top left.
  useEffect(() => {
    const inside = active.row >= sel.row && active.row < sel.row + sel.rows && active.col >= sel.col && active.col < sel.col + sel.cols;
    if (!inside) {
      setActive({ row: sel.row, col: sel.col });
      setAnchor({ row: sel.row, col: sel.col });
    }
  }, [version, sheet]);

  const size = host.size(sheet);
  const rows = Math.max(size.rows + 8, 30, sel.row + sel.rows + 2);
  const cols = Math.max(size.cols + 3, 12, sel.col + sel.cols + 1);
  const colWidths = host.columnWidths(sheet);
  const widthOf = (c: number) => colWidths[c] ?? DEFAULT_WIDTH;

  // The active sheet's tab in view, as Excel scrolls its tab bar to a sheet it activates (a new Audit sheet).
  useEffect(() => {
    document.querySelector(`.pv-tabs [aria-selected="true"]`)?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }, [sheet, sheets.length]);

  /** Selects the rectangle from a to b; with `add`, as another area (Ctrl), else in place of the last area or of all. */
  const selectRect = useCallback(
    (a: { row: number; col: number }, b: { row: number; col: number }, activeCell = b, mode: "replace" | "add" | "extend" = "replace") => {
      const r: RangeRef = { sheet, row: Math.min(a.row, b.row), col: Math.min(a.col, b.col), rows: Math.abs(a.row - b.row) + 1, cols: Math.abs(a.col - b.col) + 1 };
      setActive(activeCell);
      const current = host.selected().areas;
      if (mode === "add") host.setSelection([...current, r]);
      else if (mode === "extend") host.setSelection([...current.slice(0, -1), r]);
      else host.setSelection(r);
    },
    [host, sheet],
  );

  // Typing in the formula bar is Excel's cell edit mode: the pane's batches wait until it ends.
  useEffect(() => {
    host.setEditing(draft !== null);
  }, [host, draft]);
  useEffect(() => () => host.setEditing(false), [host]);

  useEffect(() => {
    const el = document.getElementById(`cell-${active.row}-${active.col}`);
    el?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }, [active]);

  const activeInput = host.input(sheet, active.row, active.col);
  const shown = draft ?? (activeInput === null ? "" : String(activeInput));

  const commit = (text: string, move: number) => {
    host.setInputs(sheet, active.row, active.col, [[text === "" ? null : text]]);
    setDraft(null);
    const next = { row: active.row + move, col: active.col };
    selectRect(next, next);
    gridRef.current?.focus();
  };

  const clearSelection = () => {
    for (const a of areas) {
      const empty: UserInput[][] = Array.from({ length: a.rows }, () => Array<UserInput>(a.cols).fill(null));
      host.setInputs(sheet, a.row, a.col, empty);
    }
  };

  /** Inserts or deletes the rows or columns of the last area, as Excel's Insert and Delete do. */
  const structure = (what: "insertRows" | "deleteRows" | "insertColumns" | "deleteColumns") => {
    if (what === "insertRows") host.insertRows(sheet, sel.row, sel.rows);
    else if (what === "deleteRows") host.deleteRows(sheet, sel.row, sel.rows);
    else if (what === "insertColumns") host.insertColumns(sheet, sel.col, sel.cols);
    else host.deleteColumns(sheet, sel.col, sel.cols);
    gridRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const mv = moves[e.key];
    if (mv) {
      e.preventDefault();
      if (e.shiftKey) {
        // Extend the selection: move its far corner.
        const far = {
          row: sel.row === anchor.row ? sel.row + sel.rows - 1 : sel.row,
          col: sel.col === anchor.col ? sel.col + sel.cols - 1 : sel.col,
        };
        const next = { row: Math.max(0, far.row + mv[0]), col: Math.max(0, far.col + mv[1]) };
        selectRect(anchor, next, active, "extend");
      } else {
        const next = { row: Math.max(0, active.row + mv[0]), col: Math.max(0, active.col + mv[1]) };
        setAnchor(next);
        selectRect(next, next);
      }
      return;
    }
    if (e.key === "a" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      setAnchor({ row: 0, col: 0 });
      selectRect({ row: 0, col: 0 }, { row: Math.max(0, size.rows - 1), col: Math.max(0, size.cols - 1) }, { row: 0, col: 0 });
      return;
    }
    if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      setDraft(shown);
      editRef.current?.focus();
      return;
    }
    if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      clearSelection();
      return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setDraft(e.key);
      editRef.current?.focus();
    }
  };

  const onPaste = (e: React.ClipboardEvent<HTMLDivElement>) => {
    const text = e.clipboardData.getData("text/plain");
    if (!text) return;
    e.preventDefault();
    const lines = text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
    const block: UserInput[][] = lines.map((l) => l.split("\t").map((v) => (v === "" ? null : v)));
    const width = widest(block);
    const rect = block.map((r) => [...r, ...Array<UserInput>(width - r.length).fill(null)]);
    host.setInputs(sheet, active.row, active.col, rect);
    selectRect(active, { row: active.row + rect.length - 1, col: active.col + width - 1 }, active);
  };

  const onCellDown = (e: MouseEvent, row: number, col: number) => {
    e.preventDefault();
    gridRef.current?.focus();
    setDraft(null);
    if (e.shiftKey) selectRect(anchor, { row, col }, active, "extend");
    else {
      setAnchor({ row, col });
      selectRect({ row, col }, { row, col }, { row, col }, e.ctrlKey || e.metaKey ? "add" : "replace");
    }
    dragging.current = true;
  };
  const onCellEnter = (row: number, col: number) => {
    if (dragging.current) selectRect(anchor, { row, col }, anchor, "extend");
  };
  useEffect(() => {
    const up = () => (dragging.current = false);
    window.addEventListener("mouseup", up);
    return () => window.removeEventListener("mouseup", up);
  }, []);

  const inSel = (r: number, c: number) => areas.some((a) => r >= a.row && r < a.row + a.rows && c >= a.col && c < a.col + a.cols);
  const headerCls = (on: boolean) => (on ? "hdr on" : "hdr");

  const addSheet = () => {
    let n = sheets.length + 1;
    while (sheets.includes(ui(locale, "previewNewSheet", { n }))) n++;
    const name = ui(locale, "previewNewSheet", { n });
    host.newSheet(name);
  };

  return (
    <div className="pv-sheet">
      <div className="pv-formula">
        <input className="pv-namebox" readOnly value={areas.map((a) => rangeAddress(a)).join(",")} aria-label={ui(locale, "previewNameBox")} data-testid="namebox" />
        <span className="pv-fx" aria-hidden="true">
          fx
        </span>
        <input
          ref={editRef}
          className="pv-edit"
          value={shown}
          aria-label={ui(locale, "previewFormula")}
          data-testid="formula"
          spellCheck={false}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commit(e.currentTarget.value, 1);
            } else if (e.key === "Escape") {
              e.preventDefault();
              setDraft(null);
              gridRef.current?.focus();
            }
          }}
        />
      </div>
      <div className="pv-tools" role="toolbar" aria-label={ui(locale, "previewStructure")}>
        <button type="button" onClick={() => structure("insertRows")}>{ui(locale, "previewInsertRows")}</button>
        <button type="button" onClick={() => structure("deleteRows")}>{ui(locale, "previewDeleteRows")}</button>
        <button type="button" onClick={() => structure("insertColumns")}>{ui(locale, "previewInsertColumns")}</button>
        <button type="button" onClick={() => structure("deleteColumns")}>{ui(locale, "previewDeleteColumns")}</button>
      </div>
      <div
        ref={gridRef}
        className="pv-grid"
        role="grid"
        tabIndex={0}
        aria-label={ui(locale, "previewGrid", { sheet })}
        aria-rowcount={rows}
        aria-colcount={cols}
        aria-multiselectable="true"
        aria-activedescendant={`cell-${active.row}-${active.col}`}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        data-testid="grid"
        data-sheet={sheet}
      >
        <table style={{ width: 44 + Array.from({ length: cols }, (_, c) => widthOf(c)).reduce((a, b) => a + b, 0) }}>
          <colgroup>
            <col style={{ width: 44 }} />
            {Array.from({ length: cols }, (_, c) => (
              <col key={c} style={{ width: widthOf(c) }} />
            ))}
          </colgroup>
          <thead>
            <tr role="row">
              <th className="corner" aria-hidden="true" />
              {Array.from({ length: cols }, (_, c) => (
                <th
                  key={c}
                  role="columnheader"
                  className={headerCls(areas.some((a) => c >= a.col && c < a.col + a.cols))}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    gridRef.current?.focus();
                    setAnchor({ row: 0, col: c });
                    selectRect({ row: 0, col: c }, { row: Math.max(0, size.rows - 1), col: c }, { row: 0, col: c });
                  }}
                >
                  {indexToColumn(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r} role="row" aria-rowindex={r + 1}>
                <th
                  role="rowheader"
                  className={headerCls(areas.some((a) => r >= a.row && r < a.row + a.rows))}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    gridRef.current?.focus();
                    setAnchor({ row: r, col: 0 });
                    selectRect({ row: r, col: 0 }, { row: r, col: Math.max(0, size.cols - 1) }, { row: r, col: 0 });
                  }}
                >
                  {r + 1}
                </th>
                {Array.from({ length: cols }, (_, c) => {
                  const cell = host.cell(sheet, r, c);
                  const text = displayText(cell);
                  const numeric = typeof cell.value === "number";
                  const err = isCellError(cell.value);
                  // Text runs on over the empty cells to its right, as in Excel, and is cut at the next cell
                  // that holds something.
                  let run = 0;
                  if (typeof cell.value === "string" && !numeric) {
                    for (let k = c + 1; k < cols && host.cell(sheet, r, k).value === null && !host.cell(sheet, r, k).formula; k++) run += widthOf(k);
                  }
                  const spill = run > 0;
                  const cls = ["cell", numeric ? "num" : "", err ? "err" : "", spill ? "spill" : "", cell.formula ? "fx" : "", inSel(r, c) ? "sel" : "", r === active.row && c === active.col ? "active" : ""].filter(Boolean).join(" ");
                  return (
                    <td
                      key={c}
                      id={`cell-${r}-${c}`}
                      role="gridcell"
                      aria-selected={inSel(r, c)}
                      aria-colindex={c + 1}
                      className={cls}
                      title={err && isCellError(cell.value) ? cell.value.message : undefined}
                      data-addr={`${indexToColumn(c)}${r + 1}`}
                      onMouseDown={(e) => onCellDown(e, r, c)}
                      onMouseEnter={() => onCellEnter(r, c)}
                    >
                      {spill ? (
                        <div className="pv-run" style={{ width: widthOf(c) + run - 8 }}>
                          {text}
                        </div>
                      ) : (
                        text
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pv-tabs" role="tablist" aria-label={ui(locale, "previewSheets")}>
        {sheets.map((name) => (
          <button key={name} role="tab" type="button" aria-selected={name === sheet} className={name === sheet ? "tab on" : "tab"} onClick={() => host.activate(name)} data-testid={`tab-${name}`}>
            {name}
          </button>
        ))}
        <button type="button" className="tab add" onClick={addSheet} aria-label={ui(locale, "previewAddSheet")} title={ui(locale, "previewAddSheet")}>
          +
        </button>
      </div>
    </div>
  );
}
