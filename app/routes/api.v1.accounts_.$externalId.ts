import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiToken } from "#app/auth/api-token.server";
import { getDb } from "#app/utils/db.server";
import { accountTraining } from "#app/customers/training-api.server";

/** GET /api/v1/accounts/{externalId} — one account's training figures and learners (scope report:read). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiToken(request, "report:read");
  return accountTraining(await getDb(), params.externalId ?? "");
}
