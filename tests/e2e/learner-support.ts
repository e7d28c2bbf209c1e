import crypto from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { mailedLink, screenshot } from "./support";

export const newEmail = (domain: string) => `invitee-${crypto.randomBytes(4).toString("hex")}@${domain}`;

/** Screenshots at desktop and phone widths (restores the desktop viewport afterwards). */
export async function screenshots(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 375, height: 812 });
  await screenshot(page, `${name}-375`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** A customer admin invites a colleague from /team; returns the path of the emailed invitation link. */
export async function inviteFromTeamPage(page: Page, email: string) {
  await page.goto("/team");
  await expect(page.getByRole("heading", { name: "My team" })).toBeVisible();
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();
  const link = await mailedLink(email);
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link;
}

export async function acceptInvitation(page: Page, link: string, name: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: /Join Acme Corp/ })).toBeVisible();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Join the academy" }).click();
  await expect(page.getByRole("heading", { name: `Welcome, ${name.split(" ")[0]}`, exact: true })).toBeVisible();
}

/**
 * Walks a course from its page to the end: opens each lesson in order and marks it complete, until
 * the last lesson shows the certificate. Returns the certificate URL.
 */
export async function completeCourse(page: Page, courseId: string, opts: { shots?: string } = {}) {
  await page.goto(`/courses/${courseId}`);
  await page.getByRole("link", { name: /^(Start course|Continue)$/ }).click();
  for (let i = 0; i < 50; i++) {
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    if (opts.shots && i === 0) await screenshots(page, `${opts.shots}-lesson`);
    await page.waitForLoadState("networkidle");
    if ((await page.locator("#quiz-title").count()) > 0) {
      // A lesson with a quiz completes when the quiz passes (the answers are written in the course).
      await answerQuiz(page, "right");
      await expect(page.getByText(/Passed with \d+%/)).toBeVisible();
    } else {
      await page.getByRole("button", { name: "Mark complete" }).click();
    }
    await expect(page.getByText("✓ Lesson completed")).toBeVisible();
    // Saved, not just shown: moving on mid-save is its own test (learner-slice.spec.ts).
    await expect(page.getByText("(saving…)")).toHaveCount(0);
    const next = page.getByRole("link", { name: "Continue to the next lesson →" });
    if (!(await next.isVisible())) break;
    const from = page.url();
    await next.click();
    await page.waitForURL((u) => u.toString() !== from);
  }
  const certificate = page.getByRole("link", { name: "View certificate" });
  await expect(certificate).toBeVisible();
  return new URL((await certificate.getAttribute("href"))!, page.url()).toString();
}

/** Correct answers of the demo academy's quizzes, by option text (the browser never receives them). */
export const RIGHT_ANSWERS = new Set([
  "Settings → General",
  "A read-only user",
  "Team folders",
  "The people who answer for the numbers",
]);

/** Answers every question of the lesson's quiz right (or wrong) and submits. */
export async function answerQuiz(page: Page, how: "right" | "wrong") {
  const quiz = page.locator("section", { has: page.getByRole("heading", { name: "Check your understanding" }) });
  for (const question of await quiz.locator("fieldset").all()) {
    const options = question.locator("label");
    const texts = await options.allTextContents();
    const index = texts.findIndex((t) => (how === "right") === RIGHT_ANSWERS.has(t.trim()));
    await options.nth(index).click();
  }
  await quiz.getByRole("button", { name: /Submit/ }).click();
}

export async function expectValidCertificate(
  page: Page,
  url: string,
  learner: string,
  course: string,
  company: string,
) {
  await page.goto(url);
  await expect(page.getByRole("status")).toContainText("Valid certificate");
  await expect(page.getByTestId("certificate-learner")).toHaveText(learner);
  await expect(page.getByTestId("certificate-course")).toHaveText(course);
  await expect(page.getByTestId("certificate-company")).toHaveText(company);
}
