import net from "node:net";

/** What Express's `trust proxy` setting gets: false (the socket address), a hop count, or proxy addresses. */
export type TrustProxy = false | number | string[];

const NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * Parses TRUST_PROXY. Unset or empty: trust no proxy, the client is the socket address (X-Forwarded-*
 * headers are ignored, as anyone can send them). A number: that many proxies in front of the app (the
 * client is that many X-Forwarded-For entries from the right). A comma list of proxy addresses, CIDR
 * ranges or the names loopback / linklocal / uniquelocal: X-Forwarded-For entries are honoured only while
 * they come through those. Returns an error message for anything else.
 */
export function parseTrustProxy(
  raw: string | undefined,
): { ok: true; value: TrustProxy } | { ok: false; message: string } {
  const text = raw?.trim() ?? "";
  if (text === "" || text === "false" || text === "0") return { ok: true, value: false };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 32 ? { ok: true, value: hops } : { ok: false, message: "a hop count must be at most 32" };
  }
  const entries = text
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !isProxyEntry(e));
  if (bad.length)
    return {
      ok: false,
      message: `not a proxy address, CIDR range, hop count or loopback/linklocal/uniquelocal: ${bad.join(", ")}`,
    };
  return { ok: true, value: entries };
}

function isProxyEntry(entry: string): boolean {
  if (NAMES.has(entry)) return true;
  const [address, bits, extra] = entry.split("/");
  if (extra !== undefined || !address) return false;
  const family = net.isIP(address);
  if (!family) return false;
  if (bits === undefined) return true;
  if (!/^\d+$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}
