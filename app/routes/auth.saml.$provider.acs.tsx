import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { z } from "zod";
import { consumeSamlResponse } from "#app/auth/saml/acs.server";
import { samlProvider } from "#app/auth/saml/saml.server";
import { createUserSession } from "#app/auth/session.server";
import { safeRedirect } from "#app/utils/safe-redirect";
import { SignInProblem } from "#app/components/identity/SignInProblem";

export const meta: MetaFunction = () => [
  { title: "Signing in · Uplift Academy" },
  { name: "referrer", content: "no-referrer" },
];

const AcsForm = z.object({
  SAMLResponse: z.string().min(1).max(500_000),
  RelayState: z.string().max(2000).optional(),
});

/** Only the IdP posts here; a person who opens the address sees where to go instead. */
export async function loader() {
  return redirect("/login");
}

/**
 * POST /auth/saml/<provider>/acs — public, exempt from the cross-site check (the IdP posts cross-site):
 * the signed, single-use assertion is the credential. Failures render a page and create nothing.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const provider = samlProvider(params.provider ?? "");
  if (!provider) return json({ error: "This sign-in method is not configured on this academy." }, { status: 404 });
  const form = AcsForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return json({ error: "The identity provider sent no SAML response." }, { status: 400 });
  const result = await consumeSamlResponse(request, provider, form.data.SAMLResponse);
  if (!result.ok) return json({ error: result.error }, { status: result.status });
  const cookie = await createUserSession(request, result.user);
  return redirect(safeRedirect(form.data.RelayState, "/"), {
    headers: { "Set-Cookie": cookie, "Referrer-Policy": "no-referrer" },
  });
}

export default function SamlAcs() {
  const data = useActionData<typeof action>();
  return <SignInProblem error={data?.error ?? "Nothing to see here."} />;
}
