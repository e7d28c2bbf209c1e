import { spawnSync } from "node:child_process";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { productionServerEnv, screenshot, signIn } from "./support";

/**
 * The report while its figures are being computed by another server process (tests/e2e/hold-computation.ts
 * claims them): the default view shows the previous figures with a "not the latest" label, a view never
 * computed shows "Computing the impact report" with its filters; both are accessible (axe, WCAG 2.2 AA,
 * light and dark), fit 1280 and 390 px, and show current figures once the computation is released.
 */
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

function computation(cmd: "hold" | "release") {
  const r = spawnSync("npx", ["tsx", "tests/e2e/hold-computation.ts", cmd], {
    env: productionServerEnv(),
    encoding: "utf8",
  });
  expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
}

async function audit(page: Page, name: string) {
  const problems: string[] = [];
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    if (wide) problems.push(`${name}: wider than ${width} px`);
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
    problems.push(...violations.map((v) => `${name} (${scheme}): ${v.id} ${v.nodes.map((n) => n.target).join(" | ")}`));
  }
  await page.emulateMedia({ colorScheme: "light" });
  expect(problems, problems.join("\n")).toEqual([]);
}

test.describe.configure({ timeout: 300_000 });

test("report figures being computed: labelled older figures, or 'computing' with the filters", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "cs@uplift.example");
  await page.goto("/report");
  await expect(page.getByRole("heading", { level: 1, name: "Training impact report" })).toBeVisible();
  await expect(page.locator("[data-figures]")).toHaveCount(0);

  computation("hold");
  try {
    await page.goto("/report");
    const stale = page.locator('[data-figures="stale"]');
    await expect(stale).toContainText("These figures are not the latest");
    await expect(stale).toContainText("Newer data has arrived");
    await expect(page.getByRole("heading", { name: "Headline" })).toBeVisible(); // the older figures, shown
    await audit(page, "stored-views-report-stale");
    await expect(stale).toBeVisible(); // still labelled: the other process has not finished

    await page.goto("/report?trained=coverage&coverage=35");
    const computing = page.locator('[data-figures="computing"]');
    await expect(computing).toContainText("Computing the impact report (started");
    await expect(page.getByRole("button", { name: /apply|update|show/i }).first()).toBeVisible();
    await audit(page, "stored-views-report-computing");
    await expect(computing).toBeVisible();
  } finally {
    computation("release");
  }
  // The page checks again by itself (revalidation every 5 s) and shows the current figures.
  await expect(page.locator('[data-figures="computing"]')).toHaveCount(0, { timeout: 120_000 });
  await expect(page.getByRole("heading", { name: "Headline" })).toBeVisible();
  await page.goto("/report");
  await expect(page.locator("[data-figures]")).toHaveCount(0, { timeout: 60_000 });
});
