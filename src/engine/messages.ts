/**
 * Messages the headless engine itself puts in cells (the rules' messages come from src/i18n/messages.ts).
 * Every key exists in both languages (the type checks it).
 */
import { fill, type Locale } from "../i18n/locale";

const en = {
  notFinite: "the result is not a finite number.",
  badResult: "the function returned a value a cell cannot hold.",
  unknownFunction: "{name} is not a function of this engine.",
  argumentCount: "{name} takes {min} to {max} arguments, {given} given.",
  outsideLift: "this cell is outside the ranges given to the function.",
  unknownName: '"{name}" is neither a function nor a defined name of this workbook.',
  unsupported: "the headless engine cannot read this formula: {detail}",
  cycle: "circular reference.",
  tooDeep: "the formula is nested too deeply or too long for it to read (Excel allows 8,192 characters and 64 levels).",
  spill: "the result needs {rows}×{cols} cells but some of them are not empty.",
  // Why a recomputed cell is not verified (see closure.ts)
  whyFunction: "{name} is not among the functions checked against Excel",
  whyThreeD: "3-D reference {ref}",
  whyExternal: "reference to another workbook {ref}",
  whyStructured: "table (structured) reference",
  whyIntersection: "range {ref} that Excel intersects implicitly with the formula's row or column",
  whyArray: "array formula of a function that is not an ER function",
  whyCellName: "defined name {name} looks like a cell address",
  whyConcat: "& writes numbers as text differently from Excel",
  whyEmptyText: 'empty text "" in arithmetic ({cell})',
  whyName: "defined name {name} the engine cannot use",
  whyNotComputed: "{cell} is not computed (the file holds no value for it the engine can take)",
  whyReferenceArgument: "{name} of a reference ({ref}): Excel skips text and empty cells there, the engine does not",
  whyForeignError: "{cell} holds {error}, an error value the engine does not have",
  whyApproximate: "{name} with approximate match (only the exact match, FALSE or 0, is checked against Excel)",
  whyArrayConstant: "array constant {...} outside an array formula (the engine spills it, Excel's older files intersect it)",
  whyEmptyTextLiteral: 'empty text "" in arithmetic (Excel gives #VALUE!, the engine reads 0)',
} as const;

export type EngineMessageKey = keyof typeof en;

const zh: Record<EngineMessageKey, string> = {
  notFinite: "结果不是有限数字。",
  badResult: "函数返回了单元格无法容纳的值。",
  unknownFunction: "{name} 不是本引擎的函数。",
  argumentCount: "{name} 需要 {min} 到 {max} 个参数，实际给出 {given} 个。",
  outsideLift: "该单元格超出了传给函数的区域范围。",
  unknownName: "“{name}”既不是函数，也不是本工作簿定义的名称。",
  unsupported: "无界面引擎无法读取此公式：{detail}",
  cycle: "循环引用。",
  tooDeep: "公式嵌套过深或过长，无法读取（Excel 允许 8,192 个字符、64 层嵌套）。",
  spill: "结果需要 {rows}×{cols} 个单元格，但其中有单元格非空。",
  whyFunction: "{name} 不在已与 Excel 核对的函数之列",
  whyThreeD: "三维引用 {ref}",
  whyExternal: "引用其他工作簿 {ref}",
  whyStructured: "表格的结构化引用",
  whyIntersection: "区域 {ref} 在 Excel 中按公式所在行或列隐式交集取值",
  whyArray: "非 ER 函数的数组公式",
  whyCellName: "定义名称 {name} 形似单元格地址",
  whyConcat: "& 把数字转成文本的方式与 Excel 不同",
  whyEmptyText: "算术运算中有空文本 \"\"（{cell}）",
  whyName: "引擎无法使用定义名称 {name}",
  whyNotComputed: "{cell} 未计算（文件中没有引擎可用的存储值）",
  whyReferenceArgument: "{name} 的参数是引用（{ref}）：Excel 跳过其中的文本和空单元格，引擎不跳过",
  whyForeignError: "{cell} 中是错误值 {error}，引擎没有这种错误值",
  whyApproximate: "{name} 使用近似匹配（只有精确匹配 FALSE 或 0 已与 Excel 核对）",
  whyArrayConstant: "数组常量 {...} 不在数组公式中（引擎把它溢出，Excel 旧文件对它隐式交集）",
  whyEmptyTextLiteral: "算术运算中有空文本 \"\"（Excel 得 #VALUE!，引擎当作 0）",
};

const MESSAGES: Record<Locale, Record<EngineMessageKey, string>> = { "en-US": en, "zh-CN": zh };

export function engineMessage(locale: Locale, key: EngineMessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return fill(MESSAGES[locale][key], params);
}
