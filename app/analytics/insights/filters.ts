import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { STAGES } from "#db/schema/learning";

/** Filters of the content insights pages (GET query, so they work without JavaScript). */
export const InsightsFilters = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  segment: z.string().max(50).optional().catch(undefined),
  stage: z.enum(STAGES).optional().catch(undefined),
  /** The learner's language when they took the lesson (lesson_progress.locale): `de` matches de and de-CH. */
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .max(35)
    .optional()
    .catch(undefined),
});

/** SQL condition on a lesson_progress alias for the language filter (true when unset). */
export function languageCondition(f: InsightsFilters, alias: SQL): SQL {
  if (!f.language) return sql`true`;
  return sql`lower(split_part(${alias}.locale, '-', 1)) = ${f.language.split("-")[0]!.toLowerCase()}`;
}
export type InsightsFilters = z.infer<typeof InsightsFilters>;

export function parseInsightsFilters(url: URL): InsightsFilters {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  return InsightsFilters.parse(raw);
}

export function filtersToQuery(f: InsightsFilters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}
