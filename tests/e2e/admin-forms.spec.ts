import { expect, type Page, test } from "@playwright/test";
import { screenshot, signIn } from "./support";
import { newEmail } from "./learner-support";

/**
 * Issue 18 (forms): the staff and team forms answer with conform's one reply shape — a refused submit
 * re-renders with the error beside its field (aria-invalid, aria-describedby), what was chosen kept and
 * nothing saved, with and without JavaScript.
 */
async function describedError(page: Page, name: string | RegExp, message: string) {
  const field = page.getByLabel(name, { exact: typeof name === "string" });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  const ids = (await field.getAttribute("aria-describedby"))!.split(" ");
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  expect(texts).toContain(message);
}

for (const js of [true, false]) {
  test.describe(js ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: js });

    test("health weights: all zeros is refused as a form error and saves no version", async ({ page }) => {
      await signIn(page, "admin@uplift.example");
      await page.goto("/admin/health-weights");
      const heading = await page.getByRole("heading", { name: /^Weights/ }).textContent();
      const rows = await page.getByRole("region", { name: "Health weight versions" }).locator("tbody tr").count();
      for (const label of ["Product usage", "Support cases", "Customer feedback", "Community participation"])
        await page.getByLabel(label).fill("0");
      await page.getByLabel("Marketing engagement").fill("0");
      await page.getByRole("button", { name: "Save new version" }).click();
      await expect(page.getByRole("alert")).toHaveText("At least one weight must be above 0.");
      await expect(page.getByLabel("Product usage")).toHaveValue("0");
      await expect(page.getByRole("heading", { name: /^Weights/ })).toHaveText(heading!);
      expect(await page.getByRole("region", { name: "Health weight versions" }).locator("tbody tr").count()).toBe(rows);
      if (js) await screenshot(page, "health-weights-refused");
    });

    test("person admin: a learner without an account is refused beside the account choice", async ({ page }) => {
      await signIn(page, "admin@uplift.example");
      await page.goto("/admin/users?q=alice%40acme.example");
      await page.getByRole("link", { name: /Alice/ }).first().click();
      await page.getByLabel("Role").selectOption("learner");
      await page.getByLabel("Customer account (learners)").selectOption({ label: "None (staff)" });
      await page.getByRole("button", { name: "Save role" }).click();
      await describedError(page, "Customer account (learners)", "Learners belong to a customer account.");
      await expect(page.getByLabel("Customer account (learners)")).toHaveValue("");
      await page.goto(page.url()); // not reload(): without JavaScript that would post the form again
      await expect(page.getByLabel("Customer account (learners)")).not.toHaveValue("");
    });

    test("assign training: nothing chosen is refused beside each field; the choice of people stays", async ({
      page,
    }) => {
      await signIn(page, "alice@acme.example");
      await page.goto("/assignments/new");
      await page.getByLabel("Only these people:").check();
      await page.getByRole("button", { name: "Assign" }).click();
      await describedError(page, "Course or stage path", "Choose a course or a stage path.");
      await expect(page.getByText("Choose learners, or every learner of the account.")).toBeVisible();
      await expect(page.getByLabel("Only these people:")).toBeChecked();
    });

    test("assignment rules: a bad number is refused beside it and stays typed", async ({ page }) => {
      await signIn(page, "cs@uplift.example");
      await page.goto("/admin/assignment-rules");
      const rules = await page.getByRole("button", { name: /Turn off/ }).count();
      await page.getByLabel("Accounts in the stage").selectOption("expansion");
      await page.getByLabel("Due after joining, in days (optional)").fill("soon");
      await page.getByRole("button", { name: "Create rule" }).click();
      await describedError(page, "Due after joining, in days (optional)", "A whole number of days.");
      await describedError(page, "Course", "Choose a course.");
      await expect(page.getByLabel("Due after joining, in days (optional)")).toHaveValue("soon");
      await expect(page.getByLabel("Accounts in the stage")).toHaveValue("expansion");
      await expect(page.getByRole("button", { name: /Turn off/ })).toHaveCount(rules);
    });

    test("team: withdrawing an invitation that is no longer pending is a form error, not an error page", async ({
      page,
      context,
    }) => {
      await signIn(page, "alice@acme.example");
      const invitee = newEmail("forms.example");
      await page.goto("/team");
      await page.getByLabel("Work email").fill(invitee);
      await page.getByRole("button", { name: "Send invitation" }).click();
      await expect(page.getByText(`Invitation sent to ${invitee}`)).toBeVisible();
      // Withdrawn in another tab first: this tab's button is now stale.
      const other = await context.newPage();
      await other.goto("/team");
      await other.getByRole("button", { name: `Withdraw the invitation for ${invitee}` }).click();
      await expect(other.getByRole("button", { name: `Withdraw the invitation for ${invitee}` })).toHaveCount(0);
      await page.getByRole("button", { name: `Withdraw the invitation for ${invitee}` }).click();
      await expect(page.getByRole("alert")).toHaveText(
        "This invitation is no longer pending: it was accepted, withdrawn or has expired.",
      );
      await expect(page.getByRole("heading", { name: "My team" })).toBeVisible();
    });

    test("email settings: switching a kind off and on again is saved", async ({ page }) => {
      await signIn(page, "alice@acme.example");
      await page.goto("/settings/notifications");
      const reminders = page.getByLabel("Course reminders");
      await expect(reminders).toBeChecked();
      await reminders.uncheck();
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByRole("status")).toHaveText("Saved.");
      await page.goto(page.url());
      await expect(page.getByLabel("Course reminders")).not.toBeChecked();
      await page.getByLabel("Course reminders").check();
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByRole("status")).toHaveText("Saved.");
      await expect(page.getByLabel("Course reminders")).toBeChecked();
    });
  });
}

test("health weights: a saved version shows its weights in the boxes and empties the note; restored after", async ({
  page,
}) => {
  await signIn(page, "admin@uplift.example");
  await page.goto("/admin/health-weights");
  const usage = page.getByLabel("Product usage");
  const before = await usage.inputValue();
  const changed = String(Number(before) === 100 ? 99 : Number(before) + 1);
  for (const [value, note] of [
    [changed, "e2e: one more for usage"],
    [before, "e2e: back as it was"],
  ] as const) {
    await usage.fill(value);
    await page.getByLabel("Why the change (kept with the version)").fill(note);
    await page.getByRole("button", { name: "Save new version" }).click();
    // The new version's row first: the status and the typed value are already there from the round before.
    await expect(page.getByRole("cell", { name: note })).toBeVisible();
    await expect(page.getByRole("status")).toContainText("Saved as version");
    await expect(usage).toHaveValue(value);
    await expect(page.getByLabel("Why the change (kept with the version)")).toHaveValue("");
  }
});

test("import mapping: a required column left out is refused beside its choice (the browser stops it without JavaScript)", async ({
  page,
}) => {
  await signIn(page, "cs@uplift.example");
  await page.goto("/admin/imports");
  await page.getByLabel("What does the file contain?").selectOption("accounts");
  await page.getByLabel(/CSV file/).setInputFiles({
    name: "forms.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("account_id,account_name\nF-1,F\n"),
  });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByRole("heading", { name: /map columns/ })).toBeVisible();
  const externalId = page.locator('select[name="map.external_id"]');
  await expect(externalId).toHaveAttribute("required", "");
  await externalId.selectOption("");
  await page.getByRole("button", { name: "Validate" }).click();
  const message = "Choose the column that holds external_id (it is required).";
  await expect(page.getByText(message)).toBeVisible();
  await expect(externalId).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`[id="${await externalId.getAttribute("aria-describedby")}"]`)).toHaveText(message);
  await expect(externalId).toBeFocused();
  await expect(page.locator('select[name="map.name"]')).toHaveValue("account_name");
  await screenshot(page, "import-mapping-refused");
});
