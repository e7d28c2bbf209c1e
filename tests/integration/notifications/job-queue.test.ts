import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs } from "#db/schema/index";
import {
  claimJobs,
  completeJob,
  drainJobs,
  enqueueJob,
  enqueueJobs,
  failJob,
} from "#app/notifications/jobs/queue.server";
import { useTestDatabase } from "../../support/test-db";

describe("job queue (jobs table)", () => {
  const handle = useTestDatabase();
  const row = async (key: string) => (await handle.db.select().from(jobs).where(eq(jobs.key, key)))[0]!;

  it("enqueues a key once, whatever state the first job is in", async () => {
    expect(await enqueueJob(handle.db, { name: "t", key: "once" })).toBe(true);
    expect(await enqueueJob(handle.db, { name: "t", key: "once" })).toBe(false);
    expect(
      await enqueueJobs(handle.db, [
        { name: "t", key: "once" },
        { name: "t", key: "once-b" },
      ]),
    ).toBe(1);
    const [claimed] = await claimJobs(handle.db, { worker: "w1", names: ["t"], limit: 1 });
    await completeJob(handle.db, claimed!, { ok: 1 }, "w1");
    expect(await enqueueJob(handle.db, { name: "t", key: claimed!.key })).toBe(false);
    await handle.db.delete(jobs).where(sql`true`);
  });

  it("two workers claiming at once get disjoint jobs", async () => {
    await enqueueJobs(
      handle.db,
      Array.from({ length: 20 }, (_, i) => ({ name: "split", key: `split-${i}` })),
    );
    const [a, b] = await Promise.all([
      claimJobs(handle.db, { worker: "A", names: ["split"], limit: 15 }),
      claimJobs(handle.db, { worker: "B", names: ["split"], limit: 15 }),
    ]);
    const ids = [...a, ...b].map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(20);
    expect(await claimJobs(handle.db, { worker: "C", names: ["split"] })).toEqual([]);
  });

  it("a job whose worker died is claimed again after its lease expires, and the dead worker cannot complete it", async () => {
    await enqueueJob(handle.db, { name: "lease", key: "lease-1" });
    const [first] = await claimJobs(handle.db, { worker: "dead", names: ["lease"], leaseSeconds: 60 });
    expect(await claimJobs(handle.db, { worker: "alive", names: ["lease"] })).toEqual([]);
    await handle.db
      .update(jobs)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, first!.id));
    const [again] = await claimJobs(handle.db, { worker: "alive", names: ["lease"] });
    expect(again?.id).toBe(first!.id);
    expect(again?.attempts).toBe(2);
    expect(await completeJob(handle.db, first!, null, "dead")).toBe(false);
    expect(await completeJob(handle.db, again!, null, "alive")).toBe(true);
    expect((await row("lease-1")).status).toBe("done");
  });

  it("a failing job is retried later with backoff, then marked failed with its error", async () => {
    await enqueueJob(handle.db, { name: "flaky", key: "flaky-1", maxAttempts: 2 });
    let calls = 0;
    const handlers = {
      flaky: async () => {
        calls++;
        throw new Error("mail server down");
      },
    };
    expect(await drainJobs(handle.db, handlers, { worker: "w" })).toBe(1);
    let r = await row("flaky-1");
    expect(r.status).toBe("pending");
    expect(r.lastError).toBe("mail server down");
    expect(r.runAt.getTime()).toBeGreaterThan(Date.now() + 20_000); // not due again yet
    expect(await drainJobs(handle.db, handlers, { worker: "w" })).toBe(0);
    await handle.db
      .update(jobs)
      .set({ runAt: sql`now()` })
      .where(eq(jobs.key, "flaky-1"));
    await drainJobs(handle.db, handlers, { worker: "w" });
    r = await row("flaky-1");
    expect(r.status).toBe("failed");
    expect(r.attempts).toBe(2);
    expect(calls).toBe(2);
    const [j] = await claimJobs(handle.db, { worker: "w", names: ["flaky"] });
    expect(j).toBeUndefined();
    await failJob(
      handle.db,
      { id: r.id, name: "flaky", key: "flaky-1", payload: {}, attempts: 2, max_attempts: 2 },
      "late",
      "w",
    ); // not running: no change
    expect((await row("flaky-1")).lastError).toBe("mail server down");
  });

  it("runs jobs whose run_at has come, not future ones", async () => {
    await enqueueJob(handle.db, { name: "later", key: "later-1", runAt: new Date(Date.now() + 3600_000) });
    await enqueueJob(handle.db, { name: "later", key: "now-1" });
    const seen: string[] = [];
    await drainJobs(handle.db, {
      later: async (_db, job) => {
        seen.push(job.key);
        return { ok: true };
      },
    });
    expect(seen).toEqual(["now-1"]);
    expect((await row("now-1")).result).toEqual({ ok: true });
    expect((await row("later-1")).status).toBe("pending");
  });
});
