import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { rejectedRowsCsv } from "#app/customers/import/history.server";

/** CSV of an import's rejected rows and the reason for each. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "cs_leader", "admin");
  if (!/^[0-9a-f-]{36}$/.test(params.importId ?? "")) throw new Response("Not found", { status: 404 });
  const csv = await rejectedRowsCsv(await getDb(), params.importId!);
  if (!csv) throw new Response("Not found", { status: 404 });
  return csv;
}
