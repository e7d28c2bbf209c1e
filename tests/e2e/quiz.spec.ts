import { expect, test } from "@playwright/test";
import { screenshot, signUpNewLearner } from "./support";
import { answerQuiz } from "./learner-support";

for (const js of [true, false]) {
  test.describe(js ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: js });
    test("a quiz answered wrong then right completes the lesson only after the pass", async ({ page }) => {
      await signUpNewLearner(page);
      await page.goto("/courses/getting-started/gs-check-setup");
      await expect(page.getByRole("heading", { name: "Check your understanding" })).toBeVisible();
      // The page never carries the answers before a submission.
      expect(await page.content()).not.toContain("so reports roll over at your midnight");
      await page.getByRole("button", { name: "Mark complete" }).click();
      await expect(page.getByText("Pass the quiz in this lesson to complete it.")).toBeVisible();
      // An incomplete attempt is refused with the reason, and is not counted as an attempt.
      await page.getByRole("button", { name: "Submit answers" }).click();
      await expect(
        page.getByRole("alert").filter({ hasText: "Answer every question before submitting (2 left)." }),
      ).toBeVisible();
      await answerQuiz(page, "wrong");
      await expect(page.getByText(/0% on attempt 1: not yet 80%/)).toBeVisible();
      await expect(page.getByText(/Answer every question before submitting/)).toHaveCount(0);
      await expect(page.getByTestId("quiz-result-timezone")).toContainText("Not quite");
      await expect(page.getByText("✓ Lesson completed")).toHaveCount(0);
      if (js) await screenshot(page, "quiz-wrong");
      await answerQuiz(page, "right");
      await expect(page.getByText("Passed with 100% — lesson complete.")).toBeVisible();
      await expect(page.getByText("✓ Lesson completed")).toBeVisible();
      await expect(page.getByText("Pass the quiz in this lesson to complete it.")).toHaveCount(0);
      if (js) await screenshot(page, "quiz-passed");
    });
  });
}

test("a quiz attempt is kept when the learner moves on before the server answers", async ({ page }) => {
  await signUpNewLearner(page);
  const quizPath = "/courses/getting-started/gs-check-setup";
  await page.goto(quizPath);
  await expect(page.getByRole("heading", { name: "Check your understanding" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // Hold the quiz POST on the wire long enough for the learner to click on (a slow network).
  await page.route(
    (u) => u.pathname === quizPath,
    async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      await new Promise((r) => setTimeout(r, 1_000));
      await route.continue().catch(() => {}); // an aborted request cannot be continued: the attempt was lost
    },
  );
  await answerQuiz(page, "right");
  await expect(page.getByRole("button", { name: "Checking…" })).toBeVisible();
  await page.locator('a[rel="prev"]').click(); // the quiz is the course's last lesson
  await page.waitForURL((u) => u.pathname !== quizPath);
  await page.unrouteAll({ behavior: "wait" });
  // The outline on the lesson it moved to shows the quiz lesson completed once the held attempt lands.
  await expect(
    page.getByRole("list", { name: "Lessons in this course" }).locator(`a[href="${quizPath}"]`),
  ).toContainText(/completed/i);
  await page.goto(quizPath);
  await expect(page.getByText("Passed with 100% — lesson complete.")).toBeVisible();
});
