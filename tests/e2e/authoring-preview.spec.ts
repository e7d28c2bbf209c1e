import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { productionServerEnv, screenshot, signIn } from "./support";

/**
 * Issue 21 items 1 and 2 in the browser, against the running production server on PGlite:
 * - a draft course added while the server runs (`npm run content:sync` from another process, which
 *   works through the server) is there on the next page view, no restart;
 * - the author previews it with its banner and takes its quiz; neither progress, insights nor the
 *   impact report count the attempt;
 * - "Publish content" on /admin/content publishes content/ again: the draft is archived, and the page
 *   says so.
 */
const DRAFT_ID = "e2e-preview-draft";
const WORK_DIR = ".cache/e2e-authoring";
const CONTENT_COPY = path.join(WORK_DIR, "content");

function contentSync(contentDir: string) {
  const r = spawnSync("npx", ["tsx", "scripts/content-sync.ts"], {
    env: productionServerEnv({ CONTENT_DIR: contentDir }),
    encoding: "utf8",
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function writeDraftCourse() {
  fs.rmSync(WORK_DIR, { recursive: true, force: true });
  fs.cpSync("content", CONTENT_COPY, { recursive: true });
  const dir = path.join(CONTENT_COPY, "courses", DRAFT_ID);
  fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(dir, "course.mdx"),
    `---\nid: ${DRAFT_ID}\ntitle: Forecasting with Beacon (draft)\nsummary: "A course still being written: only authors and admins can see it."\nstage: expansion\nfeatures: [dashboards]\nestimatedMinutes: 5\nprerequisites: [getting-started]\nstatus: draft\norder: 99\n---\n\nForecasts project a metric forward from its history.\n`,
  );
  fs.writeFileSync(
    path.join(dir, "01-forecast-quiz.mdx"),
    `---\nid: e2e-forecast-quiz\ntitle: Check your forecasting\nestimatedMinutes: 5\n---\n\n## Forecasts\n\nA forecast needs at least a few weeks of history.\n\n<Quiz>\n  <Question id="history" prompt="What does a forecast need?" explanation="A few weeks of history at least.">\n    <Option>Nothing</Option>\n    <Option correct>A few weeks of history</Option>\n  </Question>\n</Quiz>\n`,
  );
}

async function reportSummary(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "admin@uplift.example");
  const res = await page.request.get("/report.csv?table=summary");
  expect(res.status()).toBe(200);
  const text = await res.text();
  await context.close();
  return text;
}

async function openDraftLesson(page: Page) {
  await page.goto(`/courses/${DRAFT_ID}/e2e-forecast-quiz`);
  await expect(page.getByRole("heading", { level: 1, name: "Check your forecasting" })).toBeVisible();
}

test.afterAll(() => {
  // Whatever happened above, leave the server publishing content/ (the draft archived) for the next specs.
  const r = contentSync("content");
  if (r.status !== 0) throw new Error(r.out);
  fs.rmSync(WORK_DIR, { recursive: true, force: true });
});

test("an author previews a draft added while the server runs, takes its quiz, and nothing counts it", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await signIn(page, "author@uplift.example");
  await expect(page.getByText("Forecasting with Beacon (draft)")).toHaveCount(0);

  writeDraftCourse();
  const sync = contentSync(CONTENT_COPY);
  expect(sync.status, sync.out).toBe(0);
  expect(sync.out).toContain("working through it");
  expect(sync.out).toContain(`course added: Forecasting with Beacon (draft) (${DRAFT_ID})`);

  // The next page view shows it (no restart), as a draft, and never as locked to staff.
  await page.goto("/");
  const card = page.locator(`li[data-course-id="${DRAFT_ID}"]`).first();
  await expect(card).toBeVisible();
  await expect(card.getByText("Draft", { exact: true })).toBeVisible();
  await expect(page.getByText("Locked", { exact: true })).toHaveCount(0);

  // Staff search finds the draft lesson.
  await page.goto("/search?q=forecast%20history");
  await expect(page.getByRole("link", { name: "Check your forecasting" })).toBeVisible();

  await page.goto(`/courses/${DRAFT_ID}`);
  const banner = page.getByTestId("preview-banner");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("Preview — this course is a draft");
  await screenshot(page, "preview-banner-course");

  const reportBefore = await reportSummary(browser);
  await openDraftLesson(page);
  await expect(page.getByTestId("preview-banner")).toContainText("Preview — this lesson's course is a draft");
  await page.getByLabel("Nothing").check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByText(/Preview attempt 1: 0% — below the 80% pass mark/)).toBeVisible();
  await expect(page.getByTestId("quiz-result-history")).toContainText("Not quite");
  await page.getByLabel("A few weeks of history").check();
  await page.getByRole("button", { name: "Submit again" }).click();
  await expect(page.getByText(/Preview attempt 2: 100% — passed/)).toBeVisible();
  await expect(page.getByTestId("quiz-result-history")).toContainText("A few weeks of history at least.");
  await screenshot(page, "preview-banner-lesson-quiz");

  // Progress: still nothing completed, here or on the catalog card.
  await page.reload();
  await expect(page.getByText("✓ Lesson completed")).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Lessons in this course" })).not.toContainText(/completed/i);
  // Insights: nobody enrolled, no quiz attempt.
  await page.goto(`/insights/courses/${DRAFT_ID}`);
  await expect(page.getByText(/0 enrolled · 0 completed/)).toBeVisible();
  await expect(page.getByText("No quiz attempts yet.")).toBeVisible();
  // The impact report: the same figures as before the attempts.
  expect(await reportSummary(browser)).toBe(reportBefore);

  // Publish content/ again from the page: the draft (not in content/) is archived, and the page says so.
  await page.getByRole("link", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Publish content" })).toBeVisible();
  await page.getByRole("button", { name: "Publish content" }).click();
  await expect(page.getByTestId("publish-changes")).toContainText(
    `course archived: Forecasting with Beacon (draft) (${DRAFT_ID})`,
  );
  await screenshot(page, "publish-content");
  await page.goto("/");
  await expect(page.getByText("Forecasting with Beacon (draft)")).toHaveCount(0);
});
