import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { readIdRegistry } from "./id-registry.server";

/**
 * `npm run content:new` (issue 21): a new course folder (course.mdx, status draft, plus a first lesson)
 * or a new lesson at the end of a course, with ids nobody has used — not in content/ now, and not in
 * content/.content-ids.json (ids of removed files stay taken: progress may be keyed on them). The
 * files pass `content:check` as written: adding a lesson also adds its minutes to the course's
 * estimatedMinutes, which the check compares with the lessons' sum.
 */

const LESSON_FILE = /^(\d{2,3})-([a-z0-9-]+)\.mdx$/;
export const NEW_LESSON_MINUTES = 5;

export function slugify(text: string): string {
  return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 48).replace(/-+$/, "");
}

/** Every id in use or ever used: frontmatter ids found in content/courses and the id registry's values. */
export function usedIds(contentDir: string): Set<string> {
  const ids = new Set(Object.values(readIdRegistry(contentDir)));
  const root = path.join(contentDir, "courses");
  for (const dir of fs.existsSync(root) ? fs.readdirSync(root, { withFileTypes: true }) : []) {
    if (!dir.isDirectory()) continue;
    for (const file of fs.readdirSync(path.join(root, dir.name)).filter((f) => f.endsWith(".mdx"))) {
      const id = frontmatterOf(path.join(root, dir.name, file)).id;
      if (typeof id === "string") ids.add(id);
    }
  }
  return ids;
}

function frontmatterOf(file: string): Record<string, unknown> {
  try {
    return matter(fs.readFileSync(file, "utf8"), { language: "yaml" }).data as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** `base` when free, else `base-<4 hex>` (fresh, never reused). */
export function freshId(base: string, used: Set<string>): string {
  const clean = slugify(base) || "item";
  if (!used.has(clean)) return clean;
  for (;;) {
    const candidate = `${clean}-${crypto.randomBytes(2).toString("hex")}`;
    if (!used.has(candidate)) return candidate;
  }
}

const yamlString = (s: string) => JSON.stringify(s);

function lessonFile(id: string, title: string) {
  return `---
id: ${id}
title: ${yamlString(title)}
estimatedMinutes: ${NEW_LESSON_MINUTES}
objectives: []
---

## ${title}

Write the lesson here: Markdown plus the components listed in docs/authoring.md.
`;
}

export interface Scaffolded { files: string[]; courseId: string; lessonId: string }

export function newCourse(contentDir: string, folder: string, opts: { title?: string } = {}): Scaffolded {
  const slug = slugify(folder);
  if (!slug || slug !== folder) throw new Error(`course folder must be lower-case letters, digits and dashes (e.g. "${slug || "my-course"}")`);
  const dir = path.join(contentDir, "courses", folder);
  if (fs.existsSync(dir)) throw new Error(`${dir} already exists`);
  const used = usedIds(contentDir);
  const courseId = freshId(folder, used);
  used.add(courseId);
  const lessonId = freshId(`${courseId}-introduction`, used);
  const title = opts.title?.trim() || folder.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
  fs.mkdirSync(dir, { recursive: true });
  const course = `---
id: ${courseId}
title: ${yamlString(title.length >= 3 ? title : `${title} course`)}
summary: "One or two sentences on what learners will be able to do afterwards."
stage: onboarding
features: []
level: beginner
estimatedMinutes: ${NEW_LESSON_MINUTES}
prerequisites: []
status: draft
order: 100
---

What this course covers and who it is for. Authors and admins can preview it (with a preview banner)
until \`status\` is \`published\`.
`;
  const files = [path.join(dir, "course.mdx"), path.join(dir, "01-introduction.mdx")];
  fs.writeFileSync(files[0]!, course, { flag: "wx" });
  fs.writeFileSync(files[1]!, lessonFile(lessonId, "Introduction"), { flag: "wx" });
  return { files, courseId, lessonId };
}

export function newLesson(contentDir: string, courseFolder: string, opts: { title?: string } = {}): Scaffolded {
  const dir = path.join(contentDir, "courses", courseFolder);
  const courseFile = path.join(dir, "course.mdx");
  if (!fs.existsSync(courseFile)) throw new Error(`${courseFile} not found: give the course's folder name under ${path.join(contentDir, "courses")}`);
  const courseId = frontmatterOf(courseFile).id;
  if (typeof courseId !== "string") throw new Error(`${courseFile} has no id in its frontmatter`);
  const numbers = fs.readdirSync(dir).map((f) => LESSON_FILE.exec(f)).filter((m) => m).map((m) => Number(m![1]));
  const next = (numbers.length ? Math.max(...numbers) : 0) + 1;
  const title = opts.title?.trim() || `Lesson ${next}`;
  const slug = slugify(title) || `lesson-${next}`;
  const lessonId = freshId(`${courseId}-${slug}`, usedIds(contentDir));
  const file = path.join(dir, `${String(next).padStart(2, "0")}-${slug}.mdx`);
  fs.writeFileSync(file, lessonFile(lessonId, title.length >= 3 ? title : `Lesson ${title}`), { flag: "wx" });
  // Keep the course's estimate equal to the sum of its lessons (content:check compares them).
  const source = fs.readFileSync(courseFile, "utf8");
  const updated = source.replace(/^estimatedMinutes:\s*(\d+)\s*$/m, (_, n: string) => `estimatedMinutes: ${Number(n) + NEW_LESSON_MINUTES}`);
  if (updated !== source) fs.writeFileSync(courseFile, updated);
  return { files: [file, courseFile], courseId, lessonId };
}
