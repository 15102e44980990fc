/**
 * Rules 3 to 7 of the Fujian method (the Fujian paper on phased construction projects; docs/rules.md): the initial emission right of a phase and of a plant
 * built in phases, by the phased comparison (分期对比) and by the total comparison (合计对比).
 */
import { subtractExact, sumExact } from "./decimal";
import { RuleError } from "./errors";
import type { Amount } from "./values";

/**
 * Which figure decides a phase's right:
 * - "eia": the EIA-approved emission is smaller;
 * - "performance": the performance emission is smaller;
 * - "equal": both are the same;
 * - "no-eia": the approval has no figure for the pollutant, so the performance emission stands;
 * - "absent": the phase does not exist (both cells missing) and is skipped.
 * These values are stable identifiers, the same in every language.
 */
export type Binding = "eia" | "performance" | "equal" | "no-eia" | "absent";

export interface PhaseRight {
  readonly phase: number;
  readonly eia: Amount;
  readonly performance: Amount;
  /** The right of this phase in t/a, or null for an absent phase. */
  readonly right: number | null;
  readonly binds: Binding;
}

function checkSameLength(eia: readonly Amount[], performance: readonly Amount[]): void {
  if (eia.length !== performance.length) {
    throw new RuleError("#VALUE!", "lengthMismatch", { arg1: "eia", n1: eia.length, arg2: "performance", n2: performance.length });
  }
}

/**
 * Rule 3: the right of one phase is the smaller of its EIA-approved and its performance emission; an
 * approval with no figure for the pollutant does not bind. A phase with neither figure is absent.
 *
 * @example phaseRight(1562, 2268).right === 1562        // plant 1 phase 1 SO2: the EIA binds
 * @example phaseRight(null, 4151.5).binds === "no-eia"  // plant 2 phase 1 NOx: no NOx in the approval
 */
export function phaseRight(eia: Amount, performance: Amount, phase = 1): PhaseRight {
  if (performance === null) {
    if (eia === null) return { phase, eia, performance, right: null, binds: "absent" };
    throw new RuleError("#VALUE!", "noPerformance", { phase, eia });
  }
  if (eia === null) return { phase, eia, performance, right: performance, binds: "no-eia" };
  if (eia < performance) return { phase, eia, performance, right: eia, binds: "eia" };
  if (performance < eia) return { phase, eia, performance, right: performance, binds: "performance" };
  return { phase, eia, performance, right: eia, binds: "equal" };
}

/** Rule 3 applied to every phase, in order. */
export function explainPhases(eia: readonly Amount[], performance: readonly Amount[]): PhaseRight[] {
  checkSameLength(eia, performance);
  const out: PhaseRight[] = new Array(eia.length);
  for (let i = 0; i < eia.length; i++) out[i] = phaseRight(eia[i], performance[i], i + 1);
  return out;
}

/**
 * Rule 4, the phased comparison (分期对比, recommended by the paper): the sum over the existing phases of
 * each phase's right.
 *
 * @example phasedRight([4014, 12042, 2220], [4152, 8303, 1890]) === 14207   // plant 2, SO2 (Table 3)
 */
export function phasedRight(eia: readonly Amount[], performance: readonly Amount[]): number {
  checkSameLength(eia, performance);
  const rights: number[] = [];
  for (let i = 0; i < eia.length; i++) {
    const r = phaseRight(eia[i], performance[i], i + 1).right;
    if (r !== null) rights.push(r);
  }
  if (rights.length === 0) throw new RuleError("#VALUE!", "noPhase", { arg1: "eia", arg2: "performance" });
  return sumExact(rights);
}

export interface TotalComparison {
  /** Sum of the EIA figures of the existing phases, or null when one of them has no figure. */
  readonly eiaTotal: number | null;
  readonly performanceTotal: number;
  readonly right: number;
  /** "eia", "performance", "equal", or "no-eia" when the EIA sum does not exist. */
  readonly binds: Exclude<Binding, "absent">;
}

/**
 * Rule 5, the total comparison (合计对比): the smaller of the EIA sum and the performance sum over the
 * existing phases; when an existing phase has no EIA figure the EIA sum does not exist and the
 * performance sum stands.
 *
 * @example totalComparison([4014, 12042, 2220], [4152, 8303, 1890]).right === 14345   // plant 2, SO2 (Table 4)
 */
export function totalComparison(eia: readonly Amount[], performance: readonly Amount[]): TotalComparison {
  checkSameLength(eia, performance);
  const eiaValues: number[] = [];
  const perfValues: number[] = [];
  let eiaMissing = false;
  for (let i = 0; i < eia.length; i++) {
    const e = eia[i];
    const p = performance[i];
    if (p === null) {
      if (e === null) continue; // absent phase (rule 7)
      throw new RuleError("#VALUE!", "noPerformance", { phase: i + 1, eia: e });
    }
    perfValues.push(p);
    if (e === null) eiaMissing = true;
    else eiaValues.push(e);
  }
  if (perfValues.length === 0) throw new RuleError("#VALUE!", "noPhase", { arg1: "eia", arg2: "performance" });
  const performanceTotal = sumExact(perfValues);
  if (eiaMissing) return { eiaTotal: null, performanceTotal, right: performanceTotal, binds: "no-eia" };
  const eiaTotal = sumExact(eiaValues);
  if (eiaTotal < performanceTotal) return { eiaTotal, performanceTotal, right: eiaTotal, binds: "eia" };
  if (performanceTotal < eiaTotal) return { eiaTotal, performanceTotal, right: performanceTotal, binds: "performance" };
  return { eiaTotal, performanceTotal, right: eiaTotal, binds: "equal" };
}

/** Rule 5, the right only. */
export function totalRight(eia: readonly Amount[], performance: readonly Amount[]): number {
  return totalComparison(eia, performance).right;
}

/**
 * Rule 6: what the total comparison lets a plant keep that the phased one does not (total − phased, ≥ 0).
 *
 * @example methodDifference([4014, 12042, 2220], [4152, 8303, 1890]) === 138   // plant 2, SO2 (Table 5)
 */
export function methodDifference(eia: readonly Amount[], performance: readonly Amount[]): number {
  return subtractExact(totalRight(eia, performance), phasedRight(eia, performance));
}

/**
 * The EIA total of Table 4: the sum of the EIA figures of the existing phases. It does not exist when an
 * existing phase has no EIA figure (#N/A, as the paper prints '-').
 */
export function eiaTotal(eia: readonly Amount[], performance: readonly Amount[]): number {
  const t = totalComparison(eia, performance);
  if (t.eiaTotal === null) {
    const phase = eia.findIndex((e, i) => e === null && performance[i] !== null) + 1;
    throw new RuleError("#N/A", "noEiaTotal", { phase });
  }
  return t.eiaTotal;
}

/** The performance total of Table 4: the sum of the performance emissions of the existing phases. */
export function performanceTotal(eia: readonly Amount[], performance: readonly Amount[]): number {
  return totalComparison(eia, performance).performanceTotal;
}
