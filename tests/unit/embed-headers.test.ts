import { describe, expect, it } from "vitest";
import type { Request, Response } from "express";
import { securityHeaders } from "#app/server/security-headers.server";
import { parseEmbedOrigins } from "#app/server/embed-origins";

function headersFor(path: string, embedOrigins?: string[]) {
  const set = new Map<string, string>();
  const res = { locals: {}, setHeader: (k: string, v: string) => set.set(k.toLowerCase(), v) } as unknown as Response;
  securityHeaders({ embedOrigins })({ path } as Request, res, () => {});
  return { csp: set.get("content-security-policy")!, xfo: set.get("x-frame-options") };
}
const frameAncestors = (csp: string) => csp.split("; ").find((d) => d.startsWith("frame-ancestors"));

describe("embedding: only the widget may be framed, only by the allowed origins", () => {
  const allowed = ["https://app.beacon.example", "http://127.0.0.1:4540"];

  it("lets the allowed origins frame /embed/ pages (and drops X-Frame-Options there)", () => {
    const h = headersFor("/embed/next", allowed);
    expect(frameAncestors(h.csp)).toBe("frame-ancestors https://app.beacon.example http://127.0.0.1:4540");
    expect(h.xfo).toBeUndefined();
  });

  it.each([
    "/",
    "/login",
    "/profile",
    "/embed",
    "/embedded/next",
    "/embed/../admin",
    "/embed/%2e%2e/team",
    "/embed/..%2fadmin",
  ])("keeps frame-ancestors 'none' and X-Frame-Options DENY on %s", (path) => {
    const h = headersFor(path, allowed);
    expect(frameAncestors(h.csp)).toBe("frame-ancestors 'none'");
    expect(h.xfo).toBe("DENY");
  });

  it("refuses framing of the widget too when no origin is configured", () => {
    const h = headersFor("/embed/next", []);
    expect(frameAncestors(h.csp)).toBe("frame-ancestors 'none'");
    expect(h.xfo).toBe("DENY");
  });

  it("reads EMBED_ALLOWED_ORIGINS as origins only", () => {
    expect(parseEmbedOrigins("https://a.example, http://localhost:3000  https://b.example:8443")).toEqual({
      ok: true,
      origins: ["https://a.example", "http://localhost:3000", "https://b.example:8443"],
    });
    expect(parseEmbedOrigins(undefined)).toEqual({ ok: true, origins: [] });
    for (const bad of [
      "https://a.example/path",
      "*.example.com",
      "https://*.example.com",
      "ftp://a.example",
      "javascript:alert(1)",
      "'self'",
    ]) {
      expect(parseEmbedOrigins(bad).ok, bad).toBe(false);
    }
  });
});
