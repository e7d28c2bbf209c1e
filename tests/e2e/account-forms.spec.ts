import { expect, test } from "@playwright/test";
import { screenshot } from "./support";

/**
 * Issue 18 (forms): the sign-in, sign-up, forgot- and reset-password forms answer with conform's one
 * reply shape — field errors next to the fields, the refusal as the form's alert — and keep what the
 * visitor typed (never a password), with and without JavaScript.
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
  });
}
