/**
 * The `t` the React tree uses, on the server and in the browser alike: the root loader sends the served
 * language's messages (resolved server-side by i18next, app/i18n/i18next.server.ts), and this resolves
 * keys the way i18next does for what the UI uses — nested keys, `{{name}}` interpolation and
 * `key_one`/`key_other` plurals by `count` — in a few lines instead of shipping i18next and
 * react-i18next (~20 KiB gzip) on the lesson page (docs/decisions/0012-localized-courses.md).
 */
export type Messages = { [key: string]: string | Messages };
/** A translation typed against the English source: same keys, any words. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type TFunction = (key: string, vars?: Record<string, string | number>) => string;

function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split(".")) {
    if (!node || typeof node === "string") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

export function makeT(locale: string, messages: Messages): TFunction {
  const plural = new Intl.PluralRules(locale);
  return (key, vars) => {
    const count = vars?.count;
    const text =
      (typeof count === "number"
        ? (lookup(messages, `${key}_${plural.select(count)}`) ?? lookup(messages, `${key}_other`))
        : undefined) ??
      lookup(messages, key) ??
      key;
    return vars
      ? text.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
      : text;
  };
}
