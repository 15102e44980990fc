/**
 * Make a static table live. The pane proposes what each header's row or column holds; the user confirms or
 * corrects it (one stacked field per header: its text, where it is, what it holds); the pane writes ER
 * formulas in place of the computed numbers, after copying the old numbers to an audit sheet; Undo puts them
 * back. "Write formulas" stays on screen in the view's footer.
 */
import { Button, Caption1, Field, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Select, Subtitle2 } from "@fluentui/react-components";
import { sheetList, type UiKey } from "../../i18n/ui";
import type { KeptReason, LiveDone, UndoDone } from "../actions";
import { formatCell } from "../../sheet/address";
import { formatTonnes } from "../model/compare";
import { ROLES, type Role } from "../model/labels";
import type { LivePlan } from "../model/plan";
import type { Analysis, Overrides } from "../model/table";
import { where } from "../model/where";
import { Formula, usePane, useStyles } from "./common";

export const ROLE_KEY: Record<Role | "ignore", UiKey> = {
  volume: "roleVolume",
  limit: "roleLimit",
  eia: "roleEia",
  performance: "rolePerformance",
  right: "roleRight",
  phased: "rolePhased",
  totalMethod: "roleTotalMethod",
  difference: "roleDifference",
  ignore: "roleIgnore",
};

export const KEPT_KEY: Record<KeptReason, UiKey> = { edited: "keptEdited", referenced: "keptReferenced", unchecked: "keptUnchecked" };

const PREVIEW_CELLS = 8;

function expectedText(e: LivePlan["cells"][number]["expected"]): string {
  if (e === null) return "-";
  if (typeof e === "number") return formatTonnes(e);
  return e.error;
}

function oldText(c: LivePlan["cells"][number]): string {
  const v = c.old.value;
  return v === null ? "" : typeof v === "object" ? v.error : String(v);
}

/** What Undo did: the numbers put back, the cells it refused and why, the sheets removed or kept and why. */
function UndoResult({ undone }: { undone: UndoDone }) {
  const { f, locale } = usePane();
  const deleted = undone.refused.filter((r) => r.reason === "deleted").map((r) => r.cell);
  const changed = undone.refused.filter((r) => r.reason === "changed").map((r) => r.cell);
  const warn = undone.refused.length > 0 || undone.keptSheets.length > 0;
  const parts = [f("undone", { count: undone.restored })];
  if (undone.removedSheets.length > 0) parts.push(f("undoRemoved", { sheets: sheetList(locale, undone.removedSheets), count: undone.removedSheets.length }));
  if (deleted.length > 0) parts.push(f("undoDeleted", { count: deleted.length, cells: deleted.join(", ") }));
  if (changed.length > 0) parts.push(f("undoChanged", { count: changed.length, cells: changed.join(", ") }));
  for (const k of undone.keptSheets) parts.push(f(KEPT_KEY[k.reason], { sheet: k.sheet, where: k.where ?? "" }));
  return (
    <MessageBar intent={warn ? "warning" : "success"} politeness="polite" layout="multiline">
      <MessageBarBody>{parts.join(locale === "zh-CN" ? "" : " ")}</MessageBarBody>
    </MessageBar>
  );
}

export function LivePanel({
  sheet,
  analysis,
  plan,
  overrides,
  busy,
  done,
  undone,
  onOverrides,
  onApply,
  onUndo,
  onSelectCell,
  onGoTo,
}: {
  sheet: string;
  analysis: Analysis | null;
  plan: LivePlan | null;
  overrides: Overrides;
  busy: boolean;
  done: LiveDone | null;
  undone: UndoDone | null;
  onOverrides: (o: Overrides) => void;
  onApply: () => void;
  onUndo: () => void;
  onSelectCell: (sheet: string, row: number, col: number) => void;
  onGoTo: (sheet: string) => void;
}) {
  const { t, f, locale } = usePane();
  const s = useStyles();
  const setRole = (key: string, role: Role | "ignore") => onOverrides({ ...overrides, roles: { ...overrides.roles, [key]: role } });
  const differing = done ? done.plan.cells.filter((c) => c.differs) : [];
  const planDiffers = plan ? plan.cells.filter((c) => c.differs).length : 0;
  const colon = locale === "zh-CN" ? "：" : ":";
  return (
    <div className={s.section}>
      <Subtitle2 as="h2">{t.liveHeading}</Subtitle2>
      <Caption1>{f("liveHelp", { sheet })}</Caption1>

      {done && (
        <MessageBar intent="success" politeness="polite" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{f("applied", { count: done.plan.cells.length, audit: done.auditSheet, differ: differing.length })}</MessageBarTitle>
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => onGoTo(done.auditSheet)}>
              {f("goToSheet", { sheet: done.auditSheet })}
            </Button>
            <Button appearance="primary" size="small" onClick={onUndo} disabled={busy}>
              {t.undo}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {done && differing.length > 0 && (
        <section className={s.card} aria-label={t.differHeading}>
          <Subtitle2 as="h3">{t.differHeading}</Subtitle2>
          <Caption1>{t.trustLive}</Caption1>
          <ul className={s.list} aria-label={t.differHeading}>
            {differing.map((c) => (
              <li key={`${c.row},${c.col}`} data-cell={formatCell(c.row, c.col)}>
                <Button size="small" appearance="transparent" className={s.link} onClick={() => onSelectCell(c.sheet, c.row, c.col)} aria-label={f("selectCells", { cells: formatCell(c.row, c.col) })}>
                  {formatCell(c.row, c.col)}
                </Button>{" "}
                <Caption1>
                  {c.item}
                  {colon} <span className={s.num}>{oldText(c)}</span> → <strong className={s.num}>{expectedText(c.expected)}</strong>
                </Caption1>
              </li>
            ))}
          </ul>
        </section>
      )}
      {undone && <UndoResult undone={undone} />}

      {!done && analysis && (
        <>
          {analysis.lines.length > 0 && (
            <section className={s.card} aria-label={t.mappingHeading}>
              <Subtitle2 as="h3">{t.mappingHeading}</Subtitle2>
              <div className={s.fields} role="list" aria-label={t.mappingHeading}>
                {analysis.lines.map((line) => (
                  <Field key={line.key} role="listitem" size="small" label={line.text} hint={where(line, analysis, locale)} data-header={line.text}>
                    <Select size="small" value={line.role ?? "ignore"} aria-label={`${t.mappingRole}: ${line.text}`} onChange={(_, d) => setRole(line.key, d.value as Role | "ignore")} disabled={busy}>
                      {[...ROLES, "ignore" as const].map((r) => (
                        <option key={r} value={r}>
                          {t[ROLE_KEY[r]]}
                        </option>
                      ))}
                    </Select>
                  </Field>
                ))}
              </div>
              <Field label={t.emissionDefault} size="small">
                <Select size="small" value={analysis.emission ?? "ignore"} onChange={(_, d) => onOverrides({ ...overrides, emission: d.value as "eia" | "performance" | "ignore" })} disabled={busy}>
                  <option value="eia">{t.roleEia}</option>
                  <option value="performance">{t.rolePerformance}</option>
                  <option value="ignore">{t.roleIgnore}</option>
                </Select>
              </Field>
              <Field label={t.totalsMethod} size="small">
                <Select size="small" value={analysis.totalsMethod} onChange={(_, d) => onOverrides({ ...overrides, totalsMethod: d.value as "phased" | "total" })} disabled={busy}>
                  <option value="phased">{t.totalsPhased}</option>
                  <option value="total">{t.totalsTotal}</option>
                </Select>
              </Field>
            </section>
          )}
          {plan && plan.cells.length > 0 ? (
            <>
              <section className={s.card} aria-label={f("planSummary", { count: plan.cells.length })}>
                <Caption1 className={s.strong}>{f("planSummary", { count: plan.cells.length })}</Caption1>
                <ul className={s.list}>
                  {plan.cells.slice(0, PREVIEW_CELLS).map((c) => (
                    <li key={`${c.row},${c.col}`}>
                      <Caption1>
                        {formatCell(c.row, c.col)} · {c.item}
                        {colon} <Formula text={c.formula} /> → {expectedText(c.expected)}
                        {c.differs ? " ≠" : ""}
                      </Caption1>
                    </li>
                  ))}
                </ul>
                {plan.cells.length > PREVIEW_CELLS && <Caption1>{f("planMore", { count: plan.cells.length - PREVIEW_CELLS })}</Caption1>}
                {plan.already > 0 && <Caption1 className={s.muted}>{f("planAlready", { count: plan.already })}</Caption1>}
                {plan.spilled && plan.spilled.length > 0 && <Caption1 className={s.muted}>{f("planSpilled", { count: plan.spilled.length, cells: plan.spilled.map((x) => x.cell).join(", ") })}</Caption1>}
              </section>
              <div className={s.footer}>
                {planDiffers > 0 && <Caption1>{f("planDiffers", { count: planDiffers })}</Caption1>}
                <div className={s.row}>
                  <Button appearance="primary" onClick={onApply} disabled={busy}>
                    {t.apply}
                  </Button>
                </div>
              </div>
            </>
          ) : (
            <MessageBar intent="info">
              <MessageBarBody>
                {t.planNothing}
                {plan && plan.already > 0 ? ` ${f("planAlready", { count: plan.already })}` : ""}
              </MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
    </div>
  );
}
