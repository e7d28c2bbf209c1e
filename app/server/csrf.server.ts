import type { NextFunction, Request, Response } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const SAML_ACS = /^\/auth\/saml\/[a-z0-9-]+\/acs$/;
const ONE_CLICK_UNSUBSCRIBE = /^\/unsubscribe\/[^/]+$/;

/**
 * The path the router will see: Remix builds a WHATWG URL from the raw request path, which resolves "." and
 * ".." segments (also written %2e%2e) and reads "\\" as "/". Checking the raw path would let
 * "/api/../team" pass as an API path while the team route answers it.
 */
export function normalisedPath(rawPath: string): string {
  let path: string;
  try {
    path = new URL(rawPath.replace(/\\/g, "/"), "http://path.invalid").pathname;
  } catch {
    return rawPath;
  }
  // Decode once more so "..%2f" cannot hide a segment from this check (the router never sees it as one,
  // but an exemption must not depend on that); decoding errors keep the resolved path.
  try {
    const decoded = decodeURIComponent(path);
    if (decoded !== path) return new URL(decoded.replace(/\\/g, "/"), "http://path.invalid").pathname;
  } catch {
    /* keep the resolved path */
  }
  return path;
}

/** RFC 8058 one-click unsubscribe: POST /unsubscribe/<token> (app/routes/unsubscribe.$token.tsx). */
export function isOneClickUnsubscribe(path: string): boolean {
  return ONE_CLICK_UNSUBSCRIBE.test(normalisedPath(path));
}

/**
 * Remix refuses a page route's POST whose Origin is not the Host (server-runtime's CSRF check), and mail
 * providers may send the one-click POST with their own Origin. For that one path, whose signed token is
 * the credential, the header is dropped before Remix sees it.
 */
export function oneClickUnsubscribeOrigin(req: Request, _res: Response, next: NextFunction) {
  if (req.method === "POST" && isOneClickUnsubscribe(req.originalUrl.split("?")[0] ?? "/")) delete req.headers.origin;
  next();
}

/**
 * True when a state-changing request comes from another site. Browsers send Origin on cross-origin
 * POSTs and Sec-Fetch-Site on all modern requests; SameSite=Lax cookies are the second line of defence.
 * Token-authenticated API routes (no cookies) are exempt.
 */
export function isCrossSiteWrite(
  method: string,
  path: string,
  headers: { origin?: string; host?: string; secFetchSite?: string },
) {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const routed = normalisedPath(path);
  if (routed.startsWith("/api/")) return false;
  // SAML assertion consumer: the IdP's page posts the signed assertion cross-site by design; the signature,
  // audience, recipient, time window and single-use id checks (app/auth/saml/acs.server.ts) replace CSRF here.
  if (SAML_ACS.test(routed)) return false;
  // RFC 8058 one-click unsubscribe: mail providers POST it from their own origin; the signed token in the
  // path is the only credential and can only switch one kind of email off (app/routes/unsubscribe.$token.tsx).
  if (isOneClickUnsubscribe(routed)) return false;
  if (headers.secFetchSite && headers.secFetchSite !== "same-origin" && headers.secFetchSite !== "none") return true;
  if (headers.origin && headers.origin !== "null") {
    try {
      return new URL(headers.origin).host !== headers.host;
    } catch {
      return true;
    }
  }
  return headers.origin === "null";
}

export function csrfProtection(req: Request, res: Response, next: NextFunction) {
  const crossSite = isCrossSiteWrite(req.method, req.originalUrl.split("?")[0] ?? "/", {
    origin: req.get("origin") ?? undefined,
    host: req.get("host") ?? undefined,
    secFetchSite: req.get("sec-fetch-site") ?? undefined,
  });
  if (crossSite) {
    res.status(403).type("text/plain").send("Cross-site request refused.");
    return;
  }
  next();
}
