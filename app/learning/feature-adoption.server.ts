import { sql } from "drizzle-orm";
import { median } from "simple-statistics";
import { queryRows, type Db } from "#db/index";
import { featuresForTier } from "#app/content/product-features";

/** Months of usage (ending at the account's latest month with data) that adoption is averaged over. */
export const ADOPTION_WINDOW_MONTHS = 3;
/** Similar accounts needed before "less than similar accounts" is claimed. */
export const MIN_PEERS = 3;

export interface FeatureAdoption {
  feature: string;
  /** Average monthly active users of the feature / seats, over the window. */
  rate: number;
  activeUsers: number;
  seats: number;
  /** Median rate of similar accounts (same segment) with usage data in the window; null when too few. */
  peerMedian: number | null;
  peerCount: number;
}

export interface AccountAdoption {
  bought: string[];
  /** False when the account has no usage data at all: then nothing can be said about adoption. */
  hasUsageData: boolean;
  features: FeatureAdoption[];
}

/** Seats an account pays for today: active subscription lines, else the CRM seat count. */
const seatsOf = (accountRef: ReturnType<typeof sql>) => sql`coalesce(nullif((
  select sum(s.seats) from subscription_lines s
  where s.account_id = ${accountRef} and s.start_date <= current_date and (s.end_date is null or s.end_date > current_date)
), 0), a.seats, 0)`;

/**
 * What the account bought (features of its active subscription lines, else its plan tier's features)
 * and how much of each it uses compared with similar accounts. Adoption rate of a feature =
 * average monthly active users of it over the last ADOPTION_WINDOW_MONTHS months / seats.
 */
export async function getAccountAdoption(db: Db, accountId: string): Promise<AccountAdoption> {
  const [account] = await queryRows<{
    segment: string | null;
    plan_tier: string | null;
    seats: number;
    line_features: string[] | null;
    last_month: string | null;
  }>(
    db,
    sql`
    select a.segment, a.plan_tier, ${seatsOf(sql`a.id`)}::int as seats,
      (select array_agg(distinct f) from subscription_lines s, unnest(s.features) f
        where s.account_id = a.id and s.start_date <= current_date and (s.end_date is null or s.end_date > current_date)) as line_features,
      (select max(month)::text from feature_usage_monthly m where m.account_id = a.id) as last_month
    from accounts a where a.id = ${accountId}`,
  );
  if (!account) return { bought: [], hasUsageData: false, features: [] };
  const bought = account.line_features?.length
    ? [...account.line_features].sort()
    : featuresForTier(account.plan_tier ?? "");
  if (!account.last_month || account.seats <= 0 || bought.length === 0)
    return { bought, hasUsageData: !!account.last_month, features: [] };

  const windowEnd = account.last_month;
  const usage = await queryRows<{ feature_key: string; active_users: number }>(
    db,
    sql`
    select feature_key, avg(active_users)::float8 as active_users from feature_usage_monthly
    where account_id = ${accountId} and month > (${windowEnd}::date - ${`${ADOPTION_WINDOW_MONTHS} months`}::interval) and month <= ${windowEnd}::date
    group by feature_key`,
  );
  const peers = await peerRates(db, accountId, account.segment, windowEnd);
  const mine = new Map(usage.map((u) => [u.feature_key, Number(u.active_users)]));
  return {
    bought,
    hasUsageData: true,
    features: bought.map((feature) => {
      const activeUsers = mine.get(feature) ?? 0;
      const rates = peers.rates.get(feature) ?? [];
      // Peers with usage data but none of this feature count as zero adoption.
      const padded = [...rates, ...Array<number>(Math.max(0, peers.count - rates.length)).fill(0)];
      return {
        feature,
        activeUsers,
        seats: account.seats,
        rate: activeUsers / account.seats,
        peerMedian: peers.count >= MIN_PEERS ? median(padded) : null,
        peerCount: peers.count,
      };
    }),
  };
}

type PeerRow = { account_id: string; feature_key: string; rate: number };
type PeerRates = { count: number; rates: Map<string, number[]> };
const peerCache = new Map<string, { at: number; rows: PeerRow[] }>();
const PEER_CACHE_MS = 5 * 60_000;

/**
 * Adoption rates of similar accounts (same segment, active, with seats and usage in the window), the
 * account itself excluded. The segment's rows are cached for a few minutes: they span many accounts
 * and change only when usage is imported.
 */
async function peerRates(db: Db, accountId: string, segment: string | null, windowEnd: string): Promise<PeerRates> {
  const key = `${segment ?? "*"}|${windowEnd}`;
  let rows = peerCache.get(key);
  if (!rows || Date.now() - rows.at > PEER_CACHE_MS) {
    rows = {
      at: Date.now(),
      rows: await queryRows<PeerRow>(
        db,
        sql`
      with peer as (
        select a.id, ${seatsOf(sql`a.id`)} as seats from accounts a
        where a.status = 'active' and ${segment === null ? sql`true` : sql`a.segment = ${segment}`}
      )
      select m.account_id, m.feature_key, (avg(m.active_users) / peer.seats)::float8 as rate
      from feature_usage_monthly m join peer on peer.id = m.account_id
      where peer.seats > 0 and m.month > (${windowEnd}::date - ${`${ADOPTION_WINDOW_MONTHS} months`}::interval) and m.month <= ${windowEnd}::date
      group by m.account_id, m.feature_key, peer.seats`,
      ),
    };
    if (peerCache.size > 500) peerCache.clear();
    peerCache.set(key, rows);
  }
  const others = rows.rows.filter((r) => r.account_id !== accountId);
  const rates = new Map<string, number[]>();
  for (const r of others) rates.set(r.feature_key, [...(rates.get(r.feature_key) ?? []), Number(r.rate)]);
  return { count: new Set(others.map((r) => r.account_id)).size, rates };
}

/** For tests and after imports: forget cached peer rates. */
export function clearPeerCache() {
  peerCache.clear();
}

/** Under-adopted: clearly below similar accounts, or (without enough peers) used by under 20% of seats. */
export function isUnderAdopted(f: FeatureAdoption): boolean {
  if (f.peerMedian !== null && f.peerMedian > 0) return f.rate < 0.6 * f.peerMedian;
  return f.rate < 0.2;
}
