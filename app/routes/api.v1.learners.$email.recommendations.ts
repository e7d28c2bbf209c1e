import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiToken } from "#app/auth/api-token.server";
import { getDb } from "#app/utils/db.server";
import { learnerRecommendations } from "#app/customers/training-api.server";

/** GET /api/v1/learners/{email}/recommendations — the learner's "Recommended next" with reasons (scope learners:read). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiToken(request, "learners:read");
  return learnerRecommendations(await getDb(), params.email ?? "");
}
