import { describe, expect, it } from "vitest";
import { memoForRequest, runWithRequestMemo } from "#app/utils/request-memo.server";

describe("per-request memo", () => {
  const counter = () => {
    let calls = 0;
    return { compute: async () => ++calls, calls: () => calls };
  };

  it("runs a lookup once per GET request, across awaits", async () => {
    const c = counter();
    const values = await runWithRequestMemo("GET", async () => {
      const a = await memoForRequest("session:x", c.compute);
      await new Promise((r) => setTimeout(r, 1));
      const b = await memoForRequest("session:x", c.compute);
      return [a, b];
    });
    expect(values).toEqual([1, 1]);
    expect(c.calls()).toBe(1);
  });

  it("keeps requests apart, and keys apart", async () => {
    const c = counter();
    const one = await runWithRequestMemo("GET", () => memoForRequest("k", c.compute));
    const two = await runWithRequestMemo("GET", () => memoForRequest("k", c.compute));
    const other = await runWithRequestMemo("HEAD", () => memoForRequest("other", c.compute));
    expect([one, two, other]).toEqual([1, 2, 3]);
  });

  it("does not memoize POSTs (a loader after an action must see what the action changed) or outside a request", async () => {
    const c = counter();
    const posted = await runWithRequestMemo("POST", async () => [
      await memoForRequest("k", c.compute),
      await memoForRequest("k", c.compute),
    ]);
    expect(posted).toEqual([1, 2]);
    expect(await memoForRequest("k", c.compute)).toBe(3);
  });
});
