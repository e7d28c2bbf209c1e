import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";

/**
 * Security headers on every response. Scripts are allowed by a per-request nonce (Remix's inline
 * hydration scripts carry it), so no 'unsafe-inline' for scripts. 'unsafe-eval' remains because
 * mdx-bundler's getMDXComponent evaluates precompiled lesson code with `new Function`.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'unsafe-eval'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "media-src 'self'",
    "font-src 'self'",
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
