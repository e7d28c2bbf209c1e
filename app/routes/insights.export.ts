import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { insightsCsv, parseInsightsFilters } from "#app/analytics/insights/index.server";

/** GET /insights/export?table=courses|trend|health|funnel|comments|questions|videos[&course=…][&filters] → CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "author", "cs_leader", "admin");
  const url = new URL(request.url);
  const csv = await insightsCsv(
    await getDb(),
    url.searchParams.get("table") ?? "",
    parseInsightsFilters(url),
    url.searchParams.get("course") ?? undefined,
  );
  if (!csv) throw new Response("Unknown table or course", { status: 404 });
  return csv;
}
