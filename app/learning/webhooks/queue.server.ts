import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Executor } from "#db/index";
import type { WebhookEvent } from "./events";

/**
 * Puts one delivery per subscribed webhook on the durable queue, inside the caller's transaction, so an
 * event is queued if and only if the write that caused it commits.
 */
export async function enqueueWebhookEvent(
  tx: Executor,
  event: WebhookEvent,
  data: Record<string, unknown>,
  accountId: string | null,
) {
  const queued = await queryRows(tx, sql`${webhookEventSql(event, data, accountId)} returning id`);
  return queued.length;
}

/**
 * The statement enqueueWebhookEvent runs, for callers that batch it with others. One INSERT … SELECT:
 * no round trip to ask which webhooks subscribe before queuing for them.
 */
export function webhookEventSql(event: WebhookEvent, data: Record<string, unknown>, accountId: string | null): SQL {
  const payload = JSON.stringify({ event, occurredAt: new Date().toISOString(), data });
  return sql`
    insert into webhook_deliveries (webhook_id, account_id, event, payload)
    select w.id, ${accountId}::uuid, ${event}::text, ${payload}::jsonb from webhooks w
    where w.active and ${event}::text = any(w.events)`;
}
