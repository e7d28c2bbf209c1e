/**
 * npm run content:new -- course <folder> [--title "…"]       a draft course with a first lesson
 * npm run content:new -- lesson <course-folder> [--title "…"] the next lesson of a course
 * Ids are fresh (never used in content/ or content/.content-ids.json); the files pass content:check.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { newCourse, newLesson } from "../app/content/scaffold.server";

const USAGE =
  "usage: npm run content:new -- course <folder> [--title TITLE] | lesson <course-folder> [--title TITLE] [--content-dir DIR]";

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { title: { type: "string" }, "content-dir": { type: "string" } },
  });
  const [kind, name] = positionals;
  if (!name || (kind !== "course" && kind !== "lesson")) throw new Error(USAGE);
  const contentDir = values["content-dir"] ?? "content";
  const made =
    kind === "course"
      ? newCourse(contentDir, name, { title: values.title })
      : newLesson(contentDir, name, { title: values.title });
  for (const f of made.files)
    console.log(
      `${kind === "lesson" && f.endsWith("course.mdx") ? "updated" : "created"} ${path.relative(process.cwd(), f)}`,
    );
  console.log(
    `${kind} id: ${kind === "course" ? made.courseId : made.lessonId}${kind === "course" ? ` (first lesson ${made.lessonId}); status: draft until you publish it` : ""}`,
  );
  console.log(
    "next: edit the files, run `npm run content:check`, then publish (Publish content, or `npm run content:sync`).",
  );
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
