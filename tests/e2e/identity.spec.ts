import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { SignJWT } from "jose";
import { E2E_SSO_SECRET, MAIL_SINK_FILE } from "../../playwright.config";
import { screenshot, signIn, signUpNewLearner } from "./support";
import { signOut } from "./learner-support";

async function productToken(claims: Record<string, unknown>) {
  return new SignJWT({ jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("2m")
    .sign(new TextEncoder().encode(E2E_SSO_SECRET));
}

/** The newest mail the SMTP sink received for `to`, decoded enough to find links in it. */
/** The latest email to `to` whose subject is `subject` (an earlier sign-up mail may be there too). */
async function mailFor(to: string, subject: string): Promise<string> {
  let found = "";
  await expect
    .poll(
      () => {
        const lines = fs.existsSync(MAIL_SINK_FILE)
          ? fs.readFileSync(MAIL_SINK_FILE, "utf8").trim().split("\n").filter(Boolean)
          : [];
        const mine = lines
          .map((l) => JSON.parse(l) as { to: string[]; raw: string })
          .filter((m) => m.to.includes(to))
          .map((m) =>
            m.raw
              .replace(/=\r?\n/g, "")
              .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          )
          .filter((raw) => raw.includes(`Subject: ${subject}`));
        found = mine.at(-1) ?? "";
        return found.length;
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThan(0);
  return found;
}

async function completeFirstLesson(page: Page) {
  await page.goto("/courses/getting-started");
  await page.getByRole("link", { name: /^(Start course|Continue)$/ }).click();
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Mark complete" }).click();
  await expect(page.getByText("✓ Lesson completed")).toBeVisible();
  await expect(page.getByText("(saving…)")).toHaveCount(0);
}

test("a product-signed JWT signs a new learner into the right account; their progress shows on the team page", async ({
  page,
}) => {
  const email = `product-${crypto.randomBytes(4).toString("hex")}@acme.example`;
  const token = await productToken({ email, name: "Pat Product", account: "ACME-001" });
  await page.goto(`/sso/jwt?token=${token}&redirectTo=${encodeURIComponent("/courses/getting-started")}`);
  await expect(page).toHaveURL(/\/courses\/getting-started$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await completeFirstLesson(page);
  await screenshot(page, "identity-jwt-lesson");

  // The same link again is a replay: refused with a page that says so, and no session.
  await page.context().clearCookies();
  const replay = await page.goto(`/sso/jwt?token=${token}`);
  expect(replay?.status()).toBe(401);
  await expect(page.getByRole("alert")).toContainText("already used");
  await screenshot(page, "identity-jwt-replay");

  await signIn(page, "alice@acme.example");
  await page.goto("/team");
  const row = page.locator(`tr[data-member="${email}"]`);
  await expect(row).toContainText("Pat Product");
  await screenshot(page, "identity-jwt-team");
});

test("a learner resets a forgotten password through the emailed link; the old password stops working", async ({
  page,
}) => {
  const email = await signUpNewLearner(page);
  await signOut(page);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // A client-side navigation: wait for the new page, or the fill lands in the sign-in form still shown.
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account uses that address");
  await screenshot(page, "identity-forgot-sent");

  const mail = await mailFor(email, "Reset your Uplift Academy password");
  const link = /http:\/\/127\.0\.0\.1:\d+\/reset-password\/[A-Za-z0-9_-]{43}/.exec(mail)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await page.getByLabel("New password", { exact: true }).fill("a-brand-new-password");
  await page.getByLabel("Repeat the new password").fill("a-brand-new-password");
  await page.getByRole("button", { name: "Save and sign in again" }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await expect(page.getByRole("status")).toContainText("Your password was changed");
  await screenshot(page, "identity-reset-done");
  await signIn(page, email, "a-brand-new-password");
  await signOut(page);

  // The link was single-use, and the old password no longer signs in.
  await page.goto(link!);
  await expect(page.getByRole("alert")).toContainText("invalid, used or expired");
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("incorrect");
});

test("an admin deactivates a learner from /admin/users: the learner's next request is signed out", async ({
  browser,
}) => {
  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  const email = await signUpNewLearner(learner);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@uplift.example");
  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await admin.getByRole("link", { name: "Test Learner" }).click();
  await admin.getByRole("button", { name: "Deactivate" }).click();
  await expect(admin.getByRole("status")).toContainText("Deactivated");
  await expect(admin.getByText("user.deactivated")).toBeVisible();
  await screenshot(admin, "identity-admin-user");

  await learner.goto("/profile");
  await expect(learner).toHaveURL(/\/login\?redirectTo=%2Fprofile$/);
  await learnerContext.close();
  await adminContext.close();
});
