/**
 * EMBED_ALLOWED_ORIGINS: the origins (scheme://host[:port]) whose pages may show the widget in an
 * iframe. Separated by spaces or commas. Each becomes a CSP frame-ancestors source of the /embed/ pages
 * only; every other page keeps frame-ancestors 'none'.
 */
export function parseEmbedOrigins(
  raw: string | undefined,
): { ok: true; origins: string[] } | { ok: false; message: string } {
  const origins: string[] = [];
  for (const item of (raw ?? "").split(/[\s,]+/).filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      return { ok: false, message: `"${item}" is not an origin like https://app.example.com` };
    }
    if (
      !/^https?:$/.test(url.protocol) ||
      url.origin !== item.replace(/\/$/, "") ||
      !/^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/i.test(url.hostname)
    ) {
      return {
        ok: false,
        message: `"${item}" must be an origin only (https://host[:port], no path, query or wildcard)`,
      };
    }
    origins.push(url.origin);
  }
  return { ok: true, origins };
}
