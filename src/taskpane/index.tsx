/**
 * The side panel in Excel: the App over the Excel workbook (OfficeHost), in Office's display language.
 * Opened outside Excel (taskpane.html in a browser) it says where to try it instead.
 */
import { createRoot } from "react-dom/client";
import { Body1, FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { OfficeHost } from "./host/office";
import { resolveLocale, type Locale } from "../i18n/locale";
import { ui } from "../i18n/ui";

function render(inExcel: boolean, locale: Locale): void {
  const root = document.getElementById("root");
  if (!root) return;
  createRoot(root).render(
    inExcel ? (
      <App host={new OfficeHost()} initialLocale={locale} />
    ) : (
      <FluentProvider theme={webLightTheme} lang={locale}>
        <main style={{ padding: 12 }}>
          <Body1>{ui(locale, "notInExcel")}</Body1>
        </main>
      </FluentProvider>
    ),
  );
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady((info) => render(info.host === Office.HostType.Excel, resolveLocale(Office.context?.displayLanguage ?? navigator.language)));
} else {
  render(false, resolveLocale(navigator.language));
}
