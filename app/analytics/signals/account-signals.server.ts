import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import { uuidArray } from "#db/sql-lists";
import { enqueueWebhookEvent } from "#app/learning/webhooks/queue.server";
import type { WebhookEvent } from "#app/learning/webhooks/events";
import { currentHealthWeights } from "../health-weights.server";
import { stageReached, type StageReached } from "../metrics";
import { loadReportData } from "../report/load.server";
import { deriveAccount } from "../report/accounts";
import { atRisk, readyForExpansion, type ListedAccount } from "../report/lists";
import { PeriodOutsideDataError } from "../coverage/sources";

export interface AccountSignals {
  stageReached: StageReached;
  readyForExpansion: boolean;
  atRisk: boolean;
  /** The report lists' reasons, for the webhook payload. */
  reasons: { readyForExpansion: string[]; atRisk: string[] };
  /** The report period's end the lists are evaluated at (the default report period). */
  asOf: string | null;
}

/**
 * The three account signals CS tools act on, as the impact report shows them by default: stage reached
 * (DEFINITIONS.stageReached, over all completions) and membership of the report's "Ready for expansion"
 * and "At risk" lists at the end of the default period (the data's last 12 months, trained = any).
 */
export async function computeAccountSignals(
  db: Db,
  accountIds: readonly string[],
): Promise<Map<string, AccountSignals>> {
  const ids = [...new Set(accountIds)];
  const out = new Map<string, AccountSignals>();
  if (!ids.length) return out;
  const stages = await queryRows<{ account_id: string; onboarding: number; adoption: number; expansion: number }>(
    db,
    sql`
    select account_id, sum(onboarding_completions)::int onboarding, sum(adoption_completions)::int adoption, sum(expansion_completions)::int expansion
    from account_month where account_id = any(${uuidArray(ids)}) group by account_id`,
  );
  let ready = new Map<string, ListedAccount>();
  let risk = new Map<string, ListedAccount>();
  let asOf: string | null = null;
  try {
    const [data, { weights }] = await Promise.all([
      loadReportData(db, { trained: "any", coverage: 20, x: "coverage" }, { accountIds: ids }),
      currentHealthWeights(db),
    ]);
    const wanted = new Set(ids);
    const views = data.accounts
      .filter((a) => wanted.has(a.id))
      .map((a) => deriveAccount(a, data.filters, weights, data.stateMonths));
    ready = new Map(readyForExpansion(views, data.filters.to).map((l) => [l.id, l]));
    risk = new Map(atRisk(views).map((l) => [l.id, l]));
    asOf = data.filters.to;
  } catch (err) {
    // No revenue data yet: no account can be on either list.
    if (!(err instanceof PeriodOutsideDataError)) throw err;
  }
  for (const id of ids) {
    const s = stages.find((r) => r.account_id === id);
    out.set(id, {
      stageReached: stageReached({
        onboarding: s?.onboarding ?? 0,
        adoption: s?.adoption ?? 0,
        expansion: s?.expansion ?? 0,
      }),
      readyForExpansion: ready.has(id),
      atRisk: risk.has(id),
      reasons: { readyForExpansion: ready.get(id)?.reasons ?? [], atRisk: risk.get(id)?.reasons ?? [] },
      asOf,
    });
  }
  return out;
}

type StateRow = {
  account_id: string;
  external_id: string;
  name: string;
  stage_reached: string;
  ready_for_expansion: boolean;
  at_risk: boolean;
};

/**
 * Emits account.stage_reached, account.ready_for_expansion and account.at_risk for the accounts whose
 * signal changed since the last emitted state (account_signal_state), then stores the new state — in one
 * transaction, the state rows locked, so a change is announced exactly once however many refreshes run.
 * An account never evaluated before starts from "none / not ready / not at risk".
 * Returns the number of changes announced (one event per change; queued when a webhook subscribes).
 */
export async function emitAccountSignalChanges(db: Db, accountIds: readonly string[]): Promise<number> {
  const ids = [...new Set(accountIds)];
  if (!ids.length) return 0;
  const signals = await computeAccountSignals(db, ids);
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await queryRows(
      t,
      sql`insert into account_signal_state (account_id) select unnest(${uuidArray(ids)}) on conflict do nothing returning account_id`,
    );
    const rows = await queryRows<StateRow>(
      t,
      sql`
      select s.account_id, a.external_id, a.name, s.stage_reached, s.ready_for_expansion, s.at_risk
      from account_signal_state s join accounts a on a.id = s.account_id
      where s.account_id = any(${uuidArray(ids)}) order by s.account_id for update of s`,
    );
    // Enqueueing is skipped when no webhook listens (the state is stored either way): a first rebuild of
    // thousands of accounts then costs one statement more, not thousands.
    const [{ listening } = { listening: false }] = await queryRows<{ listening: boolean }>(
      t,
      sql`
      select exists (select 1 from webhooks where active and events && array['account.stage_reached', 'account.ready_for_expansion', 'account.at_risk']::text[]) listening`,
    );
    const changed: { id: string; stage: string; ready: boolean; risk: boolean }[] = [];
    let changes = 0;
    for (const row of rows) {
      const now = signals.get(row.account_id);
      if (!now) continue;
      const account = { externalId: row.external_id, name: row.name };
      const events: [WebhookEvent, Record<string, unknown>][] = [];
      if (now.stageReached !== row.stage_reached)
        events.push([
          "account.stage_reached",
          { account, stageReached: now.stageReached, previous: row.stage_reached },
        ]);
      if (now.readyForExpansion !== row.ready_for_expansion) {
        events.push([
          "account.ready_for_expansion",
          { account, readyForExpansion: now.readyForExpansion, reasons: now.reasons.readyForExpansion, asOf: now.asOf },
        ]);
      }
      if (now.atRisk !== row.at_risk)
        events.push(["account.at_risk", { account, atRisk: now.atRisk, reasons: now.reasons.atRisk, asOf: now.asOf }]);
      if (!events.length) continue;
      if (listening) for (const [event, data] of events) await enqueueWebhookEvent(tx, event, data, row.account_id);
      changes += events.length;
      changed.push({ id: row.account_id, stage: now.stageReached, ready: now.readyForExpansion, risk: now.atRisk });
    }
    if (changed.length) {
      await queryRows(
        t,
        sql`
        update account_signal_state s set stage_reached = c.stage, ready_for_expansion = c.ready, at_risk = c.risk, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) as c(id uuid, stage text, ready boolean, risk boolean)
        where s.account_id = c.id returning s.account_id`,
      );
    }
    return changes;
  });
}
