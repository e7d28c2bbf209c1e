import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** Nonce of this response's Content-Security-Policy (app/server/security-headers.server.ts). */
    cspNonce?: string;
    /** The client's address as Express's `trust proxy` (TRUST_PROXY) sees it: never a raw X-Forwarded-For. */
    clientAddress?: string;
  }
}

/**
 * The client's address for rate limiting, from the load context the HTTP server fills in (the socket
 * address, or what TRUST_PROXY's proxies forwarded). Loaders and actions called outside the server (tests,
 * scripts) have none and share the key "local".
 */
export function clientAddress(context: AppLoadContext | undefined): string {
  const address = context?.clientAddress;
  return typeof address === "string" && address ? normaliseAddress(address) : "local";
}

/** "::ffff:127.0.0.1" and "127.0.0.1" are one client. */
function normaliseAddress(address: string): string {
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address.toLowerCase();
}

/**
 * The request body as text, reading no more than `maxBytes`: null as soon as the stream passes it (the
 * rest is never read). Content-Length can be absent (chunked) or wrong, so bytes are counted.
 */
export async function readTextWithin(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
