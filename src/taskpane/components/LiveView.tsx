/**
 * Issue 5, item 4: make a static table live. The pane proposes what each header's row or column holds; the
 * user confirms or corrects it; the pane writes ER formulas in place of the computed numbers, after copying
 * the old numbers to an audit sheet; Undo puts them back.
 */
import {
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import type { UiKey } from "../../i18n/ui";
import type { KeptReason, LiveDone, UndoDone } from "../actions";
import { cellAddress, columnLetters } from "../model/a1";
import { formatTonnes } from "../model/compare";
import { ROLES, type Role } from "../model/labels";
import type { LivePlan } from "../model/plan";
import type { Analysis, HeaderLine, Overrides } from "../model/table";
import { usePane, useStyles } from "./common";

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

const PREVIEW_CELLS = 8;

function where(line: HeaderLine, f: ReturnType<typeof usePane>["f"]): string {
  const list = (xs: number[]) => {
    const uniq = [...new Set(xs)].sort((a, b) => a - b);
    return uniq.length > 4 ? `${uniq.slice(0, 3).join(", ")} … ${uniq[uniq.length - 1]}` : uniq.join(", ");
  };
  return line.axis === "row"
    ? f("whereRows", { list: list(line.cells.map((c) => c.row + 1)) })
    : f("whereColumns", { list: list(line.cells.map((c) => c.col)).replace(/\d+/g, (d) => columnLetters(Number(d))) });
}

/** What Undo did: the numbers put back, the cells it refused and why, the sheets removed or kept and why. */
function UndoResult({ undone }: { undone: UndoDone }) {
  const { f } = usePane();
  const deleted = undone.refused.filter((r) => r.reason === "deleted").map((r) => r.cell);
  const changed = undone.refused.filter((r) => r.reason === "changed").map((r) => r.cell);
  const warn = undone.refused.length > 0 || undone.keptSheets.length > 0;
  return (
    <MessageBar intent={warn ? "warning" : "success"} politeness="polite" layout="multiline">
      <MessageBarBody>
        {f("undone", { count: undone.restored, sheets: undone.removedSheets.join(", ") || "—" })}
        {deleted.length > 0 && ` ${f("undoDeleted", { count: deleted.length, cells: deleted.join(", ") })}`}
        {changed.length > 0 && ` ${f("undoChanged", { count: changed.length, cells: changed.join(", ") })}`}
        {undone.keptSheets.map((k) => ` ${f(KEPT_KEY[k.reason], { sheet: k.sheet, where: k.where ?? "" })}`).join("")}
      </MessageBarBody>
    </MessageBar>
  );
}

export const KEPT_KEY: Record<KeptReason, UiKey> = { edited: "keptEdited", referenced: "keptReferenced", unchecked: "keptUnchecked" };

function expectedText(e: LivePlan["cells"][number]["expected"]): string {
  if (e === null) return "-";
  if (typeof e === "number") return formatTonnes(e);
  return e.error;
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
  const { t, f } = usePane();
  const s = useStyles();
  const setRole = (key: string, role: Role | "ignore") => onOverrides({ ...overrides, roles: { ...overrides.roles, [key]: role } });
  const differing = done ? done.plan.cells.filter((c) => c.differs) : [];
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
          <Table size="extra-small" aria-label={t.differHeading} className={s.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t.auditCell}</TableHeaderCell>
                <TableHeaderCell>{t.auditItem}</TableHeaderCell>
                <TableHeaderCell className={s.num}>{t.auditOld}</TableHeaderCell>
                <TableHeaderCell className={s.num}>{t.auditLive}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {differing.map((c) => (
                <TableRow key={`${c.row},${c.col}`}>
                  <TableCell>
                    <Button size="small" appearance="transparent" style={{ padding: 0, minWidth: 0 }} onClick={() => onSelectCell(c.sheet, c.row, c.col)} aria-label={f("selectCells", { cells: cellAddress(c.row, c.col) })}>
                      {cellAddress(c.row, c.col)}
                    </Button>
                  </TableCell>
                  <TableCell>{c.item}</TableCell>
                  <TableCell className={s.num}>{c.old.value === null ? "" : typeof c.old.value === "object" ? c.old.value.error : String(c.old.value)}</TableCell>
                  <TableCell className={s.num}>{expectedText(c.expected)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      )}
      {undone && <UndoResult undone={undone} />}

      {!done && analysis && (
        <>
          {analysis.lines.length > 0 && (
            <section className={s.card} aria-label={t.mappingHeading}>
              <Subtitle2 as="h3">{t.mappingHeading}</Subtitle2>
              <Table size="extra-small" aria-label={t.mappingHeading} className={s.table}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t.mappingHeader}</TableHeaderCell>
                    <TableHeaderCell>{t.mappingWhere}</TableHeaderCell>
                    <TableHeaderCell>{t.mappingRole}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {analysis.lines.map((line) => (
                    <TableRow key={line.key}>
                      <TableCell>{line.text}</TableCell>
                      <TableCell>
                        <Caption1>{where(line, f)}</Caption1>
                      </TableCell>
                      <TableCell>
                        <Select
                          size="small"
                          value={line.role ?? "ignore"}
                          aria-label={`${t.mappingRole}: ${line.text}`}
                          onChange={(_, d) => setRole(line.key, d.value as Role | "ignore")}
                          disabled={busy}
                        >
                          {[...ROLES, "ignore" as const].map((r) => (
                            <option key={r} value={r}>
                              {t[ROLE_KEY[r]]}
                            </option>
                          ))}
                        </Select>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
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
            <section className={s.card} aria-label={f("planSummary", { count: plan.cells.length })}>
              <Caption1 className={s.strong}>{f("planSummary", { count: plan.cells.length })}</Caption1>
              <ul className={s.list}>
                {plan.cells.slice(0, PREVIEW_CELLS).map((c) => (
                  <li key={`${c.row},${c.col}`}>
                    <Caption1>
                      {cellAddress(c.row, c.col)} · {c.item}: <span className={s.code}>{c.formula}</span> → {expectedText(c.expected)}
                      {c.differs ? " ≠" : ""}
                    </Caption1>
                  </li>
                ))}
              </ul>
              {plan.cells.length > PREVIEW_CELLS && <Caption1>{f("planMore", { count: plan.cells.length - PREVIEW_CELLS })}</Caption1>}
              {plan.already > 0 && <Caption1 className={s.muted}>{f("planAlready", { count: plan.already })}</Caption1>}
              {plan.spilled && plan.spilled.length > 0 && <Caption1 className={s.muted}>{f("planSpilled", { count: plan.spilled.length, cells: plan.spilled.map((x) => x.cell).join(", ") })}</Caption1>}
              <div className={s.row}>
                <Button appearance="primary" onClick={onApply} disabled={busy}>
                  {t.apply}
                </Button>
              </div>
            </section>
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
