import type { ActionFunctionArgs } from "@remix-run/node";
import { apiError, requireApiToken } from "#app/auth/api-token.server";
import { getDb } from "#app/utils/db.server";
import { importBatch } from "#app/customers/api.server";

/** POST /api/v1/<kind> — JSON batch import (scope import:write). See /api/v1/openapi.json. */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST.");
  const token = await requireApiToken(request, "import:write");
  return importBatch(await getDb(), params.kind ?? "", request, token.id);
}

export async function loader() {
  return apiError(
    405,
    "method_not_allowed",
    "Use POST with a JSON body; the API is described at /api/v1/openapi.json.",
  );
}
