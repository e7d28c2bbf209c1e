/** Languages the UI is translated into (app/i18n/messages/*). Course content may have more (any BCP 47 tag). */
export const UI_LOCALES = ["en", "de"] as const;
export type UiLocale = (typeof UI_LOCALES)[number];
export const DEFAULT_LOCALE: UiLocale = "en";
/** Each language named in itself, for the language setting. */
export const LOCALE_NAMES: Record<UiLocale, string> = { en: "English", de: "Deutsch" };

export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === "string" && (UI_LOCALES as readonly string[]).includes(value);
}
