/**
 * The pollutants the add-in knows, in one list: the four under total control (permit paper 3.2 (3):
 * COD, NH3-N, SO2, NOx), the four the paper asks to add (VOCs, particulates, total nitrogen, total
 * phosphorus), and mercury, which GB13223-2011 limits but no total control covers. Every part that reads a
 * pollutant's name reads it here:
 * - a function's parameter (EMISSION_LIMIT's pollutant, through the standard's table, which takes its
 *   pollutants from this list) matches a whole word against the spellings (src/core/keywords.ts);
 * - the task pane and the example builders find a pollutant inside a header ("SO2 许可排放量 t/a",
 *   "氨氮 NH3-N 实际排放量") with `pollutantInText`, by the same list's header patterns.
 * Ids are stable, the same in every language.
 */
import { KeywordList } from "./keywords";
import { acceptedList, spellingsOf } from "./limits";
import type { Choice } from "./standards/types";

/** Whether a pollutant is under total control (3.2 (3)): now, to be added, or not at all. */
export type ControlStatus = "total-control" | "to-add" | "none";

export interface Pollutant extends Choice {
  readonly control: ControlStatus;
  /** Where it is emitted: flue gas or waste water (particulates and VOCs are air pollutants). */
  readonly medium: "gas" | "water";
  /** Finds the pollutant inside a header text (a word among others, in either language). */
  readonly pattern: RegExp;
}

export const POLLUTANTS: readonly Pollutant[] = [
  {
    id: "cod",
    names: [{ en: "COD", zh: "化学需氧量" }],
    aliases: ["CODcr", "COD_cr", "chemical oxygen demand"],
    control: "total-control",
    medium: "water",
    pattern: /\bCOD(?:\s*[_-]?\s*cr)?\b|化学需氧量|chemical oxygen demand/i,
  },
  {
    id: "nh3n",
    names: [{ en: "NH3-N", zh: "氨氮" }],
    aliases: ["NH3N", "NH3", "ammonia nitrogen", "ammonia", "氨氮(NH3-N)"],
    control: "total-control",
    medium: "water",
    pattern: /\bNH\s*[3₃]\s*-?\s*N\b|氨氮|ammonia/i,
  },
  {
    id: "so2",
    names: [{ en: "SO2", zh: "二氧化硫" }],
    aliases: ["SO₂", "sulphur dioxide", "sulfur dioxide"],
    control: "total-control",
    medium: "gas",
    pattern: /\bSO\s*[2₂]|二氧化硫|sulph?ur dioxide|sulfur dioxide/i,
  },
  {
    id: "nox",
    names: [{ en: "NOx", zh: "氮氧化物" }],
    aliases: ["NO2", "NOₓ", "nitrogen oxides", "oxides of nitrogen", "NOx as NO2", "氮氧化物(以NO2计)"],
    control: "total-control",
    medium: "gas",
    pattern: /\bNO\s*[xX2₂ₓ]\b|\bNOx|氮氧化物|nitrogen oxides?|oxides of nitrogen/i,
  },
  {
    id: "vocs",
    names: [{ en: "VOCs", zh: "挥发性有机物" }],
    aliases: ["VOC", "volatile organic compounds", "volatile organic compound", "挥发性有机化合物"],
    control: "to-add",
    medium: "gas",
    pattern: /\bVOCs?\b|挥发性有机(物|化合物)|volatile organic/i,
  },
  {
    id: "particulates",
    names: [{ en: "particulates", zh: "颗粒物" }],
    aliases: ["particulate", "particulate matter", "PM", "dust", "soot", "smoke dust", "烟尘", "粉尘"],
    control: "to-add",
    medium: "gas",
    pattern: /颗粒物|烟尘|粉尘|particulate|\bdust\b|\bsoot\b|\bPM\b/i,
  },
  {
    id: "tn",
    names: [{ en: "TN", zh: "总氮" }],
    aliases: ["total nitrogen", "T-N"],
    control: "to-add",
    medium: "water",
    pattern: /总氮|total nitrogen|\bTN\b/i,
  },
  {
    id: "tp",
    names: [{ en: "TP", zh: "总磷" }],
    aliases: ["total phosphorus", "T-P"],
    control: "to-add",
    medium: "water",
    pattern: /总磷|total phosphorus|\bTP\b/i,
  },
  {
    id: "mercury",
    names: [{ en: "mercury", zh: "汞及其化合物" }],
    aliases: ["Hg", "mercury and its compounds", "汞"],
    control: "none",
    medium: "gas",
    pattern: /汞|mercury|\bHg\b/i,
  },
];

/** The pollutants under total control and those the permit paper asks to add (3.2 (3)), in its order. */
export const TOTAL_CONTROL_POLLUTANTS: readonly Pollutant[] = POLLUTANTS.filter((p) => p.control !== "none");

/** The pollutant with this id. */
export function pollutantById(id: string): Pollutant | undefined {
  return POLLUTANTS.find((p) => p.id === id);
}

/**
 * The list's entry `id` as an emission standard names it: the standard's own names (GB13223-2011 says
 * 烟尘 where the permit paper says 颗粒物) shown first, every spelling of the list still accepted.
 */
export function pollutantAsNamed(id: string, names?: Choice["names"]): Choice {
  const p = pollutantById(id);
  if (!p) throw new Error(`no pollutant ${id} in src/core/pollutants.ts`);
  if (!names) return { id: p.id, names: p.names, aliases: p.aliases };
  return { id: p.id, names, aliases: [...p.names.flatMap((n) => [n.en, n.zh]), ...p.aliases] };
}

let keywords: KeywordList<Pollutant> | undefined;

/**
 * Every pollutant name, as a keyword list (for a parameter or a cell that names one pollutant). Built on
 * first use: the standards' tables import this module while src/core/limits.ts is still loading.
 */
export function pollutantKeywords(): KeywordList<Pollutant> {
  keywords ??= new KeywordList<Pollutant>("unknownPollutantName", POLLUTANTS.map((p) => ({ value: p, spellings: spellingsOf(p) })), acceptedList(POLLUTANTS));
  return keywords;
}

/** The pollutant a cell names exactly ("SO2", "二氧化硫", "nh3-n"), or undefined. */
export function findPollutantName(text: string): Pollutant | undefined {
  return pollutantKeywords().find(text);
}

/**
 * The pollutant a header or a title names among other words ("SO2 许可排放量 t/a", "表2 氨氮排放"), or
 * undefined. A text naming two pollutants gives the first of the list that matches.
 */
export function pollutantInText(text: string): Pollutant | undefined {
  const exact = findPollutantName(text);
  if (exact) return exact;
  return POLLUTANTS.find((p) => p.pattern.test(text));
}

/** A pollutant's name in one language: "SO2", "氮氧化物". */
export function pollutantLabel(p: Pollutant, locale: "en-US" | "zh-CN"): string {
  return locale === "zh-CN" ? p.names[0].zh : p.names[0].en;
}
