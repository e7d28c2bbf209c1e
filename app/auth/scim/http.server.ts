import { getDb } from "#db/index";
import { requireApiToken } from "#app/auth/api-token.server";
import { publicBaseUrl } from "#app/utils/public-url.server";
import { ScimError, SCIM_ERROR_SCHEMA } from "./resource";

const SCIM_TYPE = "application/scim+json";

export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": SCIM_TYPE, "Cache-Control": "no-store", ...headers },
  });
}

export function scimError(status: number, detail: string, scimType?: string): Response {
  return scimJson(
    { schemas: [SCIM_ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail },
    status,
  );
}

/**
 * Runs a SCIM handler: bearer token with the `scim` scope first, then the handler; every failure is
 * answered in the SCIM error format (RFC 7644 §3.12), never as HTML or a stack trace.
 */
export async function handleScim(
  request: Request,
  handler: (ctx: { db: Awaited<ReturnType<typeof getDb>>; baseUrl: string }) => Promise<Response>,
): Promise<Response> {
  try {
    await requireApiToken(request, "scim");
  } catch (thrown) {
    if (thrown instanceof Response) {
      const body = (await thrown.json().catch(() => null)) as { error?: { message?: string } } | null;
      return scimError(thrown.status, body?.error?.message ?? "Unauthorized");
    }
    throw thrown;
  }
  try {
    return await handler({ db: await getDb(), baseUrl: publicBaseUrl() });
  } catch (err) {
    if (err instanceof ScimError) return scimError(err.status, err.message, err.scimType);
    throw err;
  }
}

/** Reads a JSON body of at most 1 MB (SCIM requests are small). */
export async function readScimBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > 1_000_000) throw new ScimError(413, "Request body too large");
  try {
    return JSON.parse(text);
  } catch {
    throw new ScimError(400, "The request body is not valid JSON", "invalidSyntax");
  }
}
