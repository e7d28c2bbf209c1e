import { analyzeMdx, type QuizDefinition } from "./analyze";
import type { ContentProblem, CourseSource, TranslationSource } from "./load.server";
import { quizStructureDifference, sourceHashOf } from "./translations";

/** Line and column of the value of `key:` in a file's frontmatter (1:1 when absent). */
function valueAt(text: string, key: string): { line: number; col: number } {
  const lines = text.split("\n");
  const i = lines.findIndex((l, n) => n > 0 && new RegExp(`^${key}\\s*:`).test(l));
  if (i < 0) return { line: 1, col: 1 };
  const m = new RegExp(`^${key}\\s*:\\s*`).exec(lines[i]!)!;
  return { line: i + 1, col: m[0].length + 1 };
}

function quizOf(text: string): QuizDefinition | null | undefined {
  try {
    return analyzeMdx(text).quiz;
  } catch {
    return undefined; // MDX syntax errors are reported by the file check
  }
}

/**
 * A translation is stale when its source changed after it was made: its `sourceHash:` no longer is the
 * source file's hash. The message says what to do and gives the hash to paste once the words are updated.
 */
export function staleProblem(t: TranslationSource<{ sourceHash: string }>, source: { file: string; source: string }): ContentProblem | null {
  const current = sourceHashOf(source.source);
  if (t.frontmatter.sourceHash === current) return null;
  const at = valueAt(t.source, "sourceHash");
  return {
    file: t.file, ...at,
    message: `stale translation: ${source.file} changed since this translation was made (sourceHash ${t.frontmatter.sourceHash}, source is now ${current}). `
      + `Update the translation (git log -p ${source.file}), then set sourceHash: ${current}`,
  };
}

/** Stale translations and translated quizzes that could not be graded like their source. */
export function checkTranslations(course: CourseSource): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const t of course.translations) {
    const p = staleProblem(t, course);
    if (p) problems.push(p);
  }
  for (const lesson of course.lessons) {
    if (!lesson.translations.length) continue;
    const sourceQuiz = quizOf(lesson.source);
    for (const t of lesson.translations) {
      const p = staleProblem(t, lesson);
      if (p) problems.push(p);
      // A comma in an unquoted YAML list item splits it: "[Bestätigen, dass …]" is two objectives.
      const n = t.frontmatter.objectives.length;
      if (n && n !== lesson.frontmatter.objectives.length) {
        problems.push({ file: t.file, ...valueAt(t.source, "objectives"), message: `${n} objectives, the source has ${lesson.frontmatter.objectives.length}: quote items that contain a comma ("…, …")` });
      }
      const quiz = quizOf(t.source);
      if (sourceQuiz === undefined || quiz === undefined) continue;
      const diff = quizStructureDifference(sourceQuiz, quiz);
      if (diff) {
        const line = t.source.split("\n").findIndex((l) => /<Quiz\b/.test(l));
        problems.push({ file: t.file, line: line >= 0 ? line + 1 : 1, col: 1, message: `${diff}: answers are graded against the source's quiz (docs/authoring.md#translations)` });
      }
    }
  }
  return problems;
}
