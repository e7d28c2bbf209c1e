import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { oidcProvider, startOidcSignIn } from "#app/auth/oidc/oidc.server";
import { reserveIdpStart } from "#app/auth/idp-provision.server";
import { clientAddress } from "#app/utils/request.server";
import { SignInProblem } from "#app/components/identity/SignInProblem";

export const meta: MetaFunction = () => [{ title: "Sign in · Uplift Academy" }];

/**
 * GET /auth/oidc/<provider>/login[?redirectTo=/…] — public: sends the browser to the IdP with a fresh
 * state, nonce and PKCE challenge. Rate-limited per IP (each start stores a flow row).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const provider = oidcProvider(params.provider ?? "");
  if (!provider) return json({ error: "This sign-in method is not configured on this academy." }, { status: 404 });
  const start = await reserveIdpStart(clientAddress(context));
  if (!start.ok) return json({ error: start.error }, { status: 429 });
  try {
    const { url, cookie } = await startOidcSignIn(
      request,
      provider,
      new URL(request.url).searchParams.get("redirectTo"),
    );
    return redirect(url, { headers: { "Set-Cookie": cookie, "Cache-Control": "no-store" } });
  } catch (err) {
    console.warn(`[oidc] ${provider.id}: cannot start sign-in: ${(err as Error).message}`);
    return json(
      { error: `${provider.label} cannot be reached right now. Try again in a few minutes.` },
      { status: 502 },
    );
  }
}

export default function OidcLogin() {
  return <SignInProblem error={useLoaderData<typeof loader>().error} />;
}
