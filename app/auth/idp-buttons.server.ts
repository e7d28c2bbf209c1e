import { getEnv } from "#app/env.server";

export interface IdpButton {
  label: string;
  href: string;
}

/** "Sign in with <label>" links for the sign-in page: every configured OIDC and SAML provider. */
export function idpButtons(redirectTo: string | null): IdpButton[] {
  const env = getEnv();
  const qs = redirectTo && redirectTo !== "/" ? `?${new URLSearchParams({ redirectTo })}` : "";
  return [
    ...env.OIDC_PROVIDERS.map((p) => ({ label: p.label, href: `/auth/oidc/${p.id}/login${qs}` })),
    ...env.SAML_PROVIDERS.map((p) => ({ label: p.label, href: `/auth/saml/${p.id}/login${qs}` })),
  ];
}
