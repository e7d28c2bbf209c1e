import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiToken } from "#app/auth/api-token.server";
import { getDb } from "#app/utils/db.server";
import { reportApi } from "#app/customers/training-api.server";

/** GET /api/v1/report?from=&to=&… — what `npm run report --format json` prints (scope report:read). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiToken(request, "report:read");
  return reportApi(await getDb(), request);
}
