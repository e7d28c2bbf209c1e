import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#app/utils/db.server";
import { openBadgeCredential } from "#app/learning/credentials/open-badge.server";

/**
 * GET /certificates/<code>.json — the certificate as a signed Open Badges 3.0 credential (docs/credentials.md).
 * Public like the certificate page: the unguessable code is the credential's address.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await openBadgeCredential(await getDb(), params.code ?? "");
  if (!found)
    return new Response(JSON.stringify({ error: { code: "not_found", message: "No certificate has this code." } }), {
      status: 404,
      headers: { "Content-Type": "application/json" },
    });
  return new Response(JSON.stringify(found, null, 2), {
    status: 200,
    // Status (expired, revoked) can change: verifiers fetch it fresh.
    headers: { "Content-Type": "application/json", "Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*" },
  });
}
