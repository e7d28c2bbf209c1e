import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signUpNewLearner } from "./support";
import { completeCourse, inviteFromTeamPage, newEmail, screenshots, signOut } from "./learner-support";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** At 360 px wide nothing may overflow the page sideways (wide tables scroll inside their own region). */
async function expectFitsNarrowScreen(page: Page, name: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} is wider than a 360 px screen`).toBeLessThanOrEqual(0);
  if (size) await page.setViewportSize(size);
}

async function expectNoSeriousViolations(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = blocking.map(
    (v) =>
      `${name}: ${v.id} (${v.impact}) ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(", ")}`,
  );
  expect(summary).toEqual([]);
}

test("learner pages have no serious or critical WCAG 2.1 AA violations, in light and dark mode", async ({ page }) => {
  test.setTimeout(180_000);
  // A learner with a certificate, a lesson in progress and history; an admin with a pending invitation.
  await signUpNewLearner(page);
  const certificateUrl = await completeCourse(page, "getting-started");
  await page.goto("/courses/team-adoption");
  await page.getByRole("link", { name: "Start course" }).click();
  await expect(page).toHaveURL(/\/courses\/team-adoption\/[a-z0-9-]+/);
  const lessonUrl = page.url();
  const learnerPages: [string, string][] = [
    ["catalog", "/"],
    ["course", "/courses/team-adoption"],
    ["locked-course", "/courses/automation-at-scale"],
    ["lesson", lessonUrl],
    ["certificate", certificateUrl],
    ["profile", "/profile"],
    ["search", "/search?q=dashboard"],
  ];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, url] of learnerPages) {
      await page.goto(url);
      await expectNoSeriousViolations(page, `${name} (${scheme})`);
      if (scheme === "light") await expectFitsNarrowScreen(page, name);
    }
  }
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await screenshots(page, "dark-catalog");
  await page.goto(lessonUrl);
  await screenshots(page, "dark-lesson");
  await page.goto(certificateUrl);
  await screenshots(page, "dark-certificate");
  await page.emulateMedia({ colorScheme: "light", media: "print" });
  await screenshots(page, "print-certificate");
  await page.emulateMedia({ media: "screen" });
  await signOut(page);

  await signIn(page, "alice@acme.example");
  const link = await inviteFromTeamPage(page, newEmail("a11y.example"));
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/team");
    await expectNoSeriousViolations(page, `team (${scheme})`);
  }
  await expectFitsNarrowScreen(page, "team");
  await page.goto("/team");
  await screenshots(page, "dark-team");
  await signOut(page);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(link);
    await expectNoSeriousViolations(page, `invite (${scheme})`);
    await expectFitsNarrowScreen(page, "invite");
    await page.goto("/certificates/AAAA-BBBB-CCCC-DDDD-EEEE");
    await expectNoSeriousViolations(page, `certificate-not-found (${scheme})`);
  }
  await page.goto(link);
  await screenshots(page, "dark-invite");
});

test("the catalog and a lesson can be used with the keyboard alone", async ({ page }) => {
  await signIn(page, "bob@acme.example");
  await page.goto("/");
  // Skip link first, then the header; the search box is reachable and submits with Enter.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  const search = page.getByLabel("Search courses and lessons");
  for (let i = 0; i < 15 && !(await search.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(search).toBeFocused();
  await page.keyboard.type("workspace");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=workspace/);
  const firstResult = page.getByRole("main").getByRole("heading", { level: 2 }).first().getByRole("link");
  await firstResult.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The first hit may be a course (then start it) or a lesson.
  const start = page.getByRole("link", { name: /^(Start course|Continue|Review course)$/ });
  const complete = page.getByRole("button", { name: "Mark complete" });
  await expect(start.or(complete)).toBeVisible();
  if (await start.isVisible()) {
    await start.focus();
    await page.keyboard.press("Enter");
  }
  await complete.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("✓ Lesson completed")).toBeVisible();
});
