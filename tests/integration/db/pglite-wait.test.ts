import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDb } from "#db/client";

/**
 * A command that finds another command holding the PGlite directory waits for it instead of failing
 * (a just-killed holder is still being torn down for a moment; an import and a sync started together
 * should both finish), and gives up with a message naming the holder after PGLITE_WAIT_MS.
 */
const onPostgres = process.env.TEST_DB_KIND === "postgres";

describe.skipIf(onPostgres)("a second command on a PGlite directory", () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-wait-"));
  });
  afterEach(() => {
    delete process.env.PGLITE_WAIT_MS;
    vi.restoreAllMocks();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("waits for the first to close, then opens the directory and sees its writes", async () => {
    const dir = path.join(tmp, "db");
    const first = await createDb({ kind: "pglite", dir });
    await first.db.execute("create table t (x int)" as never);
    await first.db.execute("insert into t values (42)" as never);
    const messages: string[] = [];
    vi.spyOn(console, "error").mockImplementation((m: unknown) => {
      messages.push(String(m));
    });
    let opened = false;
    const second = createDb({ kind: "pglite", dir }).then((h) => {
      opened = true;
      return h;
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(opened).toBe(false);
    expect(messages.join("\n")).toMatch(/waiting for .* \(pid \d+\) to finish/);
    await first.close();
    const h = await second;
    const result = (await h.db.execute("select x from t" as never)) as unknown as { rows: { x: number }[] };
    expect(result.rows).toEqual([{ x: 42 }]);
    await h.close();
  }, 60_000);

  it("gives up after PGLITE_WAIT_MS with a message naming the holder", async () => {
    const dir = path.join(tmp, "db");
    const first = await createDb({ kind: "pglite", dir });
    process.env.PGLITE_WAIT_MS = "500";
    await expect(createDb({ kind: "pglite", dir })).rejects.toThrow(
      /\(pid \d+\) is using .*; wait for it to finish, or use another PGLITE_DIR/,
    );
    await first.close();
  }, 60_000);
});
