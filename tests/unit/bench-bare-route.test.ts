import { describe, expect, it } from "vitest";
import { benchBareRouteServed, parseEnv } from "#app/env.server";

const env = (vars: Record<string, string>) => parseEnv(vars as unknown as NodeJS.ProcessEnv);

// The production server itself answers 404 at /bench/bare: tests/integration/faults/pglite-opener.test.ts.
describe("/bench/bare is served only where it should be", () => {
  it("is not served in production", () => {
    expect(benchBareRouteServed(env({ NODE_ENV: "production" }))).toBe(false);
    expect(benchBareRouteServed(env({ NODE_ENV: "production", BENCH_BARE_ROUTE: "0" }))).toBe(false);
  });
  it("is served in production when the benchmark starts the server (BENCH_BARE_ROUTE=1)", () => {
    expect(benchBareRouteServed(env({ NODE_ENV: "production", BENCH_BARE_ROUTE: "1" }))).toBe(true);
  });
  it("is served in development and tests", () => {
    expect(benchBareRouteServed(env({ NODE_ENV: "development" }))).toBe(true);
    expect(benchBareRouteServed(env({ NODE_ENV: "test" }))).toBe(true);
  });
  it("refuses other values of BENCH_BARE_ROUTE", () => {
    expect(() => env({ BENCH_BARE_ROUTE: "yes" })).toThrow(/BENCH_BARE_ROUTE/);
  });
});
