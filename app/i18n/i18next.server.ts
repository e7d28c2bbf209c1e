import { RemixI18Next } from "remix-i18next/server";
import { getSessionUser } from "#app/auth/session.server";
import { DEFAULT_LOCALE, isUiLocale, UI_LOCALES, type UiLocale } from "./locales";
import { de } from "./messages/de";
import { en } from "./messages/en";
import { makeT, type Messages, type TFunction } from "./translate";

export const resources = { en: { common: en }, de: { common: de } } satisfies Record<UiLocale, { common: Messages }>;

/**
 * The learner's language: their profile setting, else the browser's Accept-Language (best match among
 * the UI languages), else English. remix-i18next does the header matching; i18next resolves strings
 * on the server (actions' messages, page titles) from the same resources the browser receives.
 */
export const i18n = new RemixI18Next({
  detection: {
    supportedLanguages: [...UI_LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    order: ["custom", "header"],
    async findLocale(request) {
      const user = await getSessionUser(request);
      return user?.language && isUiLocale(user.language) ? user.language : null;
    },
  },
  i18next: { resources, fallbackLng: DEFAULT_LOCALE, defaultNS: "common", interpolation: { escapeValue: false } },
});

export async function requestLocale(request: Request): Promise<UiLocale> {
  const locale = await i18n.getLocale(request);
  return isUiLocale(locale) ? locale : DEFAULT_LOCALE;
}

export function messagesFor(locale: UiLocale): Messages {
  return resources[locale].common;
}

/** A server-side `t` for the request's language (i18next). */
export async function serverT(request: Request) {
  return i18n.getFixedT(request, "common");
}

/** A `t` for a known language (server modules that get a locale, not a request); English otherwise. */
export function tFor(locale: string | null | undefined): TFunction {
  const lang = isUiLocale(locale) ? locale : DEFAULT_LOCALE;
  return makeT(lang, messagesFor(lang));
}
