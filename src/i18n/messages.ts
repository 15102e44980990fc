/**
 * Error messages of the rules, in English and Chinese. Every key exists in both languages (the type
 * checks it). Placeholders: {arg}, {arg1}, {arg2} are parameter names (shown as the user sees them in
 * Excel's tooltip, with a Chinese gloss in zh-CN); {at} is the position of a cell inside a range.
 */
import { fill, type Locale } from "./locale";

export type MessageParams = Readonly<Record<string, string | number>>;

const en = {
  notANumber: '{arg}{at}: "{text}" is not a number or a missing-value mark (/ - — 无 N/A).',
  commaInNumber: '{arg}{at}: "{text}" has a comma; type the number without separators (for example 4113.6).',
  negative: "{arg}{at}: {value} is negative; volumes, limits and emissions cannot be below 0.",
  notFinite: "{arg}{at}: the value is not a finite number.",
  tooLarge: "{arg}{at}: {value} is larger than {max}, more than any plant has; check the units.",
  boolean: "{arg}{at}: TRUE/FALSE is not an amount.",
  cellError: "{arg}{at}: the cell holds the error {error}.",
  unsupportedValue: "{arg}{at}: this kind of value cannot be used here.",
  required: "{arg}: a value is required here; a missing-value mark is not enough.",
  notPositive: "{arg}: must be greater than 0 (an empty cell can reach a function as 0; type the value).",
  notLine: "{arg} is {rows} rows × {cols} columns; give one row or one column, one cell per phase.",
  emptyRange: "{arg} has no cells.",
  lengthMismatch: "{arg1} has {n1} cells but {arg2} has {n2}; give one cell per phase in both.",
  noPerformance: "phase {phase}: the EIA figure is {eia} but the performance emission is missing; a right cannot be assessed without it.",
  noPhase: "no phase has a figure: every cell of {arg1} and {arg2} is empty or marked missing.",
  unknownMedium: '{arg}: "{text}" is not a medium; use one of: {accepted}.',
  notText: "{arg}: expected text, got {value}.",
  phaseAbsent: "the phase does not exist: both eia and performance are empty or marked missing.",
  noEiaTotal: "phase {phase} has no EIA figure, so the EIA total does not exist (the total comparison then uses the performance total).",
  unknownStandard: '{arg}: "{text}" is not a standard this add-in has a limit table for; use one of: {accepted}.',
  unknownPollutant: '{arg}: "{text}" is not a pollutant of {name}; use one of: {accepted}.',
  unknownBoiler: '{arg}: "{text}" is not a kind of boiler or gas turbine of {name}; use one of: {accepted}.',
  unknownRegion: '{arg}: "{text}" is not a region of {name}; use one of: {accepted}.',
  noLimit: "{name} sets no {text} limit for {value}; it sets one only for: {accepted}.",
  notADate: '{arg}: "{text}" is not a date; give an Excel date or ISO text such as 2003-12-31.',
  dateOutOfRange: "{arg}: {value} is not a date Excel can show (serial numbers 1 to 2958465, 1900-01-01 to 9999-12-31).",
  notSingleCell: "{arg} is {rows} rows × {cols} columns; give a single cell here.",
  noPermitFigure: "no method gives a permitted emission: standard_method, eia_method and total_control are all empty or marked missing.",
  noActualFigure: "no accounting method gives a figure: online, manual, material_balance and emission_factor are all empty or marked missing.",
  unknownRule: '{arg}: "{text}" is not a rule; use one of: {accepted}.',
  markNotAbsent: '{arg}{at}: "{text}" marks a missing figure, but a phase that exists has one; type the figure, or "/" if the phase does not exist.',
  yearAsDate: "{arg}{at}: {value} looks like a year, but Excel reads a number here as a day ({value} is {iso}); type the date, e.g. DATE({year},1,1) or {year}-01-01.",
  smallDateNumber: "{arg}{at}: {value} is not a unit's date (Excel would read it as {iso}); type the date, e.g. DATE({year},1,1) or {year}-01-01.",
  tooManyDates: "{arg} is {rows} rows × {cols} columns; give the unit's date, or its {max} dates (EIA approval, commissioning) in a row or a column: the earliest decides. For several units, write one formula per unit.",
  notYetApplicable: "{name} applies to this unit only from {from} ({clause}); on {asOf} the unit came under {predecessor}, for which this add-in has no limit table.",
  pollutantNotYetApplicable: "{name} sets its {text} limit only from {from} ({clause}); on {asOf} it set none for this unit.",
  unknownUnitType: '{arg}: "{text}" is not a unit type; use one of: {accepted}.',
  o2AsFraction: "{arg}: {value} looks like a percentage typed with % (Excel stores {percent}% as {value}); give the oxygen content as a number of percent, e.g. {percent}, or as text with its sign, e.g. \"{value}%\" if it really is below 1%.",
  o2NotBelowAir: "{arg}: an oxygen content of {value}% is not below 21%, the oxygen content of air; the conversion needs 21 − O2 > 0.",
  unknownPollutantName: '{arg}: "{text}" is not a pollutant; use one of: {accepted}.',
  notHolderLine: "{arg} is {rows} rows × {cols} columns; give one row or column, one cell per holder.",
  noHolderFigure: "{arg}: no holder has a figure (every cell is empty or marked).",
  markedFigure: '{arg}: "{text}" marks a holder without a figure: there is no result.',
  emptyFigure: "{arg}: an empty cell is a holder without a figure: there is no result. Type the figure, or '-' for none.",
  unknownCutMethod: '{arg}: "{text}" is not an allocation method; use one of: {accepted}.',
  percentTargetSign: '{arg}: "{text}" is not a cut; write the cut with its minus sign, "-{percent}%", or give the new total in t/a.',
  percentTargetRange: '{arg}: "{text}" cuts more than 100%.',
  negativeTarget: '{arg}: {value} is negative (-10% typed with % is -0.1); give the new total in t/a, or a cut as text with its minus sign: "-10%".',
  badDecimals: "{arg}: {value} is not a whole number of places from 0 to {max}.",
  holderCountMismatch: "{arg1} has {n1} cells but {arg2} has {n2}; give one cell per holder in both.",
  weightMissing: '{arg}{at}: the weight of a holder with a permit is missing ("{text}"); type it (0 is a weight).',
  weightsNotUsed: '{arg}: "{method}" uses no weights; leave them out, or use "weighted" or "history".',
  weightsRequired: '{arg}: "{method}" needs weights, one per holder: contributions (weighted) or past emissions (history).',
  targetPlaces: "{arg}: {value} has {places} decimal places, more than decimals ({decimals}), so the results could not add up to it.",
  targetAboveTotal: "{arg}: {value} t/a is above the current total, {total} t/a.",
  cutCannotBeShared: "{arg}: the holders with a weight above 0 cannot give the cut of {cut} t/a: {left} t/a short.",
  targetCannotBeShared: "{arg}: the holders with a history above 0 cannot take the target of {target} t/a within their permits: {left} t/a short.",
  cutRounding: "{arg}: the permits rounded down to {decimals} places add up to {max} t/a, less than the target of {target} t/a; give more decimals.",
} as const;

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  notANumber: "{arg}{at}：“{text}”既不是数字，也不是缺失标记（/ - — 无 N/A）。",
  commaInNumber: "{arg}{at}：“{text}”含有逗号；请去掉分隔符后输入数字（例如 4113.6）。",
  negative: "{arg}{at}：{value} 为负数；烟气量、浓度限值和排放量都不能小于 0。",
  notFinite: "{arg}{at}：该值不是有限数字。",
  tooLarge: "{arg}{at}：{value} 大于 {max}，超出任何排污单位的可能范围；请检查单位。",
  boolean: "{arg}{at}：TRUE/FALSE 不是数量。",
  cellError: "{arg}{at}：单元格中是错误值 {error}。",
  unsupportedValue: "{arg}{at}：此处不能使用这种值。",
  required: "{arg}：此处必须填写数值，缺失标记不可用。",
  notPositive: "{arg}：必须大于 0（空单元格可能以 0 传入函数；请填写数值）。",
  notLine: "{arg} 为 {rows} 行 × {cols} 列；请给出单行或单列，每期一个单元格。",
  emptyRange: "{arg} 没有单元格。",
  lengthMismatch: "{arg1} 有 {n1} 个单元格，而 {arg2} 有 {n2} 个；两者都应每期一个单元格。",
  noPerformance: "第 {phase} 期：环评批复量为 {eia}，但缺少绩效排放量，无法核定排污权。",
  noPhase: "没有任何一期有数值：{arg1} 与 {arg2} 的单元格全部为空或为缺失标记。",
  unknownMedium: "{arg}：“{text}”不是介质；可用：{accepted}。",
  notText: "{arg}：此处应为文本，实际为 {value}。",
  phaseAbsent: "该期不存在：eia 与 performance 均为空或为缺失标记。",
  noEiaTotal: "第 {phase} 期没有环评批复量，环评合计不存在（合计对比此时采用绩效排放量合计）。",
  unknownStandard: "{arg}：没有排放标准“{text}”的限值表；可用：{accepted}。",
  unknownPollutant: "{arg}：“{text}”不是 {name} 规定的污染物；可用：{accepted}。",
  unknownBoiler: "{arg}：“{text}”不是 {name} 中的锅炉或燃气轮机组类型；可用：{accepted}。",
  unknownRegion: "{arg}：“{text}”不是 {name} 中的地区类型；可用：{accepted}。",
  noLimit: "{name} 未规定 {value} 的 {text} 排放限值；该限值仅适用于：{accepted}。",
  notADate: "{arg}：“{text}”不是日期；请填写 Excel 日期或 ISO 格式的文本，例如 2003-12-31。",
  dateOutOfRange: "{arg}：{value} 不是 Excel 可表示的日期（序列号 1 至 2958465，即 1900-01-01 至 9999-12-31）。",
  notSingleCell: "{arg} 为 {rows} 行 × {cols} 列；此处只能给一个单元格。",
  noPermitFigure: "没有任何方法给出许可排放量：standard_method（按标准法核定）、eia_method（按环评法核定）与 total_control（按总量控制法核定）均为空或为缺失标记。",
  noActualFigure: "没有任何核算方法给出数值：online（自动监测）、manual（手工监测）、material_balance（物料衡算）与 emission_factor（排放系数）均为空或为缺失标记。",
  unknownRule: "{arg}：“{text}”不是可用的规则；可用：{accepted}。",
  markNotAbsent: "{arg}{at}：“{text}”表示缺少数值，但存在的工程期必有该数值；请填写数值，该期不存在时填“/”。",
  yearAsDate: "{arg}{at}：{value} 像是年份，但 Excel 在此把数字读作日期序列号（{value} 即 {iso}）；请输入日期，例如 DATE({year},1,1) 或 {year}-01-01。",
  smallDateNumber: "{arg}{at}：{value} 不是机组的日期（Excel 会读作 {iso}）；请输入日期，例如 DATE({year},1,1) 或 {year}-01-01。",
  tooManyDates: "{arg} 为 {rows} 行 × {cols} 列；请给出机组的日期，或其 {max} 个日期（环评批复、建成投产），单行或单列，取最早者。多台机组请每台写一个公式。",
  notYetApplicable: "{name} 自 {from} 起才适用于该机组（{clause}）；{asOf} 时该机组执行 {predecessor}，本加载项没有该标准的限值表。",
  pollutantNotYetApplicable: "{name} 的 {text} 限值自 {from} 起才执行（{clause}）；{asOf} 时对该机组尚无此限值。",
  unknownUnitType: "{arg}：“{text}”不是可用的机组类型；可用：{accepted}。",
  o2AsFraction: "{arg}：{value} 像是带 % 输入的百分数（Excel 把 {percent}% 存为 {value}）；请以百分数的数值填写含氧量，例如 {percent}；若确实低于 1%，请以带 % 的文本填写，例如 \"{value}%\"。",
  o2NotBelowAir: "{arg}：含氧量 {value}% 不低于空气的含氧量 21%；折算要求 21 − O2 > 0。",
  unknownPollutantName: "{arg}：“{text}”不是污染物；可用：{accepted}。",
  notHolderLine: "{arg} 为 {rows} 行 × {cols} 列；请给出单行或单列，每个排污单位一格。",
  noHolderFigure: "{arg}：没有任何排污单位有数值（全部为空或缺失标记）。",
  markedFigure: "{arg}：“{text}”表示该单位没有数值，无结果。",
  emptyFigure: "{arg}：空单元格表示该单位没有数值，无结果；请填写数值，没有时填“-”。",
  unknownCutMethod: "{arg}：“{text}”不是可用的分配方法；可用：{accepted}。",
  percentTargetSign: "{arg}：“{text}”不是削减；请带负号填写“-{percent}%”，或以 t/a 给出新的总量。",
  percentTargetRange: "{arg}：“{text}”削减超过 100%。",
  negativeTarget: "{arg}：{value} 为负数（带 % 输入的 -10% 即 -0.1）；请以 t/a 给出新的总量，或以带负号的文本给出削减比例：“-10%”。",
  badDecimals: "{arg}：{value} 不是 0 至 {max} 的整数位数。",
  holderCountMismatch: "{arg1} 有 {n1} 格，而 {arg2} 有 {n2} 格；两者都应每个排污单位一格。",
  weightMissing: "{arg}{at}：有许可排放量的单位缺少权重（“{text}”）；请填写（0 也是权重）。",
  weightsNotUsed: "{arg}：“{method}”不使用权重；请去掉，或改用 weighted、history。",
  weightsRequired: "{arg}：“{method}”需要权重，每个单位一格：污染贡献（weighted）或历史排放量（history）。",
  targetPlaces: "{arg}：{value} 有 {places} 位小数，多于 decimals（{decimals}），结果之和无法恰好等于它。",
  targetAboveTotal: "{arg}：{value} t/a 高于当前总量 {total} t/a。",
  cutCannotBeShared: "{arg}：权重大于 0 的单位无法完成 {cut} t/a 的削减，尚差 {left} t/a。",
  targetCannotBeShared: "{arg}：历史排放量大于 0 的单位在许可排放量以内无法达到 {target} t/a 的目标，尚差 {left} t/a。",
  cutRounding: "{arg}：许可排放量向下取到 {decimals} 位小数后合计 {max} t/a，低于目标 {target} t/a；请增加小数位数。",
};

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { "en-US": en, "zh-CN": zh };

/**
 * How parameter names appear in messages. English uses the name from Excel's tooltip; Chinese adds
 * the term a Chinese analyst uses. A parameter not listed here appears under its own name.
 */
const ARG_GLOSS_ZH: Readonly<Record<string, string>> = {
  volume: "年排放烟气（废水）量",
  limit: "浓度限值",
  medium: "介质",
  eia: "环评批复量",
  performance: "绩效排放量",
  standard: "排放标准",
  pollutant: "污染物",
  date: "投产或环评批复日期",
  boiler: "锅炉类型",
  region: "地区",
  standard_method: "按标准法核定",
  eia_method: "按环评法核定",
  total_control: "按总量控制法核定",
  online: "自动监测",
  manual: "手工监测",
  material_balance: "物料衡算",
  emission_factor: "排放系数",
  rule: "规则",
  as_of: "核定日期",
  measured: "实测浓度",
  o2_measured: "实测含氧量",
  reference: "基准含氧量",
  permitted: "许可排放量",
  target: "目标总量",
  method: "分配方法",
  weights: "权重",
  decimals: "小数位数",
  this_year: "本年实际排放量",
  last_year: "上年实际排放量",
  actual: "实际排放量",
};

function argLabel(locale: Locale, name: string): string {
  if (locale === "zh-CN" && Object.prototype.hasOwnProperty.call(ARG_GLOSS_ZH, name)) return `${name}（${ARG_GLOSS_ZH[name]}）`;
  return name;
}

function position(locale: Locale, params: MessageParams): string {
  if (params.pos === undefined) return "";
  return locale === "zh-CN" ? `（第 ${params.pos} 格，共 ${params.count} 格）` : ` (cell ${params.pos} of ${params.count})`;
}

export function formatMessage(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const p: Record<string, string | number> = { ...params, at: position(locale, params) };
  for (const k of ["arg", "arg1", "arg2"]) if (typeof params[k] === "string") p[k] = argLabel(locale, params[k] as string);
  return fill(MESSAGES[locale][key], p);
}

export function messageKeys(locale: Locale): string[] {
  return Object.keys(MESSAGES[locale]).sort();
}
