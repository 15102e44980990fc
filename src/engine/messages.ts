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
};

const MESSAGES: Record<Locale, Record<EngineMessageKey, string>> = { "en-US": en, "zh-CN": zh };

export function engineMessage(locale: Locale, key: EngineMessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return fill(MESSAGES[locale][key], params);
}
