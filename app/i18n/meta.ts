import type { MetaArgs } from "@remix-run/node";
import { DEFAULT_LOCALE } from "./locales";
import { makeT, type Messages } from "./translate";

/**
 * A page title in the served language, for `meta` (which cannot use hooks): the root loader's messages
 * come with every match list. Falls back to `english` while the root has no data (its own error).
 */
export function localizedTitle(matches: MetaArgs["matches"], key: string, english: string): string {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string; messages?: Messages } | undefined;
  const text = root?.messages ? makeT(root.locale ?? DEFAULT_LOCALE, root.messages)(key) : english;
  return `${text === key ? english : text} · Uplift Academy`;
}
