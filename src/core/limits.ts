/**
 * Rule 2 of the Fujian method (seed 001, DOMAIN.md): the concentration limit that applies to a unit,
 * looked up in the limit table of an emission standard (src/core/standards/). The limit depends on the
 * standard, the pollutant, the kind of unit (boiler or turbine), the kind of region and the date the
 * unit was commissioned or its EIA approved, which makes it new or existing and, for NOx of coal-fired
 * boilers under GB13223-2011, decides whether note (2) keeps 200 mg/m3.
 *
 * Keywords (standard, pollutant, boiler, region) are matched ignoring case, spaces, hyphens, brackets
 * and full-width forms, in English or Chinese. Unknown keywords give #VALUE! with the accepted values in
 * both languages; a combination the standard sets no limit for (mercury from a gas turbine) gives #N/A.
 */
import { RuleError } from "./errors";
import { STANDARDS } from "./standards";
import type { Choice, LimitRow, StandardTable, UnitAge } from "./standards/types";

/** The form a keyword is compared in: NFKC, lower case, without spaces, hyphens, brackets and dots. */
export function keywordOf(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\-_–—()[\]（）【】·.,，、:：/]/g, "");
}

/** How a choice appears in a list of accepted values: "SO2 / 二氧化硫". */
export function shownName(choice: Choice): string {
  return choice.names.map((n) => `${n.en} / ${n.zh}`).join(", ");
}

/** The accepted values of a list of choices, for messages. */
export function acceptedList(choices: readonly Choice[]): string {
  return choices.map(shownName).join(", ");
}

/** Every accepted spelling of a list of choices, by keyword; built once per list. */
const INDEX = new WeakMap<readonly Choice[], Map<string, Choice>>();

function indexOf(choices: readonly Choice[]): Map<string, Choice> {
  let index = INDEX.get(choices);
  if (!index) {
    index = new Map();
    for (const c of choices) {
      for (const text of [c.id, ...c.names.flatMap((n) => [n.en, n.zh]), ...c.aliases]) {
        const key = keywordOf(text);
        if (!index.has(key)) index.set(key, c);
      }
    }
    INDEX.set(choices, index);
  }
  return index;
}

function pick<T extends Choice>(choices: readonly T[], text: string): T | undefined {
  const key = keywordOf(text);
  if (key === "") return undefined;
  return indexOf(choices).get(key) as T | undefined;
}

let standardIndex: Map<string, StandardTable> | undefined;

/** Finds a standard by its number or name ("GB13223-2011", "GB 13223-2011", "火电厂大气污染物排放标准"). */
export function findStandard(text: string, arg = "standard"): StandardTable {
  if (!standardIndex) {
    standardIndex = new Map();
    for (const s of STANDARDS) for (const t of [s.id, s.title.zh, s.title.en, ...s.aliases]) if (!standardIndex.has(keywordOf(t))) standardIndex.set(keywordOf(t), s);
  }
  const found = standardIndex.get(keywordOf(text));
  if (!found) throw new RuleError("#VALUE!", "unknownStandard", { arg, text, accepted: STANDARDS.map((s) => `${s.id} / ${s.title.zh}`).join(", ") });
  return found;
}

/** Finds a pollutant of `std` ("SO2", "二氧化硫", "NO2", "Hg", ...). */
export function findPollutant(std: StandardTable, text: string, arg = "pollutant"): Choice {
  const found = pick(std.pollutants, text);
  if (!found) throw new RuleError("#VALUE!", "unknownPollutant", { arg, text, name: std.id, accepted: acceptedList(std.pollutants) });
  return found;
}

/** Finds a kind of unit of `std`; absent text gives the standard's default (a coal-fired boiler). */
export function findEquipment(std: StandardTable, text: string | undefined, arg = "boiler"): Choice {
  if (text === undefined || keywordOf(text) === "") return std.equipment.find((e) => e.id === std.defaultEquipment)!;
  const found = pick(std.equipment, text);
  if (!found) throw new RuleError("#VALUE!", "unknownBoiler", { arg, text, name: std.id, accepted: acceptedList(std.equipment) });
  return found;
}

/** Finds a kind of region of `std`; absent text gives the standard's default (general). */
export function findRegion(std: StandardTable, text: string | undefined, arg = "region"): Choice {
  if (text === undefined || keywordOf(text) === "") return std.regions.find((r) => r.id === std.defaultRegion)!;
  const found = pick(std.regions, text);
  if (!found) throw new RuleError("#VALUE!", "unknownRegion", { arg, text, name: std.id, accepted: acceptedList(std.regions) });
  return found;
}

/** New or existing under `std`, from the unit's ISO date. */
export function unitAge(std: StandardTable, date: string): UnitAge {
  return date >= std.newFrom ? "new" : "existing";
}

export interface LimitResult {
  /** The standard's id, e.g. "GB13223-2011". */
  readonly standard: string;
  readonly pollutant: string;
  readonly equipment: string;
  readonly region: string;
  /** The unit's date, ISO. */
  readonly date: string;
  readonly age: UnitAge;
  /** The limit, in `unit`. */
  readonly limit: number;
  readonly unit: string;
  /** The clause the limit comes from, e.g. "GB13223-2011 表1 注(2)". */
  readonly clause: string;
  /** From when the limit applies to this unit (the transition clauses), if the standard says. */
  readonly effectiveFrom?: string;
  readonly effectiveClause?: string;
  readonly row: LimitRow;
}

function rowApplies(row: LimitRow, pollutant: string, equipment: string, region: string, age: UnitAge, date: string): boolean {
  return (
    row.pollutant === pollutant &&
    row.equipment.includes(equipment) &&
    row.regions.includes(region) &&
    (row.age === undefined || row.age === age) &&
    (row.onOrBefore === undefined || date <= row.onOrBefore) &&
    (row.onOrAfter === undefined || date >= row.onOrAfter)
  );
}

/**
 * The limit for a unit, by ids (after the keywords are resolved). The first row of the table that
 * applies gives the limit; none gives #N/A.
 *
 * @example lookupLimit(GB13223_2011, "nox", "coal", "general", "2003-12-31").limit === 200   // 表1 注(2)
 * @example lookupLimit(GB13223_2011, "nox", "coal", "general", "2004-01-01").limit === 100   // 表1
 */
export function lookupLimit(std: StandardTable, pollutant: string, equipment: string, region: string, date: string): LimitResult {
  const age = unitAge(std, date);
  const row = std.rows.find((r) => rowApplies(r, pollutant, equipment, region, age, date));
  if (!row) {
    const p = std.pollutants.find((c) => c.id === pollutant)!;
    const e = std.equipment.find((c) => c.id === equipment)!;
    const covered = std.equipment.filter((c) => std.rows.some((r) => r.pollutant === pollutant && r.equipment.includes(c.id) && r.regions.includes(region)));
    throw new RuleError("#N/A", "noLimit", { name: std.id, text: shownName(p), value: shownName(e), accepted: covered.length > 0 ? acceptedList(covered) : "—" });
  }
  let effectiveFrom: string | undefined;
  let effectiveClause: string | undefined;
  for (const e of std.effective) {
    if (e.pollutants && !e.pollutants.includes(pollutant)) continue;
    if (e.age && e.age !== age) continue;
    if (e.regions && !e.regions.includes(region)) continue;
    if (effectiveFrom === undefined || e.from > effectiveFrom) {
      effectiveFrom = e.from;
      effectiveClause = e.clause;
    }
  }
  return { standard: std.id, pollutant, equipment, region, date, age, limit: row.limit, unit: std.unit, clause: row.clause, effectiveFrom, effectiveClause, row };
}

/**
 * The limit for a unit described in words, as a user types them.
 *
 * @example emissionLimit("GB13223-2011", "SO2", "2005-06-30").limit === 200               // existing coal boiler
 * @example emissionLimit("GB13223-2011", "氮氧化物", "2013-01-01", "天然气燃气轮机组").limit === 50
 * @example emissionLimit("GB13223-2011", "SO2", "2013-01-01", undefined, "四川").limit === 200  // 表1 注(1)
 */
export function emissionLimit(standard: string, pollutant: string, date: string, boiler?: string, region?: string): LimitResult {
  const std = findStandard(standard);
  const p = findPollutant(std, pollutant);
  const e = findEquipment(std, boiler);
  const r = findRegion(std, region);
  return lookupLimit(std, p.id, e.id, r.id, date);
}
