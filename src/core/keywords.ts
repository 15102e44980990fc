/**
 * The one keyword matcher of the rules. Every parameter that takes a word (a medium, a rule, a
 * pollutant, a kind of boiler, a region, a standard, a unit type for the reference oxygen...) reads it
 * through a `KeywordList`: its own list of values, each with the spellings users type, in English and
 * Chinese. Anything else is refused with #VALUE! and the list of accepted words.
 *
 * Spellings are compared in a normal form (`keywordOf`): NFKC (full-width letters and digits become
 * ASCII), lower case, without spaces, hyphens, underscores, brackets, dots, commas and slashes, so that
 * "GB 13223-2011", "ＧＢ１３２２３－２０１１" and "gb13223—2011" are one spelling.
 *
 * The index is a Map and nothing else: a word is accepted only when one of the list's own spellings
 * has its normal form. No key of Object.prototype ("constructor", "__proto__", "toString", ...) can
 * match by accident, and a list that would accept one is refused when it is built.
 */
import { RuleError } from "./errors";
import type { MessageKey } from "../i18n/messages";
import type { Choice } from "./standards/types";

/** The form a keyword is compared in: NFKC, lower case, without spaces, hyphens, brackets and dots. */
export function keywordOf(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\-_–—()[\]（）【】·.,，、:：/]/g, "");
}

/** One value of a keyword list and the spellings that mean it. */
export interface KeywordEntry<T> {
  readonly value: T;
  /** Every spelling accepted for the value (its names in both languages and its aliases). */
  readonly spellings: readonly string[];
}

/** The normal forms of the keys of Object.prototype: no list may accept one of them. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype).map(keywordOf));

/**
 * A parameter's list of accepted words. `unknown` is the message key used to refuse anything else; its
 * message receives {arg}, {text}, {accepted} and any extra parameters given to `read`.
 */
export class KeywordList<T> {
  private readonly index = new Map<string, T>();

  constructor(
    readonly unknown: MessageKey,
    entries: readonly KeywordEntry<T>[],
    /** The accepted values as shown in messages, e.g. "gas / 废气, water / 废水". */
    readonly accepted: string,
  ) {
    for (const e of entries) {
      for (const spelling of e.spellings) {
        const key = keywordOf(spelling);
        if (key === "") throw new Error(`keyword list ${unknown}: the spelling "${spelling}" is empty once normalized`);
        if (PROTOTYPE_KEYS.has(key)) throw new Error(`keyword list ${unknown}: the spelling "${spelling}" is a key of Object.prototype`);
        const owner = this.index.get(key);
        if (owner !== undefined && owner !== e.value) throw new Error(`keyword list ${unknown}: "${spelling}" would mean two values`);
        this.index.set(key, e.value);
      }
    }
  }

  /** The value `text` names, or undefined. */
  find(text: string): T | undefined {
    return this.index.get(keywordOf(text));
  }

  /** The value `text` names; anything else is #VALUE! with the accepted words. */
  read(text: string, arg: string, extra: Readonly<Record<string, string | number>> = {}): T {
    const value = this.index.get(keywordOf(text));
    if (value === undefined) throw new RuleError("#VALUE!", this.unknown, { ...extra, arg, text: shorten(text), accepted: this.accepted });
    return value;
  }

  /** Every normal form the list accepts (for tests). */
  keys(): string[] {
    return [...this.index.keys()];
  }
}

/** Long text cut for a message. */
export function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** How a choice appears in a list of accepted values: "SO2 / 二氧化硫". */
export function shownName(choice: Choice): string {
  return choice.names.map((n) => `${n.en} / ${n.zh}`).join(", ");
}

/** The accepted values of a list of choices, for messages. */
export function acceptedList(choices: readonly Choice[]): string {
  return choices.map(shownName).join(", ");
}

/** Every spelling of a choice: its id, its names in both languages and its aliases. */
export function spellingsOf(choice: Choice): string[] {
  return [choice.id, ...choice.names.flatMap((n) => [n.en, n.zh]), ...choice.aliases];
}
