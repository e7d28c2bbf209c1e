/**
 * A real OpenID provider (oidc-provider 9) for the Chromium e2e, started by playwright.config.ts on loopback.
 * Its development login form accepts any login (used as the email) with any password. Test-only.
 */
import http from "node:http";
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_IDP_PORT);
const redirectUri = process.env.OIDC_IDP_REDIRECT_URI!;
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_IDP_CLIENT_ID!,
      client_secret: process.env.OIDC_IDP_CLIENT_SECRET!,
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // The login is the email; every person is verified and gets a readable name.
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: `OIDC ${id.split("@")[0]}` };
      },
    };
  },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ["e2e-oidc-provider-cookie-key-0123456789"] },
  jwks: undefined,
});
provider.on("server_error", (_ctx, err) => console.error("[oidc-idp] server_error", err));

http.createServer(provider.callback()).listen(port, "127.0.0.1", () => console.log(`[oidc-idp] ${issuer} ready`));
