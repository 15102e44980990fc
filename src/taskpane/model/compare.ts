/**
 * The numbers the pane shows, from the rules in src/core: per phase the EIA figure, the performance
 * emission, the right and which of the two binds; per plant and pollutant the phased total, the total
 * comparison and their difference.
 */
import { MAX_TONNES } from "../../core/bounds";
import { isRuleError } from "../../core/errors";
import type { ExcelErrorCode } from "../../sheet/errors";
import { isEmptyValue } from "../../sheet/reads";
import { explainPhases, methodDifference, phasedRight, totalComparison, type Binding, type TotalComparison } from "../../core/rights";
import { parseAmount, type Amount } from "../../core/values";
import type { Locale } from "../../i18n/locale";
import { formatMessage, type MessageKey, type MessageParams } from "../../i18n/messages";
import { isCellError, type CellInfo } from "../host/types";
import { formatCell } from "../../sheet/address";
import type { Entry, Group } from "./table";

export interface Problem {
  /** The cell at fault, when there is one ("D7"). */
  readonly address?: string;
  readonly code: ExcelErrorCode;
  readonly key: MessageKey;
  readonly params: MessageParams;
}

export interface PhaseResult {
  readonly phase: number;
  readonly eia: Amount;
  readonly performance: Amount;
  readonly right: number | null;
  readonly binds: Binding;
  readonly eiaCell?: Entry;
  readonly performanceCell?: Entry;
}

export interface GroupResult {
  readonly group: Group;
  readonly phases: PhaseResult[];
  /** Rule 4, the phased comparison (recommended). */
  readonly phased?: number;
  /** Rule 5, the total comparison. */
  readonly total?: TotalComparison;
  /** total − phased. */
  readonly difference?: number;
  readonly problem?: Problem;
  /** EIA and performance cells that are truly empty: Excel on Windows may hand them to a function as 0. */
  readonly empties: Entry[];
  /**
   * What the comparison lacks: no performance cell at all (a table of EIA approvals only), or no EIA cell at
   * all (a table of performance emissions only). A '-' in an EIA cell is a figure: "the approval has none".
   */
  readonly incomplete: "performance" | "eia" | false;
}

/** A cell's value as the rules read it (an Excel error as its code). */
export function ruleInput(cell: CellInfo): unknown {
  const v = cell.value;
  return isCellError(v) ? v.error : v;
}

/** True when the cell is empty: no formula, and no value or the empty text (src/sheet/reads.ts). */
export function isEmptyCell(cell: CellInfo): boolean {
  return isEmptyValue(cell.value, cell.formula);
}

class CellProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.key);
  }
}

function amountOf(e: Entry | undefined, arg: "eia" | "performance"): Amount {
  if (!e) return null;
  try {
    return parseAmount(ruleInput(e.cell), { arg }, MAX_TONNES);
  } catch (err) {
    if (isRuleError(err)) throw new CellProblem({ address: formatCell(e.row, e.col), code: err.code, key: err.key, params: err.params });
    throw err;
  }
}

/** Compares the two methods for one plant and pollutant. */
export function compareGroup(group: Group): GroupResult {
  const empties: Entry[] = [];
  for (const p of group.phases) for (const e of [p.eia, p.performance]) if (e && isEmptyCell(e.cell)) empties.push(e);
  const incomplete: GroupResult["incomplete"] = !group.phases.some((p) => p.performance) ? "performance" : !group.phases.some((p) => p.eia) ? "eia" : false;
  const base = { group, empties, incomplete };
  if (incomplete) return { ...base, phases: [] };
  try {
    const eia = group.phases.map((p) => amountOf(p.eia, "eia"));
    const perf = group.phases.map((p) => amountOf(p.performance, "performance"));
    const explained = explainPhases(eia, perf);
    const phases: PhaseResult[] = explained.map((x, i) => ({
      phase: group.phases[i].phase,
      eia: x.eia,
      performance: x.performance,
      right: x.right,
      binds: x.binds,
      eiaCell: group.phases[i].eia,
      performanceCell: group.phases[i].performance,
    }));
    return { ...base, phases, phased: phasedRight(eia, perf), total: totalComparison(eia, perf), difference: methodDifference(eia, perf) };
  } catch (err) {
    if (err instanceof CellProblem) return { ...base, phases: [], problem: err.problem };
    if (isRuleError(err)) {
      // explainPhases names the phase; point at its EIA cell.
      const phase = typeof err.params.phase === "number" ? err.params.phase : undefined;
      const e = phase ? group.phases[phase - 1]?.performance ?? group.phases[phase - 1]?.eia : undefined;
      return { ...base, phases: [], problem: { address: e ? formatCell(e.row, e.col) : undefined, code: err.code, key: err.key, params: err.params } };
    }
    throw err;
  }
}

/** A problem in the user's language: "D7: ..." */
export function problemText(locale: Locale, p: Problem): string {
  const text = formatMessage(locale, p.key, p.params);
  return p.address ? `${p.address}: ${text}` : text;
}

/**
 * Tonnes as the paper prints them: up to two decimals, no trailing zeros, no thousands separators
 * (4271.3, 13399.5, 6901.88).
 */
export function formatTonnes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  const s = (Math.round(n * 100) / 100).toFixed(2);
  return s.replace(/\.?0+$/, "") || "0";
}
