import crypto from "node:crypto";
import fs from "node:fs";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "uplift-demo";
export const SCREENSHOT_DIR = "tests/e2e/screenshots";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** A brand-new learner at the demo Acme account, created through the real sign-up form. */
export async function signUpNewLearner(page: Page, domain = "acme.example") {
  const email = `learner-${crypto.randomBytes(4).toString("hex")}@${domain}`;
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Test Learner");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return email;
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}
