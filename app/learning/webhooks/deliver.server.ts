import { eq, sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { queryRows } from "#db/index";
import { webhookDeliveries } from "#db/schema/index";
import { signPayload } from "./sign.server";
import {
  CONNECTION_FAILED,
  defaultTargetPolicy,
  postToTarget,
  REFUSED_PRIVATE,
  TargetRefused,
  TIMED_OUT,
  type TargetPolicy,
} from "./target.server";

export const MAX_ATTEMPTS = 8;
const BASE_DELAY_SECONDS = 30;
const TIMEOUT_MS = 10_000;

/** Exponential backoff with jitter: 30 s, 1 min, 2 min … capped at 6 h. */
export function backoffSeconds(attempt: number, random = Math.random()): number {
  const base = Math.min(BASE_DELAY_SECONDS * 2 ** (attempt - 1), 6 * 3600);
  return Math.round(base * (0.8 + 0.4 * random));
}

type Due = {
  id: number;
  webhook_id: string;
  event: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
};

/**
 * Sends due deliveries. Rows are claimed with FOR UPDATE SKIP LOCKED and pushed forward before the
 * HTTP call, so several server processes can run this loop without sending a delivery twice at once.
 * Each target is checked again here, after DNS resolution (target.server.ts); the log records the HTTP
 * status or a generic reason, never the raw connection error.
 */
export async function deliverDue(db: Db, opts: { limit?: number; policy?: TargetPolicy } = {}): Promise<number> {
  const policy = opts.policy ?? defaultTargetPolicy();
  const claimed = await db.transaction(async (tx) => {
    const rows = await queryRows<Due>(
      tx,
      sql`
      select d.id, d.webhook_id, d.event, d.payload, d.attempts, w.url, w.secret
      from webhook_deliveries d join webhooks w on w.id = d.webhook_id
      where d.status = 'pending' and d.next_attempt_at <= now() and w.active
      order by d.next_attempt_at limit ${opts.limit ?? 20}
      for update of d skip locked`,
    );
    for (const r of rows) {
      await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: sql`now() + interval '60 seconds'` })
        .where(eq(webhookDeliveries.id, r.id));
    }
    return rows;
  });
  for (const d of claimed) {
    const body = JSON.stringify({ id: String(d.id), ...(d.payload as object) });
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = await postToTarget(
        d.url,
        body,
        {
          "Content-Type": "application/json",
          "User-Agent": "UpliftAcademy-Webhooks/1",
          "X-Uplift-Event": d.event,
          "X-Uplift-Delivery": String(d.id),
          "X-Uplift-Signature": signPayload(d.secret, body),
        },
        { policy, timeoutMs: TIMEOUT_MS },
      );
    } catch (err) {
      error =
        err instanceof TargetRefused
          ? REFUSED_PRIVATE
          : err instanceof Error && err.message === TIMED_OUT
            ? TIMED_OUT
            : CONNECTION_FAILED;
    }
    const attempts = d.attempts + 1;
    const ok = status !== null && status >= 200 && status < 300;
    await db
      .update(webhookDeliveries)
      .set({
        attempts,
        lastStatusCode: status,
        lastError: ok ? null : (error ?? `HTTP ${status}`),
        status: ok ? "delivered" : attempts >= MAX_ATTEMPTS ? "failed" : "pending",
        deliveredAt: ok ? new Date() : null,
        nextAttemptAt: ok ? sql`now()` : sql`now() + make_interval(secs => ${backoffSeconds(attempts)})`,
      })
      .where(eq(webhookDeliveries.id, d.id));
  }
  return claimed.length;
}
