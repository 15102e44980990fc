/**
 * The task pane. It talks to the workbook only through a WorkbookHost (Excel, or the preview's in-memory
 * workbook) and shows the numbers of the rules in src/core.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Title3,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import type { Locale } from "../i18n/locale";
import {
  applyLive,
  compareSelection,
  compareSheet,
  findEmptyInErRanges,
  insertComparison,
  planLiveFor,
  StaleError,
  undoLive,
  type EmptyInRange,
  type LiveDone,
  type SelectionView,
  type TableView,
  type UndoDone,
} from "./actions";
import { EmptyWarning } from "./components/EmptyWarning";
import { FunctionsPanel } from "./components/FunctionsView";
import { LivePanel } from "./components/LiveView";
import { RegionPanel } from "./components/RegionView";
import { SelectionPanel } from "./components/SelectionView";
import { TablePanel, type InsertState } from "./components/TableView";
import { Pane, errorText, paneContext } from "./components/common";
import type { RangeRef, WorkbookHost } from "./host/types";
import type { LivePlan } from "./model/plan";
import type { Analysis, Overrides } from "./model/table";
import type { CutWritten } from "./region-actions";

export type View = "selection" | "table" | "live" | "region" | "functions";

const useStyles = makeStyles({
  main: {
    padding: "12px",
    display: "flex",
    flexDirection: "column",
    gap: "12px",
    boxSizing: "border-box",
    minWidth: 0,
    "& h1, & h2, & h3": { margin: 0 },
  },
  header: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: "8px", flexWrap: "wrap" },
  busy: { display: "flex", alignItems: "center", gap: "6px", color: tokens.colorNeutralForeground3 },
  views: { flexWrap: "wrap" },
});

/** Runs `fn` after `ms` of quiet; the effect cleanup cancels it. */
function useDebouncedEffect(fn: () => void, deps: unknown[], ms = 60) {
  useEffect(() => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  }, deps);
}

export function App({ host, initialLocale, initialView = "selection" }: { host: WorkbookHost; initialLocale: Locale; initialView?: View }) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [view, setView] = useState<View>(initialView);
  const [selTick, setSelTick] = useState(0);
  const [dataTick, setDataTick] = useState(0);
  const [sheet, setSheet] = useState<string | null>(null);
  const [selection, setSelection] = useState<SelectionView | null>(null);
  const [table, setTable] = useState<TableView | null>(null);
  const [empties, setEmpties] = useState<EmptyInRange[]>([]);
  const [overrides, setOverrides] = useState<Overrides>({});
  const [live, setLive] = useState<{ analysis: Analysis; plan: LivePlan } | null>(null);
  const [liveDone, setLiveDone] = useState<LiveDone | null>(null);
  const [undone, setUndone] = useState<UndoDone | null>(null);
  const [inserted, setInserted] = useState<InsertState | null>(null);
  const [regionWritten, setRegionWritten] = useState<(CutWritten & { removed?: boolean }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ctx = useMemo(() => paneContext(host, locale), [host, locale]);
  const s = useStyles();
  const t = ctx.t;
  const seq = useRef({ sel: 0, table: 0, live: 0 });

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  // Follow the workbook: selection changes and edits.
  useEffect(() => {
    let offSel: (() => Promise<void>) | undefined;
    let offData: (() => Promise<void>) | undefined;
    let alive = true;
    host.onSelectionChanged(() => setSelTick((x) => x + 1)).then((u) => (alive ? (offSel = u) : void u()), (e) => setError(errorText(e)));
    host.onChanged(() => setDataTick((x) => x + 1)).then((u) => (alive ? (offData = u) : void u()), (e) => setError(errorText(e)));
    return () => {
      alive = false;
      void offSel?.();
      void offData?.();
    };
  }, [host]);

  useDebouncedEffect(() => {
    host.activeSheet().then(setSheet, (e) => setError(errorText(e)));
  }, [host, selTick, dataTick]);

  // Item 1: the selection.
  useDebouncedEffect(() => {
    if (view !== "selection") return;
    const n = ++seq.current.sel;
    compareSelection(host).then(
      (v) => n === seq.current.sel && setSelection(v),
      (e) => setError(errorText(e)),
    );
  }, [host, view, selTick, dataTick]);

  // Item 2: the whole table of the active sheet, and the empty cells its ER formulas read.
  useDebouncedEffect(() => {
    if (!sheet) return;
    const n = ++seq.current.table;
    compareSheet(host, sheet)
      .then(async (v) => {
        if (n !== seq.current.table) return;
        setTable(v);
        const found = v ? await findEmptyInErRanges(host, v.data) : [];
        if (n === seq.current.table) setEmpties(found);
      })
      .catch((e) => setError(errorText(e)));
  }, [host, sheet, dataTick], 200);

  // Item 4: the proposed mapping and plan for the active sheet.
  useEffect(() => setOverrides({}), [sheet]);
  useDebouncedEffect(() => {
    if (view !== "live" || !sheet) return;
    const n = ++seq.current.live;
    compareSheet(host, sheet, overrides)
      .then(async (v) => {
        if (!v) return n === seq.current.live && setLive(null);
        const plan = await planLiveFor(host, v.analysis, locale);
        if (n === seq.current.live) setLive({ analysis: v.analysis, plan });
      })
      .catch((e) => setError(errorText(e)));
  }, [host, view, sheet, dataTick, overrides, locale], 200);

  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof StaleError ? ctx.f("stale", { cell: e.cell }) : ctx.f("failed", { message: errorText(e) }));
      setDataTick((x) => x + 1);
    } finally {
      setBusy(false);
    }
  }, [ctx]);

  const selectRange = (r: RangeRef) => run(() => host.select(r));
  const selectPlant = (plant: string) => {
    const area = table?.analysis.plants.find((p) => p.plant === plant);
    if (area) void selectRange(area.range);
  };
  const onInsert = () =>
    run(async () => {
      if (!table) return;
      const r = await insertComparison(host, table.analysis, locale);
      setInserted({ sheet: r.sheet, source: table.sheet, formulas: r.formulas });
    });
  const onRemoveInserted = () =>
    run(async () => {
      if (!inserted) return;
      await host.deleteSheet(inserted.sheet);
      setInserted({ ...inserted, removed: true });
    });
  const onApply = () =>
    run(async () => {
      if (!live) return;
      const done = await applyLive(host, live.plan, locale);
      setUndone(null);
      setLiveDone(done);
    });
  const onUndo = () =>
    run(async () => {
      if (!liveDone) return;
      const r = await undoLive(host, liveDone.undo);
      setLiveDone(null);
      setUndone(r);
    });

  return (
    <FluentProvider theme={webLightTheme} lang={locale}>
      <Pane.Provider value={ctx}>
        <main className={s.main} aria-busy={busy}>
          <header className={s.header}>
            <Title3 as="h1">{t.title}</Title3>
            <TabList size="small" selectedValue={locale} onTabSelect={(_, d) => setLocale(d.value as Locale)} aria-label={t.language}>
              <Tab value="en-US">English</Tab>
              <Tab value="zh-CN">中文</Tab>
            </TabList>
          </header>
          <TabList selectedValue={view} onTabSelect={(_, d) => setView(d.value as View)} aria-label={t.views} size="small" className={s.views}>
            <Tab value="selection">{t.tabSelection}</Tab>
            <Tab value="table">{t.tabTable}</Tab>
            <Tab value="live">{t.tabLive}</Tab>
            <Tab value="region">{t.tabRegion}</Tab>
            <Tab value="functions">{t.tabFunctions}</Tab>
          </TabList>
          {busy && (
            <div className={s.busy} role="status">
              <Spinner size="extra-tiny" /> {t.working}
            </div>
          )}
          {error && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>{error}</MessageBarBody>
              <MessageBarActions>
                <Button size="small" onClick={() => setError(null)}>
                  {t.dismiss}
                </Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {view !== "functions" && <EmptyWarning items={empties} onSelect={selectRange} />}
          {view === "selection" && <SelectionPanel data={selection} />}
          {view === "table" && (
            <TablePanel
              data={table}
              busy={busy}
              inserted={inserted}
              onSelectPlant={selectPlant}
              onInsert={onInsert}
              onRemoveInserted={onRemoveInserted}
              onGoTo={(name) => void selectRange({ sheet: name, row: 0, col: 0, rows: 1, cols: 1 })}
            />
          )}
          {view === "live" && sheet && (
            <LivePanel
              sheet={sheet}
              analysis={live?.analysis ?? null}
              plan={live?.plan ?? null}
              overrides={overrides}
              busy={busy}
              done={liveDone && liveDone.plan.sheet === sheet ? liveDone : null}
              undone={undone}
              onOverrides={setOverrides}
              onApply={onApply}
              onUndo={onUndo}
              onSelectCell={(name, row, col) => void selectRange({ sheet: name, row, col, rows: 1, cols: 1 })}
              onGoTo={(name) => void selectRange({ sheet: name, row: 0, col: 0, rows: 1, cols: 1 })}
            />
          )}
          {view === "region" && sheet && (
            <RegionPanel sheet={sheet} tick={dataTick} busy={busy} run={run} onSelect={(r) => void selectRange(r)} written={regionWritten} onWritten={setRegionWritten} />
          )}
          {view === "functions" && <FunctionsPanel />}
        </main>
      </Pane.Provider>
    </FluentProvider>
  );
}
