import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { OIDC_IDP_ID, OIDC_IDP_PORT } from "../../playwright.config";
import { screenshot, signIn } from "./support";

/** The oidc-provider development login form: any login (our email) and any password, then consent. */
async function signInAtIdp(page: Page, email: string) {
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${OIDC_IDP_PORT}/`));
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test.beforeEach(async ({ page }) => {
  // The IdP's development pages import a web font; there is no network here.
  await page.route("https://fonts.googleapis.com/**", (route) => route.abort());
});

test("OIDC: a new learner signs in through a real OpenID provider and lands in the account of their email domain", async ({
  page,
}) => {
  const email = `oidc-${crypto.randomBytes(4).toString("hex")}@acme.example`;
  await page.goto(`/login?redirectTo=${encodeURIComponent("/courses/getting-started")}`);
  const button = page.getByRole("link", { name: "Sign in with E2E Identity" });
  await expect(button).toBeVisible();
  await screenshot(page, "oidc-sign-in-page");
  let callbackUrl = "";
  page.on("request", (r) => {
    if (r.url().includes(`/auth/oidc/${OIDC_IDP_ID}/callback`)) callbackUrl = r.url();
  });
  await button.click();
  await signInAtIdp(page, email);
  await expect(page).toHaveURL(/\/courses\/getting-started$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // The code and state came back once; the same callback again is refused and signs nobody in.
  await page.context().clearCookies();
  const replay = await page.goto(callbackUrl);
  expect(replay?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText(/did not start in this browser|already used/);
  await screenshot(page, "oidc-replay-refused");

  // The account admin of Acme sees the new person on the team page.
  await signIn(page, "alice@acme.example");
  await page.goto("/team");
  await expect(page.locator(`tr[data-member="${email}"]`)).toContainText(`OIDC ${email.split("@")[0]}`);
});

test("OIDC: a forged state is refused with a page that says so", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Sign in with E2E Identity" }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${OIDC_IDP_PORT}/`));
  // Back at the academy with a state this browser never received (a login-CSRF attempt).
  const res = await page.goto(`/auth/oidc/${OIDC_IDP_ID}/callback?code=forged&state=${"x".repeat(43)}`);
  expect(res?.status()).toBe(400);
  await expect(page.getByRole("heading", { name: "We couldn't sign you in" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await screenshot(page, "oidc-forged-state");
});
