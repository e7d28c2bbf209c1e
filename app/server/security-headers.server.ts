import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";

/**
 * Security headers on every response. Scripts are allowed by a per-request nonce (Remix's inline
 * hydration scripts carry it) or by origin, so no 'unsafe-inline' and no 'unsafe-eval' for scripts:
 * lesson content reaches the browser as same-origin scripts (app/components/mdx/compiled-mdx.ts).
 */
export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "media-src 'self'",
    "font-src 'self'",
    // <Video> embeds; their players are read by postMessage (app/components/mdx/video-players.ts), so
    // script-src needs neither YouTube's iframe API script nor Vimeo's player.js.
    "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
    `connect-src 'self'${opts.dev ? " ws://localhost:* http://localhost:*" : ""}`,
    "object-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
  ].join("; ");
}

export function securityHeaders(opts: { dev?: boolean } = {}) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, opts));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    next();
  };
}
