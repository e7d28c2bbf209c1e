import { expect, test } from "@playwright/test";
import { signIn } from "./support";
import { inviteFromTeamPage, newEmail, signOut } from "./learner-support";

/**
 * Issue 18 (forms): the team invitation form and the invitation's join form answer with conform's one
 * reply shape — the error next to its field (aria-invalid, aria-describedby) and what was typed kept
 * (never the password), with and without JavaScript.
 */
for (const js of [true, false]) {
  test.describe(js ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: js });

    test("team: a bad address is refused next to the field and stays typed; then the invitation goes", async ({
      page,
    }) => {
      await signIn(page, "alice@acme.example");
      await page.goto("/team");
      const email = page.getByLabel("Work email");
      await email.fill("jane@");
      await page.getByRole("button", { name: "Send invitation" }).click();
      await expect(page.getByText("Enter a valid email address.")).toBeVisible();
      await expect(email).toHaveValue("jane@");
      await expect(email).toHaveAttribute("aria-invalid", "true");
      const describedBy = await email.getAttribute("aria-describedby");
      await expect(page.locator(`[id="${describedBy}"]`)).toHaveText("Enter a valid email address.");

      const invitee = newEmail("forms.example");
      await email.fill(invitee);
      await page.getByRole("button", { name: "Send invitation" }).click();
      await expect(page.getByText(`Invitation sent to ${invitee}`)).toBeVisible();
      await expect(page.getByText("Enter a valid email address.")).toHaveCount(0);
      await expect(page.getByLabel("Work email")).toHaveValue("");
    });

    test("join: a short password is refused next to it; the name stays, the password does not", async ({ page }) => {
      await signIn(page, "alice@acme.example");
      const link = await inviteFromTeamPage(page, newEmail("forms.example"));
      await signOut(page);
      await page.goto(link);
      await page.getByLabel("Your name").fill("Jane Invitee");
      await page.getByLabel("Password").fill("short");
      await page.getByRole("button", { name: "Join the academy" }).click();
      const password = page.getByLabel("Password");
      await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
      await expect(password).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("Your name")).toHaveValue("Jane Invitee");
      if (!js) await expect(password).toHaveValue("");
    });
  });
}
