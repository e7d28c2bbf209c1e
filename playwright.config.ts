import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { E2E_SERVER_STORE } from "./tests/e2e/support";

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The SMTP server the academy sends to during the run (tests/e2e/mail-sink.ts). */
export const MAIL_SINK_PORT = PORT + 25;
export const MAIL_SINK_FILE = ".cache/e2e-mail/mail.jsonl";
/** Shared with tests/e2e/identity.spec.ts, which signs product tokens with it. */
export const E2E_SSO_SECRET = "e2e-product-sso-secret-0123456789abcdef";
/** The OpenID provider the academy trusts during the run (tests/e2e/oidc-idp.ts). */
export const OIDC_IDP_PORT = PORT + 30;
/** The customer's product page that may embed the widget (tests/e2e/embed-widget.spec.ts serves it). */
export const EMBED_HOST_PORT = PORT + 40;
export const OIDC_IDP_ID = "e2e-idp";
const OIDC_CLIENT = { id: "academy-e2e", secret: "e2e-oidc-client-secret-0123456789" };
const chromium = fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;

/** End-to-end tests against the production build, on a fresh PGlite database seeded with the demo. */
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: chromium,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    trace: "off",
  },
  webServer: [
    {
      command: "tsx tests/e2e/mail-sink.ts",
      port: MAIL_SINK_PORT,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { MAIL_SINK_PORT: String(MAIL_SINK_PORT), MAIL_SINK_FILE },
    },
    {
      command: "tsx tests/e2e/oidc-idp.ts",
      url: `http://127.0.0.1:${OIDC_IDP_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        OIDC_IDP_PORT: String(OIDC_IDP_PORT),
        OIDC_IDP_CLIENT_ID: OIDC_CLIENT.id,
        OIDC_IDP_CLIENT_SECRET: OIDC_CLIENT.secret,
        OIDC_IDP_REDIRECT_URI: `http://127.0.0.1:${PORT}/auth/oidc/${OIDC_IDP_ID}/callback`,
      },
    },
    {
      command: `rm -rf .cache/e2e && mkdir -p .cache/e2e && tsx scripts/server.ts`,
      url: `http://127.0.0.1:${PORT}/healthz`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        ...E2E_SERVER_STORE,
        PORT: String(PORT),
        HOST: "127.0.0.1",
        SMTP_URL: `smtp://127.0.0.1:${MAIL_SINK_PORT}`,
        PUBLIC_URL: `http://127.0.0.1:${PORT}`,
        SSO_JWT_SECRET: E2E_SSO_SECRET,
        OIDC_PROVIDERS: JSON.stringify([
          {
            id: OIDC_IDP_ID,
            label: "E2E Identity",
            issuer: `http://127.0.0.1:${OIDC_IDP_PORT}`,
            clientId: OIDC_CLIENT.id,
            clientSecret: OIDC_CLIENT.secret,
          },
        ]),
        // Sign-up and invitation links arrive by email: tests read them here (tests/e2e/support.ts).
        MAIL_OUTBOX_DIR: ".cache/e2e/outbox",
        // The scheduler polls every second and plans reminders every 2 s, so a reminder arrives during the test.
        SCHEDULER_POLL_SECONDS: "1",
        SCHEDULER_PLAN_SECONDS: "2",
        EMBED_ALLOWED_ORIGINS: `http://127.0.0.1:${EMBED_HOST_PORT}`,
        // Each simulated person sends X-Forwarded-For from the (loopback) test runner: see asNewClient().
        TRUST_PROXY: "loopback",
      },
    },
  ],
});
