import { describe, expect, it } from "vitest";
import { importBatch, MAX_API_BYTES } from "#app/customers/api.server";
import { useTestDatabase } from "../../support/test-db";

/** Issue 15 item 2: the JSON API stops reading at 5 MB, whatever Content-Length says (or does not say). */
describe("JSON API body limit", () => {
  const handle = useTestDatabase();

  /** A streamed body of `total` bytes without Content-Length that counts what the reader pulled. */
  function countingRequest(total: number) {
    const chunk = new TextEncoder().encode(`{"rows":[${"1,".repeat(32 * 1024)}`.slice(0, 64 * 1024));
    const pulled = { bytes: 0 };
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled.bytes >= total) return controller.close();
          pulled.bytes += chunk.byteLength;
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request("http://localhost/api/v1/accounts", {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json" },
      duplex: "half",
    } as RequestInit);
    return { request, pulled };
  }

  it("answers 413 after reading at most the limit of a 40 MB chunked body", async () => {
    const { request, pulled } = countingRequest(40 * 1024 * 1024);
    const res = await importBatch(handle.db, "accounts", request, "test-token");
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "too_large" } });
    expect(pulled.bytes).toBeLessThanOrEqual(MAX_API_BYTES + 2 * 64 * 1024);
  });

  it("still reads a body just under the limit", async () => {
    const { request } = countingRequest(1024 * 1024);
    const res = await importBatch(handle.db, "accounts", request, "test-token");
    expect(res.status).toBe(400); // read whole; not valid JSON
  });
});
