import { z } from "zod";
import { STAGES } from "#db/schema/learning";
import { canonicalLocale } from "./translations";

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes");

/** Frontmatter of content/courses/<dir>/course.mdx. `id` is stable: progress is keyed on it. */
export const CourseFrontmatter = z.object({
  id,
  title: z.string().min(3).max(120),
  summary: z.string().min(10).max(400),
  stage: z.enum(STAGES),
  features: z.array(z.string().regex(/^[a-z0-9_.-]+$/i)).default([]),
  audience: z.string().optional(),
  level: z.enum(["beginner", "intermediate", "advanced"]).default("beginner"),
  estimatedMinutes: z.number().int().positive().max(10_000),
  prerequisites: z.array(id).default([]),
  status: z.enum(["draft", "published"]).default("published"),
  /** The source's language (BCP 47). Translations sit next to it as course.<locale>.mdx. */
  locale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a BCP 47 language tag, e.g. en, de, pt-BR")
    .refine((t) => canonicalLocale(t) === t, "must be a BCP 47 language tag in canonical form, e.g. en, de, pt-BR").default("en"),
  order: z.number().int().default(0),
  /** Certificates of this course expire after this many months (recertification); absent = never. */
  certificateValidMonths: z.number().int("must be a whole number of months").min(1, "must be at least 1 month").max(120, "must be at most 120 months (10 years)").optional(),
}).strict();
export type CourseFrontmatter = z.infer<typeof CourseFrontmatter>;

/** Frontmatter of content/courses/<dir>/NN-<lesson>.mdx. */
export const LessonFrontmatter = z.object({
  id,
  title: z.string().min(3).max(160),
  estimatedMinutes: z.number().int().positive().max(600),
  objectives: z.array(z.string()).default([]),
  passMark: z.number().int().min(0).max(100).default(80),
  /** Share (%) of each <Video> in the lesson a learner must watch before it completes. */
  requireWatch: z.number().int().min(1).max(100).optional(),
}).strict();
export type LessonFrontmatter = z.infer<typeof LessonFrontmatter>;

const sourceHash = z.string({ required_error: "is required: paste the hash printed by `npm run content:check -- --hash <source file>`" })
  .regex(/^[0-9a-f]{16}$/, "must be the 16 hex digits printed by `npm run content:check -- --hash <source file>`");

/** Frontmatter of course.<locale>.mdx: only the words; everything else comes from course.mdx. */
export const CourseTranslationFrontmatter = z.object({
  id: id.optional(),
  title: z.string().min(3).max(120),
  summary: z.string().min(10).max(400),
  audience: z.string().optional(),
  sourceHash,
}).strict();
export type CourseTranslationFrontmatter = z.infer<typeof CourseTranslationFrontmatter>;

/** Frontmatter of NN-slug.<locale>.mdx. */
export const LessonTranslationFrontmatter = z.object({
  id: id.optional(),
  title: z.string().min(3).max(160),
  objectives: z.array(z.string()).default([]),
  sourceHash,
}).strict();
export type LessonTranslationFrontmatter = z.infer<typeof LessonTranslationFrontmatter>;
