import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { clearFlowCookie, finishOidcSignIn, oidcProvider } from "#app/auth/oidc/oidc.server";
import { createUserSession } from "#app/auth/session.server";
import { safeRedirect } from "#app/utils/safe-redirect";
import { SignInProblem } from "#app/components/identity/SignInProblem";

export const meta: MetaFunction = () => [
  { title: "Signing in · Uplift Academy" },
  { name: "referrer", content: "no-referrer" },
];

/**
 * GET /auth/oidc/<provider>/callback?code=…&state=… — public: the IdP's redirect back. The single-use
 * state, PKCE and the ID token checks are in oidc.server.ts; failures render a page and create nothing.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const provider = oidcProvider(params.provider ?? "");
  if (!provider) return json({ error: "This sign-in method is not configured on this academy." }, { status: 404 });
  const clear = await clearFlowCookie(request, provider.id);
  const result = await finishOidcSignIn(request, provider);
  if (!result.ok)
    return json(
      { error: result.error },
      { status: result.status, headers: { "Set-Cookie": clear, "Referrer-Policy": "no-referrer" } },
    );
  const headers = new Headers({ "Referrer-Policy": "no-referrer" });
  headers.append("Set-Cookie", clear);
  headers.append("Set-Cookie", await createUserSession(request, result.user));
  return redirect(safeRedirect(result.redirectTo, "/"), { headers });
}

export default function OidcCallback() {
  return <SignInProblem error={useLoaderData<typeof loader>().error} />;
}
