import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createScimUser, listScimUsers } from "#app/auth/scim/users.server";
import { handleScim, readScimBody, scimError, scimJson } from "#app/auth/scim/http.server";
import {
  changesFromInput,
  parseScimFilter,
  ScimError,
  ScimUserInput,
  SCIM_LIST_SCHEMA,
  toScimUser,
} from "#app/auth/scim/resource";

const MAX_PAGE = 200;

/** GET /scim/v2/Users?filter=userName eq "…"&startIndex=1&count=100 (bearer token, scope scim). */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleScim(request, async ({ db, baseUrl }) => {
    const url = new URL(request.url);
    const filter = parseScimFilter(url.searchParams.get("filter"));
    const startIndex = Math.max(
      1,
      Math.min(1_000_000, Number.parseInt(url.searchParams.get("startIndex") ?? "1", 10) || 1),
    );
    const wanted = url.searchParams.get("count");
    const countWanted = wanted === null ? 100 : Math.max(0, Math.min(MAX_PAGE, Number.parseInt(wanted, 10) || 0));
    const { total, people } = await listScimUsers(db, filter, startIndex, countWanted);
    return scimJson({
      schemas: [SCIM_LIST_SCHEMA],
      totalResults: total,
      startIndex,
      itemsPerPage: people.length,
      Resources: people.map((p) => toScimUser(p, baseUrl)),
    });
  });
}

/** POST /scim/v2/Users: provisions a learner of the account named by `organization` or the email domain. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return scimError(405, "Use POST to create users");
  return handleScim(request, async ({ db, baseUrl }) => {
    const parsed = ScimUserInput.safeParse(await readScimBody(request));
    if (!parsed.success)
      throw new ScimError(
        400,
        parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
        "invalidValue",
      );
    const created = await createScimUser(db, { ...changesFromInput(parsed.data), userName: parsed.data.userName });
    const body = toScimUser(created, baseUrl);
    return scimJson(body, 201, { Location: body.meta.location });
  });
}
