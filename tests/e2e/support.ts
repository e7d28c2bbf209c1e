import crypto from "node:crypto";
import fs from "node:fs";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "uplift-demo";

/** The e2e server's database, files and secrets (playwright.config.ts starts the production build with them). */
export const E2E_SERVER_STORE = {
  NODE_ENV: "production",
  PGLITE_DIR: ".cache/e2e/pglite",
  DATA_DIR: ".cache/e2e",
  DATABASE_URL: "",
  SESSION_SECRET: "e2e-session-secret-0123456789abcdef",
} as const;

/** The environment of a CLI or helper process that must work on the running e2e server's data (plus `extra`). */
export function productionServerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...E2E_SERVER_STORE, ...extra };
}
export const SCREENSHOT_DIR = "tests/e2e/screenshots";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Where the e2e server writes outgoing mail (MAIL_OUTBOX_DIR in playwright.config.ts). */
export const OUTBOX_DIR = ".cache/e2e/outbox";

/** The path of the newest link to `pathPrefix` mailed to `to` (waits for the mail to arrive). */
export async function mailedLink(to: string, pathPrefix = "/invite/"): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const files = fs.existsSync(OUTBOX_DIR)
      ? fs
          .readdirSync(OUTBOX_DIR)
          .filter((f) => f.endsWith(".json"))
          .sort()
          .reverse()
      : [];
    for (const file of files) {
      const message = JSON.parse(fs.readFileSync(`${OUTBOX_DIR}/${file}`, "utf8")) as { to: string; text: string };
      if (message.to !== to.toLowerCase()) continue;
      const url = new RegExp(`https?://\\S+?(${pathPrefix.replace(/\//g, "\\/")}\\S*)`).exec(message.text);
      if (url) return url[1]!;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail with a ${pathPrefix} link to ${to} in ${OUTBOX_DIR}`);
}

/**
 * The e2e server trusts a loopback proxy (TRUST_PROXY=loopback), so each simulated person can come from
 * an address of their own: per-address budgets (sign-up, password hashing) then apply per person, as
 * they would in real life, instead of to the whole test run.
 */
export async function asNewClient(page: Page) {
  const b = crypto.randomBytes(2);
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": `198.18.${b[0]}.${b[1]}` });
}

/** A brand-new learner at the demo Acme account, created through the real sign-up: email, emailed link, name and password. */
export async function signUpNewLearner(page: Page, domain = "acme.example", name = "Test Learner") {
  await asNewClient(page);
  const email = `learner-${crypto.randomBytes(4).toString("hex")}@${domain}`;
  await page.goto("/signup");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-up link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await page.goto(await mailedLink(email));
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Join the academy" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return email;
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}
