import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiError, requireApiToken } from "#app/auth/api-token.server";
import { getDb } from "#app/utils/db.server";
import { getEnv } from "#app/env.server";
import { listStatements } from "#app/learning/xapi.server";

const Query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  // A statement id from a `more` link: digits only, within the ids JavaScript numbers hold exactly
  // (a larger value overflowed the bigint comparison in SQL: a 500).
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, "cursor must be a positive whole number: the cursor of a `more` link.")
    .transform(Number)
    .refine(Number.isSafeInteger, `cursor is out of range (at most ${Number.MAX_SAFE_INTEGER}).`)
    .optional(),
  since: z.string().datetime({ offset: true }).optional(),
});

/** GET /api/v1/xapi/statements — the learning events log as xAPI 1.0.3 statements (scope xapi:read). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiToken(request, "xapi:read");
  const url = new URL(request.url);
  const parsed = Query.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success)
    return apiError(400, "invalid_query", "Invalid query parameters.", parsed.error.flatten().fieldErrors);
  const baseUrl = getEnv().PUBLIC_URL?.replace(/\/$/, "") ?? url.origin;
  const page = await listStatements(await getDb(), {
    baseUrl,
    limit: parsed.data.limit,
    cursor: parsed.data.cursor,
    since: parsed.data.since ? new Date(parsed.data.since) : undefined,
  });
  return new Response(JSON.stringify(page), {
    headers: { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3", "Cache-Control": "no-store" },
  });
}
