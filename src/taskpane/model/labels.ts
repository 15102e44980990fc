/**
 * Reading the headers regulators write, in Chinese and English: which pollutant, which phase, which plant
 * and what a row or column holds (volume, limit, EIA, performance, right, ...). Pollutants are the add-in's
 * one list (src/core/pollutants.ts).
 */
import { pollutantById, pollutantInText } from "../../core/pollutants";

/** What a row or a column of a table holds. */
export type Role =
  | "volume" //          年排放烟气量, flue-gas volume (m3/a)
  | "limit" //           浓度限值, concentration limit (mg/m3)
  | "eia" //             环评批复排放量, EIA-approved emission (t/a)
  | "performance" //     绩效排放量, performance emission (t/a)
  | "right" //           初始排污权, initial right (t/a)
  | "phased" //          分期对比 result (a plant total)
  | "totalMethod" //     合计对比 result (a plant total)
  | "difference"; //     相差, total minus phased

/** The roles a user can give a row or a column when making a table live, in the order the pane lists them. */
export const ROLES: readonly Role[] = ["volume", "limit", "eia", "performance", "right", "phased", "totalMethod", "difference"];

/**
 * What a column or row holds in a table of permit holders (the Region view, issue 13). "actual" is an
 * actual emission of some year (the header's year, or "this"/"last" year, tells which); "ignore" a column
 * the view does not use (a computed change or margin).
 */
export type HolderRole = "permitted" | "actual" | "weight" | "history" | "industry" | "ignore";

/** What a header cell says. A text can say several things: "SO2 浓度限值 mg/m3" is a pollutant and a role. */
export interface Label {
  pollutant?: string;
  /** A phase number, or "total" for a plant total (合计, Total). */
  phase?: number | "total";
  plant?: string;
  role?: Role;
  /** "排放量" / "emission": an emission whose kind the table's title tells (绩效 or 环评). */
  emission?: true;
  /** The cells next to this header name plants, phases or pollutants ("企业", "Phase", "指标"). */
  header?: "plant" | "phase" | "pollutant" | "item";
  /** A header the pane knows holds something else (units, capacity, notes): its numbers are not emissions. */
  other?: true;
  /** Volume given in units of 10^9 m3 (亿 m3 = 10^8, 万 m3 = 10^4). */
  scale?: number;
  /** The medium, when the header says water (废水, mg/L). */
  water?: true;
  /** In a table of permit holders: what the row or column holds. */
  holder?: HolderRole;
  /** The year a header names (2024, 2024年). */
  year?: number;
  /** "本年" / "this year" or "上年" / "last year". */
  relative?: "this" | "last";
}

export interface PollutantInfo {
  readonly id: string;
  readonly en: string;
  readonly zh: string;
}

/** A pollutant of the add-in's one list (src/core/pollutants.ts), as the pane names it. */
export function pollutantInfo(id: string): PollutantInfo | undefined {
  const p = pollutantById(id);
  return p && { id: p.id, en: p.names[0].en.replace(/^[a-z]/, (c) => c.toUpperCase()), zh: p.names[0].zh };
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5, VI: 6, VII: 7, VIII: 8, IX: 9, X: 10 };

/** "三" -> 3, "十二" -> 12, "3" -> 3. */
function numberOf(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (/^[IVX]+$/i.test(text)) return ROMAN[text.toUpperCase()];
  if (/^[一二两三四五六七八九十]+$/.test(text)) {
    if (text.length === 1) return CN_DIGITS[text];
    if (text.startsWith("十")) return 10 + (CN_DIGITS[text[1]] ?? 0);
    if (text[1] === "十") return CN_DIGITS[text[0]] * 10 + (text.length > 2 ? CN_DIGITS[text[2]] : 0);
  }
  return undefined;
}

function phaseOf(t: string): number | "total" | undefined {
  const cn = /(?:第\s*)?([一二三四五六七八九十]+|\d+)\s*期/.exec(t);
  if (cn) return numberOf(cn[1]);
  const en = /\b(?:phase|stage|ph\.?)\s*(\d+|[IVX]+)\b/i.exec(t);
  if (en) return numberOf(en[1]);
  if (/合\s*计|总\s*计|小\s*计|全\s*厂|^总|\btotals?\b|\bsum\b|\ball phases\b|\bwhole plant\b/i.test(t)) return "total";
  return undefined;
}

function roleOf(t: string): Pick<Label, "role" | "emission"> {
  if (/相\s*差|差\s*值|差\s*额|差\s*异|\bdiff(erence)?\b/i.test(t)) return { role: "difference" };
  if (/合\s*计\s*对\s*比|总量对比|total[- ]?(comparison|method)/i.test(t)) return { role: "totalMethod" };
  if (/分\s*期\s*对\s*比|phased?[- ]?(comparison|method)|^phased\b/i.test(t)) return { role: "phased" };
  if (/烟\s*气\s*量|排\s*气\s*量|废\s*气\s*量|废\s*水\s*量|排\s*水\s*量|水\s*量|\bvolumes?\b|flue[- ]?gas\b(?!.*\blimit)|\bm[3³]\s*\/\s*a\b/i.test(t)) return { role: "volume" };
  if (/限\s*值|浓\s*度|标\s*准\s*值|\blimits?\b|\bconcentration\b|mg\s*\/\s*(m[3³]|L)\b/i.test(t)) return { role: "limit" };
  if (/环\s*评|批\s*复|\bEIA\b|\bapprov/i.test(t)) return { role: "eia" };
  if (/绩\s*效|\bperformance\b|\bbenchmark\b/i.test(t)) return { role: "performance" };
  if (/初\s*始\s*权|排\s*污\s*权|核\s*定|\brights?\b|\ballowance\b|\bquota\b/i.test(t)) return { role: "right" };
  if (/排\s*放\s*量|\bemissions?\b|t\s*\/\s*a\b/i.test(t)) return { emission: true };
  return {};
}

const PLANT_WORD = /^(排污单位|企业|电厂|发电厂|热电厂|公司|单位|plant|company|facility|enterprise|firm|site|mill)\s*[#№:：]?\s*([\w\u4e00-\u9fa5-]{1,12})$/i;
const PLANT_SUFFIX = /^[\u4e00-\u9fa5\w]{1,20}(电厂|发电厂|热电厂|公司|厂|\bplant|\bpower station)$/i;
const PLANT_HEADER = /^(排污单位|排污单位名称|持证单位|持证单位名称|许可证持有单位|企业|企业名称|单位名称|电厂|名称|plant|plants|company|facility|enterprise|name|plant name|holder|holders|permit holders?|company name|facility name)$/i;
const PHASE_HEADER = /^(期次|工程|项目期|机组|phase|phases|stage)$/i;
const POLLUTANT_HEADER = /^(指标|污染物|因子|pollutant|pollutants|indicator)$/i;
const ITEM_HEADER = /^(项目|项\s*目|item|items)$/i;
/** Headers of columns that hold something other than emissions: unit counts, capacity, years, notes. */
const OTHER = /台\s*数|机组数|装机|容量|\bunits?\b|\bcapacity\b|\bMW\b|年\s*份|\byears?\b|备\s*注|\bnotes?\b|序\s*号|^No\.?$|^#$/i;
/** A table title: "表 3 ...", "Table 3 ...". It names the table, not a row or a column. */
const TITLE = /^(表|table)\s*\d/i;

/** Collapses the spaces that PDF copies and merged headers leave in Chinese text. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/(?<=[\u4e00-\u9fa5]) (?=[\u4e00-\u9fa5])/g, "")
    .trim();
}

/**
 * What a header of a table of permit holders says: permitted emission, actual emission (of which year),
 * contribution weight, historical emission, industry, or a computed column to leave alone.
 */
function holderRoleOf(t: string): Pick<Label, "holder" | "year" | "relative"> {
  const out: Pick<Label, "holder" | "year" | "relative"> = {};
  const year = /(?<!\d)(19|20)\d{2}(?!\d)/.exec(t);
  if (year) out.year = Number(year[0]);
  if (/本\s*年|当\s*年|今\s*年|本\s*年\s*度|\bthis year\b|\bcurrent year\b/i.test(t)) out.relative = "this";
  else if (/上\s*一?\s*年|去\s*年|上\s*年\s*度|\blast year\b|\bprevious year\b|\bprior year\b/i.test(t)) out.relative = "last";
  if (/编\s*号|证\s*号|代\s*码|\bcode\b|\bnumber\b|\bno\.|\bID\b|变\s*化|增\s*减|\bchange\b|余\s*量|\bmargin\b|\bheadroom\b|削\s*减|\bcut\b|差\s*值|\bdiff(erence)?\b|超\s*标|超\s*许\s*可|\bexcess\b/i.test(t)) out.holder = "ignore";
  else if (/行\s*业|\bindustry\b|\bsector\b/i.test(t)) out.holder = "industry";
  else if (/权\s*重|贡\s*献|\bweights?\b|\bcontributions?\b/i.test(t)) out.holder = "weight";
  else if (/历\s*史|\bhistor(y|ic|ical)\b|基\s*准\s*年|\bbaseline\b/i.test(t)) out.holder = "history";
  else if (/实\s*际|\bactual\b|核\s*算|\bemitted\b/i.test(t)) out.holder = "actual";
  else if (/许\s*可|\bpermit(ted)?\b|\ballowance\b|\bquota\b|\bcap\b|排\s*污\s*权|总\s*量\s*指\s*标|\brights?\b/i.test(t)) out.holder = "permitted";
  return out;
}

/**
 * What a header text says, or undefined when it says nothing the pane knows. `mode` "holders" reads a
 * table of permit holders (the Region view): a header's role is then what `holderRoleOf` finds, and the
 * roles of plant tables (EIA, performance...) are not looked for.
 */
export function classify(raw: string, mode: "plants" | "holders" = "plants"): Label | undefined {
  const t = normalizeHeader(raw);
  if (t === "" || t.length > 40 || TITLE.test(t)) return undefined;
  // Header words, alone or in both languages ("排污单位 Plant", "工程 / Phase").
  const words = t.split(/[\s/·,，、:：()（）]+/).filter(Boolean);
  const all = (re: RegExp) => words.length > 0 && words.every((w) => re.test(w));
  if (PLANT_HEADER.test(t) || all(PLANT_HEADER)) return { header: "plant" };
  if (PHASE_HEADER.test(t) || all(PHASE_HEADER)) return { header: "phase" };
  if (POLLUTANT_HEADER.test(t) || all(POLLUTANT_HEADER)) return { header: "pollutant" };
  if (ITEM_HEADER.test(t) || all(ITEM_HEADER)) return { header: "item" };
  if (mode === "holders") {
    const h = holderRoleOf(t);
    if (h.holder) {
      const p = pollutantInText(t);
      return { ...h, ...(p ? { pollutant: p.id } : {}) };
    }
  }
  if (OTHER.test(t)) return { other: true };
  const label: Label = {};
  const plant = PLANT_WORD.exec(t);
  if (plant && !/期|phase/i.test(plant[2]) && !PLANT_HEADER.test(plant[2])) {
    label.plant = t;
    return label;
  }
  if (PLANT_SUFFIX.test(t) && !/排放|限值|环评|绩效/.test(t)) {
    label.plant = t;
    return label;
  }
  const p = pollutantInText(t);
  if (p) label.pollutant = p.id;
  const phase = phaseOf(t);
  if (phase !== undefined) label.phase = phase;
  Object.assign(label, roleOf(t));
  // "合计对比" names the total comparison, not a total column.
  if ((label.role === "totalMethod" || label.role === "phased" || label.role === "difference") && label.phase === "total") delete label.phase;
  if (label.role === "volume") {
    if (/10\s*\^?\s*9|10⁹|×\s*10\s*9\b/.test(t)) label.scale = 1e9;
    else if (/10\s*\^?\s*8|10⁸|亿/.test(t)) label.scale = 1e8;
    else if (/10\s*\^?\s*4|10⁴|万/.test(t)) label.scale = 1e4;
    if (/废\s*水|排\s*水|waste ?water|\bwater\b/i.test(t)) label.water = true;
  }
  if (label.role === "limit" && /mg\s*\/\s*L\b|废\s*水|\bwater\b/i.test(t)) label.water = true;
  return Object.keys(label).length > 0 ? label : undefined;
}

/**
 * What a table's title or sheet name tells about the numbers in it: which emission its unlabelled numbers
 * are ("电厂环评批复排放量": EIA; "绩效排放量": performance) and which method its plant totals follow
 * ("合计对比核定结果": the total comparison).
 */
export function titleHints(texts: readonly string[]): { emission?: "eia" | "performance"; totalsMethod?: "phased" | "total" } {
  const all = texts.map(normalizeHeader).join(" ");
  const out: { emission?: "eia" | "performance"; totalsMethod?: "phased" | "total" } = {};
  const eia = /环评|批复|\bEIA\b|approv/i.test(all);
  const perf = /绩效|performance/i.test(all);
  if (eia && !perf) out.emission = "eia";
  else if (perf && !eia) out.emission = "performance";
  if (/合\s*计\s*对\s*比|total[- ]?(comparison|method)/i.test(all)) out.totalsMethod = "total";
  else if (/分\s*期\s*对\s*比|phased?[- ]?(comparison|method)/i.test(all)) out.totalsMethod = "phased";
  return out;
}
