/**
 * The pollutants the add-in knows, in one list: the four under total control (permit paper 3.2 (3):
 * COD, NH3-N, SO2, NOx), the four the paper asks to add (VOCs, particulates, total nitrogen, total
 * phosphorus), and mercury, which GB13223-2011 limits but no total control covers. Every part that reads a
 * pollutant's name reads it here:
 * - a function's parameter (EMISSION_LIMIT's pollutant, through the standard's table, which takes its
 *   pollutants from this list) matches a whole word against the spellings (src/core/keywords.ts);
 * - the task pane and the example builders find a pollutant inside a header ("SO2 许可排放量 t/a",
 *   "氨氮 NH3-N 实际排放量") with `pollutantInText`, from the same spellings.
 * Spellings are compared in keywordOf's normal form (NFKC: "SO₂" is "SO2"). Ids are stable, the same in every
 * language.
 */
import { acceptedList, KeywordList, spellingsOf } from "./keywords";
import type { Choice } from "./standards/types";

/** Whether a pollutant is under total control (3.2 (3)): now, to be added, or not at all. */
export type ControlStatus = "total-control" | "to-add" | "none";

export interface Pollutant extends Choice {
  readonly control: ControlStatus;
}

export const POLLUTANTS: readonly Pollutant[] = [
  {
    id: "cod",
    names: [{ en: "COD", zh: "化学需氧量" }],
    aliases: ["CODcr", "chemical oxygen demand"],
    control: "total-control",
  },
  {
    id: "nh3n",
    names: [{ en: "NH3-N", zh: "氨氮" }],
    aliases: ["NH3", "ammonia nitrogen", "ammonia"],
    control: "total-control",
  },
  {
    id: "so2",
    names: [{ en: "SO2", zh: "二氧化硫" }],
    aliases: ["sulphur dioxide", "sulfur dioxide"],
    control: "total-control",
  },
  {
    id: "nox",
    names: [{ en: "NOx", zh: "氮氧化物" }],
    aliases: ["NO2", "nitrogen oxides", "nitrogen oxide", "oxides of nitrogen", "NOx as NO2", "氮氧化物(以NO2计)"],
    control: "total-control",
  },
  {
    id: "vocs",
    names: [{ en: "VOCs", zh: "挥发性有机物" }],
    aliases: ["VOC", "volatile organic compounds", "挥发性有机化合物"],
    control: "to-add",
  },
  {
    id: "particulates",
    names: [{ en: "particulates", zh: "颗粒物" }],
    aliases: ["particulate", "particulate matter", "PM", "dust", "soot", "smoke dust", "烟尘", "粉尘"],
    control: "to-add",
  },
  {
    id: "tn",
    names: [{ en: "TN", zh: "总氮" }],
    aliases: ["total nitrogen"],
    control: "to-add",
  },
  {
    id: "tp",
    names: [{ en: "TP", zh: "总磷" }],
    aliases: ["total phosphorus"],
    control: "to-add",
  },
  {
    id: "mercury",
    names: [{ en: "mercury", zh: "汞及其化合物" }],
    aliases: ["Hg", "mercury and its compounds", "汞"],
    control: "none",
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

/** Every pollutant name, as a keyword list (for a parameter or a cell that names one pollutant). */
export function pollutantKeywords(): KeywordList<Pollutant> {
  keywords ??= new KeywordList<Pollutant>("unknownPollutantName", POLLUTANTS.map((p) => ({ value: p, spellings: spellingsOf(p) })), acceptedList(POLLUTANTS));
  return keywords;
}

/** The pollutant a cell names exactly ("SO2", "二氧化硫", "nh3-n"), or undefined. */
export function findPollutantName(text: string): Pollutant | undefined {
  return pollutantKeywords().find(text);
}

let patterns: { readonly pollutant: Pollutant; readonly re: RegExp }[] | undefined;

/**
 * A spelling as it may appear inside a header: a Chinese spelling anywhere; a Latin one as a word of its
 * own (not inside a longer word: "TN" is not in "TNT"), with an optional plural s, spaces or hyphens
 * anywhere between its parts and between letters and digits ("NH3 - N", "SO 2").
 */
function headerPattern(spelling: string): string {
  const t = spelling.normalize("NFKC");
  if (/[\u4e00-\u9fff]/.test(t)) return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const parts = t
    .split(/[\s\-_]+/)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/(?<=[A-Za-z])(?=\d)/g, "\\s*"));
  return `(?<![A-Za-z0-9])${parts.join("[\\s\\-_]*")}${/[A-Za-z]$/.test(t) ? "s?" : ""}(?![A-Za-z])`;
}

/**
 * The pollutant a header or a title names among other words ("SO2 许可排放量 t/a", "表2 氨氮排放",
 * "NH3 - N actual 2024"), from the same spellings as `findPollutantName`, or undefined. A text naming two
 * pollutants gives the first of the list that it names.
 */
export function pollutantInText(text: string): Pollutant | undefined {
  patterns ??= POLLUTANTS.map((pollutant) => ({ pollutant, re: new RegExp(spellingsOf(pollutant).map(headerPattern).join("|"), "i") }));
  const t = text.normalize("NFKC");
  return patterns.find((p) => p.re.test(t))?.pollutant;
}

/** A pollutant's name in one language: "SO2", "氮氧化物". */
export function pollutantLabel(p: Pollutant, locale: "en-US" | "zh-CN"): string {
  return locale === "zh-CN" ? p.names[0].zh : p.names[0].en;
}
