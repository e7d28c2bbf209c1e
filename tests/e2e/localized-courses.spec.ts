import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signUpNewLearner } from "./support";
import { screenshots, signOut } from "./learner-support";

/** The German words of the demo's German quiz that are right (content/courses/getting-started/04-check-your-setup.de.mdx). */
const RICHTIG = new Set(["Einstellungen → Allgemein", "Mit einem Nur-Lese-Benutzer"]);

async function answerGermanQuiz(page: Page) {
  const quiz = page.locator("section", { has: page.getByRole("heading", { name: "Prüfen Sie Ihr Verständnis" }) });
  for (const question of await quiz.locator("fieldset").all()) {
    const options = question.locator("label");
    const index = (await options.allTextContents()).findIndex((t) => RICHTIG.has(t.trim()));
    await options.nth(index).click();
  }
  await quiz.getByRole("button", { name: "Antworten absenden" }).click();
}

test("a learner who chooses German takes the German course, and their progress shows in the English team view", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  const email = await signUpNewLearner(page, "acme.example", "Greta Deutsch");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // The language setting: a small form, no JavaScript needed.
  await page.getByRole("link", { name: "Language", exact: true }).click();
  await page.getByLabel("Language").selectOption("de");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Gespeichert.");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("link", { name: "Kurse", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sprache", exact: true })).toBeVisible();

  // The catalog and the course in German.
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(
    page.locator('[data-course-id="getting-started"]').getByRole("link", { name: "Erste Schritte mit Beacon" }),
  ).toBeVisible();
  await page.goto("/courses/getting-started");
  await expect(page.getByRole("heading", { level: 1, name: "Erste Schritte mit Beacon" })).toBeVisible();
  await page.getByRole("link", { name: "Kurs starten" }).click();

  for (let i = 0; i < 10; i++) {
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByTestId("translation-fallback")).toHaveCount(0);
    await page.waitForLoadState("networkidle");
    if (i === 2) {
      await expect(page.getByRole("heading", { level: 2, name: "Die Synchronisierung prüfen" })).toBeVisible();
      await screenshots(page, "german-lesson");
      const { violations } = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"])
        .analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    }
    if ((await page.locator("#quiz-title").count()) > 0) {
      await answerGermanQuiz(page);
      await expect(page.getByText(/Bestanden mit \d+ %/)).toBeVisible();
    } else {
      await page.getByRole("button", { name: "Als abgeschlossen markieren" }).click();
    }
    await expect(page.getByText("✓ Lektion abgeschlossen")).toBeVisible();
    await expect(page.getByText("(wird gespeichert…)")).toHaveCount(0);
    const next = page.getByRole("link", { name: "Weiter zur nächsten Lektion →" });
    if (!(await next.isVisible())) break;
    const from = page.url();
    await next.click();
    await page.waitForURL((u) => u.toString() !== from);
  }
  await expect(
    page.getByRole("heading", { name: "Sie haben Erste Schritte mit Beacon abgeschlossen", exact: true }),
  ).toBeVisible();
  await screenshots(page, "german-course-complete");
  expect(errors).toEqual([]);

  // The account admin reads the team view in English and sees the German learner's completion.
  await page.getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, "alice@acme.example");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/team");
  const row = page.locator(`tr[data-member="${email}"]`);
  await expect(row).toContainText("Greta Deutsch");
  await expect(row.getByLabel("Completed")).toHaveCount(1);
  await expect(row).toContainText("1 course done");
  await signOut(page);
});

test.describe("a browser that asks for German", () => {
  test.use({ locale: "de-DE" });
  test('gets German pages with <html lang="de"> before any profile setting', async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1, name: "Bei Ihrer Academy anmelden" })).toBeVisible();
    await page.getByLabel("E-Mail").fill("bob@acme.example");
    await page.getByLabel("Passwort").fill("uplift-demo");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page.getByRole("button", { name: "Abmelden" })).toBeVisible();
    await page.goto("/courses/getting-started/gs-your-workspace");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1, name: "Ihr Workspace" })).toBeVisible();
    // A course without a German translation falls back to English and says so.
    await page.goto("/courses/sharing-basics/sb-share-links");
    await expect(page.getByTestId("translation-fallback")).toHaveText(
      "Diese Lektion ist noch nicht auf Deutsch übersetzt: Sie wird auf Englisch angezeigt.",
    );
  });

  test("gets German sign-up, forgot-password and 404 pages, form errors included", async ({ page }) => {
    await page.goto("/signup");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page).toHaveTitle("Konto erstellen · Uplift Academy");
    await expect(page.getByRole("heading", { level: 1, name: "Ihr Lernkonto erstellen" })).toBeVisible();
    await page.getByLabel("Geschäftliche E-Mail-Adresse").fill("kein-at-zeichen");
    await page.getByRole("button", { name: "Registrierungslink senden" }).click();
    await expect(page.getByText("Geben Sie eine gültige geschäftliche E-Mail-Adresse ein.")).toBeVisible();
    await screenshots(page, "german-signup");

    await page.goto("/login");
    await page.getByRole("link", { name: "Passwort vergessen?" }).click();
    await expect(page).toHaveTitle("Passwort vergessen · Uplift Academy");
    await expect(page.getByRole("heading", { level: 1, name: "Passwort zurücksetzen" })).toBeVisible();
    await page.getByLabel("E-Mail").fill("niemand@acme.example");
    await page.getByRole("button", { name: "Link zum Zurücksetzen senden" }).click();
    await expect(page.getByRole("status")).toContainText("Der Link funktioniert einmal, 60 Minuten lang.");
    await screenshots(page, "german-forgot-password");

    const response = await page.goto("/gibt-es-nicht");
    expect(response?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page).toHaveTitle("Seite nicht gefunden · Uplift Academy");
    await expect(page.getByRole("heading", { level: 1, name: "Seite nicht gefunden" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Zurück zur Academy" })).toBeVisible();
    await screenshots(page, "german-404");
  });
});
