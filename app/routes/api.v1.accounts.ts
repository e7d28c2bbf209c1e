import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiError, requireApiToken } from "#app/auth/api-token.server";
import { getDb } from "#app/utils/db.server";
import { importBatch } from "#app/customers/api.server";
import { listAccountsTraining } from "#app/customers/training-api.server";

/** GET /api/v1/accounts — accounts with training figures, paged (scope report:read). See /api/v1/openapi.json. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiToken(request, "report:read");
  return listAccountsTraining(await getDb(), request);
}

/** POST /api/v1/accounts — the accounts import batch, as /api/v1/<kind> (scope import:write). */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST.");
  const token = await requireApiToken(request, "import:write");
  return importBatch(await getDb(), "accounts", request, token.id);
}
