/**
 * The task pane. It talks to the workbook only through a WorkbookHost (Excel, or the preview's in-memory
 * workbook) and shows the numbers of the rules in src/core.
 *
 * Quiet in the shared runtime: the pane listens to Excel's selection and change events only while it is on
 * screen (Office.addin.onVisibilityModeChanged); hidden, it removes its handlers and reads nothing, and when it
 * is shown again it reads once. A selection change costs one batch (usually one sync, from the table last read);
 * an edit costs one read of the sheet, shared by every view. A read Excel refuses because the user is editing
 * a cell is skipped quietly: the next change reads again.
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
  insertComparison,
  NeedsSpillCheck,
  planLiveFor,
  readActiveSheet,
  readSelection,
  readTable,
  removeComparison,
  SpillError,
  StaleError,
  undoLive,
  WriteFailed,
  type LiveDone,
  type SelectionView,
  type TableRead,
  type UndoDone,
} from "./actions";
import { EmptyWarning } from "./components/EmptyWarning";
import { FunctionsPanel } from "./components/FunctionsView";
import { LivePanel } from "./components/LiveView";
import { RegionPanel } from "./components/RegionView";
import { SelectionPanel } from "./components/SelectionView";
import { TablePanel, type InsertState } from "./components/TableView";
import { Pane, errorText, paneContext, type PaneContext } from "./components/common";
import { isCellEditError, type RangeRef, type WorkbookHost } from "./host/types";
import type { LivePlan } from "./model/plan";
import { analyzeTable, type Analysis, type Overrides } from "./model/table";
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
  // Five views in one row at Excel's 320-350 px: the tabs share the width, their words may not wrap.
  views: {
    display: "grid",
    gridTemplateColumns: "repeat(5, auto)",
    justifyContent: "start",
    "& button": { paddingLeft: "3px", paddingRight: "3px", minWidth: 0, whiteSpace: "nowrap" },
    "& .fui-Tab__content": { paddingLeft: 0, paddingRight: 0 },
  },
  lang: { "& button": { paddingLeft: "6px", paddingRight: "6px", minWidth: 0 } },
});

/** Runs `fn` after `ms` of quiet; the effect cleanup cancels it. */
function useDebouncedEffect(fn: () => void, deps: unknown[], ms = 60) {
  useEffect(() => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  }, deps);
}

/** The message for an action that failed. */
function actionError(ctx: PaneContext, e: unknown): string {
  if (e instanceof StaleError) return ctx.f("stale", { cell: e.cell });
  if (e instanceof SpillError) return ctx.f("spillRefused", { cells: e.cells.join(", "), parent: e.parent });
  if (e instanceof NeedsSpillCheck) return ctx.t.needsSpill;
  if (e instanceof WriteFailed) return ctx.f(e.undone ? "writeFailedUndone" : "writeFailedNotUndone", { message: e.reason });
  return ctx.f("failed", { message: errorText(e) });
}

export function App({ host, initialLocale, initialView = "selection" }: { host: WorkbookHost; initialLocale: Locale; initialView?: View }) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [view, setView] = useState<View>(initialView);
  const [visible, setVisible] = useState(() => host.isVisible());
  const [selTick, setSelTick] = useState(0);
  const [dataTick, setDataTick] = useState(0);
  const [sheet, setSheet] = useState<string | null>(null);
  const [selection, setSelection] = useState<SelectionView | null>(null);
  const [read, setRead] = useState<TableRead | null>(null);
  const [reading, setReading] = useState(true);
  const [overrides, setOverrides] = useState<Overrides>({});
  const [live, setLive] = useState<{ analysis: Analysis; plan: LivePlan } | null>(null);
  const [liveDone, setLiveDone] = useState<LiveDone | null>(null);
  const [undone, setUndone] = useState<UndoDone | null>(null);
  const [inserted, setInserted] = useState<InsertState | null>(null);
  const [regionWritten, setRegionWritten] = useState<CutWritten | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ctx = useMemo(() => paneContext(host, locale), [host, locale]);
  const s = useStyles();
  const t = ctx.t;
  const seq = useRef({ sel: 0, table: 0, live: 0 });
  const lastRead = useRef<string>("");

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  /** A background read failed: quiet when Excel refused it for a cell being edited (the next change reads again). */
  const readFailed = useCallback((e: unknown) => {
    if (!isCellEditError(e)) setError(ctx.f("failed", { message: errorText(e) }));
  }, [ctx]);

  // Shown or hidden: a hidden pane listens to nothing; shown again, it reads once.
  useEffect(() => {
    let off: (() => Promise<void>) | undefined;
    let alive = true;
    host
      .onVisibilityChanged((v) => {
        setVisible(v);
        if (v) {
          setSelTick((x) => x + 1);
          setDataTick((x) => x + 1);
        }
      })
      .then((u) => (alive ? (off = u) : void u()), readFailed);
    return () => {
      alive = false;
      void off?.();
    };
  }, [host]);

  // Follow the workbook while on screen: selection changes and edits.
  useEffect(() => {
    if (!visible) return;
    let offSel: (() => Promise<void>) | undefined;
    let offData: (() => Promise<void>) | undefined;
    let alive = true;
    host.onSelectionChanged(() => setSelTick((x) => x + 1)).then((u) => (alive ? (offSel = u) : void u()), readFailed);
    host.onChanged(() => setDataTick((x) => x + 1)).then((u) => (alive ? (offData = u) : void u()), readFailed);
    return () => {
      alive = false;
      void offSel?.();
      void offData?.();
    };
  }, [host, visible]);

  const table = read?.table ?? null;

  // The selection (and the active sheet): in the Selection view from the table last read when it can.
  useDebouncedEffect(() => {
    if (!visible) return;
    const n = ++seq.current.sel;
    if (view === "selection") {
      readSelection(host, table).then((v) => {
        if (n !== seq.current.sel) return;
        setSelection(v);
        setSheet(v.selection.sheet);
      }, readFailed);
    } else {
      readActiveSheet(host).then((name) => n === seq.current.sel && setSheet(name), readFailed);
    }
  }, [host, view, selTick, visible, table]);

  // The whole table of the active sheet, and the empty cells its ER formulas read: one read per edit, for every view.
  useDebouncedEffect(
    () => {
      if (!visible || view === "functions") return;
      const key = `${sheet ?? ""}\u0000${dataTick}`;
      if (key === lastRead.current) return;
      lastRead.current = key;
      const n = ++seq.current.table;
      setReading(true);
      readTable(host, sheet ?? undefined).then(
        (r) => {
          if (n !== seq.current.table) return;
          setRead(r);
          setReading(false);
          if (sheet === null) {
            lastRead.current = `${r.sheet}\u0000${dataTick}`;
            setSheet(r.sheet);
          }
        },
        (e) => {
          if (n === seq.current.table) setReading(false);
          lastRead.current = "";
          readFailed(e);
        },
      );
    },
    [host, sheet, dataTick, visible, view === "functions"],
    sheet === null ? 0 : 200,
  );

  // Make live: the mapping (with the user's corrections) and the plan, from the table read.
  useEffect(() => setOverrides({}), [sheet]);
  useDebouncedEffect(() => {
    if (view !== "live" || !visible || !table || !read) return;
    const n = ++seq.current.live;
    const analysis = Object.keys(overrides).length === 0 ? table.analysis : analyzeTable(table.data, undefined, overrides);
    planLiveFor(host, analysis, read.sheets, locale).then((plan) => n === seq.current.live && setLive({ analysis, plan }), readFailed);
  }, [host, view, visible, read, overrides, locale]);

  const run = useCallback(
    async (action: () => Promise<void>) => {
      setBusy(true);
      setError(null);
      try {
        await action();
      } catch (e) {
        setError(actionError(ctx, e));
      } finally {
        setBusy(false);
        // Excel's change events would tell; hosts without them (ExcelApi < 1.9) need the nudge.
        setDataTick((x) => x + 1);
      }
    },
    [ctx],
  );

  const select = (r: RangeRef | readonly RangeRef[]) =>
    run(() =>
      host.run(async (tx) => {
        tx.select(r);
        await tx.sync();
      }),
    );
  const selectPlant = (plant: string) => {
    const area = table?.analysis.plants.find((p) => p.plant === plant);
    if (area) void select(area.areas);
  };
  const goTo = (name: string) => void select({ sheet: name, row: 0, col: 0, rows: 1, cols: 1 });
  const onInsert = () =>
    run(async () => {
      if (!table) return;
      const r = await insertComparison(host, table.analysis, locale);
      setInserted({ ...r, source: table.sheet });
    });
  const onRemoveInserted = () =>
    run(async () => {
      if (!inserted) return;
      const r = await removeComparison(host, inserted);
      setInserted({ ...inserted, removed: r.removed, kept: r.kept });
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
            <TabList size="small" selectedValue={locale} onTabSelect={(_, d) => setLocale(d.value as Locale)} aria-label={t.language} className={s.lang}>
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
          {view !== "functions" && <EmptyWarning items={read?.empties ?? []} unchecked={read?.unchecked ?? 0} onSelect={select} />}
          {view === "selection" && <SelectionPanel data={selection} />}
          {view === "table" && (
            <TablePanel
              data={table}
              sheet={read?.sheet ?? sheet}
              reading={reading && !table}
              busy={busy}
              inserted={inserted}
              onSelectPlant={selectPlant}
              onInsert={onInsert}
              onRemoveInserted={onRemoveInserted}
              onGoTo={goTo}
            />
          )}
          {view === "live" && sheet && (
            <LivePanel
              sheet={sheet}
              analysis={live && live.analysis.sheet === sheet ? live.analysis : null}
              plan={live && live.analysis.sheet === sheet ? live.plan : null}
              overrides={overrides}
              busy={busy}
              done={liveDone && liveDone.plan.sheet === sheet ? liveDone : null}
              undone={undone}
              onOverrides={setOverrides}
              onApply={onApply}
              onUndo={onUndo}
              onSelectCell={(name, row, col) => void select({ sheet: name, row, col, rows: 1, cols: 1 })}
              onGoTo={goTo}
            />
          )}
          {view === "region" && (
            <RegionPanel
              data={table?.data ?? null}
              sheet={read?.sheet ?? sheet}
              truncated={table?.truncated ?? false}
              reading={reading && !table}
              busy={busy}
              run={run}
              onSelect={(r) => void select(r)}
              onGoTo={goTo}
              written={regionWritten}
              onWritten={setRegionWritten}
            />
          )}
          {view === "functions" && <FunctionsPanel />}
        </main>
      </Pane.Provider>
    </FluentProvider>
  );
}
