/** The two languages the add-in speaks. Anything that is not Chinese falls back to English. */
export type Locale = "en-US" | "zh-CN";

export const LOCALES: readonly Locale[] = ["en-US", "zh-CN"];

/**
 * Maps a language tag as Office, a browser or `LANG` gives it ("zh-CN", "zh_CN.UTF-8", "zh-Hans", "en-GB")
 * to one of the add-in's locales.
 */
export function resolveLocale(tag: string | null | undefined): Locale {
  if (!tag) return "en-US";
  return /^zh\b|^zh[-_]/i.test(tag.trim()) ? "zh-CN" : "en-US";
}

/** Replaces `{name}` placeholders with the values given; unknown placeholders are left as they are. */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
