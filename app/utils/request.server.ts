/** Best-effort client IP for rate limiting (the Express server sets x-forwarded-for from the socket). */
export function clientIp(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}
