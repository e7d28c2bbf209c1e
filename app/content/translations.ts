import crypto from "node:crypto";
import type { QuizDefinition } from "./analyze";

/**
 * Translations sit next to their source: `course.<locale>.mdx`, `NN-slug.<locale>.mdx`, with a BCP 47
 * language tag (`de`, `pt-BR`, `zh-Hant`). They share the source's ids; only words change.
 */
export const COURSE_FILE = /^course(?:\.([A-Za-z0-9-]+))?\.mdx$/;
export const LESSON_FILE = /^(\d{2,3})-([a-z0-9-]+)(?:\.([A-Za-z0-9-]+))?\.mdx$/;

/** The tag in its canonical BCP 47 form, or null when it is not a well-formed tag. */
export function canonicalLocale(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * What a translation records of its source (`sourceHash:` in its frontmatter): the first 16 hex digits of
 * the SHA-256 of the source file's text. Any edit of the source makes the translation stale.
 */
export function sourceHashOf(sourceText: string): string {
  return crypto.createHash("sha256").update(sourceText.replace(/\r\n/g, "\n")).digest("hex").slice(0, 16);
}

/**
 * Quiz answers are graded against the source's quiz (decision 0012): a translation must ask the same
 * questions (same ids, same order), with the same number of options and the correct ones in the same
 * places. Returns what differs, or null.
 */
export function quizStructureDifference(source: QuizDefinition | null, translation: QuizDefinition | null): string | null {
  if (!source && !translation) return null;
  if (!source) return "the translation has a <Quiz> but its source has none";
  if (!translation) return "the source has a <Quiz> but the translation has none";
  const ids = (q: QuizDefinition) => q.questions.map((x) => x.id).join(", ");
  if (ids(source) !== ids(translation)) return `quiz question ids must match the source's in order (source: ${ids(source)}; translation: ${ids(translation)})`;
  for (const [i, q] of source.questions.entries()) {
    const t = translation.questions[i]!;
    const shape = (x: typeof q) => x.options.map((o) => (o.correct ? "correct" : "·")).join(" ");
    if (shape(q) !== shape(t)) return `question "${q.id}" must have ${q.options.length} options with the correct ones in the same places as the source (${shape(q)})`;
  }
  return null;
}

/** The best of `available` for a wanted language: exact tag, then the same language (de-CH → de). */
export function pickLocale(wanted: string, available: readonly string[]): string | null {
  if (available.includes(wanted)) return wanted;
  const lang = wanted.split("-")[0]!.toLowerCase();
  return available.find((a) => a.split("-")[0]!.toLowerCase() === lang) ?? null;
}
