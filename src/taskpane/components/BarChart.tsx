/**
 * Two figures per plant as horizontal bar pairs in plain SVG: the phased against the total comparison, or
 * (with `legend` and `describe`) any other pair, such as a holder's permitted against its actual
 * emission; the second is marked when it is the larger. Each row is a button: clicking it (or Enter /
 * Space on it) selects the plant's cells.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { KeyboardEvent } from "react";
import { formatTonnes } from "../model/compare";
import { usePane } from "./common";

export interface Bar {
  readonly plant: string;
  readonly label: string;
  readonly phased: number;
  readonly total: number;
}

const ROW = 34;
const LABEL = 78;
const WIDTH = 340;
const VALUE = 58;

const useStyles = makeStyles({
  bar: {
    cursor: "pointer",
    outlineStyle: "none",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
    ":hover rect[data-hit]": { fill: tokens.colorNeutralBackground1Hover },
  },
});

export function BarChart({
  title,
  pollutant,
  bars,
  onPick,
  legend,
  describe,
}: {
  title: string;
  pollutant: string;
  bars: readonly Bar[];
  onPick: (plant: string) => void;
  /** The names of the two bars (default: phased, total). */
  legend?: readonly [string, string];
  /** A bar's text for screen readers and its tooltip (default: the phased and total figures). */
  describe?: (b: Bar) => string;
}) {
  const { t, f } = usePane();
  const s = useStyles();
  const max = Math.max(1, ...bars.map((b) => Math.max(b.phased, b.total)));
  const plot = WIDTH - LABEL - VALUE;
  const height = bars.length * ROW + 26;
  const key = (e: KeyboardEvent, plant: string) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onPick(plant);
    }
  };
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, marginBottom: 4 }}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="group" aria-label={title} style={{ display: "block", maxWidth: 520 }}>
        <g aria-hidden="true" fontSize="10" style={{ fill: tokens.colorNeutralForeground2 }}>
          <rect x={LABEL} y={4} width={10} height={10} style={{ fill: tokens.colorBrandBackground }} />
          <text x={LABEL + 14} y={13}>
            {legend?.[0] ?? t.colPhased}
          </text>
          <rect x={LABEL + 90} y={4} width={10} height={10} style={{ fill: tokens.colorPaletteDarkOrangeBackground3 }} />
          <text x={LABEL + 104} y={13}>
            {legend?.[1] ?? t.colTotal}
          </text>
        </g>
        {bars.map((b, i) => {
          const y = 22 + i * ROW;
          const wp = (b.phased / max) * plot;
          const wt = (b.total / max) * plot;
          const label = describe ? describe(b) : f("barLabel", { plant: b.label, pollutant, phased: formatTonnes(b.phased), total: formatTonnes(b.total) });
          return (
            <g
              key={b.plant}
              role="button"
              tabIndex={0}
              aria-label={`${label}. ${f("selectPlant", { plant: b.label })}`}
              onClick={() => onPick(b.plant)}
              onKeyDown={(e) => key(e, b.plant)}
              className={s.bar}
              data-plant={b.plant}
            >
              <title>{label}</title>
              <rect x={0} y={y - 2} width={WIDTH} height={ROW - 2} fill="transparent" data-hit="" />
              <text x={0} y={y + 14} fontSize="11" style={{ fill: tokens.colorNeutralForeground1 }}>
                {b.label.length > 11 ? `${b.label.slice(0, 10)}…` : b.label}
              </text>
              <rect x={LABEL} y={y} width={Math.max(1, wp)} height={12} rx={2} style={{ fill: tokens.colorBrandBackground }} />
              <rect x={LABEL} y={y + 14} width={Math.max(1, wt)} height={12} rx={2} style={{ fill: tokens.colorPaletteDarkOrangeBackground3 }} />
              <text x={LABEL + wp + 4} y={y + 10} fontSize="10" style={{ fill: tokens.colorNeutralForeground2 }}>
                {formatTonnes(b.phased)}
              </text>
              <text x={LABEL + wt + 4} y={y + 24} fontSize="10" style={{ fill: b.total > b.phased ? tokens.colorPaletteDarkOrangeForeground1 : tokens.colorNeutralForeground2 }}>
                {formatTonnes(b.total)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
