import { describe, expect, it } from "vitest";
import { addressAllowed, hostAllowlisted, parseAllowlist } from "#app/learning/webhooks/allowlist.server";
import { parseEnv } from "#app/env.server";

// Issue 15 item 6: the address rules behind the webhook SSRF guard (webhook-targets.test.ts runs them end to end).
describe("webhook target address rules", () => {
  const none = parseAllowlist(undefined);

  it("refuses loopback, private, link-local, unique-local, unspecified, CGNAT, mapped and other special blocks", () => {
    for (const a of [
      "127.0.0.1",
      "127.1.2.3",
      "::1",
      "10.0.0.1",
      "172.16.5.4",
      "172.31.255.255",
      "192.168.0.1",
      "169.254.169.254",
      "fe80::1",
      "fc00::1",
      "fd00:ec2::254",
      "0.0.0.0",
      "::",
      "100.64.0.1",
      "100.127.255.254",
      "::ffff:127.0.0.1",
      "::ffff:8.8.8.8",
      "224.0.0.1",
      "255.255.255.255",
      "192.0.2.1",
      "198.18.0.1",
      "240.0.0.1",
      "64:ff9b::7f00:1",
      "2002:7f00:1::1",
      "not-an-ip",
    ]) {
      expect(addressAllowed(none, a), a).toBe(false);
    }
  });

  it("allows public unicast addresses, v4 and v6", () => {
    for (const a of [
      "8.8.8.8",
      "93.184.215.14",
      "100.63.255.255",
      "100.128.0.1",
      "172.32.0.1",
      "2606:4700:4700::1111",
    ]) {
      expect(addressAllowed(none, a), a).toBe(true);
    }
  });

  it("WEBHOOK_ALLOWED_HOSTS admits addresses, CIDR ranges, host names and *.domains", () => {
    const allow = parseAllowlist("127.0.0.1, 10.20.0.0/16 fd00::/8,Hooks.Corp.Example *.intra.example");
    expect(addressAllowed(allow, "127.0.0.1")).toBe(true);
    expect(addressAllowed(allow, "::ffff:127.0.0.1")).toBe(true); // the same IPv4 address
    expect(addressAllowed(allow, "127.0.0.2")).toBe(false);
    expect(addressAllowed(allow, "10.20.9.9")).toBe(true);
    expect(addressAllowed(allow, "10.21.0.1")).toBe(false);
    expect(addressAllowed(allow, "fd12::1")).toBe(true);
    expect(addressAllowed(allow, "169.254.169.254")).toBe(false);
    expect(hostAllowlisted(allow, "hooks.corp.example")).toBe(true);
    expect(hostAllowlisted(allow, "evil.hooks.corp.example")).toBe(false);
    expect(hostAllowlisted(allow, "a.intra.example")).toBe(true);
    expect(hostAllowlisted(allow, "intra.example.evil")).toBe(false);
  });

  it("a bad entry stops the server with the variable and the entry named", () => {
    expect(() => parseAllowlist("10.0.0.0/99, ok.example, http://x/")).toThrow(/10\.0\.0\.0\/99, http:\/\/x\//);
    const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;
    expect(() => parseEnv(env({ WEBHOOK_ALLOWED_HOSTS: "10.0.0.0/33" }))).toThrow(
      /WEBHOOK_ALLOWED_HOSTS: .*10\.0\.0\.0\/33/,
    );
    expect(parseEnv(env({ WEBHOOK_ALLOWED_HOSTS: "127.0.0.1,localhost" })).WEBHOOK_ALLOWED_HOSTS).toBe(
      "127.0.0.1,localhost",
    );
  });
});
