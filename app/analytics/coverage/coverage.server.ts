import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db, type Executor } from "#db/index";
import { uuidArray } from "#db/sql-lists";
import { DATA_SOURCES, EMPTY_COVERAGE, type Coverage, type DataSource } from "./sources";

/**
 * The months each source covers (see ./sources.ts), from the fact tables. Each source's facts are
 * dated: revenue by subscription line starts, line ends already passed and revenue movements; usage by
 * month; support by the day a ticket was opened (UTC); feedback, community and marketing by their day.
 * Dates after the current month are not coverage (nothing after today has been observed).
 */
function spansSql(accountIds?: readonly string[]): SQL {
  const only = (col: string) => (accountIds ? sql`and ${sql.raw(col)} = any(${uuidArray(accountIds)})` : sql``);
  const m = (expr: string) => sql.raw(`date_trunc('month', ${expr})::date`);
  return sql`
    with facts as (
      select 'revenue' s, ${m("start_date")} d from subscription_lines where true ${only("account_id")}
      union all select 'revenue', ${m("end_date")} from subscription_lines where end_date <= current_date ${only("account_id")}
      union all select 'revenue', ${m("occurred_on")} from revenue_movements where true ${only("account_id")}
      union all select 'usage', month from feature_usage_monthly where true ${only("account_id")}
      union all select 'support', ${m("(opened_at at time zone 'UTC')")} from support_tickets where true ${only("account_id")}
      union all select 'feedback', ${m("responded_on")} from feedback_responses where true ${only("account_id")}
      union all select 'community', ${m("occurred_on")} from community_activity where true ${only("account_id")}
      union all select 'marketing', ${m("occurred_on")} from marketing_engagement where true ${only("account_id")}
    )
    select s as source, to_char(min(d), 'YYYY-MM-DD') first_month, to_char(max(d), 'YYYY-MM-DD') last_month
    from facts where d <= date_trunc('month', current_date) group by s`;
}

type SpanRow = { source: string; first_month: string; last_month: string };

function toCoverage(rows: SpanRow[]): Coverage {
  const out: Coverage = { ...EMPTY_COVERAGE };
  for (const r of rows) {
    if (DATA_SOURCES.some((s) => s.key === r.source))
      out[r.source as DataSource] = { first: r.first_month, last: r.last_month };
  }
  return out;
}

/**
 * Updates data_coverage. With account ids (after an import, an API batch, the generator) the spans
 * only grow, by those accounts' facts: a few indexed reads. Without, every source is recomputed from
 * all facts (rebuildRollups), which also shrinks spans after deletions.
 */
export async function refreshDataCoverage(db: Executor, accountIds?: readonly string[]): Promise<void> {
  if (accountIds && !accountIds.length) return;
  const spans = spansSql(accountIds);
  if (!accountIds) await db.execute(sql`delete from data_coverage`);
  await db.execute(sql`
    insert into data_coverage (source, first_month, last_month)
    select source, first_month::date, last_month::date from (${spans}) x
    on conflict (source) do update set
      first_month = least(data_coverage.first_month, excluded.first_month),
      last_month = greatest(data_coverage.last_month, excluded.last_month),
      updated_at = now()`);
}

/** Overall coverage per source (one small table read). */
export async function loadDataCoverage(db: Db): Promise<Coverage> {
  return toCoverage(
    await queryRows<SpanRow>(
      db,
      sql`
    select source, to_char(first_month, 'YYYY-MM-DD') first_month, to_char(last_month, 'YYYY-MM-DD') last_month from data_coverage`,
    ),
  );
}

/** One account's own coverage per source, straight from its facts (indexed by account). */
export async function loadAccountCoverage(db: Db, accountId: string): Promise<Coverage> {
  return toCoverage(await queryRows<SpanRow>(db, spansSql([accountId])));
}
