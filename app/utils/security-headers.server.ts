import type { NextFunction, Request, Response } from "express";

/** Baseline security headers on every response. Remix's inline hydration script needs 'unsafe-inline'
 * for script-src only in the sense of its context script; styles are external. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline' 'unsafe-eval'", // mdx-bundler's getMDXComponent evaluates compiled lessons with new Function
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "media-src 'self'",
      "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
      "connect-src 'self' ws://localhost:*",
      "frame-ancestors 'none'",
      "form-action 'self'",
      "base-uri 'self'",
    ].join("; "),
  );
  next();
}
