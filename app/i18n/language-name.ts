/** A language's name in the reader's language ("Englisch" for a German reader), via Intl.DisplayNames. */
export function languageName(tag: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
