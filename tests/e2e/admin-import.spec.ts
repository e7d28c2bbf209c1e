import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support";

test("a CS leader uploads a CSV, maps columns, sees a row error and imports the valid rows", async ({ page }) => {
  const tag = crypto.randomBytes(3).toString("hex");
  const csv = [
    "Customer ID,Company,Seats,Joined",
    `E2E-${tag}-1,Orbit Analytics,25,2024-03-01`,
    `E2E-${tag}-2,Lumen Health,not-a-number,2024-04-01`,
    `E2E-${tag}-3,Kite Logistics,12,2024-05-01`,
  ].join("\n");
  await signIn(page, "cs@uplift.example");
  await page.goto("/admin/imports");
  await page.getByLabel("What does the file contain?").selectOption("accounts");
  await page.getByLabel("Source system (remembers your column mapping)").fill(`e2e${tag}`);
  await page
    .getByLabel(/CSV file/)
    .setInputFiles({ name: "crm-export.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByRole("heading", { name: /map columns/ })).toBeVisible();
  // "Customer ID" and "Company" are not obvious names: map them by hand.
  await page.locator('select[name="map.external_id"]').selectOption("Customer ID");
  await page.locator('select[name="map.name"]').selectOption("Company");
  await page.locator('select[name="map.seats"]').selectOption("Seats");
  await page.locator('select[name="map.signup_date"]').selectOption("Joined");
  await page.getByRole("button", { name: "Validate" }).click();
  await expect(page.getByText("1 of 3 rows have problems.")).toBeVisible();
  await expect(page.getByText(/Row 3 \(seats\): Seats must be a number/)).toBeVisible();
  await screenshot(page, "admin-import-mapping");
  await page.getByLabel("Import valid rows and skip invalid ones").check();
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("2 of 3 rows imported, 1 rejected.")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download rejected rows/ }).click();
  const file = await (await download).path();
  const text = (await import("node:fs")).readFileSync(file!, "utf8");
  expect(text).toContain("must be a number");
  await page.getByRole("link", { name: "Back to imports" }).click();
  await expect(page.getByRole("cell", { name: "crm-export.csv" }).first()).toBeVisible();
  await screenshot(page, "admin-import-history");
});

test("a Latin-1 export is read as Windows-1252 and says so; an unreadable file gets a reason, not an error page", async ({
  page,
}) => {
  const tag = crypto.randomBytes(3).toString("hex");
  await signIn(page, "cs@uplift.example");
  const upload = async (name: string, buffer: Buffer) => {
    await page.goto("/admin/imports");
    await page.getByLabel("What does the file contain?").selectOption("accounts");
    await page.getByLabel(/CSV file/).setInputFiles({ name, mimeType: "text/csv", buffer });
    await page.getByRole("button", { name: "Upload and map columns" }).click();
  };
  await upload("crm-latin1.csv", Buffer.from(`Account ID,Company,Plan\nLAT-${tag},Café Müller GmbH,Pro\n`, "latin1"));
  await expect(page.getByRole("heading", { name: /map columns/ })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("not UTF-8: it was read as Windows-1252");
  await expect(page.getByRole("cell", { name: "Café Müller GmbH" })).toBeVisible();
  // "Plan" is matched to the plan tier without a hand mapping.
  await expect(page.locator('select[name="map.plan_tier"]')).toHaveValue("Plan");
  await screenshot(page, "admin-import-latin1");
  // Malformed %-escapes in the page's own query string do not break it.
  const url = new URL(page.url());
  url.searchParams.delete("name");
  await page.goto(`${url.pathname}${url.search}&name=%E0%A4%A`);
  await expect(page.getByRole("heading", { name: /map columns/ })).toBeVisible();

  await upload("broken.csv", Buffer.from(`account_id,account_name\nBRK-${tag},"never closed\n`));
  await expect(page.getByRole("heading", { name: /cannot be imported/ })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("never closed");
  await screenshot(page, "admin-import-unreadable");
});
