/** Small pieces the pane's views share. */
import { createContext, useContext } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { Binding } from "../../core/rights";
import type { Locale } from "../../i18n/locale";
import { ui, uiText, type UiKey, type UiText } from "../../i18n/ui";
import type { WorkbookHost } from "../host/types";

export interface PaneContext {
  readonly host: WorkbookHost;
  readonly locale: Locale;
  readonly t: UiText;
  /** A string with placeholders filled. */
  readonly f: (key: UiKey, params?: Readonly<Record<string, string | number>>) => string;
}

export const Pane = createContext<PaneContext | null>(null);

export function usePane(): PaneContext {
  const p = useContext(Pane);
  if (!p) throw new Error("usePane outside the pane");
  return p;
}

export function paneContext(host: WorkbookHost, locale: Locale): PaneContext {
  return { host, locale, t: uiText(locale), f: (key, params) => ui(locale, key, params) };
}

export const BINDS_KEY: Record<Binding, UiKey> = {
  eia: "bindsEia",
  performance: "bindsPerformance",
  equal: "bindsEqual",
  "no-eia": "bindsNoEia",
  absent: "bindsAbsent",
};

export const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "8px" },
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  num: { textAlign: "right", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
  strong: { fontWeight: tokens.fontWeightSemibold },
  diff: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  table: {
    width: "100%",
    tableLayout: "auto",
    // Narrow panes (Excel's default is about 320 px): tighter cells.
    "& td, & th": { paddingLeft: "4px", paddingRight: "4px" },
  },
  /** Scrolls sideways rather than cutting a table off in a very narrow pane. */
  scroll: { overflowX: "auto", maxWidth: "100%" },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "8px 10px",
    display: "flex",
    flexDirection: "column",
    gap: "6px",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  list: { margin: 0, paddingLeft: "18px" },
  /** A badge whose text may wrap in a narrow pane. */
  badge: { whiteSpace: "normal", height: "auto", minHeight: "16px", textAlign: "center", lineHeight: tokens.lineHeightBase100 },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: "break-all" },
});

/** An error's text for the user. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
