import { isUiLocale } from "../locales";
import { makeT, type TFunction } from "../translate";
import { de } from "./de";
import { en } from "./en";

export const emailMessages = { en, de };

/**
 * A `t` for an email in the recipient's language (users.language; anything else → English). Email strings
 * live apart from the UI strings so they never travel to the browser with the root loader's messages.
 */
export function emailT(locale: string | null | undefined): TFunction {
  const lang = isUiLocale(locale) ? locale : "en";
  return makeT(lang, emailMessages[lang]);
}
