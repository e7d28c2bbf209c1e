import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./support";
import {
  acceptInvitation,
  completeCourse,
  expectValidCertificate,
  inviteFromTeamPage,
  newEmail,
  screenshots,
  signOut,
} from "./learner-support";

const ONBOARDING = { id: "getting-started", title: "Getting started with Beacon" };

/** The whole learner journey; `shots` names screenshots (only the JS run takes them). */
async function journey(page: Page, browser: Browser, opts: { js: boolean; shots?: string }) {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });

  // 1. A customer admin invites a colleague whose email domain is not the company's.
  await signIn(page, "alice@acme.example");
  const email = newEmail("freelance.example");
  const link = await inviteFromTeamPage(page, email);
  if (opts.shots) await screenshots(page, `${opts.shots}-team-invited`);
  await signOut(page);

  // 2. The invitee joins Acme through the link and is signed in.
  const name = opts.js ? "Jordan Invitee" : "Noor Nojs";
  await acceptInvitation(page, link, name);
  await expect(page.locator('[data-current-stage="true"]')).toHaveAttribute("data-stage", "adoption");
  const lockedCard = page.locator('[data-course-id="team-adoption"]');
  await expect(lockedCard.getByText("Locked")).toBeVisible();
  await expect(lockedCard.getByRole("link", { name: ONBOARDING.title })).toBeVisible();
  if (opts.shots) await screenshots(page, `${opts.shots}-catalog-new`);

  // 3. They complete the onboarding course and receive a certificate.
  const certificateUrl = await completeCourse(page, ONBOARDING.id, { shots: opts.shots });
  await expectValidCertificate(page, certificateUrl, name, ONBOARDING.title, "Acme Corp");
  if (opts.shots) await screenshots(page, `${opts.shots}-certificate`);

  // 4. Anyone can verify it, signed out; an unknown code is a clear 404.
  const stranger = await browser.newContext({ javaScriptEnabled: opts.js });
  const strangerPage = await stranger.newPage();
  await expectValidCertificate(strangerPage, certificateUrl, name, ONBOARDING.title, "Acme Corp");
  const missing = await strangerPage.goto("/certificates/AAAA-BBBB-CCCC-DDDD-EEEE");
  expect(missing?.status()).toBe(404);
  await expect(strangerPage.getByRole("heading", { name: "Certificate not found" })).toBeVisible();
  await stranger.close();

  // 5. Home: the next course unlocked, and a recommendation says why; the learner follows it.
  await page.goto("/");
  await expect(page.locator('[data-course-id="getting-started"]').getByText("✓ Completed")).toBeVisible();
  const recommended = page
    .getByRole("region", { name: "Recommended next" })
    .or(page.locator("section", { has: page.getByRole("heading", { name: "Recommended next" }) }));
  const first = recommended.locator("[data-recommendation]").first();
  await expect(first.getByRole("listitem").first()).not.toBeEmpty();
  const recTitle = (await first.getByRole("heading", { level: 3 }).textContent())!.trim();
  if (opts.shots) await screenshots(page, `${opts.shots}-catalog-after`);
  await first.getByRole("link", { name: new RegExp(`^(Start|Continue) ${recTitle}`) }).click();
  await expect(page.getByRole("heading", { level: 1, name: recTitle })).toBeVisible();
  await page.getByRole("link", { name: "Start course" }).click();
  await expect(page.getByRole("button", { name: "Mark complete" })).toBeVisible();

  // 6. Their profile lists the certificate; the admin sees them on the team page.
  await page.goto("/profile");
  await expect(page.getByRole("heading", { name: ONBOARDING.title, level: 3 })).toBeVisible();
  if (opts.shots) await screenshots(page, `${opts.shots}-profile`);
  await signOut(page);
  await signIn(page, "alice@acme.example");
  await page.goto("/team");
  const row = page.locator(`tr[data-member="${email}"]`);
  await expect(row).toContainText(name);
  await expect(row.getByLabel("Completed")).toHaveCount(1);
  if (opts.shots) await screenshots(page, `${opts.shots}-team`);
  expect(errors).toEqual([]);
}

test("an invited learner joins, completes onboarding, verifies the certificate and follows a recommendation", async ({
  page,
  browser,
}) => {
  await journey(page, browser, { js: true, shots: "journey" });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the same journey works with plain HTML forms and links", async ({ page, browser }) => {
    await journey(page, browser, { js: false });
  });
});

test("search finds lessons from the catalog's search box, without and with JavaScript", async ({ page }) => {
  await signIn(page, "bob@acme.example");
  await page.getByLabel("Search courses and lessons").fill("dashboard");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?q=dashboard/);
  const results = page.getByRole("main").getByRole("listitem");
  await expect(results.first()).toBeVisible();
  await expect(page.locator("mark").first()).toBeVisible();
  await screenshots(page, "search");
  await page.goto("/search?q=zzzznotaword");
  await expect(page.getByText("No results for “zzzznotaword”")).toBeVisible();
});

test("the heartbeat records the last heading reached, and 'Continue' brings the learner back there", async ({
  page,
}) => {
  await signIn(page, "dan@initech.example"); // no other spec moves Dan through the academy
  await page.goto("/courses/getting-started/gs-your-workspace");
  const heading = page.locator("#day-one-settings");
  await page.mouse.wheel(0, 5000); // to the end of the lesson: its last heading is where the learner is
  // The outline marks the heading reached once the page is hydrated and has seen the scroll; the
  // heartbeat tracks the position with the same rule (lastHeadingAbove) from the same commit.
  await expect(page.locator('nav[aria-label="On this page"] a[aria-current="location"]').first()).toHaveAttribute(
    "href",
    "#day-one-settings",
  );
  await page.goto("/"); // leaving the lesson flushes a beat
  await expect
    .poll(async () => {
      await page.reload();
      return page.getByRole("region", { name: "Continue where you left off" }).getByRole("link").getAttribute("href");
    })
    .toBe("/courses/getting-started/gs-your-workspace#day-one-settings");
  await page.getByRole("region", { name: "Continue where you left off" }).getByRole("link").click();
  await expect(page).toHaveURL(/#day-one-settings$/);
  await expect(heading).toBeInViewport();
});
