/*
 * Turns examples/six-plants.xlsx into the JSON the browser preview loads (lib/preview-workbook.json):
 * each sheet's cell inputs as the engine's reader gives them, number formats and column widths. The .xlsx
 * stays the one source of the example workbook: the preview shows what a user opens in Excel, and the
 * browser never parses an .xlsx.
 *
 * Needs lib/ (tsc -p tsconfig.node.json, run by `npm run build` before webpack).
 * Usage: node scripts/preview-workbook.js [in.xlsx] [out.json]
 */
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const DEFAULT_IN = path.join(ROOT, "examples", "six-plants.xlsx");
const DEFAULT_OUT = path.join(ROOT, "lib", "preview-workbook.json");

/** Excel column width (characters of the default font) to pixels, as Excel converts it. */
function widthPx(chars) {
  return typeof chars === "number" && chars > 0 ? Math.round(chars * 7 + 5) : null;
}

async function previewWorkbook(file = DEFAULT_IN) {
  const { readWorkbook } = require(path.join(ROOT, "lib", "engine", "workbook.js"));
  const { normalizeFormula } = require(path.join(ROOT, "lib", "engine", "engine.js"));
  const wb = await readWorkbook(file);
  // Number formats and column widths are presentation, which the engine's reader does not keep: ExcelJS
  // reads them here, at build time, from the same file.
  const ExcelJS = require("exceljs");
  const styled = new ExcelJS.Workbook();
  await styled.xlsx.readFile(file);
  const sheets = wb.sheetNames.map((name) => {
    // The engine's inputs as the recompute plan gives them: values as read, the ER formulas and those that
    // depend on them as the engine reads them, the other formulas as their stored values. Dense rows and
    // cells: the JSON must hold no holes.
    const inputs = wb.plan.sheets[name] || [];
    const input = (v) => (v === undefined ? null : typeof v === "string" && v.length > 1 && v.startsWith("=") ? normalizeFormula(v) : v);
    const cells = Array.from({ length: inputs.length }, (_, r) => {
      const row = inputs[r] || [];
      return Array.from({ length: row.length }, (_, c) => input(row[c]));
    });
    const ws = styled.getWorksheet(name);
    const formats = cells.map((row, r) =>
      row.map((_, c) => {
        const fmt = ws ? ws.getCell(r + 1, c + 1).numFmt : undefined;
        return fmt && fmt !== "General" ? fmt : null;
      }),
    );
    const width = Math.max(0, ...cells.map((r) => r.length));
    const widths = Array.from({ length: width }, (_, c) => (ws ? widthPx(ws.getColumn(c + 1).width) : null));
    return { name, cells, formats, widths };
  });
  return { source: path.relative(ROOT, file).split(path.sep).join("/"), sheets, names: wb.names.map((n) => ({ ...n })) };
}

/** What the preview shows when the example workbook has not been built: one sheet that says so. */
function missingWorkbook(file, reason) {
  const rel = path.relative(ROOT, file).split(path.sep).join("/");
  return {
    source: rel,
    sheets: [
      {
        name: "README",
        cells: [[`${rel} could not be read (${reason}).`], ["Build it, then run npm run preview again; the other sample workbook works meanwhile."]],
        formats: [[null], [null]],
        widths: [null],
      },
    ],
    names: [],
  };
}

/** Writes the JSON (only when it changed, so that webpack's watch does not loop); returns its path. */
async function writePreviewWorkbook(file = DEFAULT_IN, out = DEFAULT_OUT) {
  let data;
  if (!fs.existsSync(file)) data = missingWorkbook(file, "missing");
  else {
    try {
      data = await previewWorkbook(file);
    } catch (e) {
      data = missingWorkbook(file, e && e.message ? e.message : String(e));
    }
  }
  const text = JSON.stringify(data) + "\n";
  fs.mkdirSync(path.dirname(out), { recursive: true });
  if (!fs.existsSync(out) || fs.readFileSync(out, "utf8") !== text) fs.writeFileSync(out, text);
  if (data.sheets[0] && data.sheets[0].name === "README" && data.sheets.length === 1) console.warn(`preview: ${data.sheets[0].cells[0][0]}`);
  return out;
}

module.exports = { previewWorkbook, writePreviewWorkbook, DEFAULT_IN, DEFAULT_OUT };

if (require.main === module) {
  writePreviewWorkbook(process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_IN, process.argv[3] ? path.resolve(process.argv[3]) : DEFAULT_OUT).then(
    (out) => console.log(`wrote ${path.relative(process.cwd(), out)}`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
