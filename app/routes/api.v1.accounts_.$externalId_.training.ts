import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiToken } from "#app/auth/api-token.server";
import { getDb } from "#app/utils/db.server";
import { accountTrainingDetail } from "#app/customers/training-api.server";

/** GET /api/v1/accounts/{externalId}/training — learners, coverage, stages, dates and certificates (scope report:read). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiToken(request, "report:read");
  return accountTrainingDetail(await getDb(), params.externalId ?? "");
}
