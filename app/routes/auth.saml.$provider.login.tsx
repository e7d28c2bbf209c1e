import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { samlProvider, serviceProvider } from "#app/auth/saml/saml.server";
import { reserveIdpStart } from "#app/auth/idp-provision.server";
import { clientAddress } from "#app/utils/request.server";
import { safeRedirect } from "#app/utils/safe-redirect";
import { SignInProblem } from "#app/components/identity/SignInProblem";

export const meta: MetaFunction = () => [{ title: "Sign in · Uplift Academy" }];

/**
 * GET /auth/saml/<provider>/login[?redirectTo=/…] — public: sends the browser to the IdP with an
 * AuthnRequest (HTTP-Redirect binding) whose id is stored for the answer. Rate-limited per IP.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const provider = samlProvider(params.provider ?? "");
  if (!provider) return json({ error: "This sign-in method is not configured on this academy." }, { status: 404 });
  const start = await reserveIdpStart(clientAddress(context));
  if (!start.ok) return json({ error: start.error }, { status: 429 });
  const relayState = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/");
  const url = await serviceProvider(request, provider).getAuthorizeUrlAsync(relayState, new URL(request.url).host, {});
  return redirect(url, { headers: { "Cache-Control": "no-store" } });
}

export default function SamlLogin() {
  return <SignInProblem error={useLoaderData<typeof loader>().error} />;
}
