import { z } from "zod";
import { STAGES } from "#db/schema/learning";

/** Filters of the content insights pages (GET query, so they work without JavaScript). */
export const InsightsFilters = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  segment: z.string().max(50).optional().catch(undefined),
  stage: z.enum(STAGES).optional().catch(undefined),
});
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
