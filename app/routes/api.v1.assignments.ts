import type { ActionFunctionArgs } from "@remix-run/node";
import { apiError, requireApiToken } from "#app/auth/api-token.server";
import { getDb } from "#app/utils/db.server";
import { assignCourses, AssignmentInput } from "#app/learning/assignments.server";

const MAX_BYTES = 1024 * 1024;
/** assignCourses' refusals as HTTP statuses (the same for the assignment form, app/routes/assignments.new.tsx). */
const FAILURE_STATUS = { no_account: 404, not_allowed: 403, invalid: 400 } as const;

/** POST /api/v1/assignments — assign a course or stage path to learners of an account (scope assignments:write). */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "Use POST.");
  const token = await requireApiToken(request, "assignments:write");
  let json: unknown;
  try {
    const text = await request.text();
    if (text.length > MAX_BYTES) return apiError(413, "too_large", "Request body over 1 MB.");
    json = JSON.parse(text);
  } catch {
    return apiError(400, "invalid_json", "The body is not valid JSON.");
  }
  const input = AssignmentInput.safeParse(json);
  if (!input.success)
    return apiError(
      400,
      "invalid_body",
      "The body must be { account, course | stage, learners: [email] | allLearners: true, dueOn? }.",
      input.error.flatten(),
    );
  const result = await assignCourses(await getDb(), { kind: "token", id: token.id }, input.data, "api");
  if (!result.ok)
    return apiError(
      FAILURE_STATUS[result.reason],
      result.reason === "no_account" ? "not_found" : "invalid_assignment",
      Object.values(result.fieldErrors).join(" "),
      { fieldErrors: result.fieldErrors },
    );
  return new Response(
    JSON.stringify({ assigned: result.assigned, learners: result.learners, courses: result.courses }),
    {
      status: 200,
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
    },
  );
}

export async function loader() {
  return apiError(
    405,
    "method_not_allowed",
    "Use POST with a JSON body; the API is described at /api/v1/openapi.json.",
  );
}
