import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/index";
import { webhookDeliveries, webhooks } from "#db/schema/index";
import type { WebhookEvent } from "./events";

/**
 * Puts one delivery per subscribed webhook on the durable queue, inside the caller's transaction, so an
 * event is queued if and only if the write that caused it commits.
 */
export async function enqueueWebhookEvent(tx: Tx | Db, event: WebhookEvent, data: Record<string, unknown>, accountId: string | null) {
  const subscribed = await tx.select({ id: webhooks.id }).from(webhooks)
    .where(and(eq(webhooks.active, true), sql`${event} = any(${webhooks.events})`));
  if (!subscribed.length) return 0;
  const occurredAt = new Date().toISOString();
  await tx.insert(webhookDeliveries).values(subscribed.map((w) => ({
    webhookId: w.id, accountId, event, payload: { event, occurredAt, data },
  })));
  return subscribed.length;
}
