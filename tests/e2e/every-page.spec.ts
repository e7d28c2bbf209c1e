import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { screenshot, signIn } from "./support";

/**
 * Every page of every role (the routes of tests/integration/security/route-policies.ts that answer HTML):
 * axe finds no WCAG 2.2 AA violation in light or dark colour scheme, and no page is wider than the window
 * at 1280 px or on a 390 px phone (wide tables scroll inside their own region).
 */
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const WIDTHS = [1280, 390] as const;

/** [name, url, expected HTTP status (200 unless given)] */
type PageList = [name: string, url: string, status?: number][];

/** Problems found on a page, as readable lines (collected so one run lists every page's problems). */
async function auditPage(page: Page, name: string, url: string, status = 200): Promise<string[]> {
  const problems: string[] = [];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 900 });
    const res = await page.goto(url);
    if (res?.status() !== status) problems.push(`${name}: ${url} answered ${res?.status()}, expected ${status}`);
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
    for (const v of violations) {
      const where = v.nodes
        .slice(0, 3)
        .map(
          (n) =>
            `${n.target.join(" ")}${n.failureSummary ? ` [${n.failureSummary.split("\n").slice(1, 2).join("").trim()}]` : ""}`,
        )
        .join(" | ");
      problems.push(`${name} (${scheme}): ${v.id} (${v.impact}, ${v.nodes.length}×) ${where}`);
    }
    if (scheme === "light") {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
          // The outermost elements that stick out on the right, to say what widens the page.
          const out = [...document.querySelectorAll("body *")].filter(
            (el) =>
              el.getBoundingClientRect().right > window.innerWidth + 0.5 &&
              !el.parentElement?.closest("[data-overflow-seen]") &&
              el.getBoundingClientRect().width > 0,
          );
          const outer = out.filter((el) => !out.some((o) => o !== el && o.contains(el)));
          const describe = (el: Element) =>
            `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].slice(0, 4).join(".")} (${Math.round(el.getBoundingClientRect().right)})`;
          return {
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            culprits: outer.slice(0, 4).map(describe),
          };
        });
        if (scrollWidth > innerWidth)
          problems.push(`${name}: ${scrollWidth} px wide in a ${innerWidth} px window: ${culprits.join(", ")}`);
      }
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
  return problems;
}

async function auditAll(page: Page, pages: PageList) {
  const problems: string[] = [];
  for (const [name, url, status] of pages) problems.push(...(await auditPage(page, name, url, status)));
  expect(problems, problems.join("\n")).toEqual([]);
}

/** Screenshots at 1280 and 390 px, light colour scheme. */
async function shots(page: Page, name: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

// The report page is heavy for axe on a shared 2-core machine: generous limits (nothing here is timed).
test.describe.configure({ timeout: 600_000 });

test("signed-out pages", async ({ page }) => {
  await auditAll(page, [
    ["login", "/login"],
    ["signup", "/signup"],
    ["invite-unknown", "/invite/not-a-real-token"],
    ["certificate-unknown", "/certificates/AAAA-BBBB-CCCC-DDDD-EEEE", 404],
    ["not-found", "/no-such-page", 404],
    ["forgot-password", "/forgot-password"],
    ["reset-password-unknown", "/reset-password/not-a-real-token"],
    ["oidc-refused", "/auth/oidc/e2e-idp/callback?code=x&state=y", 400],
    ["oidc-unknown-provider", "/auth/oidc/no-such-idp/login", 404],
  ]);
});

test("learner pages", async ({ page }) => {
  await signIn(page, "bob@acme.example");
  await page.goto("/courses/getting-started");
  const lesson = await page.locator("main a[href^='/courses/getting-started/']").first().getAttribute("href");
  await auditAll(page, [
    ["home", "/"],
    ["course", "/courses/getting-started"],
    ["lesson", lesson!],
    ["locked-course", "/courses/automation-at-scale"],
    ["profile", "/profile"],
    ["settings", "/settings"],
    ["search", "/search?q=dashboard"],
    ["search-empty", "/search?q=zzzzqqq"],
    ["sign-out", "/logout"],
  ]);
});

test("account admin pages", async ({ page }) => {
  await signIn(page, "alice@acme.example");
  await auditAll(page, [
    ["home", "/"],
    ["team", "/team"],
    ["profile", "/profile"],
  ]);
  await page.goto("/team");
  await shots(page, "every-page-team");
});

test("author pages", async ({ page }) => {
  await signIn(page, "author@uplift.example");
  await auditAll(page, [
    ["home", "/"],
    ["insights", "/insights"],
    ["insights-course", "/insights/courses/getting-started"],
    ["insights-source", "/insights/source?path=content/courses/getting-started/course.mdx"],
    ["insights-lesson-source", "/insights/source?path=content/courses/getting-started/01-your-workspace.mdx"],
    ["course", "/courses/getting-started"],
    ["publish-content", "/admin/content"],
  ]);
  await page.goto("/insights");
  await shots(page, "every-page-insights");
  await page.goto("/insights/courses/getting-started");
  await shots(page, "every-page-insights-course");
});

test("CS leader pages: report and account", async ({ page }) => {
  await signIn(page, "cs@uplift.example");
  await page.goto("/report");
  const account = await page.locator("main a[href^='/accounts/']").first().getAttribute("href");
  await auditAll(page, [
    ["report", "/report"],
    ["account", account!],
  ]);
  await page.goto("/report");
  await shots(page, "every-page-report");
  await page.goto(account!);
  await shots(page, "every-page-account");
});

test("CS leader pages: home, admin, imports, insights", async ({ page }) => {
  await signIn(page, "cs@uplift.example");
  await auditAll(page, [
    ["home", "/"],
    ["admin", "/admin"],
    ["imports", "/admin/imports"],
    ["imports-new-without-upload", "/admin/imports/new"],
    ["imports-new-upload-gone", "/admin/imports/new?upload=00000000-0000-0000-0000-000000000000&kind=accounts", 404],
    ["insights", "/insights"],
  ]);
});

test("admin pages", async ({ page }) => {
  await signIn(page, "admin@uplift.example");
  await page.goto("/admin/users");
  const person = await page.locator("main a[href^='/admin/users/']").first().getAttribute("href");
  await auditAll(page, [
    ["people", "/admin/users"],
    ["person", person!],
    ["home", "/"],
    ["admin", "/admin"],
    ["tokens", "/admin/tokens"],
    ["webhooks", "/admin/webhooks"],
    ["health-weights", "/admin/health-weights"],
    ["report", "/report"],
  ]);
});
