/**
 * Small pieces the pane's views share. The pane is laid out for Excel's task pane first (320-350 px wide):
 * fields stacked, tables without fixed widths, formulas wrapped only at their operators, the main button of
 * a view in a footer that stays on screen; wider, the same layout simply has more room.
 */
import { Fragment, createContext, useContext } from "react";
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
    // Narrow panes (Excel's default is about 320 px): tighter cells; long words (plant names) may wrap.
    "& td, & th": { paddingLeft: "4px", paddingRight: "4px", overflowWrap: "anywhere" },
  },
  /** The view's main action: stays at the bottom of the pane while the view scrolls. */
  footer: {
    position: "sticky",
    bottom: 0,
    zIndex: 1,
    display: "flex",
    flexDirection: "column",
    gap: "4px",
    padding: "8px 0 10px",
    marginTop: "4px",
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  /** A formula: breaks only between its parts (after an operator or a comma), never inside a name. */
  formula: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: "normal", overflowWrap: "normal", wordBreak: "normal" },
  token: { whiteSpace: "nowrap" },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "8px 10px",
    display: "flex",
    flexDirection: "column",
    gap: "6px",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  list: { margin: 0, paddingLeft: "18px", "& li": { marginBottom: "2px" } },
  /** Fields stacked one under another, each its label, hint and control. */
  fields: { display: "flex", flexDirection: "column", gap: "10px", "& label": { overflowWrap: "anywhere" } },
  /** A button that reads as a link inside text (a cell address). */
  link: { padding: 0, minWidth: 0, height: "auto", verticalAlign: "baseline" },
  /** A badge whose text may wrap in a narrow pane. */
  badge: { whiteSpace: "normal", height: "auto", minHeight: "16px", textAlign: "center", lineHeight: tokens.lineHeightBase100 },
});

/**
 * A formula split after its operators, commas and opening brackets: "=ER.PERFORMANCE_EMISSION(" stays whole
 * and the line may break after it, or after "*", "," and ")" (text in quotes and sheet names stay whole).
 */
export function formulaParts(formula: string): string[] {
  const parts: string[] = [];
  let part = "";
  let quote: string | null = null;
  for (const ch of formula) {
    part += ch;
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if ("(,*+-/&^=<>;".includes(ch) && part.length > 1) {
      parts.push(part);
      part = "";
    }
  }
  if (part) parts.push(part);
  return parts;
}

export function Formula({ text }: { text: string }) {
  const s = useStyles();
  return (
    <code className={s.formula}>
      {formulaParts(text).map((p, i) => (
        <Fragment key={i}>
          <span className={s.token}>{p}</span>
          <wbr />
        </Fragment>
      ))}
    </code>
  );
}

/** An error's text for the user. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
