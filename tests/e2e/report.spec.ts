import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { expect, test } from "@playwright/test";
import { SCREENSHOT_DIR, screenshot, signIn, signUpNewLearner } from "./support";

const SEGMENT_VALUES: Record<string, string> = { SMB: "smb", "Mid-market": "mid_market", Enterprise: "enterprise" };

test("a CS leader filters the impact report by segment, opens a ready-for-expansion account and exports CSV", async ({
  page,
}) => {
  await signIn(page, "cs@uplift.example");
  await page
    .getByRole("link", { name: /impact report/i })
    .first()
    .click();
  // The page waits up to 3 s for figures being recomputed (earlier specs changed the data) before it answers.
  await expect(page.getByRole("heading", { name: "Training impact report", level: 1 })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByRole("heading", { name: "Trained vs untrained accounts" })).toBeVisible({ timeout: 20_000 });
  // Charts are server-rendered SVG with a title (the scatter plots of the correlations section).
  await expect(page.locator("section[aria-labelledby='correlations'] svg[role='img']:visible").first()).toBeVisible();
  // The staggered design: what is estimated (design, population, inference), the event-study charts with
  // intervals, and per-course impact with q-values instead of the before/after ranking.
  const impact = page.locator("section[aria-labelledby='impact']");
  await expect(impact.getByRole("heading", { name: /Training impact: staggered design/ })).toBeVisible();
  await expect(impact.getByText("Design", { exact: true })).toBeVisible();
  await expect(impact.getByRole("img", { name: /Event study: Net MRR change/ })).toBeVisible();
  await expect(impact.getByRole("columnheader", { name: "MDE (80% power)" })).toBeVisible();
  await expect(
    page.locator("section[aria-labelledby='courses']").getByRole("columnheader", { name: "q (BH)" }),
  ).toBeVisible();
  // The headline says whether the expansion interval includes 0, with n and the data-through month.
  await expect(impact.getByTestId("impact-headline")).toContainText(
    /95% CI .*; the interval (includes|excludes) 0.* n = \d+ trained, \d+ comparison accounts; accounts trained \d{4}-\d{2} to \d{4}-\d{2}, data through \d{4}-\d{2}\./,
  );
  await expect(impact.getByText(/Doubly robust \(AIPW\)/)).toBeVisible();
  // The pre-trend check says what it tested: p, and the level and trend of months −6…−2.
  const byOutcome = impact.getByRole("table", { name: "Training impact by outcome" });
  await expect(byOutcome.getByRole("row").nth(1)).toContainText(
    /p = \d\.\d\d.*level [+−±-]?[\d.,]+.*, trend [+−±-]?[\d.,]+/,
  );
  await byOutcome.screenshot({ path: `${SCREENSHOT_DIR}/report-impact-table.png` });
  // The per-course CSV is the table the page shows: concurrent-control estimates with n, interval, population, data-through.
  const courses = parse(await (await page.request.get("/report.csv?table=courses")).text(), {
    columns: true,
  }) as Record<string, string>[];
  expect(courses.length).toBeGreaterThan(0);
  expect(Object.keys(courses[0]!)).toEqual(
    expect.arrayContaining([
      "adoption_change_pp",
      "ci_low",
      "ci_high",
      "q_bh",
      "n_completing",
      "n_comparison",
      "population",
      "usage_data_through",
      "revenue_data_through",
    ]),
  );
  await impact
    .locator("summary", { hasText: "Covariate balance" })
    .click()
    .catch(() => {});
  await screenshot(page, "report-impact");

  // The segment of the first account the demo data lists as ready for expansion.
  const ready = page.getByRole("list", { name: "Accounts ready for expansion" });
  await expect(ready.getByRole("listitem").first()).toBeVisible();
  const firstMeta = (await ready.locator(":scope > li").first().locator("p").first().textContent())!;
  const segmentLabel = firstMeta.split(" · ")[0]!.trim();
  const segment = SEGMENT_VALUES[segmentLabel];
  expect(segment, `segment label "${segmentLabel}"`).toBeTruthy();
  await screenshot(page, "report-all");

  // Filter with the GET form, as a user would.
  await page.getByLabel("Segment", { exact: true }).selectOption(segment!);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]segment=${segment}(&|$)`));
  await expect(page.locator("header p").first()).toContainText(segmentLabel);
  const rows = ready.locator(":scope > li");
  await expect(rows.first()).toBeVisible();
  for (const meta of await rows.locator("p").allTextContents()) expect(meta.startsWith(`${segmentLabel} ·`)).toBe(true);
  await screenshot(page, "report-filtered");

  // The CSV export of the same list, with the same filters.
  const downloadPromise = page.waitForEvent("download");
  await page.locator("section[aria-labelledby='ready']").getByRole("link", { name: "Download all as CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^uplift-ready-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = parse(fs.readFileSync((await download.path())!), { columns: true }) as Record<string, string>[];
  expect(csv.length).toBeGreaterThan(0);
  expect(csv.every((r) => r.segment === segment)).toBe(true);
  const shownNames = await rows.locator("a").allTextContents();
  expect(csv.map((r) => r.name)).toEqual(expect.arrayContaining(shownNames));

  // Open the first account: its page shows the timeline and its learners' progress.
  const name = shownNames[0]!;
  await rows.first().getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Learners' progress" })).toBeVisible();
  await screenshot(page, "report-account");
});

test("learners and authors are refused the impact report and its CSV", async ({ browser }) => {
  const learner = await browser.newPage();
  await signUpNewLearner(learner);
  expect((await learner.goto("/report"))?.status()).toBe(403);
  expect((await learner.request.get("/report.csv?table=accounts")).status()).toBe(403);
  await learner.close();

  const author = await browser.newPage();
  await signIn(author, "author@uplift.example");
  expect((await author.goto("/report"))?.status()).toBe(403);
  expect((await author.request.get("/report.csv?table=ready")).status()).toBe(403);
  await expect(author.getByRole("link", { name: /impact report/i })).toHaveCount(0);
  await author.close();
});

test("the report says what its data covers, compares with intervals, and refuses a period after the data", async ({
  page,
}) => {
  test.setTimeout(180_000); // four full report pages and an account page on a busy 2-core machine
  await signIn(page, "cs@uplift.example");
  await page.goto("/report");
  await expect(page.getByText(/Revenue/).first()).toBeVisible();
  await expect(
    page
      .locator("header")
      .getByText(/through \d{4}-\d{2}/)
      .first(),
  ).toBeVisible();
  const tiles = page.locator("section#headline, section[aria-labelledby='headline']");
  await expect(tiles.getByText(/customers on \d{4}-\d{2}-\d{2}/)).toBeVisible();
  await expect(tiles.getByText(/95% CI/).first()).toBeVisible();
  await expect(page.getByRole("row", { name: /Started onboarding/ })).toBeVisible();
  await screenshot(page, "report-coverage-1280");

  // A period after the data: no figures, a clear message and a way back to the covered period.
  const response = await page.goto("/report?from=2031-01-01&to=2031-12-31");
  expect(response?.status()).toBe(422);
  await expect(page.getByRole("alert")).toContainText("No figures for this period");
  await expect(page.getByRole("alert")).toContainText(/outside the revenue data/);
  await expect(page.getByRole("heading", { name: "Trained vs untrained accounts" })).toHaveCount(0);
  await screenshot(page, "report-refused-period");
  await page.getByRole("link", { name: /^Show .* instead$/ }).click();
  await expect(page.getByRole("heading", { name: "Trained vs untrained accounts" })).toBeVisible();

  // An account page: data through per source, health "as of".
  await page.goto("/report#ready");
  await page.getByRole("list", { name: "Accounts ready for expansion" }).getByRole("link").first().click();
  await expect(page.getByText(/This account's data through|Revenue/).first()).toBeVisible();
  await expect(page.getByText(/^as of \d{4}-\d{2}/).first()).toBeVisible();
  await screenshot(page, "account-coverage-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "account-coverage-390");
  await page.goto("/report");
  await screenshot(page, "report-coverage-390");
});
