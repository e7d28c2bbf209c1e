import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { normalisedPath } from "./csrf.server";

/**
 * Security headers on every response. Scripts are allowed by a per-request nonce (Remix's inline
 * hydration scripts carry it) or by origin, so no 'unsafe-inline' and no 'unsafe-eval' for scripts:
 * lesson content reaches the browser as same-origin scripts (app/components/mdx/compiled-mdx.ts).
 */
export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean; frameAncestors?: readonly string[] } = {}) {
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
    `frame-ancestors ${opts.frameAncestors?.length ? opts.frameAncestors.join(" ") : "'none'"}`,
    "form-action 'self'",
    "base-uri 'self'",
  ].join("; ");
}

/** The embeddable widget's pages: the only ones another site may frame (EMBED_ALLOWED_ORIGINS). */
export const EMBED_PATH_PREFIX = "/embed/";

export function securityHeaders(opts: { dev?: boolean; embedOrigins?: readonly string[] } = {}) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    // Only the widget may be framed, and only by the configured origins; every other page never.
    // On the path the router will see ("/embed/../admin" is the admin page, never embeddable).
    const embeddable = !!opts.embedOrigins?.length && normalisedPath(req.path).startsWith(EMBED_PATH_PREFIX);
    res.setHeader(
      "Content-Security-Policy",
      contentSecurityPolicy(nonce, { dev: opts.dev, frameAncestors: embeddable ? opts.embedOrigins : undefined }),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    // X-Frame-Options cannot name several origins; CSP frame-ancestors (which browsers prefer) does.
    if (!embeddable) res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    next();
  };
}
