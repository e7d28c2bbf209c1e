import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support";

// Issue 15 item 6: a private or metadata webhook target is refused next to the URL field, nothing is added.
// The form is a conform form (docs/architecture.md, "Forms"): the same answer with and without JavaScript.
for (const js of [true, false]) {
  test.describe(js ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: js });
    test("an admin adding a webhook to the cloud metadata address sees why it is refused", async ({ page }) => {
      await signIn(page, "admin@uplift.example");
      await page.goto("/admin/webhooks");
      const field = page.getByLabel("Endpoint URL");
      await field.fill("http://169.254.169.254/latest/meta-data/");
      await page.getByRole("button", { name: "Add webhook" }).click();
      await expect(page.getByText(/This address is private or local/)).toBeVisible();
      await expect(field).toHaveValue("http://169.254.169.254/latest/meta-data/");
      await expect(field).toHaveAttribute("aria-invalid", "true");
      await expect(field).toHaveAccessibleDescription(/This address is private or local/);
      await expect(page.getByText("No webhooks yet.")).toBeVisible();
      await screenshot(page, `admin-webhooks-refused-target${js ? "" : "-nojs"}`);
    });
  });
}
