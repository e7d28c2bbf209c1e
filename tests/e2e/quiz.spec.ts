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
      await answerQuiz(page, "wrong");
      await expect(page.getByText(/0% on attempt 1: not yet 80%/)).toBeVisible();
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
