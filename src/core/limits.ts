/**
 * Rule 2 of the Fujian method (the Fujian paper on phased construction projects; docs/rules.md): the concentration limit that applies to a unit,
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
import { acceptedList, KeywordList, keywordOf, shownName, spellingsOf } from "./keywords";
import { STANDARDS } from "./standards";
import type { Choice, LimitRow, StandardTable, UnitAge } from "./standards/types";
import type { MessageKey } from "../i18n/messages";

export { acceptedList, keywordOf, shownName, spellingsOf };

/** The keyword list of a list of choices (a standard's pollutants, kinds of unit or regions); built once per list. */
const LISTS = new WeakMap<readonly Choice[], KeywordList<Choice>>();

export function choiceKeywords<T extends Choice>(choices: readonly T[], unknown: MessageKey): KeywordList<T> {
  let list = LISTS.get(choices);
  if (!list) {
    list = new KeywordList<Choice>(unknown, choices.map((c) => ({ value: c, spellings: spellingsOf(c) })), acceptedList(choices));
    LISTS.set(choices, list);
  }
  return list as KeywordList<T>;
}

let standardList: KeywordList<StandardTable> | undefined;

/** The standards the add-in has a limit table for, as a keyword list. */
export function standardKeywords(): KeywordList<StandardTable> {
  standardList ??= new KeywordList(
    "unknownStandard",
    STANDARDS.map((s) => ({ value: s, spellings: [s.id, s.title.zh, s.title.en, ...s.aliases] })),
    STANDARDS.map((s) => `${s.id} / ${s.title.zh}`).join(", "),
  );
  return standardList;
}

/** Finds a standard by its number or name ("GB13223-2011", "GB 13223-2011", "火电厂大气污染物排放标准"). */
export function findStandard(text: string, arg = "standard"): StandardTable {
  return standardKeywords().read(text, arg);
}

/** Finds a pollutant of `std` ("SO2", "二氧化硫", "NO2", "Hg", ...). */
export function findPollutant(std: StandardTable, text: string, arg = "pollutant"): Choice {
  return choiceKeywords(std.pollutants, "unknownPollutant").read(text, arg, { name: std.id });
}

/** Finds a kind of unit of `std`; absent text gives the standard's default (a coal-fired boiler). */
export function findEquipment(std: StandardTable, text: string | undefined, arg = "boiler"): Choice {
  if (text === undefined || keywordOf(text) === "") return std.equipment.find((e) => e.id === std.defaultEquipment)!;
  return choiceKeywords(std.equipment, "unknownBoiler").read(text, arg, { name: std.id });
}

/** Finds a kind of region of `std`; absent text gives the standard's default (general). */
export function findRegion(std: StandardTable, text: string | undefined, arg = "region"): Choice {
  if (text === undefined || keywordOf(text) === "") return std.regions.find((r) => r.id === std.defaultRegion)!;
  return choiceKeywords(std.regions, "unknownRegion").read(text, arg, { name: std.id });
}

/** New or existing under `std`, from the unit's ISO date. */
export function unitAge(std: StandardTable, date: string): UnitAge {
  return date >= std.newFrom ? "new" : "existing";
}

/**
 * The date that decides a unit's age from all the dates given for it: the earliest. GB13223-2011 3.3
 * counts a unit as existing when it was built and put into operation *or* had its EIA approved before
 * the standard took effect, and note (2) of Table 1 reads the 2003-12-31 NOx rule the same way, so a
 * unit approved in 2010 and commissioned in 2013 is existing.
 *
 * @example unitDate(["2013-05-01", "2010-03-15"]) === "2010-03-15"
 */
export function unitDate(dates: string | readonly string[]): string {
  if (typeof dates === "string") return dates;
  if (dates.length === 0) throw new Error("unitDate: no date");
  let earliest = dates[0];
  for (const d of dates) if (d < earliest) earliest = d;
  return earliest;
}

export interface LimitResult {
  /** The standard's id, e.g. "GB13223-2011". */
  readonly standard: string;
  readonly pollutant: string;
  readonly equipment: string;
  readonly region: string;
  /** The unit's date, ISO: the earliest of the dates given. */
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

/** The latest of the transition clauses that apply, among those that do (or do not) name pollutants. */
function latestEffective(std: StandardTable, pollutant: string, region: string, age: UnitAge, pollutantClauses: boolean): { from: string; clause: string } | undefined {
  let found: { from: string; clause: string } | undefined;
  for (const e of std.effective) {
    if ((e.pollutants !== undefined) !== pollutantClauses) continue;
    if (e.pollutants && !e.pollutants.includes(pollutant)) continue;
    if (e.age && e.age !== age) continue;
    if (e.regions && !e.regions.includes(region)) continue;
    if (found === undefined || e.from > found.from) found = { from: e.from, clause: e.clause };
  }
  return found;
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
  const unitFrom = latestEffective(std, pollutant, region, age, false);
  const pollutantFrom = latestEffective(std, pollutant, region, age, true);
  const effective = pollutantFrom && (!unitFrom || pollutantFrom.from > unitFrom.from) ? pollutantFrom : unitFrom;
  return { standard: std.id, pollutant, equipment, region, date, age, limit: row.limit, unit: std.unit, clause: row.clause, effectiveFrom: effective?.from, effectiveClause: effective?.clause, row };
}

/**
 * Refuses a limit that did not apply to the unit yet on the assessment date `asOf` (ISO), with #N/A:
 * - before the standard applied to the unit at all (GB13223-2011: new units from 2012-01-01 (4.2),
 *   existing units from 2014-07-01 (4.1); the key regions' Table 2 at the earliest from the standard's
 *   own 2012-01-01, since the ministry sets its dates (4.4)), the unit came under the standard it
 *   replaces (GB13223-2003), whose table this add-in does not have;
 * - before a pollutant's own date (mercury from 2015-01-01, 4.3), the standard set no limit for it yet.
 */
export function checkApplies(std: StandardTable, result: LimitResult, asOf: string): void {
  const unitFrom = latestEffective(std, result.pollutant, result.region, result.age, false);
  const from = unitFrom && unitFrom.from >= std.takesEffect ? unitFrom : { from: std.takesEffect, clause: std.id };
  if (asOf < from.from) {
    throw new RuleError("#N/A", "notYetApplicable", { name: std.id, from: from.from, clause: from.clause, asOf, predecessor: std.predecessor });
  }
  const pollutantFrom = latestEffective(std, result.pollutant, result.region, result.age, true);
  if (pollutantFrom && asOf < pollutantFrom.from) {
    const p = std.pollutants.find((c) => c.id === result.pollutant)!;
    throw new RuleError("#N/A", "pollutantNotYetApplicable", { name: std.id, text: shownName(p), from: pollutantFrom.from, clause: pollutantFrom.clause, asOf });
  }
}

/**
 * The limit for a unit described in words, as a user types them. `date` is the unit's date, or all its
 * dates (EIA approval, commissioning): the earliest decides. With `asOf` (the assessment date), a limit
 * that did not apply to the unit yet on that date is refused (#N/A).
 *
 * @example emissionLimit("GB13223-2011", "SO2", "2005-06-30").limit === 200               // existing coal boiler
 * @example emissionLimit("GB13223-2011", "SO2", ["2013-05-01", "2010-03-15"]).limit === 200 // approved before 2012
 * @example emissionLimit("GB13223-2011", "氮氧化物", "2013-01-01", "天然气燃气轮机组").limit === 50
 * @example emissionLimit("GB13223-2011", "SO2", "2013-01-01", undefined, "四川").limit === 200  // 表1 注(1)
 */
export function emissionLimit(standard: string, pollutant: string, date: string | readonly string[], boiler?: string, region?: string, asOf?: string): LimitResult {
  const std = findStandard(standard);
  const p = findPollutant(std, pollutant);
  const e = findEquipment(std, boiler);
  const r = findRegion(std, region);
  const result = lookupLimit(std, p.id, e.id, r.id, unitDate(date));
  if (asOf !== undefined) checkApplies(std, result, asOf);
  return result;
}
