/**
 * The browser preview: the example six-plant workbook (or a differently laid-out sample) as a grid beside
 * the task pane, on the in-memory engine. No Office, no network: the page loads only its own files.
 */
import { useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import generated from "preview-workbook.json";
import regionData from "../../examples/region.json";
import sixPlants from "../../examples/six-plants.json";
import { regionSheetName, type RegionData } from "../example/region";
import { resolveLocale, type Locale } from "../i18n/locale";
import { ui } from "../i18n/ui";
import { App } from "../taskpane/App";
import { MemoryHost } from "../taskpane/host/memory";
import { analyzeTable } from "../taskpane/model/table";
import { Grid } from "./Grid";
import { holdersAcross, HOLDERS_ACROSS_SHEET, OTHER_LAYOUT_SHEET, plantsAcross, regionWorkbook } from "./samples";
import type { SixPlantsData } from "../example/data";
import type { PreviewWorkbook } from "./workbook";

const workbook = generated as PreviewWorkbook;

type Sample = "six" | "other" | "region" | "region-across";

const SAMPLES: readonly Sample[] = ["six", "other", "region", "region-across"];

interface Loaded {
  readonly host: MemoryHost;
}

/** The first sheet with a table the pane can compare (the paper's Table 3), else the first sheet. */
function comparableSheet(host: MemoryHost): string {
  for (const name of host.sheetList()) {
    const size = host.size(name);
    if (size.rows === 0) continue;
    const cells = Array.from({ length: size.rows }, (_, r) => Array.from({ length: size.cols }, (_, c) => host.cell(name, r, c)));
    const a = analyzeTable({ sheet: name, row: 0, col: 0, rows: size.rows, cols: size.cols, cells });
    if (a.groups.filter((g) => g.phases.some((p) => p.eia) && g.phases.some((p) => p.performance)).length >= 2) return name;
  }
  return host.sheetList()[0];
}

function load(sample: Sample): Loaded {
  if (sample === "region") {
    // The region example (examples/region.xlsx), from the same data and grids its builder uses.
    const sheets = regionWorkbook(regionData as unknown as RegionData, sixPlants as SixPlantsData);
    const widths = Object.fromEntries(Object.keys(sheets).map((name) => [name, [50, 150, 110, 110, 120, 120, 100, 110, 100]]));
    return { host: new MemoryHost(sheets, { active: regionSheetName("so2"), widths }) };
  }
  if (sample === "region-across") {
    const sheets = { [HOLDERS_ACROSS_SHEET]: holdersAcross(regionData as unknown as RegionData, sixPlants as SixPlantsData) };
    return { host: new MemoryHost(sheets, { active: HOLDERS_ACROSS_SHEET, widths: { [HOLDERS_ACROSS_SHEET]: [70, 150] } }) };
  }
  if (sample === "other") {
    const s = plantsAcross(sixPlants as SixPlantsData);
    const host = new MemoryHost({ [OTHER_LAYOUT_SHEET]: s }, { active: OTHER_LAYOUT_SHEET, widths: { [OTHER_LAYOUT_SHEET]: [80, 200] } });
    return { host };
  }
  const sheets = Object.fromEntries(workbook.sheets.map((s) => [s.name, { cells: s.cells, formats: s.formats }]));
  const host = new MemoryHost(sheets, { names: workbook.names, widths: Object.fromEntries(workbook.sheets.map((s) => [s.name, s.widths])) });
  host.activate(workbook.active ?? comparableSheet(host));
  return { host };
}

/** Excel's task pane is 320-350 px wide; the preview shows the pane at 340 px unless ?pane=N asks otherwise. */
const PANE_WIDTH = 340;

function Preview({ initialLocale, initialSample, paneWidth }: { initialLocale: Locale; initialSample: Sample; paneWidth: number }) {
  const [sample, setSample] = useState<Sample>(initialSample);
  const [generation, setGeneration] = useState(0);
  const loaded = useMemo(() => (generation >= 0 ? load(sample) : load(sample)), [sample, generation]);
  const [version, setVersion] = useState(0);
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [paneOpen, setPaneOpen] = useState(true);
  useEffect(() => {
    // For the browser tests and the curious: the workbook, and the batches the pane has run on it.
    (window as unknown as { erPreview?: { host: MemoryHost } }).erPreview = { host: loaded.host };
    setPaneOpen(true);
    const bump = () => setVersion((v) => v + 1);
    return loaded.host.onRedraw(bump);
  }, [loaded]);
  useEffect(() => {
    // The pane's language switch sets <html lang>; the preview's own words follow it.
    const obs = new MutationObserver(() => setLocale(resolveLocale(document.documentElement.lang)));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
    return () => obs.disconnect();
  }, []);
  return (
    <div className="pv-app">
      <header className="pv-header">
        <div>
          <h1>{ui(locale, "previewTitle")}</h1>
          <p>{ui(locale, "previewNote")}</p>
        </div>
        <div className="pv-controls">
          <label>
            {ui(locale, "previewWorkbook")}{" "}
            <select value={sample} onChange={(e) => setSample(e.target.value as Sample)} data-testid="sample">
              <option value="six">{ui(locale, "previewSix")}</option>
              <option value="other">{ui(locale, "previewOther")}</option>
              <option value="region">{ui(locale, "previewRegion")}</option>
              <option value="region-across">{ui(locale, "previewRegionAcross")}</option>
            </select>
          </label>
          <button type="button" onClick={() => setGeneration((g) => g + 1)}>
            {ui(locale, "previewReset")}
          </button>
          <button
            type="button"
            aria-pressed={paneOpen}
            onClick={() => {
              // As closing Excel's task pane: the pane stays loaded (shared runtime) but is told it is hidden.
              loaded.host.setVisible(!paneOpen);
              setPaneOpen(!paneOpen);
            }}
          >
            {ui(locale, paneOpen ? "previewClosePane" : "previewOpenPane")}
          </button>
        </div>
      </header>
      <div className="pv-main">
        <Grid host={loaded.host} locale={locale} version={version} />
        <aside className="pv-pane" aria-label={ui(locale, "title")} hidden={!paneOpen} style={{ width: paneWidth }}>
          <App key={`${sample}-${generation}`} host={loaded.host} initialLocale={locale} initialView={sample === "region" || sample === "region-across" ? "region" : "table"} />
        </aside>
      </div>
    </div>
  );
}

const params = new URLSearchParams(location.search);
const locale = resolveLocale(params.get("lang") ?? navigator.language);
const root = document.getElementById("root");
const asked = Number(params.get("pane"));
const paneWidth = Number.isInteger(asked) && asked >= 280 && asked <= 1200 ? asked : PANE_WIDTH;
const sampleAsked = params.get("workbook") as Sample | null;
if (root) createRoot(root).render(<Preview initialLocale={locale} initialSample={sampleAsked && SAMPLES.includes(sampleAsked) ? sampleAsked : "six"} paneWidth={paneWidth} />);
