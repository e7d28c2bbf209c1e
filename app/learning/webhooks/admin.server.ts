import { desc, eq } from "drizzle-orm";
import type { Db } from "#db/index";
import { auditLog, webhookDeliveries, webhooks } from "#db/schema/index";
import { randomToken } from "#app/auth/tokens.server";
import type { WebhookEvent } from "./events";
import { defaultTargetPolicy, webhookUrlProblem, type TargetPolicy } from "./target.server";

/** Admin operations on webhooks; each write and its audit entry share one transaction. */
export async function listWebhooks(db: Db) {
  const hooks = await db.select().from(webhooks).orderBy(desc(webhooks.createdAt));
  const deliveries = await db.select().from(webhookDeliveries).orderBy(desc(webhookDeliveries.id)).limit(50);
  return { hooks, deliveries };
}

/**
 * Adds a webhook after checking its target (webhookUrlProblem: public addresses only unless
 * allowlisted). A refused URL stores nothing and answers the message the form shows.
 */
export async function createWebhook(
  db: Db,
  input: { url: string; events: WebhookEvent[]; actorId: string },
  policy: TargetPolicy = defaultTargetPolicy(),
) {
  const problem = await webhookUrlProblem(input.url, policy);
  if (problem) return { ok: false as const, error: problem };
  const secret = `whsec_${randomToken(24)}`;
  return db.transaction(async (tx) => {
    const [hook] = await tx
      .insert(webhooks)
      .values({ url: input.url, events: input.events, secret, createdBy: input.actorId })
      .returning();
    await tx.insert(auditLog).values({
      actorUserId: input.actorId,
      action: "webhook.created",
      target: hook!.id,
      details: { url: input.url, events: input.events },
    });
    return { ok: true as const, hook: hook!, secret };
  });
}

export async function setWebhookActive(db: Db, id: string, active: boolean, actorId: string) {
  await db.transaction(async (tx) => {
    await tx.update(webhooks).set({ active }).where(eq(webhooks.id, id));
    await tx
      .insert(auditLog)
      .values({ actorUserId: actorId, action: active ? "webhook.enabled" : "webhook.disabled", target: id });
  });
}

export async function deleteWebhook(db: Db, id: string, actorId: string) {
  await db.transaction(async (tx) => {
    await tx.delete(webhooks).where(eq(webhooks.id, id));
    await tx.insert(auditLog).values({ actorUserId: actorId, action: "webhook.deleted", target: id });
  });
}

/** Queues a `webhook.test` delivery to one webhook, whatever events it subscribes to. */
export async function sendTestEvent(db: Db, id: string, actorId: string): Promise<{ status: "queued" | "not_found" }> {
  return db.transaction(async (tx) => {
    const [hook] = await tx.select().from(webhooks).where(eq(webhooks.id, id));
    if (!hook) return { status: "not_found" as const };
    await tx.insert(webhookDeliveries).values({
      webhookId: id,
      accountId: null,
      event: "webhook.test",
      payload: {
        event: "webhook.test",
        occurredAt: new Date().toISOString(),
        data: { message: "Test event from Uplift Academy" },
      },
    });
    await tx.insert(auditLog).values({ actorUserId: actorId, action: "webhook.test_sent", target: id });
    return { status: "queued" as const };
  });
}
