/** Issue 5, item 1: the comparison of the selected cells, per pollutant and per phase. It follows the selection. */
import {
  Badge,
  Body1,
  Caption1,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  mergeClasses,
} from "@fluentui/react-components";
import type { Binding } from "../../core/rights";
import type { SelectionView as SelectionData } from "../actions";
import { formatCell } from "../../sheet/address";
import { displayAddress, rangeAddress } from "../../sheet/rect";
import { formatTonnes, problemText, type GroupResult } from "../model/compare";
import { groupName } from "../model/plan";
import { phaseName } from "../../i18n/ui";
import { BINDS_KEY, usePane, useStyles } from "./common";

const MAX_GROUPS = 8;

const BADGE_COLOR: Record<Binding, "brand" | "informative" | "subtle" | "warning" | "success"> = {
  eia: "brand",
  performance: "success",
  equal: "informative",
  "no-eia": "warning",
  absent: "subtle",
};

function GroupCard({ r }: { r: GroupResult }) {
  const { t, f, locale } = usePane();
  const s = useStyles();
  const name = groupName(r.group, locale);
  const headingId = `sel-${r.group.plant}-${r.group.pollutant}`.replace(/[^\w-]/g, "_");
  return (
    <section className={s.card} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId}>
        {name}
      </Subtitle2>
      {r.problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problemText(locale, r.problem)}</MessageBarBody>
        </MessageBar>
      )}
      {r.incomplete && !r.problem && (
        <MessageBar intent="info">
          <MessageBarBody>{f(r.incomplete === "eia" ? "incompleteEia" : "incompletePerformance", { group: name })}</MessageBarBody>
        </MessageBar>
      )}
      {r.phases.length > 0 && (
        <Table size="extra-small" aria-label={name} className={s.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t.colPhase}</TableHeaderCell>
              <TableHeaderCell className={s.num}>{t.colEia}</TableHeaderCell>
              <TableHeaderCell className={s.num}>{t.colPerformance}</TableHeaderCell>
              <TableHeaderCell className={s.num}>{t.colRight}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {r.phases.map((p) => (
              <TableRow key={p.phase}>
                <TableCell aria-label={phaseName(locale, p.phase)}>{p.phase}</TableCell>
                <TableCell className={s.num}>{formatTonnes(p.eia)}</TableCell>
                <TableCell className={s.num}>{formatTonnes(p.performance)}</TableCell>
                <TableCell className={s.num}>
                  <span className={s.strong}>{formatTonnes(p.right)}</span>
                  <br />
                  <Badge appearance="tint" color={BADGE_COLOR[p.binds]} size="small" className={s.badge} aria-label={`${t.colBinds}: ${t[BINDS_KEY[p.binds]]}`}>
                    {t[BINDS_KEY[p.binds]]}
                  </Badge>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {r.phased !== undefined && r.total && r.difference !== undefined && (
        <>
          <Table size="extra-small" aria-label={`${name}: ${t.phasedTotal}, ${t.totalTotal}`} className={s.table}>
            <TableBody>
              <TableRow>
                <TableCell className={s.strong}>{t.phasedTotal}</TableCell>
                <TableCell className={mergeClasses(s.num, s.strong)}>
                  {formatTonnes(r.phased)} {t.unit}
                </TableCell>
              </TableRow>
              <TableRow>
                <TableCell>{t.totalTotal}</TableCell>
                <TableCell className={s.num}>
                  {formatTonnes(r.total.right)} {t.unit}
                </TableCell>
              </TableRow>
              <TableRow>
                <TableCell>{t.difference}</TableCell>
                <TableCell className={mergeClasses(s.num, r.difference > 0 ? s.diff : undefined)}>
                  {formatTonnes(r.difference)} {t.unit}
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
          <Caption1>
            {r.difference > 0 ? f("moreByTotal", { amount: formatTonnes(r.difference) }) : t.sameByBoth}
            {r.total.binds === "no-eia" ? ` ${t.totalNoEia}` : ""}
          </Caption1>
        </>
      )}
      {r.empties.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>{f("emptySelection", { count: r.empties.length, cells: r.empties.map((e) => formatCell(e.row, e.col)).join(", ") })}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

export function SelectionPanel({ data }: { data: SelectionData | null }) {
  const { t, f } = usePane();
  const s = useStyles();
  if (!data) return null;
  const shown = data.results.slice(0, MAX_GROUPS);
  const any = data.results.some((r) => r.phases.length > 0 || r.problem || r.incomplete);
  return (
    <div className={s.section}>
      <Subtitle2 as="h2">{t.selectionHeading}</Subtitle2>
      <Caption1>{t.selectionHelp}</Caption1>
      <Body1 aria-live="polite">
        {data.selection.areas.length > 1
          ? f("selectionAreas", { address: `${data.selection.sheet}!${data.selection.areas.map((a) => rangeAddress(a)).join(",")}`, count: data.selection.areas.length })
          : f("selectionAt", { address: displayAddress(data.selection.areas[0] ?? { sheet: data.selection.sheet, row: 0, col: 0, rows: 1, cols: 1 }) })}
      </Body1>
      {data.truncated && (
        <MessageBar intent="warning">
          <MessageBarBody>{t.selectionTruncated}</MessageBarBody>
        </MessageBar>
      )}
      {!any && (
        <MessageBar intent="info">
          <MessageBarBody>{t.noFigures}</MessageBarBody>
        </MessageBar>
      )}
      {data.byPosition && any && <Caption1 className={s.muted}>{t.byPosition}</Caption1>}
      {shown.map((r) => (
        <GroupCard key={`${r.group.plant}\u0000${r.group.pollutant}`} r={r} />
      ))}
      {data.results.length > MAX_GROUPS && <Caption1>{f("moreGroups", { count: data.results.length - MAX_GROUPS })}</Caption1>}
      {any && <Caption1 className={s.muted}>{t.recommended}</Caption1>}
    </div>
  );
}
