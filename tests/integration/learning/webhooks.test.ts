import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { webhookDeliveries, webhooks } from "#db/schema/index";
import { createWebhook } from "#app/learning/webhooks/admin.server";
import { deliverDue, MAX_ATTEMPTS } from "#app/learning/webhooks/deliver.server";
import { verifySignature } from "#app/learning/webhooks/sign.server";
import { parseAllowlist } from "#app/learning/webhooks/allowlist.server";
import { defaultTargetPolicy } from "#app/learning/webhooks/target.server";
import { completeLesson } from "#app/learning/completion.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { syncFixtureContent } from "../../support/content";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

// The local receiver is a private address: allowlisted as an operator would with
// WEBHOOK_ALLOWED_HOSTS=127.0.0.1 (same parser). webhook-targets.test.ts covers the refusals.
const policy = { ...defaultTargetPolicy(), allow: parseAllowlist("127.0.0.1") };

describe("outgoing webhooks against a local receiver", () => {
  const handle = useTestDatabase();
  let server: http.Server;
  let url: string;
  let received: Received[] = [];
  let answers: number[] = [];
  let admin: { id: string };

  beforeAll(async () => {
    await syncFixtureContent(handle.db);
    admin = await createUser(handle.db, { role: "admin" });
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answers.shift() ?? 200).end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    server.close();
  });
  beforeEach(async () => {
    received = [];
    answers = [];
    await handle.db.delete(webhooks);
  });

  async function learner() {
    const account = await createAccount(handle.db);
    return { id: (await createUser(handle.db, { accountId: account.id })).id, accountId: account.id };
  }

  it("delivers lesson.completed and course.completed with a valid HMAC-SHA256 signature", async () => {
    const created = await createWebhook(
      handle.db,
      { url, events: ["lesson.completed", "course.completed"], actorId: admin.id },
      policy,
    );
    if (!created.ok) throw new Error(created.error);
    const { secret } = created;
    const l = await learner();
    await completeLesson(handle.db, l, "fixture-basics", "fixture-first");
    await completeLesson(handle.db, l, "fixture-basics", "fixture-second");
    await completeLesson(handle.db, l, "fixture-basics", "fixture-second"); // repeat: no new event
    expect(await deliverDue(handle.db, { policy })).toBe(3);
    const events = received.map(
      (r) => JSON.parse(r.body) as { event: string; data: { learnerId: string; lessonId?: string } },
    );
    expect(events.map((e) => e.event).sort()).toEqual(["course.completed", "lesson.completed", "lesson.completed"]);
    expect(events.every((e) => e.data.learnerId === l.id)).toBe(true);
    for (const r of received) {
      expect(r.headers["x-uplift-event"]).toBeTruthy();
      expect(verifySignature(secret, r.body, String(r.headers["x-uplift-signature"]))).toBe(true);
      expect(verifySignature("wrong-secret", r.body, String(r.headers["x-uplift-signature"]))).toBe(false);
      expect(verifySignature(secret, r.body + " ", String(r.headers["x-uplift-signature"]))).toBe(false);
    }
    const log = await handle.db.select().from(webhookDeliveries);
    expect(log.every((d) => d.status === "delivered" && d.lastStatusCode === 200 && d.attempts === 1)).toBe(true);
  });

  it("retries a failed delivery with backoff and records each response code", async () => {
    await createWebhook(handle.db, { url, events: ["lesson.completed"], actorId: admin.id }, policy);
    answers = [500, 503];
    await completeLesson(handle.db, await learner(), "fixture-basics", "fixture-first");
    await deliverDue(handle.db, { policy });
    let [d] = await handle.db.select().from(webhookDeliveries);
    expect(d).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    expect(d!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 10_000); // backed off
    expect(await deliverDue(handle.db, { policy })).toBe(0); // not due yet
    const due = async () =>
      handle.db.update(webhookDeliveries).set({ nextAttemptAt: sql`now() - interval '1 second'` });
    await due();
    await deliverDue(handle.db, { policy });
    [d] = await handle.db.select().from(webhookDeliveries);
    expect(d).toMatchObject({ status: "pending", attempts: 2, lastStatusCode: 503 });
    await due();
    await deliverDue(handle.db, { policy });
    [d] = await handle.db.select().from(webhookDeliveries);
    expect(d).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 200 });
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers["x-uplift-delivery"])).size).toBe(1); // same delivery id on retries
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts and marks the delivery failed`, async () => {
    await createWebhook(handle.db, { url, events: ["lesson.completed"], actorId: admin.id }, policy);
    answers = Array.from({ length: MAX_ATTEMPTS }, () => 500);
    await completeLesson(handle.db, await learner(), "fixture-basics", "fixture-first");
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await handle.db.update(webhookDeliveries).set({ nextAttemptAt: sql`now() - interval '1 second'` });
      await deliverDue(handle.db, { policy });
    }
    const [d] = await handle.db.select().from(webhookDeliveries);
    expect(d).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
  });

  it("queues nothing for events a webhook did not subscribe to, or when it is paused", async () => {
    const created = await createWebhook(handle.db, { url, events: ["certificate.issued"], actorId: admin.id }, policy);
    if (!created.ok) throw new Error(created.error);
    const { hook } = created;
    await completeLesson(handle.db, await learner(), "fixture-basics", "fixture-first");
    await handle.db
      .update(webhooks)
      .set({ active: false, events: ["lesson.completed"] })
      .where(eq(webhooks.id, hook.id));
    await completeLesson(handle.db, await learner(), "fixture-basics", "fixture-first");
    expect(await handle.db.select().from(webhookDeliveries)).toHaveLength(0);
  });
});
