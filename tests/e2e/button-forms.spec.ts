import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { screenshot, signIn } from "./support";

/**
 * Issue 18 item 5: the import upload, publish content and sign-out forms answer conform's one reply
 * shape. A refused submit re-renders with the error beside its field (the upload) or as the form's
 * error (the button forms), nothing is done, with and without JavaScript; after a keyboard submit with
 * JavaScript focus lands on the error or the answer, not on <body>; the error states pass axe.
 */
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

async function describedError(page: Page, name: RegExp, message: string) {
  const field = page.getByLabel(name);
  await expect(field).toHaveAttribute("aria-invalid", "true");
  const ids = (await field.getAttribute("aria-describedby"))!.split(" ");
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  expect(texts).toContain(message);
}

async function noAxeViolations(page: Page) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
    expect(violations.map((v) => `${scheme}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`)).toEqual(
      [],
    );
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** Changes what a button or hidden field sends, as a stale page or a script might. */
async function tamper(page: Page, selector: string, value: string) {
  await page.locator(selector).evaluate((el, v) => {
    (el as HTMLInputElement | HTMLButtonElement).value = v;
  }, value);
}

for (const js of [true, false]) {
  test.describe(js ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: js });

    test("import upload: a file that is not CSV is refused beside the file field, the choices kept", async ({
      page,
    }) => {
      await signIn(page, "cs@uplift.example");
      await page.goto("/admin/imports");
      const kind = page.getByLabel("What does the file contain?");
      const source = page.getByLabel("Source system (remembers your column mapping)");
      const file = page.getByLabel(/CSV file/);
      const upload = page.getByRole("button", { name: "Upload and map columns" });
      await kind.selectOption("support_tickets");
      await source.fill("zendesk");
      // By its name (JavaScript checks it before sending; the server checks it too).
      await file.setInputFiles({
        name: "tickets.xlsx",
        mimeType: "application/octet-stream",
        buffer: Buffer.from("x"),
      });
      await upload.click();
      await describedError(
        page,
        /CSV file/,
        "“tickets.xlsx” is not a CSV file. Save or export it as CSV (UTF-8) and upload that file.",
      );
      await expect(kind).toHaveValue("support_tickets");
      await expect(source).toHaveValue("zendesk");
      await expect(page).toHaveURL(/\/admin\/imports(\?index)?$/);
      await screenshot(page, `import-upload-not-csv${js ? "" : "-nojs"}`);
      if (js) await noAxeViolations(page); // axe runs in the page: not without JavaScript (same markup)
      // By its first bytes (a workbook renamed .csv): only the server can tell; with the keyboard.
      await file.setInputFiles({
        name: "tickets.csv",
        mimeType: "text/csv",
        buffer: Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.alloc(200)]),
      });
      await upload.focus();
      await page.keyboard.press("Enter");
      await describedError(
        page,
        /CSV file/,
        "This file is a zip archive, probably an Excel workbook (.xlsx): open it and save it as CSV (UTF-8).",
      );
      await expect(kind).toHaveValue("support_tickets");
      if (js) await expect(file).toBeFocused();
      await screenshot(page, `import-upload-workbook${js ? "" : "-nojs"}`);
    });

    test("publish content: anything but the page's button is refused on the page, publishing nothing", async ({
      page,
    }) => {
      await signIn(page, "author@uplift.example");
      await page.goto("/admin/content");
      const history = await page.getByRole("table", { name: "Recent publishes" }).locator("tbody tr").count();
      await tamper(page, 'input[name="intent"]', "delete-everything");
      await page.getByRole("button", { name: "Publish content" }).focus();
      await page.keyboard.press("Enter");
      const alert = page.getByRole("alert");
      await expect(alert).toHaveText("This form only publishes content: reload the page and press Publish content.");
      if (js) await expect(page.locator(":focus")).toContainText("This form only publishes content");
      await page.goto("/admin/content");
      expect(await page.getByRole("table", { name: "Recent publishes" }).locator("tbody tr").count()).toBe(history);
      await tamper(page, 'input[name="intent"]', "delete-everything");
      await page.getByRole("button", { name: "Publish content" }).click();
      await expect(alert).toBeVisible();
      await screenshot(page, `publish-content-refused${js ? "" : "-nojs"}`);
      if (js) await noAxeViolations(page); // axe runs in the page: not without JavaScript (same markup)
    });

    test("sign out: a POST without the button's intent keeps you signed in and says so; the button signs out", async ({
      page,
    }) => {
      await signIn(page, "bob@acme.example");
      await page.goto("/logout");
      const main = page.getByRole("main");
      await expect(main.getByRole("heading", { name: "Sign out" })).toBeVisible();
      await tamper(page, 'main button[name="intent"]', "stay");
      await main.getByRole("button", { name: "Sign out" }).focus();
      await page.keyboard.press("Enter");
      await expect(main.getByRole("alert")).toHaveText("You are still signed in: use the Sign out button to sign out.");
      if (js) await expect(main.getByRole("heading", { name: "Sign out" })).toBeFocused();
      await screenshot(page, `sign-out-refused${js ? "" : "-nojs"}`);
      if (js) await noAxeViolations(page); // axe runs in the page: not without JavaScript (same markup)
      await page.goto("/profile");
      await expect(page).toHaveURL(/\/profile$/); // still signed in
      await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/login$/);
      await page.goto("/profile");
      await expect(page).toHaveURL(/\/login/);
    });
  });
}
