import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signUpNewLearner } from "./support";
import { RIGHT_ANSWERS } from "./learner-support";

/** Tabs forward until `target` has focus (at most `limit` presses). */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>, limit = 60) {
  for (let i = 0; i < limit && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
}

test("report: the skip link is visible and moves focus into main; a help tip opens with Enter and closes with Escape", async ({
  page,
}) => {
  await signIn(page, "cs@uplift.example");
  await page.goto("/report");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  // Visible on focus, on its own background (not text over the header).
  const look = await skip.evaluate((el) => {
    const s = getComputedStyle(el);
    return { bg: s.backgroundColor, w: el.getBoundingClientRect().width };
  });
  expect(look.bg).not.toBe("rgba(0, 0, 0, 0)");
  expect(look.w).toBeGreaterThan(40);
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  // The first "?" after the headline: a button of at least 24 × 24 px that discloses its definition.
  const tip = page.getByRole("button", { name: /^What is “/ }).first();
  await tabTo(page, tip);
  const box = (await tip.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(24);
  expect(box.height).toBeGreaterThanOrEqual(24);
  await expect(tip).toHaveAttribute("aria-expanded", "false");
  const panelId = (await tip.getAttribute("aria-controls"))!;
  // Focus alone opens nothing that could cover the control below (WCAG 1.4.13).
  await expect(page.locator(`[id="${panelId}"]`)).toHaveCount(0);
  await page.keyboard.press("Enter");
  await expect(tip).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator(`[id="${panelId}"]`)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(tip).toHaveAttribute("aria-expanded", "false");
  await expect(page.locator(`[id="${panelId}"]`)).toHaveCount(0);
  await expect(tip).toBeFocused();
  // The open panel stays inside a phone's window.
  await page.setViewportSize({ width: 390, height: 800 });
  await tip.click();
  const panel = (await page.locator(`[id="${panelId}"]`).boundingBox())!;
  expect(panel.x).toBeGreaterThanOrEqual(0);
  expect(panel.x + panel.width).toBeLessThanOrEqual(390);
  await page.mouse.click(5, 5);
  await expect(tip).toHaveAttribute("aria-expanded", "false");
});

test("quiz: answered and submitted with the keyboard, focus lands on the result, not on the page", async ({ page }) => {
  await signUpNewLearner(page);
  // A brand-new sign-up is welcomed, not welcomed back.
  await expect(page.getByRole("heading", { name: "Welcome, Test", exact: true })).toBeVisible();
  await page.goto("/courses/getting-started/gs-check-setup");
  await page.waitForLoadState("networkidle");
  const quiz = page.locator("section", { has: page.getByRole("heading", { name: "Check your understanding" }) });
  for (const question of await quiz.locator("fieldset").all()) {
    const labels = question.locator("label");
    const texts = await labels.allTextContents();
    const right = labels.nth(texts.findIndex((t) => RIGHT_ANSWERS.has(t.trim()))).locator("input");
    await right.focus();
    await page.keyboard.press("Space");
    await expect(right).toBeChecked();
  }
  await quiz.getByRole("button", { name: "Submit answers" }).focus();
  await page.keyboard.press("Enter");
  const result = quiz.getByRole("status");
  await expect(result).toContainText("Passed with 100%");
  await expect(result).toBeFocused();
});

test("import: after Validate with the keyboard, focus moves to the row errors", async ({ page }) => {
  const tag = crypto.randomBytes(3).toString("hex");
  const csv = ["external_id,name,seats", `K-${tag}-1,Keyboard Co,12`, `K-${tag}-2,Broken Co,many`].join("\n");
  await signIn(page, "cs@uplift.example");
  // Opened directly, the mapping step explains that a file comes first.
  const direct = await page.goto("/admin/imports/new");
  expect(direct?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Upload a file first" })).toBeVisible();
  await page.getByRole("link", { name: /Go to Imports/ }).click();
  await page.getByLabel("What does the file contain?").selectOption("accounts");
  await page
    .getByLabel(/CSV file/)
    .setInputFiles({ name: "keyboard.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByRole("heading", { name: /map columns/ })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // Required fields are marked required for assistive technology too.
  await expect(page.locator('select[name="map.external_id"]')).toHaveAttribute("required", "");
  await page.getByRole("button", { name: "Validate" }).focus();
  await page.keyboard.press("Enter");
  const alert = page.getByRole("alert").filter({ hasText: "rows have problems" });
  await expect(alert).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.contains(document.querySelector("[role=alert]")) ?? false))
    .toBe(true);
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
});
