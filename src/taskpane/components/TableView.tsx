/**
 * The whole-table comparison (the paper's Table 5 for every plant of the sheet, with a bar chart; a plant's
 * name selects its cells) and the action that inserts the comparison as a sheet of ER formulas, in the
 * view's footer, which stays on screen.
 */
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  mergeClasses,
} from "@fluentui/react-components";
import type { Inserted, KeptReason, TableView as TableData } from "../actions";
import { formatTonnes, problemText, type GroupResult } from "../model/compare";
import { groupName, plantName, pollutantName } from "../model/plan";
import { BarChart } from "./BarChart";
import { KEPT_KEY } from "./LiveView";
import { usePane, useStyles } from "./common";

export interface InsertState extends Inserted {
  /** The sheet the comparison was made from. */
  readonly source: string;
  readonly removed?: boolean;
  /** Why "Remove" left the sheet in place. */
  readonly kept?: { reason: KeptReason; where?: string };
}

export function TablePanel({
  data,
  sheet,
  reading,
  busy,
  inserted,
  onSelectPlant,
  onInsert,
  onRemoveInserted,
  onGoTo,
}: {
  data: TableData | null;
  sheet: string | null;
  reading: boolean;
  busy: boolean;
  inserted: InsertState | null;
  onSelectPlant: (plant: string) => void;
  onInsert: () => void;
  onRemoveInserted: () => void;
  onGoTo: (sheet: string) => void;
}) {
  const { t, f, locale } = usePane();
  const s = useStyles();
  if (!data) {
    return reading ? (
      <div className={s.row} role="status">
        <Spinner size="extra-tiny" /> {f("readingSheet", { sheet: sheet ?? "" })}
      </div>
    ) : null;
  }
  const complete = data.results.filter((r) => r.phased !== undefined && r.total && r.difference !== undefined);
  const problems = data.results.filter((r) => r.problem);
  const pollutants = [...new Set(complete.map((r) => r.group.pollutant))];
  // A sheet of results only (the paper's Table 5, or a comparison sheet the pane inserted).
  const resultsOnly = data.analysis.groups.some((g) => g.phases.length === 0 && (g.totals.phased || g.totals.totalMethod || g.totals.difference));
  return (
    <div className={s.section}>
      <Subtitle2 as="h2">{t.tableHeading}</Subtitle2>
      <Caption1>{f("tableHelp", { sheet: data.sheet })}</Caption1>
      {data.truncated && (
        <MessageBar intent="warning">
          <MessageBarBody>{f("tooLarge", { sheet: data.sheet, rows: data.analysis.region.rows })}</MessageBarBody>
        </MessageBar>
      )}
      {complete.length === 0 && problems.length === 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{f(resultsOnly ? "resultsOnly" : "noTable", { sheet: data.sheet })}</MessageBarBody>
        </MessageBar>
      )}
      {problems.map((r) => (
        <MessageBar key={`${r.group.plant}\u0000${r.group.pollutant}`} intent="error">
          <MessageBarBody>{f("groupProblem", { group: groupName(r.group, locale), message: problemText(locale, r.problem!) })}</MessageBarBody>
        </MessageBar>
      ))}
      {pollutants.map((pol) => {
        const rows = complete.filter((r) => r.group.pollutant === pol);
        const pname = pollutantName(pol, locale);
        return (
          <section key={pol} className={s.card} aria-label={pname}>
            <Subtitle2 as="h3">{pname}</Subtitle2>
            <Table size="extra-small" aria-label={`${pname} · ${t.tableHeading}`} className={s.table} data-pollutant={pol}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t.colPlant}</TableHeaderCell>
                  <TableHeaderCell className={s.num}>{t.colPhased}</TableHeaderCell>
                  <TableHeaderCell className={s.num}>{t.colTotal}</TableHeaderCell>
                  <TableHeaderCell className={s.num}>{t.colDifference}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r: GroupResult) => (
                  <TableRow key={r.group.plant}>
                    <TableCell>
                      <Button size="small" appearance="transparent" onClick={() => onSelectPlant(r.group.plant)} aria-label={f("selectPlant", { plant: plantName(r.group.plant, locale) })} style={{ padding: 0, minWidth: 0, justifyContent: "flex-start" }}>
                        {plantName(r.group.plant, locale)}
                      </Button>
                    </TableCell>
                    <TableCell className={mergeClasses(s.num, s.strong)}>{formatTonnes(r.phased)}</TableCell>
                    <TableCell className={s.num}>{formatTonnes(r.total?.right)}</TableCell>
                    <TableCell className={mergeClasses(s.num, (r.difference ?? 0) > 0 ? s.diff : undefined)}>{formatTonnes(r.difference)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <BarChart
              title={f("chartTitle", { pollutant: pname })}
              pollutant={pname}
              bars={rows.map((r) => ({ plant: r.group.plant, label: plantName(r.group.plant, locale), phased: r.phased ?? 0, total: r.total?.right ?? 0 }))}
              onPick={onSelectPlant}
            />
          </section>
        );
      })}
      {complete.length > 0 && <Caption1 className={s.muted}>{t.recommended}</Caption1>}
      {complete.length > 0 && <Caption1>{t.insertHelp}</Caption1>}
      {inserted && (
        <MessageBar intent="success" politeness="polite">
          <MessageBarBody>
            {inserted.removed ? f("removed", { sheet: inserted.sheet }) : f("inserted", { sheet: inserted.sheet, count: inserted.formulas })}
            {inserted.kept && ` ${f(KEPT_KEY[inserted.kept.reason], { sheet: inserted.sheet, where: inserted.kept.where ?? "" })}`}
          </MessageBarBody>
          {!inserted.removed && (
            <MessageBarActions>
              {data.sheet === inserted.sheet ? (
                <Button size="small" onClick={() => onGoTo(inserted.source)}>
                  {f("backToSheet", { sheet: inserted.source })}
                </Button>
              ) : (
                <Button size="small" onClick={() => onGoTo(inserted.sheet)}>
                  {f("goToSheet", { sheet: inserted.sheet })}
                </Button>
              )}
              <Button size="small" onClick={onRemoveInserted} disabled={busy}>
                {t.removeSheet}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {complete.length > 0 && (
        <div className={s.footer}>
          <div className={s.row}>
            <Button appearance="primary" onClick={onInsert} disabled={busy}>
              {t.insertComparison}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
