/**
 * Issue 13: the Region view. On a table of permit holders (holders in rows or in columns, Chinese or English
 * headers), per pollutant: the regional total of permitted emission (ER.REGIONAL_TOTAL), the change of actual
 * emission from last year (ER.ANNUAL_CHANGE), the holders over their permit (ER.PERMIT_MARGIN < 0, each a
 * button that selects its cells) and a bar chart of permitted against actual emission; the mapping of the
 * headers, correctable; and "Allocate a cut": target in t/a or %, method, weights, decimals, a preview of the
 * new permits (ER.ALLOCATE_CUT), and a new sheet of live formulas, removable again.
 *
 * Laid out for Excel's narrow pane first (320-350 px): fields stacked, tables of at most three columns with
 * no fixed widths, long names wrapping; nothing scrolls sideways.
 */
import { useEffect, useMemo, useState } from "react";
import {
  Button,
  Caption1,
  Spinner,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import type { CutMethod } from "../../core/region";
import { removeComparison } from "../actions";
import type { RangeData, RangeRef } from "../host/types";
import { formatTonnes } from "../model/compare";
import { plantName, pollutantName } from "../model/plan";
import { analyzeRegion, previewCut, regionProblemText, REGION_ROLES, roleName, summarize, weightRoles, type CutRequest, type PollutantSummary, type RegionAnalysis, type RegionOverrides, type RegionRole } from "../model/region";
import { writeCut, type CutWritten } from "../region-actions";
import { BarChart } from "./BarChart";
import { KEPT_KEY } from "./LiveView";
import { usePane, useStyles } from "./common";

const useRegionStyles = makeStyles({
  facts: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) auto", columnGap: "8px", rowGap: "2px", margin: 0 },
  fact: { margin: 0, minWidth: 0, overflowWrap: "anywhere" },
  value: { margin: 0, textAlign: "right", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap", fontWeight: tokens.fontWeightSemibold },
  over: { color: tokens.colorPaletteRedForeground1 },
  h4: { margin: 0 },
  overList: { margin: 0, paddingLeft: 0, listStyle: "none", display: "flex", flexDirection: "column", gap: "2px" },
  overButton: {
    padding: "2px 6px",
    minWidth: 0,
    height: "auto",
    justifyContent: "flex-start",
    textAlign: "left",
    whiteSpace: "normal",
    overflowWrap: "anywhere",
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground1,
    ":hover": { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground1 },
  },
  mapping: { display: "flex", flexDirection: "column", gap: "6px" },
  name: { overflowWrap: "anywhere" },
  wrapTable: { width: "100%", tableLayout: "auto", "& td, & th": { paddingLeft: "4px", paddingRight: "4px" } },
  full: { width: "100%", minWidth: 0 },
});

const METHODS: readonly CutMethod[] = ["proportional", "weighted", "history"];

export function RegionPanel({
  data,
  sheet,
  truncated,
  reading,
  busy,
  run,
  onSelect,
  onGoTo,
  written,
  onWritten,
}: {
  /** The active sheet's used range, as the pane read it for every view (null: nothing read yet, or empty). */
  data: RangeData | null;
  sheet: string | null;
  truncated: boolean;
  reading: boolean;
  busy: boolean;
  /** Runs an action with the pane's busy state and error reporting. */
  run: (action: () => Promise<void>) => Promise<void>;
  onSelect: (r: RangeRef) => void;
  onGoTo: (sheet: string) => void;
  written: CutWritten | null;
  onWritten: (w: CutWritten | null) => void;
}) {
  const { t, f, locale } = usePane();
  const s = useStyles();
  const r = useRegionStyles();
  const [overrides, setOverrides] = useState<RegionOverrides>({});
  useEffect(() => setOverrides({}), [sheet]);
  const region = useMemo(() => (data ? analyzeRegion(data, overrides) : null), [data, overrides]);
  const summaries = useMemo(() => (region ? summarize(region) : []), [region]);
  const name = data?.sheet ?? sheet ?? "";
  if (!region && reading) {
    return (
      <div className={s.row} role="status">
        <Spinner size="extra-tiny" /> {f("readingSheet", { sheet: name })}
      </div>
    );
  }
  return (
    <div className={s.section}>
      <Subtitle2 as="h2">{t.regionHeading}</Subtitle2>
      <Caption1>{f("regionHelp", { sheet: name })}</Caption1>
      {truncated && region && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{f("tooLarge", { sheet: name, rows: region.analysis.region.rows })}</MessageBarBody>
        </MessageBar>
      )}
      {written && <Written written={written} sheet={name} busy={busy} run={run} onGoTo={onGoTo} onWritten={onWritten} />}
      {summaries.length === 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{f("regionNoTable", { sheet: name })}</MessageBarBody>
        </MessageBar>
      )}
      {region &&
        summaries.map((sum) => <PollutantCard key={sum.pollutant} summary={sum} years={region.years} onSelect={onSelect} />)}
      {region && region.lines.length > 0 && (
        <section className={s.card} aria-label={t.regionMapping}>
          <Subtitle2 as="h3">{t.regionMapping}</Subtitle2>
          <Caption1>{t.regionMappingHelp}</Caption1>
          <div className={r.mapping}>
            {region.lines.map((line) => (
              <Field key={line.key} size="small" label={f("regionMappingSelect", { header: line.text, at: line.at })}>
                <Select
                  size="small"
                  value={line.role}
                  onChange={(_, d) => setOverrides({ roles: { ...overrides.roles, [line.key]: d.value as RegionRole | "ignore" } })}
                  disabled={busy}
                >
                  {REGION_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {roleName(role, locale)}
                    </option>
                  ))}
                </Select>
              </Field>
            ))}
          </div>
        </section>
      )}
      {region && summaries.length > 0 && <CutForm key={name} region={region} summaries={summaries} busy={busy} run={run} onWritten={onWritten} />}
    </div>
  );
}

function signed(n: number | null): string {
  if (n === null) return "—";
  const v = formatTonnes(n);
  return n > 0 ? `+${v}` : v;
}

function PollutantCard({ summary, years, onSelect }: { summary: PollutantSummary; years: { actual?: number; last?: number }; onSelect: (r: RangeRef) => void }) {
  const { t, f, locale } = usePane();
  const s = useStyles();
  const r = useRegionStyles();
  const pname = pollutantName(summary.pollutant, locale);
  const withPermit = summary.holders.filter((h) => h.permitted && "amount" in h.permitted).length;
  const missing = summary.holders.filter((h) => (h.actual === null) !== (h.last === null)).length;
  const bars = summary.holders
    .filter((h) => h.permitted && "amount" in h.permitted && h.actual !== null)
    .map((h) => ({ plant: h.row.name, label: plantName(h.row.name, locale), phased: (h.permitted as { amount: number }).amount, total: h.actual as number }));
  const pick = (name: string) => {
    const h = summary.holders.find((x) => x.row.name === name);
    if (h) onSelect(h.row.range);
  };
  return (
    <section className={s.card} aria-label={pname} data-pollutant={summary.pollutant}>
      <Subtitle2 as="h3">{pname}</Subtitle2>
      <dl className={r.facts} aria-label={`${pname} · ${t.regionHeading}`}>
        <dt className={r.fact}>{t.regionTotal}</dt>
        <dd className={r.value} data-fact="permitted">
          {formatTonnes(summary.permitted)}
        </dd>
        <dt className={r.fact}>{years.actual ? f("regionActualYear", { year: years.actual }) : t.regionActualThis}</dt>
        <dd className={r.value} data-fact="actual">
          {formatTonnes(summary.actual)}
        </dd>
        <dt className={r.fact}>{years.last ? f("regionActualYear", { year: years.last }) : t.regionActualLast}</dt>
        <dd className={r.value} data-fact="last">
          {formatTonnes(summary.last)}
        </dd>
        <dt className={r.fact}>{t.regionChange}</dt>
        <dd className={r.value} data-fact="change">
          {signed(summary.change)}
        </dd>
      </dl>
      <Caption1 className={s.muted}>
        {f("regionHolders", { count: withPermit })}
        {missing > 0 ? ` · ${f("regionChangeNote", { count: missing })}` : ""}
      </Caption1>
      {summary.problems.length > 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            {t.regionProblems}: {summary.problems.map((p) => regionProblemText(locale, p)).join(" ")}
          </MessageBarBody>
        </MessageBar>
      )}
      <Subtitle2 as="h4" className={mergeClasses(r.h4, summary.over.length > 0 ? r.over : undefined)}>
        {t.regionOver}
      </Subtitle2>
      {summary.over.length === 0 ? (
        <Caption1>{t.regionOverNone}</Caption1>
      ) : (
        <ul className={r.overList} aria-label={`${pname} · ${t.regionOver}`}>
          {summary.over.map((h) => {
            const name = plantName(h.row.name, locale);
            const text = f("regionOverItem", { holder: name, actual: formatTonnes(h.actual), permitted: formatTonnes(h.permitted && "amount" in h.permitted ? h.permitted.amount : null), margin: formatTonnes(h.margin) });
            return (
              <li key={h.row.name}>
                <Button size="small" appearance="subtle" className={r.overButton} onClick={() => onSelect(h.row.range)} aria-label={`${text}. ${f("regionSelect", { holder: name })}`} data-holder={h.row.name}>
                  {text}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {bars.length > 0 && (
        <BarChart
          title={f("regionChartTitle", { pollutant: pname })}
          pollutant={pname}
          bars={bars}
          onPick={pick}
          legend={[t.regionLegendPermitted, t.regionLegendActual]}
          describe={(b) => f("regionBarLabel", { plant: b.label, pollutant: pname, phased: formatTonnes(b.phased), total: formatTonnes(b.total) })}
        />
      )}
    </section>
  );
}

function CutForm({
  region,
  summaries,
  busy,
  run,
  onWritten,
}: {
  region: RegionAnalysis;
  summaries: readonly PollutantSummary[];
  busy: boolean;
  run: (a: () => Promise<void>) => Promise<void>;
  onWritten: (w: CutWritten) => void;
}) {
  const { host, t, f, locale } = usePane();
  const s = useStyles();
  const r = useRegionStyles();
  const [pollutant, setPollutant] = useState(summaries[0].pollutant);
  const [kind, setKind] = useState<"tonnes" | "percent">("percent");
  const [value, setValue] = useState("10");
  const [method, setMethod] = useState<CutMethod>("proportional");
  const [weights, setWeights] = useState<RegionRole | undefined>(undefined);
  const [decimals, setDecimals] = useState("2");
  const summary = summaries.find((x) => x.pollutant === pollutant) ?? summaries[0];
  const roles = weightRoles(summary);
  // The weights column a method reads by default: contributions for "weighted", past emissions for "history".
  const weightsRole = weights && roles.includes(weights) ? weights : method === "weighted" ? (roles.find((x) => x === "weight") ?? roles[0]) : (roles.find((x) => x === "history") ?? roles.find((x) => x === "actual") ?? roles[0]);
  const places = Number(decimals);
  const request: CutRequest = { pollutant: summary.pollutant, kind, value, method, weights: method === "proportional" ? undefined : weightsRole, decimals: Number.isInteger(places) ? places : NaN };
  const preview = useMemo(() => (method !== "proportional" && !weightsRole ? null : previewCut(summary, request)), [summary, kind, value, method, weightsRole, decimals]);
  const ok = preview !== null && !("problem" in preview);
  const write = () =>
    run(async () => {
      const w = await writeCut(host, region, summary, request, locale);
      onWritten(w);
    });
  const methodLabel: Record<CutMethod, string> = { proportional: t.cutMethodProportional, weighted: t.cutMethodWeighted, history: t.cutMethodHistory };
  return (
    <section className={s.card} aria-label={t.cutHeading}>
      <Subtitle2 as="h3">{t.cutHeading}</Subtitle2>
      <Caption1>{t.cutHelp}</Caption1>
      {summaries.length > 1 && (
        <Field label={t.cutPollutant} size="small">
          <Select size="small" value={summary.pollutant} onChange={(_, d) => setPollutant(d.value)}>
            {summaries.map((x) => (
              <option key={x.pollutant} value={x.pollutant}>
                {pollutantName(x.pollutant, locale)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label={t.cutTargetKind} size="small">
        <RadioGroup layout="horizontal" value={kind} onChange={(_, d) => setKind(d.value as "tonnes" | "percent")} aria-label={t.cutTargetKind}>
          <Radio value="percent" label={t.cutPercent} />
          <Radio value="tonnes" label={t.cutTonnes} />
        </RadioGroup>
      </Field>
      <Field label={`${t.cutTargetValue} (${kind === "percent" ? t.cutPercent : t.cutTonnes})`} size="small">
        <Input size="small" className={r.full} value={value} inputMode="decimal" onChange={(_, d) => setValue(d.value)} contentAfter={kind === "percent" ? "%" : "t/a"} />
      </Field>
      <Field label={t.cutMethod} size="small">
        <Select size="small" value={method} onChange={(_, d) => setMethod(d.value as CutMethod)}>
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {methodLabel[m]}
            </option>
          ))}
        </Select>
      </Field>
      {method !== "proportional" &&
        (roles.length > 0 ? (
          <Field label={t.cutWeights} size="small">
            <Select size="small" value={weightsRole} onChange={(_, d) => setWeights(d.value as RegionRole)}>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {roleName(role, locale)}
                </option>
              ))}
            </Select>
          </Field>
        ) : (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{t.cutNoWeights}</MessageBarBody>
          </MessageBar>
        ))}
      <Field label={t.cutDecimals} size="small">
        <Input size="small" className={r.full} type="number" min={0} max={6} step={1} value={decimals} onChange={(_, d) => setDecimals(d.value)} />
      </Field>
      {preview && "problem" in preview && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{regionProblemText(locale, preview.problem)}</MessageBarBody>
        </MessageBar>
      )}
      {preview && !("problem" in preview) && (
        <>
          <Caption1 role="status">{f("cutTargetIs", { target: formatTonnes(preview.target), total: formatTonnes(preview.total) })}</Caption1>
          <Table size="extra-small" aria-label={`${pollutantName(summary.pollutant, locale)} · ${t.cutPreview}`} className={r.wrapTable}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t.regionHolder}</TableHeaderCell>
                <TableHeaderCell className={s.num}>{t.cutNow}</TableHeaderCell>
                <TableHeaderCell className={s.num}>{t.cutNew}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {summary.holders.map((h, i) => {
                const now = h.permitted ? ("amount" in h.permitted ? formatTonnes(h.permitted.amount) : h.permitted.mark || "—") : "—";
                const next = preview.results[i];
                return (
                  <TableRow key={h.row.name}>
                    <TableCell className={r.name}>{plantName(h.row.name, locale)}</TableCell>
                    <TableCell className={s.num}>{now}</TableCell>
                    <TableCell className={mergeClasses(s.num, s.strong)}>{typeof next === "number" ? formatTonnes(next) : next || "—"}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </>
      )}
      <div className={s.footer}>
        <div className={s.row}>
          <Button appearance="primary" onClick={() => void write()} disabled={busy || !ok}>
            {t.cutWrite}
          </Button>
        </div>
      </div>
    </section>
  );
}

function Written({
  written,
  sheet,
  busy,
  run,
  onGoTo,
  onWritten,
}: {
  written: CutWritten;
  sheet: string;
  busy: boolean;
  run: (a: () => Promise<void>) => Promise<void>;
  onGoTo: (sheet: string) => void;
  onWritten: (w: CutWritten | null) => void;
}) {
  const { host, t, f, locale } = usePane();
  // The pane's own removal of a sheet it added: kept when edited since or referred to.
  const remove = () =>
    run(async () => {
      const r = await removeComparison(host, written);
      onWritten({ ...written, removed: r.removed, kept: r.kept });
    });
  const text = [written.removed ? f("removed", { sheet: written.sheet }) : f("cutWritten", { sheet: written.sheet, at: written.at })];
  if (written.kept) text.push(f(KEPT_KEY[written.kept.reason], { sheet: written.sheet, where: written.kept.where ?? "" }));
  return (
    <MessageBar intent={written.kept ? "warning" : "success"} politeness="polite" layout="multiline">
      <MessageBarBody>{text.join(locale === "zh-CN" ? "" : " ")}</MessageBarBody>
      {!written.removed && (
        <MessageBarActions>
          {sheet === written.sheet ? (
            <Button size="small" onClick={() => onGoTo(written.source)}>
              {f("backToSheet", { sheet: written.source })}
            </Button>
          ) : (
            <Button size="small" onClick={() => onGoTo(written.sheet)}>
              {f("goToSheet", { sheet: written.sheet })}
            </Button>
          )}
          <Button size="small" onClick={() => void remove()} disabled={busy}>
            {t.removeSheet}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
