import { describe, expect, it } from "vitest";
import { parseTrustProxy } from "#app/server/trust-proxy";
import { parseEnv } from "#app/env.server";

describe("TRUST_PROXY", () => {
  it("unset, empty or false trusts no proxy: the socket address is the client", () => {
    for (const raw of [undefined, "", " ", "false", "0"])
      expect(parseTrustProxy(raw)).toEqual({ ok: true, value: false });
  });
  it("accepts a hop count or a list of proxy addresses, CIDR ranges and names", () => {
    expect(parseTrustProxy("1")).toEqual({ ok: true, value: 1 });
    expect(parseTrustProxy("10.0.0.5, 10.1.0.0/16,loopback, fd00::/8")).toEqual({
      ok: true,
      value: ["10.0.0.5", "10.1.0.0/16", "loopback", "fd00::/8"],
    });
  });
  it("refuses anything else with a message, and the server does not start", () => {
    for (const raw of ["true", "yes", "10.0.0.0/33", "10.0.0.1/8/2", "proxy.example", "99"])
      expect(parseTrustProxy(raw).ok).toBe(false);
    expect(() => parseEnv({ NODE_ENV: "test", TRUST_PROXY: "everyone" })).toThrow(/TRUST_PROXY/);
  });
});
