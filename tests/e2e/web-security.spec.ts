import crypto from "node:crypto";
import http from "node:http";
import { expect, request as newRequest, test } from "@playwright/test";
import { mailedLink, screenshot, signUpNewLearner } from "./support";

test("pages carry security headers and a nonce-based CSP", async ({ request }) => {
  const res = await request.get("/login");
  const h = res.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  const nonce = /'nonce-([^']+)'/.exec(h["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  expect(h["content-security-policy"]).not.toMatch(/script-src[^;]*unsafe-inline/);
  const html = await res.text();
  // Every inline script carries this response's nonce.
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
  expect(h["x-powered-by"]).toBeUndefined();
});

test("a cross-site form POST is refused", async ({ request }) => {
  const res = await request.post("/login", {
    form: { email: "alice@acme.example", password: "uplift-demo" },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(res.headers()["set-cookie"]).toBeUndefined();
});

test("a same-origin sign-in works and sets a hardened cookie", async ({ request, baseURL }) => {
  const res = await request.post("/login", {
    form: { email: "bob@acme.example", password: "uplift-demo", redirectTo: "/" },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(302);
  const cookie = res.headers()["set-cookie"] ?? "";
  expect(cookie).toMatch(/uplift_session=/);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
});

test("oversized request bodies are refused with 413 before they are read", async ({ baseURL }) => {
  const url = new URL("/login", baseURL);
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        headers: {
          Origin: url.origin,
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": String(300 * 1024 * 1024),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.write("email=a"); // the server answers from the declared length without waiting for the body
  });
  expect(status).toBe(413);
});

test("unknown URLs get a real 404 page without internals", async ({ page }) => {
  const res = await page.goto("/no/such/page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const html = await page.content();
  expect(html).not.toMatch(/at .*\.(js|ts):\d+/);
});

test("sign-in is rate limited: the 6th wrong password locks the email", async ({ request: signedUp, baseURL }) => {
  let request = signedUp;
  const email = `locked-${crypto.randomBytes(4).toString("hex")}@initech.example`;
  const asked = await request.post("/signup", { form: { email }, headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(asked.status()).toBe(200);
  const link = await mailedLink(email);
  const created = await request.post(link, {
    form: { name: "Lock Test", password: "uplift-demo-long" },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(created.status()).toBe(302);
  request = await newRequest.newContext({ baseURL }); // signed out again
  for (let i = 0; i < 5; i++) {
    const r = await request.post("/login", {
      form: { email, password: "wrong" },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(r.status()).toBe(401);
  }
  const locked = await request.post("/login", {
    form: { email, password: "uplift-demo-long" },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(locked.status()).toBe(429);
  expect(await locked.text()).toContain("locked");
});

test("user-supplied names are escaped, never executed", async ({ page }) => {
  const hostile = `<img src=x onerror="window.__xss=1">Eve`;
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await signUpNewLearner(page, "acme.example", hostile);
  await expect(page.getByText(hostile, { exact: true }).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('header img[src="x"]').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test("lesson content runs under a CSP without 'unsafe-eval', on full loads and client-side navigation", async ({
  page,
}) => {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (v: string) => {
    violations.push(v);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await signUpNewLearner(page);

  // Client-side navigation: catalog → course (overview content) → lesson → next lesson.
  await page.getByRole("link", { name: "Getting started with Beacon" }).first().click();
  await expect(page.getByText("the analytics workspace your team will use every day")).toBeVisible();
  await page.getByRole("link", { name: "Start course" }).click();
  await expect(page.getByRole("heading", { name: /What is a workspace/ })).toBeVisible();
  await page.getByRole("link", { name: /Next lesson/ }).click();
  await expect(page.getByRole("heading", { name: /Create the dashboard/ })).toBeVisible();

  // A full load of a lesson: its CSP has no 'unsafe-eval', and the hydrated page works.
  const res = await page.reload();
  expect(res?.headers()["content-security-policy"]).not.toMatch(/unsafe-eval/);
  await expect(page.getByRole("heading", { name: /Create the dashboard/ })).toBeVisible();
  await page.getByRole("button", { name: "Mark complete" }).click();
  await expect(page.getByText("Lesson completed")).toBeVisible();
  await screenshot(page, "lesson-after-csp-navigation");
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});
