import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support";

/**
 * Issue 18 (forms): the sign-in, sign-up, forgot- and reset-password forms answer with conform's one
 * reply shape — field errors next to the fields, the refusal as the form's alert — and keep what the
 * visitor typed (never a password), with and without JavaScript. Likewise the admin's API token form.
 */
for (const js of [true, false]) {
  test.describe(js ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: js });

    test("sign-in: a bad address and a wrong password are refused; the email stays, the password does not", async ({
      page,
    }) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill("not-an-address");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByText("Enter a valid email address.")).toBeVisible();
      await expect(page.getByText("Enter your password.")).toBeVisible();
      await expect(page.getByLabel("Email")).toHaveValue("not-an-address");
      await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

      await page.getByLabel("Email").fill("nobody@acme.example");
      await page.getByLabel("Password").fill("not-the-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
      await expect(page.getByLabel("Email")).toHaveValue("nobody@acme.example");
      // The server never sends the password back (the page without JavaScript shows it empty).
      if (!js) await expect(page.getByLabel("Password")).toHaveValue("");
      await screenshot(page, `account-forms-sign-in-${js ? "js" : "nojs"}`);
    });

    test("sign-up and forgot-password keep the address typed next to its error", async ({ page }) => {
      await page.goto("/signup");
      await page.getByLabel("Work email").fill("jane@");
      await page.getByRole("button", { name: "Email me a sign-up link" }).click();
      await expect(page.getByText("Enter a valid work email address.")).toBeVisible();
      await expect(page.getByLabel("Work email")).toHaveValue("jane@");

      await page.goto("/forgot-password");
      await page.getByLabel("Email").fill("jane@");
      await page.getByRole("button", { name: "Send reset link" }).click();
      await expect(page.getByText("Enter a valid email address.")).toBeVisible();
      await expect(page.getByLabel("Email")).toHaveValue("jane@");
    });

    test("API tokens: a token without scopes is refused next to the scopes, the name stays; then it is issued", async ({
      page,
    }) => {
      await signIn(page, "admin@uplift.example");
      await page.goto("/admin/tokens");
      const name = `Nightly CRM sync ${js ? "js" : "nojs"} ${Date.now()}`;
      await page.getByLabel("Name").fill(name);
      await page.getByRole("button", { name: "Create token" }).click();
      await expect(page.getByText("Choose at least one scope.")).toBeVisible();
      await expect(page.getByLabel("Name")).toHaveValue(name);
      await page.locator('input[name="scopes"]').first().check();
      await page.getByRole("button", { name: "Create token" }).click();
      await expect(page.getByTestId("new-token")).toBeVisible();
      await expect(page.getByText("Choose at least one scope.")).toHaveCount(0);
      await expect(page.getByRole("cell", { name })).toBeVisible();
    });
  });
}
