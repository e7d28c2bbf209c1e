import { z } from "zod";

/** How an account counts as trained (before the period starts). */
export const TRAINED_DEFINITIONS = {
  any: "Completed any course",
  adoption: "Completed an adoption-stage course",
  coverage: "Seat coverage at or above the threshold",
} as const;
export type TrainedDefinition = keyof typeof TRAINED_DEFINITIONS;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2025-01-31.")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "Not a real date.",
  );
const optionalText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => (v ? v : undefined));

/** Report filters from a query string (the report page, its CSV export and the CLI share this). */
export const ReportFiltersSchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    segment: optionalText,
    planTier: optionalText,
    country: optionalText,
    csm: optionalText,
    stage: z
      .enum(["onboarding", "adoption", "expansion"])
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** Accounts with a learner who took lessons in this language (lesson_progress.locale; `de` matches de-CH). */
    language: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Use a language tag like de or en.")
      .max(35)
      .optional(),
    trained: z.enum(["any", "adoption", "coverage"]).default("any"),
    coverage: z.coerce.number().min(1, "At least 1%.").max(100, "At most 100%.").default(20),
    x: z.enum(["coverage", "completionRate"]).default("coverage"),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, { message: "The period must end after it starts.", path: ["to"] });

export type ReportFilterInput = z.infer<typeof ReportFiltersSchema>;
/** Filters with the period resolved (defaults filled from the data). */
export type ReportFilters = ReportFilterInput & { from: string; to: string };

export const FILTER_KEYS = [
  "from",
  "to",
  "segment",
  "planTier",
  "country",
  "csm",
  "stage",
  "language",
  "trained",
  "coverage",
  "x",
] as const;

export function parseReportFilters(
  params: URLSearchParams,
):
  | { ok: true; filters: ReportFilterInput }
  | { ok: false; errors: Partial<Record<(typeof FILTER_KEYS)[number], string>>; filters: ReportFilterInput } {
  const raw: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v !== null && v !== "") raw[k] = v;
  }
  const parsed = ReportFiltersSchema.safeParse(raw);
  if (parsed.success) return { ok: true, filters: parsed.data };
  const errors: Partial<Record<(typeof FILTER_KEYS)[number], string>> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as (typeof FILTER_KEYS)[number];
    errors[key] ??= issue.message;
  }
  // Fall back to defaults for the invalid fields so the page still renders, with the errors shown.
  const fallback = ReportFiltersSchema.safeParse(
    Object.fromEntries(Object.entries(raw).filter(([k]) => !(k in errors))),
  );
  return {
    ok: false,
    errors,
    filters: fallback.success ? fallback.data : { trained: "any", coverage: 20, x: "coverage" },
  };
}

/** Query string for the same filters (links to the CSV export and between pages). */
export function filtersToQuery(f: Partial<Record<(typeof FILTER_KEYS)[number], string | number | undefined>>): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v !== undefined && v !== "") p.set(k, String(v));
  }
  return p.toString();
}
