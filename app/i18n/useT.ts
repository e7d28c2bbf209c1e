import { useMemo } from "react";
import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE } from "./locales";
import { makeT, type Messages, type TFunction } from "./translate";

interface RootI18n {
  locale: string;
  messages: Messages;
}

/** The served language (the root loader's choice: profile, else Accept-Language, else English). */
export function useLocale(): string {
  return (useRouteLoaderData("root") as RootI18n | undefined)?.locale ?? DEFAULT_LOCALE;
}

/** Translate UI strings: `const t = useT(); t("nav.courses")`. */
export function useT(): TFunction {
  const data = useRouteLoaderData("root") as RootI18n | undefined;
  return useMemo(() => makeT(data?.locale ?? DEFAULT_LOCALE, data?.messages ?? {}), [data?.locale, data?.messages]);
}
