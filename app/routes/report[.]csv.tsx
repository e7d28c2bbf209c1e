import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { impactReportView } from "#app/analytics/report/impact-report.server";
import { computingResponse } from "#app/analytics/report/computing-response.server";
import { parseReportFilters } from "#app/analytics/report/filters";
import { PeriodOutsideDataError } from "#app/analytics/coverage/sources";
import { REPORT_TABLES, reportTableCsv, type ReportTableKey } from "#app/analytics/report/csv";

const TABLES = Object.keys(REPORT_TABLES) as [ReportTableKey, ...ReportTableKey[]];

/**
 * CSV export of any report table: /report.csv?table=<name>&<the report's filters>. Only figures for the
 * current data: 503 with Retry-After while they are being computed.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "cs_leader", "admin");
  const params = new URL(request.url).searchParams;
  const table = z.enum(TABLES).safeParse(params.get("table") ?? "accounts");
  if (!table.success) throw new Response(`Unknown table. Use one of: ${TABLES.join(", ")}.`, { status: 400 });
  const parsed = parseReportFilters(params);
  if (!parsed.ok)
    throw new Response(
      Object.entries(parsed.errors)
        .map(([k, v]) => `${k}: ${v}`)
        .join("\n"),
      { status: 400 },
    );
  let report;
  try {
    const state = await impactReportView(await getDb(), parsed.filters);
    // A file carries no "these figures are old" label: while current ones compute, 503 with Retry-After.
    if (state.status !== "current") return computingResponse(state, "text");
    report = state.value;
  } catch (err) {
    // Months without revenue data are never exported as if nothing happened in them.
    if (err instanceof PeriodOutsideDataError)
      throw new Response(err.message, { status: 422, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw err;
  }
  const name = `uplift-${table.data}-${report.filters.from}-to-${report.filters.to}.csv`;
  return new Response(reportTableCsv(report, table.data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
