import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "#app/server/csrf.server";
import { contentSecurityPolicy } from "#app/server/security-headers.server";

describe("cross-site request check", () => {
  it("refuses a POST whose Origin is another site", () => {
    expect(isCrossSiteWrite("POST", "/login", { origin: "https://evil.example", host: "academy.example" })).toBe(true);
  });
  it("refuses a POST that the browser marks cross-site", () => {
    expect(isCrossSiteWrite("POST", "/courses/x/y", { secFetchSite: "cross-site", host: "academy.example" })).toBe(
      true,
    );
  });
  it("allows same-origin POSTs and all GETs", () => {
    expect(
      isCrossSiteWrite("POST", "/login", {
        origin: "http://academy.example",
        host: "academy.example",
        secFetchSite: "same-origin",
      }),
    ).toBe(false);
    expect(isCrossSiteWrite("GET", "/", { origin: "https://evil.example", host: "academy.example" })).toBe(false);
  });
  it("refuses opaque (null) origins", () => {
    expect(isCrossSiteWrite("POST", "/login", { origin: "null", host: "academy.example" })).toBe(true);
  });
  it("exempts the token-authenticated API, which never reads cookies", () => {
    expect(
      isCrossSiteWrite("POST", "/api/v1/accounts", { origin: "https://ci.example", host: "academy.example" }),
    ).toBe(false);
  });
  it("exempts only the RFC 8058 one-click unsubscribe path (its signed token is the credential)", () => {
    const mail = { origin: "https://mail.example", host: "academy.example" };
    expect(isCrossSiteWrite("POST", "/unsubscribe/abc.reminders.sig", mail)).toBe(false);
    expect(isCrossSiteWrite("POST", "/unsubscribe/abc/../../settings/notifications", mail)).toBe(true);
    expect(isCrossSiteWrite("POST", "/unsubscribe", mail)).toBe(true);
    expect(isCrossSiteWrite("POST", "/settings/notifications", mail)).toBe(true);
  });
});

describe("content security policy", () => {
  it("allows scripts only by nonce (no unsafe-inline) and forbids framing", () => {
    const csp = contentSecurityPolicy("abc");
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).toContain("'nonce-abc'");
    expect(script).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe("cross-site request check on the normalised path", () => {
  it.each([
    "/api/../team",
    "/api/%2e%2e/team",
    "/api/%2E%2e/team",
    "/api/./../team",
    "/api/v1/..%2f..%2fteam",
    "/API/../team",
    "/api/..\\team",
  ])("does not exempt %s from the check", (path) => {
    expect(isCrossSiteWrite("POST", path, { origin: "https://evil.example", host: "academy.example" })).toBe(true);
  });
  it("still exempts real API paths", () => {
    expect(
      isCrossSiteWrite("POST", "/api/v1/./accounts", { origin: "https://ci.example", host: "academy.example" }),
    ).toBe(false);
  });
});
