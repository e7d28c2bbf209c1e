import type { Tx } from "#db/index";
import { auditLog, imports } from "#db/schema/index";
import { refreshAccountMonths } from "#app/analytics/rollups/refresh.server";
import { applyChurnRule, refreshUsageRollup } from "./writers.server";

type ImportRecord = Omit<typeof imports.$inferInsert, "status" | "finishedAt">;

/**
 * The one finishing step of every import (file engine and API), inside the import's transaction: the
 * derived data (usage rollup, churn rule, the impact report's account months) recomputed for the
 * accounts it touched, the import recorded as committed, and the audit entry. Returns the import's id.
 * `steps` (single-session databases, db/pausing-transaction.ts): the refreshes go by small batches of
 * accounts with `pause()` between them, so the one transaction never holds the thread long.
 */
export async function finishImport(
  tx: Tx,
  touched: string[],
  record: ImportRecord,
  audit: { actorUserId?: string | null; action: string; details: Record<string, unknown> },
  steps?: { pause: () => Promise<void>; accountsPerStep: number },
): Promise<string> {
  if (record.kind === "feature_usage") await refreshUsageRollup(tx, touched, steps);
  if (record.kind === "churn_events") await applyChurnRule(tx, touched);
  // Keep the impact report's rollups current, atomically with the data they summarise.
  await refreshAccountMonths(tx, touched, undefined, steps && { batch: steps.accountsPerStep, pause: steps.pause });
  const [rec] = await tx
    .insert(imports)
    .values({ ...record, status: "committed", finishedAt: new Date() })
    .returning({ id: imports.id });
  await tx.insert(auditLog).values({ ...audit, actorUserId: audit.actorUserId ?? null, target: rec!.id });
  return rec!.id;
}
