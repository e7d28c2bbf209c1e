import { zodToJsonSchema } from "zod-to-json-schema";
import { CourseFrontmatter, CourseTranslationFrontmatter, LessonFrontmatter, LessonTranslationFrontmatter } from "./frontmatter";

/**
 * JSON Schemas of the course and lesson frontmatter, generated from the zod schemas content:check uses
 * (app/content/frontmatter.ts), for editors (docs/authoring.md "Frontmatter in your editor").
 * Written to content/schema/ by `npm run content:schema`; a test fails when the committed files differ
 * from what this generates, so they never drift from the checker.
 */
export const SCHEMA_FILES = {
  course: "content/schema/course.schema.json",
  lesson: "content/schema/lesson.schema.json",
  courseTranslation: "content/schema/course-translation.schema.json",
  lessonTranslation: "content/schema/lesson-translation.schema.json",
} as const;

/** Hover help in editors (the zod schemas stay the definition of what is valid). */
const FIELD_HELP: Record<string, string> = {
  id: "Permanent id: progress is keyed on it. Rename files freely, never change an id.",
  title: "Shown to learners.",
  summary: "One or two sentences on the catalog card.",
  stage: "Lifecycle stage the course belongs to.",
  features: "Product feature keys the course teaches (app/content/product-features.ts).",
  level: "Difficulty shown to learners.",
  estimatedMinutes: "Minutes to complete; a course's must equal the sum of its lessons'.",
  prerequisites: "Course ids a learner must complete first.",
  status: "draft = visible to authors and admins only, with a preview banner.",
  order: "Position in the catalog (lower first).",
  certificateValidMonths: "Certificates expire this many months after issue; retaking the course renews them. Omit: never expire.",
  objectives: "\"In this lesson you will\" bullet points.",
  passMark: "Quiz pass mark in percent.",
  sourceHash: "Hash of the source file this translation was made from: `npm run content:check -- --hash <source file>`.",
};

const DESCRIPTIONS = {
  course: "Frontmatter of content/courses/<folder>/course.mdx (Uplift Academy).",
  lesson: "Frontmatter of content/courses/<folder>/NN-<slug>.mdx (Uplift Academy).",
  courseTranslation: "Frontmatter of a course translation, content/courses/<folder>/course.<language>.mdx (Uplift Academy).",
  lessonTranslation: "Frontmatter of a lesson translation, content/courses/<folder>/NN-<slug>.<language>.mdx (Uplift Academy).",
};

export function frontmatterJsonSchemas(): Record<keyof typeof SCHEMA_FILES, object> {
  const make = (kind: keyof typeof SCHEMA_FILES, schema: typeof CourseFrontmatter | typeof LessonFrontmatter | typeof CourseTranslationFrontmatter | typeof LessonTranslationFrontmatter) => {
    // Input shape: fields with a default are optional for the author.
    const generated = zodToJsonSchema(schema, { target: "jsonSchema7", $refStrategy: "none", pipeStrategy: "input", effectStrategy: "input", applyRegexFlags: true }) as Record<string, unknown>;
    const { $schema, ...rest } = generated;
    const properties = rest.properties as Record<string, Record<string, unknown>>;
    for (const [key, help] of Object.entries(FIELD_HELP)) if (properties[key]) properties[key] = { description: help, ...properties[key] };
    return { $schema, title: `Uplift Academy ${kind} frontmatter`, description: DESCRIPTIONS[kind], ...rest };
  };
  return {
    course: make("course", CourseFrontmatter), lesson: make("lesson", LessonFrontmatter),
    courseTranslation: make("courseTranslation", CourseTranslationFrontmatter), lessonTranslation: make("lessonTranslation", LessonTranslationFrontmatter),
  };
}

export function schemaFileText(schema: object): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
