import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Executor } from "#db/index";

/** An account's state in one month (account_month's observed columns), as the report and the training API read it. */
export type AccountMonthState = {
  account_id: string;
  m: string;
  seats: number;
  active_users: number;
  features_used: number;
  features_purchased: number;
  tickets_opened: number;
  tickets_escalated: number;
  feedback_score: number | null;
  community_count: number;
  marketing_count: number;
};

/** The month states of the account_month rows `where` selects, by account then month (a stable order for sums). */
export function loadMonthStates(db: Executor, where: SQL): Promise<AccountMonthState[]> {
  return queryRows<AccountMonthState>(
    db,
    sql`
      select account_id, to_char(month, 'YYYY-MM-DD') m, seats, active_users, features_used, features_purchased, tickets_opened,
        tickets_escalated, feedback_score, community_count, marketing_count
      from account_month where ${where} order by account_id, month`,
  );
}
