import http from "node:http";
import { expect, test } from "@playwright/test";
import { createLocalJWKSet, jwtVerify, SignJWT, type JSONWebKeySet } from "jose";
import { E2E_SSO_SECRET, EMBED_HOST_PORT } from "../../playwright.config";
import { screenshot, signUpNewLearner } from "./support";
import { completeCourse } from "./learner-support";

const ACADEMY = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
const OTHER_PORT = EMBED_HOST_PORT + 1;

async function embedToken(email: string) {
  return new SignJWT({ purpose: "embed", email, account: "ACME-001" })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(E2E_SSO_SECRET));
}

/** The customer's product page: the documented script-tag snippet (docs/embedding.md). */
function productPage(port: number, token: string): Promise<http.Server> {
  const html = `<!doctype html><html><head><title>Beacon</title><link rel="icon" href="data:,"></head>
<body style="font-family:sans-serif;background:#f1f5f9;padding:24px"><h1>Beacon dashboard</h1><div id="academy"></div>
<script src="${ACADEMY}/embed.js" data-token="${token}" data-target="#academy"></script></body></html>`;
  const server = http.createServer((_req, res) => {
    res.setHeader("Content-Type", "text/html");
    res.end(html);
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

test("the widget shows a learner's next course inside the product, framed only by the allowed origin; their certificate is a verifiable Open Badge", async ({
  page,
  browser,
}) => {
  const email = await signUpNewLearner(page);
  const certificateUrl = await completeCourse(page, "getting-started");

  // The certificate: expiry shown, LinkedIn link filled, credential verifiable with the published key.
  await page.goto(certificateUrl);
  await expect(page.getByText(/Valid certificate\..*valid until/)).toBeVisible();
  const linkedIn = new URL((await page.getByTestId("linkedin-add").getAttribute("href"))!);
  expect(linkedIn.searchParams.get("certId")).toBe(certificateUrl.split("/").pop());
  expect(linkedIn.searchParams.get("expirationYear")).toBeTruthy();
  await screenshot(page, "certificate-credentials");
  const credential = await (await page.request.get(`${certificateUrl}.json`)).json();
  const jwks = (await (
    await page.request.get(credential.verification.jwks.replace(/^https?:\/\/[^/]+/, ACADEMY))
  ).json()) as JSONWebKeySet;
  const { payload } = await jwtVerify(credential.jwt, createLocalJWKSet(jwks), { typ: "vc+jwt" });
  expect(payload.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
  expect(payload).toMatchObject({
    credentialSubject: { achievement: { name: credential.credential.credentialSubject.achievement.name } },
  });

  // Inside the product, on an allowed origin: a fresh browser context (no academy cookie at all).
  const token = await embedToken(email);
  const allowed = await productPage(EMBED_HOST_PORT, token);
  const refused = await productPage(OTHER_PORT, token);
  const context = await browser.newContext();
  try {
    const product = await context.newPage();
    await product.goto(`http://127.0.0.1:${EMBED_HOST_PORT}/`);
    const widget = product.frameLocator("#academy iframe");
    await expect(widget.getByTestId("embed-widget")).toBeVisible();
    await expect(widget.getByText("Next course for you")).toBeVisible();
    await expect(widget.getByTestId("embed-progress")).toContainText(/1 of \d+ courses completed/);
    const link = widget.getByRole("link", { name: /Start course|Continue/ });
    await expect(link).toHaveAttribute("target", "_blank");
    expect(await link.getAttribute("href")).toMatch(new RegExp(`^${ACADEMY}/courses/`));
    expect(await context.cookies(ACADEMY)).toEqual([]);
    await screenshot(product, "embed-widget-in-product");

    // Another origin: the browser refuses to frame the widget (CSP frame-ancestors).
    const other = await context.newPage();
    const refusals: string[] = [];
    other.on("console", (m) => {
      if (/frame-ancestors/.test(m.text())) refusals.push(m.text());
    });
    await other.goto(`http://127.0.0.1:${OTHER_PORT}/`);
    await expect.poll(() => refusals.length).toBeGreaterThan(0);
    expect(refusals[0]).toContain(`frame-ancestors http://127.0.0.1:${EMBED_HOST_PORT}`);
    await expect(other.frameLocator("#academy iframe").getByTestId("embed-widget")).toHaveCount(0);
    await screenshot(other, "embed-widget-refused");

    // Every other academy page stays unframeable, even from the allowed origin.
    const home = await page.request.get(`${ACADEMY}/login`);
    expect(home.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(home.headers()["x-frame-options"]).toBe("DENY");
  } finally {
    await context.close();
    allowed.close();
    refused.close();
  }
});
