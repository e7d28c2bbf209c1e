import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getScimUser, updateScimUser } from "#app/auth/scim/users.server";
import { handleScim, readScimBody, scimError, scimJson } from "#app/auth/scim/http.server";
import { applyPatch, changesFromInput, ScimError, ScimPatch, ScimUserInput, toScimUser } from "#app/auth/scim/resource";

/** GET /scim/v2/Users/{id} */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleScim(request, async ({ db, baseUrl }) =>
    scimJson(toScimUser(await getScimUser(db, params.id ?? ""), baseUrl)),
  );
}

/** PUT replaces, PATCH applies operations, DELETE deactivates (progress is kept; Okta and Entra mostly PATCH active). */
export async function action({ request, params }: ActionFunctionArgs) {
  const id = params.id ?? "";
  return handleScim(request, async ({ db, baseUrl }) => {
    switch (request.method) {
      case "PUT": {
        const parsed = ScimUserInput.safeParse(await readScimBody(request));
        if (!parsed.success)
          throw new ScimError(
            400,
            parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
            "invalidValue",
          );
        return scimJson(toScimUser(await updateScimUser(db, id, changesFromInput(parsed.data)), baseUrl));
      }
      case "PATCH": {
        const parsed = ScimPatch.safeParse(await readScimBody(request));
        if (!parsed.success)
          throw new ScimError(400, "A PATCH body needs Operations with op add, replace or remove", "invalidSyntax");
        const current = await getScimUser(db, id);
        return scimJson(toScimUser(await updateScimUser(db, id, applyPatch(current, parsed.data.Operations)), baseUrl));
      }
      case "DELETE":
        await updateScimUser(db, id, { active: false });
        return new Response(null, { status: 204 });
      default:
        return scimError(405, `${request.method} is not supported on a User`);
    }
  });
}
