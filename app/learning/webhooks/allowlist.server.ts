import ipaddr from "ipaddr.js";

/**
 * Which network addresses a webhook may reach. Only public unicast addresses, as ipaddr.js classifies
 * them (its `range()` names every special-purpose block from the IANA registries: loopback, private
 * RFC 1918, link-local incl. 169.254.169.254 cloud metadata, unique-local fc00::/7, unspecified,
 * carrier-grade NAT 100.64/10, multicast, broadcast, documentation/benchmark/reserved blocks, and the
 * IPv6 forms that embed an IPv4 address: IPv4-mapped, 6to4, Teredo, NAT64). Anything else is refused
 * unless the operator allowlists it (WEBHOOK_ALLOWED_HOSTS) for on-premises receivers.
 */

type Address = ipaddr.IPv4 | ipaddr.IPv6;

export interface TargetAllowlist {
  /** Exact host names (lower case) and suffixes from `*.name` entries (stored as ".name"). */
  hosts: string[];
  ranges: [Address, number][];
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

function parseIp(text: string): Address | null {
  const bare = text.replace(/^\[(.*)\]$/, "$1");
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (ipaddr.IPv6.isValid(bare)) return ipaddr.IPv6.parse(bare);
  return null;
}

/**
 * Parses WEBHOOK_ALLOWED_HOSTS: entries separated by commas or spaces, each an IP address,
 * a CIDR range (10.20.0.0/16, fd00::/8), a host name (hooks.corp.example) or `*.` and a domain (every
 * name under it). Throws one message naming every entry it cannot read.
 */
export function parseAllowlist(raw: string | undefined): TargetAllowlist {
  const out: TargetAllowlist = { hosts: [], ranges: [] };
  const bad: string[] = [];
  for (const entry of (raw ?? "").split(/[\s,]+/).filter(Boolean)) {
    const text = entry.toLowerCase();
    if (text.includes("/")) {
      try {
        out.ranges.push(ipaddr.parseCIDR(text.replace(/^\[(.*)\](\/\d+)$/, "$1$2")));
      } catch {
        bad.push(entry);
      }
      continue;
    }
    const ip = parseIp(text);
    if (ip) {
      out.ranges.push([ip, ip.kind() === "ipv4" ? 32 : 128]);
      continue;
    }
    const wildcard = text.startsWith("*.");
    const name = wildcard ? text.slice(2) : text;
    if (HOST_NAME.test(name) && !/^[0-9.]+$/.test(name)) out.hosts.push(wildcard ? `.${name}` : name);
    else bad.push(entry);
  }
  if (bad.length) throw new Error(`not an IP address, CIDR range or host name: ${bad.join(", ")}`);
  return out;
}

/** The host name of a URL as a comparable string: lower case, IPv6 brackets removed. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
}

export function isIpLiteral(host: string): boolean {
  return parseIp(host) !== null;
}

export function hostAllowlisted(allow: TargetAllowlist, host: string): boolean {
  return allow.hosts.some((h) => (h.startsWith(".") ? host.endsWith(h) : host === h));
}

/**
 * May a webhook connect to this address? Public unicast, or inside an allowlisted range. An
 * IPv4-mapped IPv6 address is matched against the allowlist as the IPv4 address it carries, and is
 * otherwise always refused (write the IPv4 address).
 */
export function addressAllowed(allow: TargetAllowlist, address: string): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  const plain =
    ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address() : ip;
  if (allow.ranges.some(([net, bits]) => net.kind() === plain.kind() && plain.match(net, bits))) return true;
  return ip.range() === "unicast";
}
